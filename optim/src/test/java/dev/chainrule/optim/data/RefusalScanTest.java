package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How far the pass after a refused cell reads, and what it counts as text: it read to the end of
 * a file (or of standard input) when one column held text and the rest numbers, and it named
 * decimal-comma columns as text, advising a {@code --drop} of every feature.
 */
class RefusalScanTest {
  /** Rows made on demand, counting how many the reader took. */
  private static final class Rows extends Reader {
    private final String header;
    private final java.util.function.IntFunction<String> row;
    private final int count;
    private String pending;
    private int pos;
    private int made;

    Rows(String header, int count, java.util.function.IntFunction<String> row) {
      this.header = header;
      this.count = count;
      this.row = row;
      this.pending = header + "\n";
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == pending.length()) {
        if (made == count) {
          return -1;
        }
        pending = row.apply(made++) + "\n";
        pos = 0;
      }
      int n = Math.min(len, pending.length() - pos);
      pending.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }

  private static CsvData read(CsvReader.Builder reader, Reader in) throws IOException {
    return reader.build().read(in, "f.csv");
  }

  @Test
  void oneTextColumnAmongNumbersStopsAtTheSecondRow() {
    Rows rows = new Rows("name,x,y,label", 1_000_000, i -> "n" + i + "," + i + ",2,a");
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(CsvReader.builder(), rows));
    assertEquals("f.csv: line 2, column 1 (name): \"n0\" is not a number", e.getMessage());
    // x and y are numbers on line 2: the pass ends there, having read a buffer's worth at most
    // (the reader reads ahead; 10,000 rows is well above any buffer and far below the million).
    assertTrue(rows.made < 10_000, rows.made + " rows read");
  }

  @Test
  void aColumnIsJudgedByItsFirstValue() {
    // y's first value is a number: its text on line 4 is for a later run to refuse, not this one.
    NotANumberException e = assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder(), new StringReader("name,x,y,label\nn,,1,a\nm,t,2,b\nk,3,u,a\n")));
    assertEquals("f.csv: line 2, column 1 (name): \"n\" is not a number; text in other columns"
        + " too: x (column 2, line 3: \"t\")", e.getMessage());
    assertEquals(List.of("name", "x"), e.columns());
  }

  @Test
  void aColumnMissingInEveryRowEndsThePassAtTheBound() {
    // z never holds a value: the pass stops after SCANNED rows, naming none but the refused one.
    Rows rows = new Rows("name,z,label", 1_000_000, i -> "n" + i + ",,a");
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(CsvReader.builder(), rows));
    assertEquals(List.of("name"), e.columns());
    assertTrue(rows.made < RefusedColumns.SCANNED + 10_000, rows.made + " rows read");
  }

  @Test
  void anEmptyColumnIsNamedForTheRowsRead() {
    Rows rows = new Rows("x,notes,label", 1_000_000, i -> i + ",,a");
    MissingValueException e = assertThrows(MissingValueException.class,
        () -> read(CsvReader.builder(), rows));
    assertEquals("f.csv: line 2, column 2 (notes): empty cell; the column has no value in the"
        + " first 1,000 rows", e.getMessage());
    assertEquals(List.of("notes"), e.emptyColumns());
    assertTrue(rows.made < RefusedColumns.SCANNED + 10_000, rows.made + " rows read");
  }

  @Test
  void decimalCommasAreNotText() {
    String text = "a;b;c;label\n1,1;2,5;3,1;1\n1,2;2,5;3,2;0\n";
    NotANumberException e = assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder().delimiter(';'), new StringReader(text)));
    assertEquals(List.of("a"), e.columns());
    assertFalse(e.allFeatures());
    assertFalse(e.getMessage().contains("other columns"), e.getMessage());
  }

  @Test
  void textInEveryFeatureOffersNoDrop() {
    NotANumberException e = assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder(), new StringReader("color,size,label\nred,big,1\nblue,small,0\n")));
    assertEquals(List.of("color", "size"), e.columns());
    assertTrue(e.allFeatures());
    assertEquals("; the features must be numbers, and every feature column holds text: encode"
        + " the categories as numbers (one column of 0 or 1 for each), or choose numeric columns"
        + " with --features", e.commandLineAdvice(null, false));
    // One text column among numbers keeps its --drop.
    NotANumberException one = assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder(), new StringReader("color,size,label\nred,1,1\n")));
    assertFalse(one.allFeatures());
    assertEquals("; if the column holds text (names, ids), leave it out with --drop color",
        one.commandLineAdvice(null, false));
  }
}
