package dev.chainrule.optim.data;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Texts that are one text in two Unicode forms: "café" with the composed é (U+00E9, form NFC,
 * what most keyboards type) and with an e followed by a combining acute accent (U+0065 U+0301,
 * form NFD, what macOS file names and some exports hold). They print alike and are not equal, so
 * a label written both ways made two classes that printed as one, and a column name typed one
 * way was not found in a header that showed it. Names are not normalized while reading (which
 * would change what a file says); a message names the code points that differ instead.
 */
final class UnicodeForms {
  private UnicodeForms() {}

  /** {@code text} in Unicode's composed form, NFC: the key under which forms of it are one. */
  static String composed(String text) {
    return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
        : Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /** Whether {@code a} and {@code b} differ only in their Unicode form. */
  static boolean alike(String a, String b) {
    return !a.equals(b) && composed(a).equals(composed(b));
  }

  /**
   * For each of {@code texts} (two or more), the code points where it differs from the others,
   * as {@code U+0065 U+0301}: what they share at the start and at the end is left out.
   */
  static List<String> differences(List<String> texts) {
    return parts(texts).stream().map(part -> part.codePoints()
        .mapToObj(cp -> String.format(Locale.ROOT,
            "U+%04X", cp)).collect(Collectors.joining(" "))).toList();
  }

  /**
   * Whether the forms of {@code texts} differ by a combining mark: an accent composed with its
   * letter in one and written after it in another. No accent need differ: U+212B ANGSTROM SIGN
   * is U+00C5 in NFC, and was said to be "an accent composed with its letter, or written after
   * it".
   */
  static boolean accented(List<String> texts) {
    return parts(texts).stream().anyMatch(part -> part.codePoints().anyMatch(cp -> {
      int type = Character.getType(cp);
      return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK;
    }));
  }

  /** How forms differ, in parentheses after a space, as {@link #accented} found. */
  static String kind(boolean accented) {
    return accented ? " (an accent composed with its letter, or written after it)"
        : " (the composed form, NFC, and another)";
  }

  /** For each of {@code texts}, the part where it differs from the others. */
  private static List<String> parts(List<String> texts) {
    String first = texts.get(0);
    int prefix = first.length();
    int suffix = first.length();
    for (String text : texts.subList(1, texts.size())) {
      prefix = Math.min(prefix, commonPrefix(first, text));
      suffix = Math.min(suffix, commonSuffix(first, text));
    }
    int shortest = texts.stream().mapToInt(String::length).min().orElse(0);
    // A part shared at both ends of the shortest text is counted once: "aa" and "aaa".
    suffix = Math.min(suffix, shortest - prefix);
    // A surrogate pair is not cut in two: a cut point falls before its high surrogate.
    int start = prefix > 0 && Character.isHighSurrogate(first.charAt(prefix - 1)) ? prefix - 1
        : prefix;
    int end = suffix;
    return texts.stream().map(text -> {
      int stop = text.length() - end;
      if (stop < text.length() && Character.isLowSurrogate(text.charAt(stop))) {
        stop++;
      }
      return text.substring(start, Math.max(start, stop));
    }).toList();
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  private static int commonSuffix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length()
        && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
      n++;
    }
    return n;
  }
}
