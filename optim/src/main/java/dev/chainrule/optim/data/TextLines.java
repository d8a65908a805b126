package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, ended as {@link java.io.BufferedReader#readLine} ends them (a line feed,
 * a carriage return, or both), except that a line holding a character no text holds is cut
 * short a little after it ({@link #cut()}): the reader refuses such a line anyway, and reading a
 * binary file with no line break to its end (a disk image, {@code /dev/zero}) as one line ran
 * out of memory, which the program reported as a model too large for it. Public for the
 * commands that read a file's first lines again to explain a refusal, which must not run out of
 * memory on such a file either.
 */
public final class TextLines {
  /** Characters kept after the first that is not text: enough for a message, or to see UTF-16. */
  private static final int KEPT_AFTER = 1 << 12;

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  /** A carriage return ended the last line: a line feed right after it belongs to it. */
  private boolean afterReturn;
  private boolean cut;
  /** Whether the last line held only text, which the reader then need not look at again. */
  private boolean allText;

  /**
   * Lines read from {@code in}.
   *
   * @param in the text, which the caller closes
   * @throws NullPointerException when {@code in} is null, here rather than at the first read
   */
  public TextLines(Reader in) {
    this.in = checkNotNull(in, "TextLines: the reader is null");
  }

  /**
   * Whether the character is text: not a control character other than tab, and not U+FFFD, which
   * stands for bytes that are not UTF-8.
   */
  static boolean isText(char c) {
    return (c >= 0x20 || c == '\t') && c != 0x7f && c != '\uFFFD';
  }

  /**
   * The next line, without its line break.
   *
   * @return the line, or null at the end of the text
   * @throws IOException when the text cannot be read
   */
  public String next() throws IOException {
    // Built only for a line that runs past the buffer: most lines end inside it and become a
    // String in one copy.
    StringBuilder line = null;
    boolean any = false;
    int notTextAt = -1;
    cut = false;
    while (true) {
      if (position == limit && !fill()) {
        allText = notTextAt < 0;
        return any ? (line == null ? "" : line.toString()) : null;
      }
      if (afterReturn) {
        afterReturn = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      any = true;
      int start = position;
      int before = line == null ? 0 : line.length();
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
        if (notTextAt < 0 && !isText(buffer[position])) {
          notTextAt = before + position - start;
        }
        position++;
      }
      allText = notTextAt < 0;
      if (position < limit) {
        afterReturn = buffer[position] == '\r';
        String text = line == null ? new String(buffer, start, position - start)
            : line.append(buffer, start, position - start).toString();
        position++;
        return text;
      }
      if (line == null) {
        line = new StringBuilder(2 * (position - start));
      }
      line.append(buffer, start, position - start);
      if (notTextAt >= 0 && line.length() > notTextAt + KEPT_AFTER) {
        cut = true;
        return line.toString();
      }
    }
  }

  /**
   * Whether the last line was cut short at a character that is not text, before its end.
   *
   * @return true for a cut line
   */
  public boolean cut() {
    return cut;
  }

  /**
   * Whether the last line holds only text ({@link #isText}); false for one that was cut.
   *
   * @return true for a line of text
   */
  public boolean allText() {
    return allText;
  }

  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(buffer, 0, buffer.length);
    } while (read == 0);
    position = 0;
    limit = Math.max(read, 0);
    return read > 0;
  }
}
