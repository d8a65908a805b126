package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Files that are CSV of another dialect than the reader's say so: a semicolon- or tab-separated
 * file read with commas, UTF-16 text, a header with a trailing comma. Each used to end in a
 * message about its symptom (a missing column, a binary file, an empty cell).
 */
class CsvDialectsTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "data.csv");
  }

  private static String refusal(Executable read) {
    return assertThrows(DataFormatException.class, read).getMessage();
  }

  @Test
  void aFileOfAnotherDelimiterIsNamedAsSuch() throws IOException {
    String semicolons = "a;b;y\n1;2;yes\n3;4;no\n";
    assertEquals("data.csv: line 1: no column named \"y\" in the header (a;b;y); the first row"
        + " is one column that holds ';': is ';' the file's delimiter?",
        refusal(() -> read(CsvReader.builder().labelColumn("y"), semicolons)));
    assertEquals("data.csv: line 1: no column named \"y\" in the header (a\tb\ty); the first row"
        + " is one column that holds a tab: is a tab the file's delimiter?",
        refusal(() -> read(CsvReader.builder().labelColumn("y"), "a\tb\ty\n1\t2\tyes\n")));
    // pandas writes its index column with an empty name: the delimiter opens the first row.
    assertEquals("data.csv: line 1: no column named \"y\" in the header (;a;b;y); the first row"
        + " is one column that holds ';': is ';' the file's delimiter?",
        refusal(() -> read(CsvReader.builder().labelColumn("y"), ";a;b;y\n0;1;2;yes\n")));
    CsvData data = read(CsvReader.builder().delimiter(';').labelColumn("y"), semicolons);
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(List.of("no", "yes"), data.classNames());
  }

  /**
   * A row of empty cells is one whatever the delimiter: a line of tabs in a tab-separated file was
   * skipped as blank (String.isBlank), where the line of commas in a comma file was refused. The
   * refusal says that the whole line is empty cells: "column 1 (a): empty cell" alone, of a line
   * that looks blank, sent its reader to look for one cell.
   */
  @Test
  void aRowOfEmptyCellsIsARowForEveryDelimiter() throws IOException {
    for (char delimiter : new char[] {',', ';', '|', '\t'}) {
      String d = String.valueOf(delimiter);
      String text = String.join(d, "a", "b", "y") + "\n" + String.join(d, "1", "2", "0")
          + "\n" + d + d + "\n" + "\n" + " \n" + String.join(d, "3", "4", "1") + "\n";
      CsvReader.Builder reader = CsvReader.builder().delimiter(delimiter).labelColumn("y");
      assertEquals("data.csv: line 3, column 1 (a): empty cell, as is every cell of the line (it"
          + " holds only " + (delimiter == '\t' ? "tabs" : "the delimiter \"" + d + "\"") + ": a"
          + " row of empty cells, not a blank line)", assertThrows(
          MissingValueException.class, () -> read(reader, text)).getMessage(), d);
      CsvData dropped = read(reader.missingValues(MissingValues.DROP), text);
      assertEquals(1, dropped.droppedRows(), d + ": the row of empty cells, not the blank lines");
      assertEquals(List.of(2, 6), dropped.lines(), d);
    }
    // One empty cell among values is only that cell.
    assertEquals("data.csv: line 2, column 2 (b): empty cell", assertThrows(
        MissingValueException.class, () -> read(CsvReader.builder().delimiter('\t')
            .labelColumn("y"), "a\tb\ty\n1\t\t0\n")).getMessage());
    // Spaces around tabs do not make the line blank either; spaces alone do.
    assertEquals(1, read(CsvReader.builder().delimiter('\t').labelColumn("y")
        .missingValues(MissingValues.DROP), "a\tb\ty\n1\t2\t0\n \t \t \n  \n")
        .droppedRows());
  }

  @Test
  void utf16TextIsNamedWithOrWithoutItsByteOrderMark() {
    String text = "a,y\n1,yes\n2,no\n";
    String expected = "data.csv: line 1: the file looks like UTF-16 text (a zero byte beside each"
        + " letter), which is not read here: save it as UTF-8";
    for (var charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
        StandardCharsets.UTF_16BE)) {  // UTF_16 writes a byte-order mark
      byte[] bytes = text.getBytes(charset);
      assertEquals(expected, refusal(() -> CsvReader.builder().labelColumn("y").build()
          .read(new ByteArrayInputStream(bytes), "data.csv")), charset.name());
    }
  }

  /**
   * Four characters, two letters and their zeros, are the least that is named UTF-16; a first
   * line with a control character but no zero pattern is named as the control character.
   */
  @Test
  void utf16IsToldFromOtherControlCharactersInTheFirstLine() {
    byte[] shortest = "ab\n1\n".getBytes(StandardCharsets.UTF_16LE);
    assertEquals("data.csv: line 1: the file looks like UTF-16 text (a zero byte beside each"
        + " letter), which is not read here: save it as UTF-8", refusal(() -> CsvReader.builder()
        .build().read(new ByteArrayInputStream(shortest), "data.csv")));
    assertEquals("data.csv: line 1: control character 0x01 at position 2: not text; is this a"
        + " binary file?", refusal(() -> read(CsvReader.builder(), "a\u0001bcdefgh,y\n1,2\n")));
  }

  @Test
  void anUnnamedColumnIsRefusedAtTheHeaderWithItsLikelyCause() throws IOException {
    String why = " has no name in the header: features and the label are found by their names,"
        + " so each needs one";
    assertEquals("data.csv: line 1: column 3" + why + " (a trailing comma?)",
        refusal(() -> read(CsvReader.builder().labelColumn("y"), "a,y,\n1,yes,\n")));
    // pandas' to_csv writes its row index as an unnamed first column, which a model would learn
    // the rows' order from.
    assertEquals("data.csv: line 1: column 1" + why + " (an unnamed first column is how pandas'"
        + " to_csv writes its row index: leave it out (the program's --drop ''), or write the"
        + " file with index=False)",
        refusal(() -> read(CsvReader.builder().labelColumn("y"), ",x,y\n0,1,yes\n1,2,no\n")));
    assertEquals("data.csv: line 1: column 2" + why,
        refusal(() -> read(CsvReader.builder().labelColumn("y"), "a,,y\n1,2,yes\n")));
    // Left out, it is no feature, and the file reads.
    CsvData data = read(CsvReader.builder().labelColumn("y").drop(List.of("")),
        ",x,y\n0,1,yes\n1,2,no\n");
    assertEquals(List.of("x"), data.featureNames());
  }

  /**
   * Timestamps 0.1 s apart near 1.7e9 all round to one float32 (its numbers are 128 apart
   * there): read as float32 the column would be constant, or a coarse grid a model learns
   * nothing right from. Refused, naming the column; float64 reads it, and so does float32 once
   * the constant is taken off.
   */
  @Test
  void aColumnFloat32CannotResolveIsRefusedWhenReadAsFloat32() throws IOException {
    StringBuilder stamps = new StringBuilder("t,x,y\n");
    StringBuilder offsets = new StringBuilder("t,x,y\n");
    for (int i = 0; i < 50; i++) {
      stamps.append(1_700_000_000 + i / 10.0).append(',').append(i % 7).append(',')
          .append(i < 25 ? "early" : "late").append('\n');
      offsets.append(i / 10.0).append(',').append(i % 7).append(',')
          .append(i < 25 ? "early" : "late").append('\n');
    }
    assertEquals("data.csv: column \"t\": float32 cannot tell its values apart: they spread by"
        + " 1.46 (standard deviation) at magnitudes up to 1.70e+09, where float32 numbers are 128"
        + " apart, so reading them rounds away what distinguishes them; read the file as"
        + " float64, or subtract a constant from the column first (a timestamp minus the first"
        + " one)", refusal(() -> read(CsvReader.builder().labelColumn("y").dtype(DType.FLOAT32),
            stamps.toString())));
    double[] wide = read(CsvReader.builder().labelColumn("y"), stamps.toString()).dataset()
        .features().toArray();
    assertEquals(50, java.util.stream.IntStream.range(0, 50).mapToDouble(i -> wide[2 * i])
        .distinct().count(), "float64 keeps every timestamp apart");
    assertEquals(2, read(CsvReader.builder().labelColumn("y").dtype(DType.FLOAT32),
        offsets.toString()).featureNames().size());
    // New rows to predict, two nearly alike, are not judged by their own spread.
    assertEquals(2, read(CsvReader.builder().labelColumn("y").optionalLabel()
        .dtype(DType.FLOAT32), "lat,lon\n37.774929,1\n37.774930,2\n").dataset().size());
    // Whole numbers read exactly, however small their spread beside their size.
    String ids = "id,y\n1000000,a\n1000001,b\n1000000,a\n1000001,b\n";
    assertEquals(1, read(CsvReader.builder().labelColumn("y").dtype(DType.FLOAT32), ids)
        .featureNames().size());
  }

  /**
   * Two rows are a spread to judge; one value in every row, however float32 rounds it, has none
   * to lose (a constant column is another check's).
   */
  @Test
  void twoRowsAreJudgedAndAConstantColumnIsNot() throws IOException {
    String refusal = refusal(() -> read(CsvReader.builder().labelColumn("y")
        .dtype(DType.FLOAT32), "t,y\n1700000000.1,a\n1700000000.2,b\n"));
    assertTrue(refusal.startsWith("data.csv: column \"t\": float32 cannot tell its values apart:"),
        refusal);
    assertEquals(2, read(CsvReader.builder().labelColumn("y").dtype(DType.FLOAT32),
        "t,y\n1700000000.1,a\n1700000000.1,b\n").dataset().size());
  }

  /**
   * A refusal of columns says whether the delimiter is the likelier fault: a file of semicolons
   * read with commas has one column, so the label is not found, and it says so.
   */
  @Test
  void aColumnRefusalSaysWhenTheDelimiterIsSuspected() {
    ColumnChoiceException semicolons = assertThrows(ColumnChoiceException.class,
        () -> read(CsvReader.builder().labelColumn("y"), "a;b;y\n1;2;3\n4;5;6\n"));
    assertTrue(semicolons.delimiterSuspected(), semicolons.getMessage());
    ColumnChoiceException typo = assertThrows(ColumnChoiceException.class,
        () -> read(CsvReader.builder().labelColumn("z"), "a,b,y\n1,2,3\n4,5,6\n"));
    assertFalse(typo.delimiterSuspected(), typo.getMessage());
  }
}
