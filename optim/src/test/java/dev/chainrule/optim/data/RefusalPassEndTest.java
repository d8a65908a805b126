package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Where the pass after a refused cell ({@link RefusedColumns}) ends, and what its message then
 * says: it reads no row past the one that decides every column (standard input is not drained),
 * skips a repeated header, stops at a line the reader would refuse, and lists ten columns at
 * most.
 */
class RefusalPassEndTest {
  /** The text in one read, then a failure: a pass that reads on meets it. */
  private static final class ThenFails extends Reader {
    private final String text;
    private boolean given;

    ThenFails(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (given) {
        throw new IOException("read past the rows the pass needed");
      }
      given = true;
      text.getChars(0, text.length(), buf, off);
      return text.length();
    }

    @Override
    public void close() {}
  }

  private static CsvData read(Reader in) throws IOException {
    return CsvReader.builder().build().read(in, "f.csv");
  }

  @Test
  void thePassForTextEndsAtTheRowThatDecidesEveryColumn() {
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(new ThenFails("x,a,b,y\n1,t,u,c\n2,v,w,d\n")));
    assertEquals("f.csv: line 2, column 2 (a): \"t\" is not a number; text in other columns"
        + " too: b (column 3, line 2: \"u\")", e.getMessage());
  }

  @Test
  void thePassForAnEmptyColumnEndsAtItsFirstValue() {
    MissingValueException e = assertThrows(MissingValueException.class,
        () -> read(new ThenFails("x,notes,y\n1,,a\n2,n,b\n3,,a\n")));
    assertEquals("f.csv: line 2, column 2 (notes): empty cell", e.getMessage());
  }

  @Test
  void twoRowsWithoutAValueAreEnoughToNameTheColumn() {
    MissingValueException e = assertThrows(MissingValueException.class,
        () -> read(new StringReader("x,notes,y\n1,,a\n2,,b\n")));
    assertEquals("f.csv: line 2, column 2 (notes): empty cell; the column has no value in any"
        + " of the 2 rows", e.getMessage());
    assertEquals(List.of("notes"), e.emptyColumns());
  }

  @Test
  void aLineTheReaderWouldRefuseLeavesTheColumnUnjudged() {
    // The rows after line 4 are unknown: the column may have a value there.
    for (String refused : List.of("3,\"open,c", "3,\u0001,c")) {
      MissingValueException e = assertThrows(MissingValueException.class,
          () -> read(new StringReader("x,notes,y\n1,,a\n2,,b\n" + refused + "\n4,n,a\n")));
      assertEquals("f.csv: line 2, column 2 (notes): empty cell", e.getMessage(), refused);
    }
  }

  @Test
  void aRepeatedHeaderIsNoRowOfText() {
    // b's name on line 3 is not its value: its first value is 5, on line 4.
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(new StringReader("x,a,b,y\n1,t,,c\nx,a,b,y\n2,u,5,d\n")));
    assertEquals("f.csv: line 2, column 2 (a): \"t\" is not a number", e.getMessage());
  }

  @Test
  void tenOtherColumnsAreListedAndMoreAreCounted() {
    assertEquals("f.csv: line 2, column 1 (c0): \"t0\" is not a number; text in other columns"
        + " too: " + others(10), textColumns(11).getMessage());
    assertEquals("f.csv: line 2, column 1 (c0): \"t0\" is not a number; text in other columns"
        + " too: " + others(10) + " and 2 more", textColumns(13).getMessage());
  }

  /** c1 (column 2, line 2: "t1"), ... up to c{n}. */
  private static String others(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(c -> String.format(java.util.Locale.ROOT,
        "c%d (column %d, line 2: \"t%d\")", c, c + 1, c)).collect(Collectors.joining(", "));
  }

  /** The refusal of a file of {@code n} text features c0, c1, ... and a label. */
  private static NotANumberException textColumns(int n) {
    String header = IntStream.range(0, n).mapToObj(c -> "c" + c).collect(Collectors.joining(","))
        + ",y";
    String row = IntStream.range(0, n).mapToObj(c -> "t" + c).collect(Collectors.joining(","))
        + ",a";
    return assertThrows(NotANumberException.class,
        () -> read(new StringReader(header + "\n" + row + "\n")));
  }
}
