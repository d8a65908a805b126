package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the program in-process and captures what it prints. */
final class Cli {
  private Cli() {}

  record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    /** The last line of output, parsed as a flat JSON object. */
    Map<String, Object> json() throws IOException {
      List<String> lines = lines();
      Map<String, Object> fields = new LinkedHashMap<>();
      try (JsonParser parser = new JsonFactory().createParser(lines.get(lines.size() - 1))) {
        assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          fields.put(name, switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
            case VALUE_NULL -> Double.NaN;
            default -> parser.getText();
          });
        }
      }
      return fields;
    }

    double number(String field) throws IOException {
      return (Double) json().get(field);
    }

    /** The figure after "test accuracy " in the text output (for runs without --json). */
    double testAccuracy() {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("test accuracy ([0-9.]+) ")
          .matcher(out);
      assertTrue(m.find(), "no test accuracy in\n" + out);
      return Double.parseDouble(m.group(1));
    }
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
