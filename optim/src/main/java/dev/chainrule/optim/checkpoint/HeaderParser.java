package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.DUPLICATE_KEY;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.HEADER_START;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_JSON;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_UTF8;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.METADATA_NOT_OBJECT;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.METADATA_NOT_STRING;
import static dev.chainrule.optim.checkpoint.Quoting.quote;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.chainrule.optim.checkpoint.CheckpointException.Rule;
import dev.chainrule.optim.json.JsonFaults;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors header strictly: UTF-8 decoded with errors reported (never replaced), JSON
 * read token by token so the first token that breaks the schema ends the parse (nothing nested is
 * ever built), and duplicate keys rejected at every level. What one tensor's entry may hold is
 * {@link TensorEntryParser}'s; checks that need the whole header (how the byte ranges fit
 * together) belong to {@link Layout}.
 */
final class HeaderParser {
  // Canonicalized field names would go through a shared symbol table that throws an unchecked
  // exception on hash flooding; headers are small enough to go without. String and name limits
  // are raised to the header limit: a long metadata value is valid, and the header size is capped.
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(SafeTensors.MAX_HEADER_BYTES)
          .maxNameLength(SafeTensors.MAX_HEADER_BYTES)
          .build())
      .build();

  private final String source;

  private HeaderParser(String source) {
    this.source = source;
  }

  /**
   * Parses header bytes. Every type the format defines is accepted, those chainrule does not read
   * too: their widths are known, so their layout is checked as any other's, and only a use of
   * such a tensor is refused.
   */
  static Header parse(String source, byte[] bytes) {
    HeaderParser parser = new HeaderParser(source);
    if (bytes.length == 0 || bytes[0] != '{') {
      throw parser.fail(HEADER_START, bytes.length == 0 ? "the header is empty"
          : String.format(Locale.ROOT, "its first byte is 0x%02x", bytes[0] & 0xff));
    }
    String text = parser.decode(bytes);
    try (JsonParser json = JSON.createParser(text)) {
      return parser.document(json);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(source, INVALID_JSON,
          JsonFaults.describe(e) + JsonFaults.where(e), e);
    } catch (IOException e) {
      // Reading from a string does no I/O; anything Jackson raises here is about the text.
      throw new CheckpointException(source, INVALID_JSON, String.valueOf(e.getMessage()), e);
    }
  }

  private String decode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw fail(INVALID_UTF8, "malformed byte sequence at header byte " + in.position());
    }
    return out.flip().toString();
  }

  private Header document(JsonParser json) throws IOException {
    json.nextToken(); // the first byte is '{', so this is START_OBJECT or a parse error
    Set<String> keys = new HashSet<>();
    List<Header.Entry> entries = new ArrayList<>();
    Map<String, String> metadata = Map.of();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      if (!keys.add(key)) {
        throw fail(DUPLICATE_KEY, quote(key) + " appears twice at the top level");
      }
      json.nextToken();
      if (key.equals(SafeTensors.METADATA_KEY)) {
        metadata = metadata(json);
      } else {
        entries.add(TensorEntryParser.read(source, key, json));
      }
    }
    if (json.nextToken() != null) {
      throw fail(INVALID_JSON, "more JSON follows the header object");
    }
    return new Header(entries, metadata);
  }

  private Map<String, String> metadata(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      // The reference reader's __metadata__ is optional, and JSON null reads as absent there.
      return new LinkedHashMap<>();
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw fail(METADATA_NOT_OBJECT, "it is " + JsonTokens.token(json));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      if (metadata.containsKey(key)) {
        throw fail(DUPLICATE_KEY, "metadata key " + quote(key) + " appears twice");
      }
      if (json.nextToken() != JsonToken.VALUE_STRING) {
        throw fail(METADATA_NOT_STRING, "key " + quote(key) + " maps to " + JsonTokens.token(json));
      }
      metadata.put(key, json.getText());
    }
    return metadata;
  }

  private CheckpointException fail(Rule rule, String details) {
    return new CheckpointException(source, rule, details);
  }
}
