package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.Quoting.abbreviate;
import static dev.chainrule.optim.checkpoint.Quoting.quote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a header's JSON, in the checkpoint's words: text that is not JSON, or a
 * token where the format has another ({@link #token}). Jackson's own message can end in advice
 * to its programmer ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"), a setting
 * the user of a file cannot change and that would not make the file a safetensors file: the
 * advice is left out, and what the file holds is said instead.
 */
final class JsonFaults {
  private JsonFaults() {}

  /** Jackson's "Non-standard token 'NaN'" and the like: a number JSON has no spelling for. */
  private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'");

  /**
   * The start of Jackson's advice in its messages: a feature to enable, or a guess at what was
   * meant ("maybe a (non-standard) comment?"), which names a feature after it.
   */
  private static final Pattern ADVICE = Pattern.compile(
      "(?:[:;,]\\s*)?(?:enable|disable)?\\s*`?(?:JsonReadFeature|JsonParser\\.Feature)"
          + "|:\\s*maybe a \\(non-standard\\)|\\(not recognized as one since Feature"
          + "|\\(JSON feature|\\s*\\(?(?:enable|disable) `?[A-Z][A-Z_]+`?");

  /**
   * The fault of {@code e} without Jackson's advice.
   *
   * @param e what Jackson raised while reading the header
   * @return a description of what is wrong with the text, not of how to configure a parser
   */
  static String describe(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    Matcher token = NON_STANDARD_TOKEN.matcher(message);
    if (token.find()) {
      return token.group(1) + " is not a JSON number (JSON has no NaN or Infinity; a number"
          + " such as " + token.group(1) + " is written as a string)";
    }
    if (message.contains("maybe a (non-standard) comment")) {
      return message.substring(0, message.indexOf(": maybe a (non-standard)"))
          + ": a comment, which JSON does not allow";
    }
    Matcher advice = ADVICE.matcher(message);
    return advice.find() && advice.start() > 0 ? message.substring(0, advice.start()).trim()
        : message;
  }

  /**
   * A token found where another belongs, as messages describe it: its kind, and the value itself
   * for short scalars ("an array", "the string \"F33\"", "-1").
   */
  static String token(JsonParser json) throws IOException {
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
}
