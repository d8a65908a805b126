package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CSV reader's lines: those of BufferedReader.readLine, but a binary file with no line break
 * is refused after a few kilobytes instead of read whole as one line, which ran out of memory
 * on a large one (the program then blamed the model's size).
 */
class TextLinesTest {
  /** A reader that hands out at most a few characters at a time, so line breaks split. */
  private static Reader trickle(String text, SplittableRandom random) {
    return new Reader() {
      private final StringReader in = new StringReader(text);

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        return in.read(buffer, offset, Math.min(length, 1 + random.nextInt(3)));
      }

      @Override
      public void close() {}
    };
  }

  private static List<String> lines(Reader in, boolean ours) throws IOException {
    List<String> lines = new ArrayList<>();
    if (ours) {
      TextLines text = new TextLines(in);
      for (String line = text.next(); line != null; line = text.next()) {
        assertFalse(text.cut(), "no line of text is cut");
        lines.add(line);
      }
    } else {
      BufferedReader text = new BufferedReader(in);
      for (String line = text.readLine(); line != null; line = text.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void linesAreThoseOfBufferedReaderWhereverTheBreaksFall() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    String[] pieces = {"a", "bc", ",", " ", "\n", "\r", "\r\n", "\n\r", "é", "\t"};
    for (int trial = 0; trial < 500; trial++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertEquals(lines(new StringReader(t), false), lines(trickle(t, random), true),
          () -> "text " + Arrays.toString(t.chars().toArray()));
    }
  }

  @Test
  void aBinaryFileWithNoLineBreakIsRefusedWithoutReadingItAll() {
    // Zero bytes without end, as /dev/zero gives: read as one line, it never ended.
    InputStream zeros = new InputStream() {
      @Override
      public int read() {
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Arrays.fill(b, off, off + len, (byte) 0);
        return len;
      }
    };
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvReader.builder().build().read(zeros, "zero"));
    assertEquals("zero: line 1: control character 0x00 at position 1: not text; is this a binary"
        + " file?", e.getMessage());
  }

  @Test
  void aLineIsCutOnlyWellPastItsFirstCharacterThatIsNotText() throws IOException {
    String binary = "a\u0001" + "b".repeat(100_000) + "\nnext";
    TextLines text = new TextLines(new StringReader(binary));
    String first = text.next();
    assertTrue(text.cut());
    // Cut a few kilobytes after the control character: its position, and enough to tell
    // UTF-16 from other binary data, are in what is kept.
    assertEquals(binary.substring(0, first.length()), first);
    assertTrue(first.length() > 4096 && first.length() < 100_000, () -> "kept " + first.length());
    assertFalse(TextLines.isText('\u0001'));
    assertFalse(TextLines.isText('\uFFFD'));
    assertTrue(TextLines.isText('\t'));
  }

  /** A reader that hands out {@code first} characters, then one at a time. */
  private static Reader oneByOne(String text, int first) {
    return new Reader() {
      private final StringReader in = new StringReader(text);
      private boolean started;

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        int n = started ? 1 : first;
        started = true;
        return in.read(buffer, offset, Math.min(length, n));
      }

      @Override
      public void close() {}
    };
  }

  /**
   * Exactly 4096 characters are kept after the first that is not text, counted from the line's
   * own start (here the second line, 50 characters into the first read) and read one at a time
   * so the cut is checked after each: a control character first in the line counts from 0, and
   * a second one later does not move the cut.
   */
  @Test
  void aCutLineKeepsExactly4096CharactersAfterItsFirstThatIsNotText() throws IOException {
    String after = "b".repeat(3000) + "\u0002" + "b".repeat(5000);
    TextLines second = new TextLines(oneByOne("x".repeat(49) + "\nab\u0001" + after, 53));
    assertEquals("x".repeat(49), second.next());
    String cut = second.next();
    assertTrue(second.cut());
    assertEquals("ab\u0001" + after.substring(0, 4096), cut);
    TextLines first = new TextLines(oneByOne("\u0001" + after, 1));
    assertEquals("\u0001" + after.substring(0, 4096), first.next());
    assertTrue(first.cut());
  }

  /** The last line, with no line break after it, is judged like the others; so is the first. */
  @Test
  void aLastLineWithoutBreakIsTextOrNot() throws IOException {
    TextLines text = new TextLines(new StringReader("ok\n\u0001z"));
    assertEquals("ok", text.next());
    assertTrue(text.allText());
    assertEquals("\u0001z", text.next());
    assertFalse(text.allText());
    assertFalse(text.cut());
    TextLines leading = new TextLines(new StringReader("\u0001z\n z"));
    assertEquals("\u0001z", leading.next());
    assertFalse(leading.allText(), "a control character first in a line that ends");
    assertEquals(" z", leading.next());
    assertTrue(leading.allText(), "a space is text");
    TextLines plain = new TextLines(new StringReader("ok\nz"));
    plain.next();
    assertEquals("z", plain.next());
    assertTrue(plain.allText());
  }
}
