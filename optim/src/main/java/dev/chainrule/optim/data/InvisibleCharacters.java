package dev.chainrule.optim.data;

import java.util.Locale;

/**
 * Invisible format characters (Unicode category Cf: a zero-width space U+200B, joiners U+200C
 * and U+200D, the word joiner U+2060, U+FEFF) in names read from a file: where one is, what the
 * name prints as, and the name with each one written out so a message can show it.
 */
final class InvisibleCharacters {
  private InvisibleCharacters() {}

  /** The index of the first format character in {@code text}, or -1. */
  static int first(String text) {
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      if (Character.getType(text.codePointAt(i)) == Character.FORMAT) {
        return i;
      }
    }
    return -1;
  }

  /** {@code U+200B}: the first format character of a text that holds one ({@link #first}). */
  static String firstCodePoint(String text) {
    return codePoint(text.codePointAt(first(text)));
  }

  /** The text as it prints: without its format characters. */
  static String stripped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The text with each format character written as {@code <U+200B>}, so it can be seen. */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.FORMAT) {
        out.append('<').append(codePoint(cp)).append('>');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static String codePoint(int cp) {
    return String.format(Locale.ROOT, "U+%04X", cp);
  }
}
