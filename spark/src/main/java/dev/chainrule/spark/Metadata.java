package dev.chainrule.spark;

import java.util.Map;

/** Strict reading of the numbers Spark training writes into a checkpoint's metadata. */
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

  static int integer(Map<String, String> metadata, String key, String file) {
    long value = whole(metadata, key, file);
    if (value != (int) value) {
      throw malformed(file, key, Long.toString(value));
    }
    return (int) value;
  }

  static long whole(Map<String, String> metadata, String key, String file) {
    String value = text(metadata, key, file);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw malformed(file, key, value);
    }
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
    return new IllegalArgumentException(file + ": the metadata's \"" + key + "\" is \"" + value
        + "\", not a number of the kind it records");
  }
}
