package dev.chainrule.optim.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with JSON read from a file, in chainrule's words. Jackson's own message can end in
 * advice to its programmer ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow") or
 * name its own settings ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
 * disabled)"), which the user of a file cannot change and which would not make the file right:
 * those parts are left out, and what the text holds is said instead. The safetensors header and
 * the model description in a checkpoint's metadata are worded alike through it.
 */
public final class JsonFaults {
  private JsonFaults() {}

  /** Jackson's "Non-standard token 'NaN'" and the like: a number JSON has no spelling for. */
  private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'");

  /** Jackson's "Unrecognized token 'oops': was expecting (JSON String, ...)": a bare word. */
  private static final Pattern UNRECOGNIZED_TOKEN =
      Pattern.compile("Unrecognized token '([^']*)': was expecting .*", Pattern.DOTALL);

  /** Text that ends inside an object or array, and where that opened. */
  private static final Pattern UNCLOSED = Pattern.compile("Unexpected end-of-input: expected close"
      + " marker for (Object|Array) \\(start marker at \\[.*?line: (\\d+), column: (\\d+)\\]\\)",
      Pattern.DOTALL);

  /** Text cut short elsewhere: between an object's or array's entries, in a name or a string. */
  private static final Pattern CUT_SHORT = Pattern.compile("Unexpected end-of-input(?::? within/"
      + "between (Object|Array) entries| in (field name)|: was expecting closing quote for a"
      + " (string) value)");

  /** Jackson's name for its input, which says only that it names none ("REDACTED ..."). */
  private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; (line: \\d+, column:"
      + " \\d+)\\]", Pattern.DOTALL);

  /**
   * The start of Jackson's advice in its messages: a feature to enable, or a guess at what was
   * meant ("maybe a (non-standard) comment?"), which names a feature after it.
   */
  private static final Pattern ADVICE = Pattern.compile(
      "(?:[:;,]\\s*)?(?:enable|disable)?\\s*`?(?:JsonReadFeature|JsonParser\\.Feature)"
          + "|:\\s*maybe a \\(non-standard\\)|\\(not recognized as one since Feature"
          + "|\\(JSON feature|\\s*\\(?(?:enable|disable) `?[A-Z][A-Z_]+`?");

  /**
   * The fault of {@code e} in chainrule's words, without Jackson's advice or settings.
   *
   * @param e what Jackson raised while reading the text
   * @return a description of what is wrong with the text, not of how to configure a parser
   */
  public static String describe(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    Matcher token = NON_STANDARD_TOKEN.matcher(message);
    if (token.find()) {
      return token.group(1) + " is not a JSON number (JSON has no NaN or Infinity; a number"
          + " such as " + token.group(1) + " is written as a string)";
    }
    Matcher word = UNRECOGNIZED_TOKEN.matcher(message);
    if (word.matches()) {
      return "'" + word.group(1) + "' is not a JSON value (a string in double quotes, a number,"
          + " an object, an array, true, false or null)";
    }
    Matcher unclosed = UNCLOSED.matcher(message);
    if (unclosed.find()) {
      return "the text ends before the " + unclosed.group(1).toLowerCase(Locale.ROOT)
          + " opened at line " + unclosed.group(2) + ", column " + unclosed.group(3)
          + " is closed";
    }
    Matcher cut = CUT_SHORT.matcher(message);
    if (cut.lookingAt()) {
      String where = cut.group(1) != null ? cut.group(1).toLowerCase(Locale.ROOT)
          : cut.group(2) != null ? cut.group(2) : cut.group(3);
      boolean vowel = where.startsWith("a") || where.startsWith("o");
      return "the text ends in the middle of " + (vowel ? "an " : "a ") + where;
    }
    if (message.contains("maybe a (non-standard) comment")) {
      return message.substring(0, message.indexOf(": maybe a (non-standard)"))
          + ": a comment, which JSON does not allow";
    }
    message = SOURCE.matcher(message).replaceAll("$1");
    Matcher advice = ADVICE.matcher(message);
    return advice.find() && advice.start() > 0 ? message.substring(0, advice.start()).trim()
        : message;
  }

  /**
   * Where in the text Jackson stopped, for the end of a message.
   *
   * @param e what Jackson raised while reading the text
   * @return {@code " (at character N)"}, counting from 1, or empty when Jackson gives no place
   */
  public static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getCharOffset() < 0 ? ""
        : " (at character " + (at.getCharOffset() + 1) + ")";
  }
}
