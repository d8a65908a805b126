package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** File text made safe for one line of a terminal, for both launchers. */
class PrintableTextTest {
  @Test
  void controlsBecomeQuestionMarks() {
    // ESC (an ANSI sequence's start), line breaks, tab, NUL, DEL, a C1 control (CSI, U+009B)
    // and U+FFFD, which stands for bytes that were not UTF-8.
    assertEquals("?[31mred?next??line?tab?nul?del?csi?bad",
        PrintableText.of("\u001b[31mred\nnext\r\nline\ttab\u0000nul\u007fdel\u009bcsi\uFFFDbad"));
    assertEquals("?[2J", PrintableText.of("\u001b[2J"));
    assertEquals(4, PrintableText.of("\r\n\t\u0085").length(), "one '?' for each character");
    // The edges of the ranges: U+001F and U+009F (APC) are controls, space and U+00A0 are not.
    assertEquals("? ??\u00a0", PrintableText.of("\u001f \u0080\u009f\u00a0"));
  }

  /**
   * A value quoted in a message is cut to its first limit - 4 characters and "..." only when it
   * is longer than the limit (64 unless given), measured after its controls became '?'.
   */
  @Test
  void longTextIsShortenedToTheLimit() {
    String sixtyFour = "a".repeat(63) + "\n";
    assertEquals("a".repeat(63) + "?", PrintableText.shortened(sixtyFour), "at the limit: kept");
    assertEquals("a".repeat(60) + "...", PrintableText.shortened(sixtyFour + "b"));
    assertEquals("abcdefgh", PrintableText.shortened("abcdefgh", 8));
    assertEquals("abcd...", PrintableText.shortened("abcdefghi", 8), "limit - 4, then the dots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrintableText.shortened("abc", 7));
    assertEquals("PrintableText.shortened: limit 7 is below 8", e.getMessage());
  }

  @Test
  void textIsKept() {
    String text = "Größe, \"quoted\" 名前 é (U+00A0:\u00a0) emoji \ud83d\ude00";
    assertEquals(text, PrintableText.of(text));
  }

  @Test
  void nullIsRefusedNamingTheMethod() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> PrintableText.of(null));
    assertEquals("PrintableText.of: text is null", e.getMessage());
  }
}
