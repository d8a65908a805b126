package dev.chainrule.optim.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Text that came from a file (a checkpoint's metadata entry, a CSV name, a tensor's name), made
 * safe to print on one line. Both launchers print such text in their messages, and one rule for
 * both keeps a file from breaking the layout or sending codes to the terminal in either: the
 * Spark launcher printed an entry as it stood, so an ANSI escape in it was obeyed and a line
 * break began a line of its own, where the program's {@code train} showed '?'.
 */
public final class PrintableText {
  private PrintableText() {}

  /**
   * The text with every control character (line breaks, tab and the escape that starts a
   * terminal's sequences included), DEL, C1 control and U+FFFD (which stands for bytes that were
   * not text) replaced by '?'.
   *
   * @param text the text
   * @return the text, as long, with every such character replaced
   * @throws NullPointerException if {@code text} is null
   */
  public static String of(String text) {
    checkNotNull(text, "PrintableText.of: text is null");
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\uFFFD';
      line.append(control ? '?' : c);
    }
    return line.toString();
  }

  /**
   * The text made printable as {@link #of} does and, when longer than 64 characters, cut to its
   * first 60 and "...": a value from a file is quoted in a message to name it, and a file can
   * hold a megabyte in one entry.
   *
   * @param text the text
   * @return the printable text, at most 64 characters long
   * @throws NullPointerException if {@code text} is null
   */
  public static String shortened(String text) {
    return shortened(text, 64);
  }

  /**
   * The text made printable as {@link #of} does and, when longer than {@code limit} characters,
   * cut to its first {@code limit - 4} and "...".
   *
   * @param text the text
   * @param limit the longest text returned, at least 8
   * @return the printable text, at most {@code limit} characters long
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code limit} is below 8
   */
  public static String shortened(String text, int limit) {
    checkArgument(limit >= 8, "PrintableText.shortened: limit %s is below 8", limit);
    String printable = of(text);
    return printable.length() <= limit ? printable : printable.substring(0, limit - 4) + "...";
  }
}
