package dev.chainrule.optim.checkpoint;

import static dev.chainrule.core.Tensors.LONGEST_ARRAY;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.DUPLICATE_KEY;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.EMPTY_NAME;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.ENTRY_NOT_OBJECT;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.EXTRA_FIELD;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.HEADER_START;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_JSON;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_OFFSETS;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_SHAPE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_UTF8;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.METADATA_NOT_OBJECT;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.METADATA_NOT_STRING;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.MISSING_FIELD;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.TENSOR_TOO_LARGE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.UNKNOWN_DTYPE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.WRONG_TYPE;
import static dev.chainrule.optim.checkpoint.Quoting.abbreviate;
import static dev.chainrule.optim.checkpoint.Quoting.quote;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.chainrule.core.Shape;
import dev.chainrule.optim.checkpoint.CheckpointException.Rule;
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
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors header strictly: UTF-8 decoded with errors reported (never replaced), JSON
 * read token by token so the first token that breaks the schema ends the parse (nothing nested is
 * ever built), and duplicate keys rejected at every level. Checks that need the whole header (how
 * the byte ranges fit together) belong to {@link Layout}.
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
          : String.format("its first byte is 0x%02x", bytes[0] & 0xff));
    }
    String text = parser.decode(bytes);
    try (JsonParser json = JSON.createParser(text)) {
      return parser.document(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (at character " + (at.getCharOffset() + 1) + ")";
      throw new CheckpointException(source, INVALID_JSON, JsonFaults.describe(e) + where, e);
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
        entries.add(entry(key, json));
      }
    }
    if (json.nextToken() != null) {
      throw fail(INVALID_JSON, "more JSON follows the header object");
    }
    return new Header(entries, metadata);
  }

  private Header.Entry entry(String name, JsonParser json) throws IOException {
    if (name.isEmpty()) {
      throw fail(EMPTY_NAME, "a tensor is named \"\"");
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw fail(ENTRY_NOT_OBJECT, "tensor " + quote(name) + " maps to " + describe(json));
    }
    Set<String> fields = new HashSet<>();
    FileDType dtype = null;
    List<Long> dims = null;
    long[] offsets = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      if (!fields.add(field)) {
        throw fail(DUPLICATE_KEY,
            "tensor " + quote(name) + " has field " + quote(field) + " twice");
      }
      json.nextToken();
      switch (field) {
        case "dtype" -> dtype = dtype(name, json);
        case "shape" -> dims = shape(name, json);
        case "data_offsets" -> offsets = offsets(name, json);
        default -> throw fail(EXTRA_FIELD, "tensor " + quote(name) + " has field " + quote(field)
            + " (allowed: dtype, shape, data_offsets)");
      }
    }
    for (String field : List.of("dtype", "shape", "data_offsets")) {
      if (!fields.contains(field)) {
        throw fail(MISSING_FIELD, "tensor " + quote(name) + " has no " + quote(field));
      }
    }
    checkElementCount(name, dims);
    return new Header.Entry(name, dtype, dims, offsets[0], offsets[1]);
  }

  private FileDType dtype(String name, JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.VALUE_STRING) {
      throw fail(WRONG_TYPE, "tensor " + quote(name) + ": dtype is " + describe(json)
          + ", not a string");
    }
    String text = json.getText();
    return FileDType.named(text).orElseThrow(() -> fail(UNKNOWN_DTYPE, "tensor "
        + quote(name) + " has dtype " + quote(text) + ", which safetensors does not define"));
  }

  /**
   * The dimensions as written. One beyond 2^31 - 1, which a {@link Shape} cannot hold, is kept
   * when another is 0: such a tensor has no elements and is valid (PyTorch makes one with
   * {@code torch.empty(2**31, 0)}), so its file is read and the tensor listed as unreadable,
   * where it once refused the whole file. A tensor with elements and such a dimension is too
   * large for chainrule, and so is a dimension beyond 2^63 - 1, more than any shape of
   * PyTorch's or NumPy's holds.
   */
  private List<Long> shape(String name, JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw fail(WRONG_TYPE, "tensor " + quote(name) + ": shape is " + describe(json)
          + ", not an array");
    }
    List<Long> dims = new ArrayList<>();
    String beyondInt = null;  // the first dimension beyond 2^31 - 1, as written
    String beyondLong = null;  // the first beyond 2^63 - 1
    while (json.nextToken() != JsonToken.END_ARRAY) {
      if (!isNonNegativeInteger(json)) {
        throw fail(INVALID_SHAPE, "tensor " + quote(name) + ": shape element " + dims.size()
            + " is " + describe(json));
      }
      boolean huge = json.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
      if (huge && beyondLong == null) {
        beyondLong = json.getText();
      }
      if ((huge || json.getLongValue() > Integer.MAX_VALUE) && beyondInt == null) {
        beyondInt = json.getText();
      }
      dims.add(huge ? Long.MAX_VALUE : json.getLongValue());  // a huge one is refused below
    }
    if (beyondInt != null && !dims.contains(0L)) {
      throw fail(TENSOR_TOO_LARGE, "tensor " + quote(name) + ": dimension " + beyondInt
          + " exceeds 2^31 - 1");
    }
    if (beyondLong != null) {
      throw fail(TENSOR_TOO_LARGE, "tensor " + quote(name) + ": dimension " + beyondLong
          + " exceeds 2^63 - 1");
    }
    return dims;
  }

  private long[] offsets(String name, JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw fail(WRONG_TYPE, "tensor " + quote(name) + ": data_offsets is " + describe(json)
          + ", not an array");
    }
    long[] offsets = new long[2];
    int count = 0;
    while (json.nextToken() != JsonToken.END_ARRAY) {
      if (count == 2) {
        throw fail(INVALID_OFFSETS, "tensor " + quote(name) + " has more than two data_offsets");
      }
      if (!isNonNegativeInteger(json)
          || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw fail(INVALID_OFFSETS, "tensor " + quote(name) + ": data_offsets element " + count
            + " is " + describe(json));
      }
      offsets[count++] = json.getLongValue();
    }
    if (count != 2) {
      throw fail(INVALID_OFFSETS, "tensor " + quote(name) + " has " + count + " data_offsets");
    }
    if (offsets[0] > offsets[1]) {
      throw fail(INVALID_OFFSETS, "tensor " + quote(name) + ": begin " + offsets[0] + " > end "
          + offsets[1]);
    }
    return offsets;
  }

  private Map<String, String> metadata(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      // The reference reader's __metadata__ is optional, and JSON null reads as absent there.
      return new LinkedHashMap<>();
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw fail(METADATA_NOT_OBJECT, "it is " + describe(json));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      if (metadata.containsKey(key)) {
        throw fail(DUPLICATE_KEY, "metadata key " + quote(key) + " appears twice");
      }
      if (json.nextToken() != JsonToken.VALUE_STRING) {
        throw fail(METADATA_NOT_STRING, "key " + quote(key) + " maps to " + describe(json));
      }
      metadata.put(key, json.getText());
    }
    return metadata;
  }

  /**
   * Rejects shapes whose element count exceeds what a chainrule tensor holds: the longest array
   * HotSpot allocates, 2^31 - 3 elements ({@link dev.chainrule.core.Tensors#LONGEST_ARRAY}). A
   * tensor of 2^31 - 2 or 2^31 - 1 elements passed a bound of 2^31 - 1 and ended in
   * "OutOfMemoryError: Requested array size exceeds VM limit" when it was read. Every dimension
   * is below 2^31 here unless one is 0 ({@link #shape}).
   */
  private void checkElementCount(String name, List<Long> dims) {
    if (dims.contains(0L)) {
      return; // a zero-size tensor of any shape is fine
    }
    long count = 1;
    for (long d : dims) {
      count *= d; // both factors are below 2^31 and count stays below 2^31: no overflow
      if (count > LONGEST_ARRAY) {
        throw fail(TENSOR_TOO_LARGE, "tensor " + quote(name) + " has more than 2^31 - 3"
            + " elements, the most a Java array holds");
      }
    }
  }

  private static boolean isNonNegativeInteger(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NUMBER_INT
        && (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? json.getBigIntegerValue().signum() >= 0 : json.getLongValue() >= 0);
  }

  /** A token as messages describe it: its kind, and the value itself for short scalars. */
  private static String describe(JsonParser json) throws IOException {
    JsonToken token = json.currentToken();
    if (token == null) {
      return "missing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string " + quote(json.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> abbreviate(json.getText());
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> json.getText();
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  private CheckpointException fail(Rule rule, String details) {
    return new CheckpointException(source, rule, details);
  }
}
