package dev.chainrule.optim.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** One line of JSON for scripts: a flat object of numbers, strings and booleans, in order. */
public final class JsonLine {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLine() {}

  /**
   * The fields as a one-line JSON object; null, NaN and infinities become null (JSON has no NaN),
   * and fractional numbers are written as {@link NumberText} writes them.
   *
   * @param fields names and values, in order
   * @return the JSON object on one line
   */
  public static String of(Map<String, ?> fields) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      for (Map.Entry<String, ?> field : fields.entrySet()) {
        json.writeFieldName(field.getKey());
        Object value = field.getValue();
        if (value == null || value instanceof Double d && !Double.isFinite(d)
            || value instanceof Float f && !Float.isFinite(f)) {
          json.writeNull();
        } else if (value instanceof Number n) {
          if (n instanceof Float f) {
            // A float's own shortest text: as a double, 0.1f would read 0.10000000149011612.
            json.writeNumber(NumberText.of(f.floatValue()));
          } else if (n instanceof Double d) {
            // As predict's CSV writes it: 10000000.0, where Java wrote 1.0E7.
            json.writeNumber(NumberText.of(d.doubleValue()));
          } else {
            json.writeNumber(n.longValue());
          }
        } else if (value instanceof Boolean b) {
          json.writeBoolean(b);
        } else {
          json.writeString(String.valueOf(value));
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("JSON to a string cannot fail", e);
    }
    return text.toString();
  }
}
