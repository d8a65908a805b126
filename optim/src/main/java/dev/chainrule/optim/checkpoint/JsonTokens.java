package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.Quoting.abbreviate;
import static dev.chainrule.optim.checkpoint.Quoting.quote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A token of a header found where another belongs, as the checkpoint's messages describe it.
 * What is wrong with text that is not JSON at all is worded by
 * {@link dev.chainrule.optim.json.JsonFaults}.
 */
final class JsonTokens {
  private JsonTokens() {}

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
