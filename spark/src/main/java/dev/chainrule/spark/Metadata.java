package dev.chainrule.spark;

import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.report.PrintableText;
import java.util.Map;

/**
 * Reading of the numbers Spark training writes into a checkpoint's metadata: by value, not by
 * spelling, and refused, naming the entry and the file, when no number of the entry's kind.
 */
final class Metadata {
  private Metadata() {}

  /** The entry's text. */
  static String text(Map<String, String> metadata, String key, String file) {
    String value = metadata.get(key);
    if (value == null) {
      throw new IllegalArgumentException(file + ": not a checkpoint of Spark training: the"
          + " metadata has no \"" + key + "\"");
    }
    return value;
  }

  /** A whole number an int holds, spelt as {@link #whole} reads it. */
  static int integer(Map<String, String> metadata, String key, String file) {
    long value = whole(metadata, key, file);
    if (value != (int) value) {
      throw malformed(file, key, metadata.get(key));
    }
    return (int) value;
  }

  /** A whole number of at least 0 an int holds: an epoch or a step. */
  static int count(Map<String, String> metadata, String key, String file) {
    int value = integer(metadata, key, file);
    if (value < 0) {
      throw malformed(file, key, metadata.get(key));
    }
    return value;
  }

  /**
   * A whole number, read as optim's {@link MetadataNumbers} reads one for the program's {@code
   * train --load}: "0.0" and " 0" are 0, so that the two read one file alike ({@code --resume}
   * refused a step entry of "0.0" that train took for an epoch's end).
   */
  static long whole(Map<String, String> metadata, String key, String file) {
    String value = text(metadata, key, file);
    return MetadataNumbers.whole(value).orElseThrow(() -> malformed(file, key, value));
  }

  static double real(Map<String, String> metadata, String key, String file) {
    String value = text(metadata, key, file);
    try {
      double number = Double.parseDouble(value);
      if (!Double.isFinite(number)) {
        throw malformed(file, key, value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw malformed(file, key, value);
    }
  }

  private static IllegalArgumentException malformed(String file, String key, String value) {
    // The entry as the program's train --load shows one: a control character in it (an ANSI
    // escape, a line break) went to the terminal as it stood.
    return new IllegalArgumentException(file + ": the metadata's \"" + key + "\" is \""
        + PrintableText.of(value) + "\", not a number of the kind it records");
  }
}
