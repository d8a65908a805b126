package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file without a header, read with the default header(true), lost its first row to the
 * columns' names without a word (features named "5.1", "3.5", ...); the program warned for the
 * same file. The reader now notes it in the program's words ({@link FirstLine}), with its own
 * way out, and still reads the file as asked.
 */
class HeaderRowNotesTest {
  private static CsvData read(CsvReader reader, String text) throws IOException {
    return reader.read(new StringReader(text), "f.csv");
  }

  @Test
  void aDataRowReadAsTheHeaderIsNoted() throws IOException {
    String iris = "5.1,3.5,1.4,0.2,Iris-setosa\n4.9,3.0,1.4,0.2,Iris-setosa\n"
        + "7.0,3.2,4.7,1.4,Iris-versicolor\n";
    CsvData data = read(CsvReader.builder().build(), iris);
    assertEquals(List.of("line 1 (5.1,3.5,1.4,0.2,Iris-setosa) looks like a data row rather than"
        + " a header: its label, \"Iris-setosa\", is one of the classes, and every column's name"
        + " but the label's is a number; CsvReader with header(true), the default, reads line 1"
        + " as the columns' names, not as a row: if the file has no header, add one that names"
        + " each column (CsvReader.builder().header(false) reads a file without one)"),
        data.notes());
    assertEquals(2, data.dataset().size(), "read as asked: the first row is the header");
    // The way out reads every row, and has nothing to note.
    CsvData all = read(CsvReader.builder().header(false).build(), iris);
    assertEquals(3, all.dataset().size());
    assertEquals(List.of(), all.notes());
  }

  /** The label in the first column is the label still: the note names it as in the last. */
  @Test
  void aDataRowWithItsLabelFirstIsNotedAlike() throws IOException {
    String iris = "Iris-setosa,5.1,3.5,1.4,0.2\nIris-setosa,4.9,3.0,1.4,0.2\n"
        + "Iris-versicolor,7.0,3.2,4.7,1.4\n";
    CsvData data = read(CsvReader.builder().labelColumn(0).build(), iris);
    assertEquals(List.of("line 1 (Iris-setosa,5.1,3.5,1.4,0.2) looks like a data row rather than"
        + " a header: its label, \"Iris-setosa\", is one of the classes, and every column's name"
        + " but the label's is a number; CsvReader with header(true), the default, reads line 1"
        + " as the columns' names, not as a row: if the file has no header, add one that names"
        + " each column (CsvReader.builder().header(false) reads a file without one)"),
        data.notes());
  }

  @Test
  void aLineOfNumbersReadAsTheHeaderIsNoted() throws IOException {
    CsvData data = read(CsvReader.builder().regression().build(), "1.5,2\n2.5,3\n3.5,4\n");
    assertEquals(List.of("line 1 (1.5,2) is all numbers, like a data row or a summary line"
        + " rather than a header; CsvReader with header(true), the default, reads line 1 as the"
        + " columns' names: if the file has no header, add one that names each column"
        + " (CsvReader.builder().header(false) reads a file without one)"),
        data.notes());
  }

  @Test
  void aTwoColumnFirstRowOfZeroAndOneIsNoted() throws IOException {
    // Counting up from 0 exempts a header of positions only from four columns on.
    CsvData data = read(CsvReader.builder().build(), "0,1\n1,0\n0,0\n1,1\n");
    assertEquals(1, data.notes().size(), data.notes()::toString);
    assertTrue(data.notes().get(0).startsWith("line 1 (0,1) is all numbers"),
        data.notes()::toString);
  }

  @Test
  void realHeadersAreNotNoted() throws IOException {
    assertEquals(List.of(), read(CsvReader.builder().build(),
        "len,links,spam\n3,1,spam\n4,0,ham\n").notes());
    // pandas' names of a NumPy array's columns are numbers that count up: names, not values.
    assertEquals(List.of(), read(CsvReader.builder().build(),
        "0,1,2,target\n0.5,1,2,a\n0.1,2,3,b\n").notes());
    // And with the label numbered too, a line of numbers only.
    assertEquals(List.of(), read(CsvReader.builder().regression().build(),
        "0,1,2,3\n0.5,1.5,2.5,3.1\n0.1,2,3,4.2\n").notes());
    // Lines skipped before the header: the words would name the wrong line.
    assertEquals(List.of(), read(CsvReader.builder().skipLines(1).build(),
        "3,2,a,b\n1.5,2,a\n2.5,3,b\n3.5,4,a\n").notes());
  }
}
