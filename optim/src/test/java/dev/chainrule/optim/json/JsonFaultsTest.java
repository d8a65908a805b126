package dev.chainrule.optim.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of text Jackson refuses, as chainrule words it: what the text holds and where, with
 * none of Jackson's advice ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow") or
 * settings ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)").
 */
class JsonFaultsTest {
  private static final JsonFactory JSON = new JsonFactory();

  /** Reads {@code text} to its end and returns what Jackson raised. */
  private static JsonProcessingException fault(String text) {
    return assertThrows(JsonProcessingException.class, () -> {
      try (JsonParser parser = JSON.createParser(text)) {
        while (parser.nextToken() != null) {
          // every token, to the fault
        }
      }
    }, text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"a\":NaN}|NaN is not a JSON number (JSON has no NaN or Infinity; a number such as NaN is"
          + " written as a string) (at character 9)",
      "{\"a\":-Infinity}|-Infinity is not a JSON number (JSON has no NaN or Infinity; a number"
          + " such as -Infinity is written as a string) (at character 15)",
      "{\"a\":1|the text ends before the object opened at line 1, column 1 is closed (at"
          + " character 7)",
      "{\"a\":[1,2|the text ends before the array opened at line 1, column 6 is closed (at"
          + " character 10)",
      "{\"a\":tru}|'tru' is not a JSON value (a string in double quotes, a number, an object, an"
          + " array, true, false or null) (at character 6)",
      "{} oops|'oops' is not a JSON value (a string in double quotes, a number, an object, an"
          + " array, true, false or null) (at character 4)",
      "{\"a\":1 /* c */}|Unexpected character ('/' (code 47)): a comment, which JSON does not"
          + " allow (at character 8)",
      "{\"a\":\"x|the text ends in the middle of a string (at character 8)",
      "{\"a\":|the text ends in the middle of an object (at character 6)",
      "[1,|the text ends in the middle of an array (at character 4)",
      "{\"ab|the text ends in the middle of a field name (at character 5)",
      // Any other fault in Jackson's words, less its advice; the first character is character 1.
      "{\"a\" 1}|Unexpected character ('1' (code 49)): was expecting a colon to separate field"
          + " name and value (at character 6)",
      "{\"a\":+1}|Unexpected character ('+' (code 43)) in numeric value: JSON spec does not"
          + " allow numbers to have plus signs (at character 7)",
      "]|Unexpected close marker ']': no open Array to close (at character 1)"})
  void saysWhatTheTextHoldsAndWhere(String text, String words) {
    JsonProcessingException e = fault(text);
    assertEquals(words, JsonFaults.describe(e) + JsonFaults.where(e));
  }

  /**
   * Advice is cut only after the fault it follows: a message that is advice from its first
   * character (no Jackson message read so far) is kept whole, not cut to an empty description.
   */
  @Test
  void aMessageThatStartsWithAdviceIsKeptWhole() {
    String advice = "enable `JsonReadFeature.ALLOW_JAVA_COMMENTS` to allow";
    assertEquals(advice, JsonFaults.describe(new JsonParseException(null, advice)));
  }
}
