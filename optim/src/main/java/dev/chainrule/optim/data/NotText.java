package dev.chainrule.optim.data;

import java.util.Locale;

/**
 * Why a line that {@link TextLines} found holding characters no text holds is refused: UTF-16,
 * bytes in another encoding, or a binary file. Such characters are named by their code and
 * place, never echoed.
 */
final class NotText {
  private NotText() {}

  /**
   * Control characters (other than tab) and bytes that are not UTF-8 (decoded as U+FFFD) mean a
   * binary file read as text: refuse it, and never echo such characters.
   */
  static void refuse(String line, boolean firstLine, String where) {
    if (firstLine && looksUtf16(line)) {
      throw new DataFormatException(where + ": the file looks like UTF-16 text (a zero byte"
          + " beside each letter), which is not read here: save it as UTF-8");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\uFFFD') {
        throw new DataFormatException(String.format(Locale.ROOT,
            "%s: bytes at position %d are not UTF-8"
            + " text: a file in another encoding (Windows-1252 or Latin-1, as older"
            + " spreadsheets save accented letters) needs saving as UTF-8, and a binary file is"
            + " no CSV", where, i + 1));
      }
      if (!TextLines.isText(c)) {
        throw new DataFormatException(String.format(Locale.ROOT, 
            "%s: control character 0x%02x at position %d: not text; is this a binary file?",
            where, (int) c, i + 1));
      }
    }
  }

  /**
   * UTF-16 text decoded as UTF-8: ASCII letters each with a zero byte beside them, after a
   * byte-order mark (two bytes that are not UTF-8) or without one. Spreadsheet programs write it
   * as "Unicode text", and it read as a binary file.
   */
  private static boolean looksUtf16(String line) {
    int start = line.startsWith("\uFFFD\uFFFD") ? 2 : 0;
    int n = Math.min(line.length() - start, 8);
    // Zeros at every odd place (little-endian) or every even one (big-endian), and only there:
    // a zip archive's "PK\3\4" has one zero, not a pattern.
    for (int zerosAt = 0; zerosAt < 2 && n >= 4; zerosAt++) {
      boolean pattern = true;
      for (int i = 0; i < n && pattern; i++) {
        pattern = (line.charAt(start + i) == 0) == (i % 2 == zerosAt);
      }
      if (pattern) {
        return true;
      }
    }
    return false;
  }
}
