package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.chainrule.optim.report.PrintableText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns a launcher's {@code --drop} left out of a CSV file's header, as a checkpoint's
 * metadata records them beside the model's description: the description names the features kept
 * (its {@code features.names}) but not what was left out, so a resumed run with more features
 * than the file's could not tell a shorter {@code --drop} from a header that gained a column.
 * The entry is a JSON array of the names as typed, written as the description writes its feature
 * names; an empty array records a header read whole, and a file without the entry (written
 * before it was recorded, or by a run that named its features) says nothing either way.
 *
 * @param names the names {@code --drop} gave, as typed (a name may be in double quotes, found
 *     without them: {@link CsvCommandLine#unquoted}); empty for none
 */
public record DroppedColumns(List<String> names) {
  /** The metadata key of the entry. */
  public static final String METADATA_KEY = "chainrule.dropped_columns";

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The columns, copied.
   *
   * @param names the names as typed, none null
   */
  public DroppedColumns {
    names = List.copyOf(checkNotNull(names, "DroppedColumns: names is null"));
  }

  /**
   * The entry to write into a checkpoint's metadata.
   *
   * @return {@link #METADATA_KEY} and the names as a JSON array of strings
   */
  public Map<String, String> metadata() {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartArray();
      for (String name : names) {
        json.writeString(name);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("JSON to a string cannot fail", e);
    }
    return Map.of(METADATA_KEY, text.toString());
  }

  /**
   * The columns a checkpoint's metadata records.
   *
   * @param metadata the checkpoint's metadata
   * @param file the file's name, for the refusal
   * @return the columns; empty when the metadata has no such entry
   * @throws IllegalArgumentException naming the file and the entry (its text made printable)
   *     when the entry is not a JSON array of strings
   */
  public static Optional<DroppedColumns> recorded(Map<String, String> metadata, String file) {
    String text = metadata.get(METADATA_KEY);
    if (text == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    try (JsonParser json = JSON.createParser(text)) {
      boolean array = json.nextToken() == JsonToken.START_ARRAY;
      for (JsonToken token = array ? json.nextToken() : null; token == JsonToken.VALUE_STRING;
          token = json.nextToken()) {
        names.add(json.getText());
      }
      if (array && json.currentToken() == JsonToken.END_ARRAY && json.nextToken() == null) {
        return Optional.of(new DroppedColumns(names));
      }
    } catch (JsonProcessingException e) {
      // Refused below, as any other text that is not such an array.
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e);
    }
    throw new IllegalArgumentException(file + ": the metadata's \"" + METADATA_KEY + "\" is \""
        + PrintableText.of(text) + "\", not a JSON array of the column names --drop left out");
  }
}
