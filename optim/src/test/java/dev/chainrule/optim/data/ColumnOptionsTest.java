package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnOptions} finds the columns a command line names as the reader does: a header name
 * before a position, a position negative from the end, a name in double quotes by the name inside
 * them, and text that names no column left as typed (for the caller to refuse).
 */
class ColumnOptionsTest {
  @Test
  void aLabelIsANameFirstThenAPosition() {
    List<String> header = List.of("x", "y", "label");
    assertEquals("label", ColumnOptions.label(header, "label"));
    assertEquals("label", ColumnOptions.label(header, "2"));
    assertEquals("label", ColumnOptions.label(header, "-1"));
    assertEquals("x", ColumnOptions.label(header, "-3"));
    // Beyond the columns, or no name of the header: as typed.
    assertEquals("3", ColumnOptions.label(header, "3"));
    assertEquals("-4", ColumnOptions.label(header, "-4"));
    assertEquals("Label", ColumnOptions.label(header, "Label"));
    // A header name that is a number is that column, not the one at its position.
    assertEquals("1", ColumnOptions.label(List.of("f", "0", "1"), "1"));
    assertEquals("a,b", ColumnOptions.label(List.of("a,b", "c"), "\"a,b\""));
    // What may be a position is a whole number, negative from the end; nothing else is.
    assertTrue(ColumnOptions.isPosition("2") && ColumnOptions.isPosition("-1"));
    assertFalse(ColumnOptions.isPosition("label") || ColumnOptions.isPosition("1.5"));
    // Two quotes alone are the empty name in quotes (an unnamed column), not a name of quotes.
    assertEquals("", CsvColumns.unquoted("\"\""));
    assertEquals("\"", CsvColumns.unquoted("\""));
  }

  @Test
  void theReaderAndTheMessagesFindTheSameLabelColumn() throws IOException {
    // One rule (CsvColumns.labelIndex) for the reader, ColumnOptions and FirstLine: the names
    // "0" and "1" before positions, a quoted name by the name inside, positions from the end.
    List<String> header = List.of("0", "1", "q", "c");
    String text = String.join(",", header) + "\n1,2,3,4\n5,6,7,8\n";
    for (String typed : List.of("0", "1", "2", "-1", "-4", "q", "\"q\"", "c")) {
      String read = CsvReader.builder().labelColumnNamedOrAt(typed).regression().build()
          .read(new StringReader(text), "f.csv").labelName();
      assertEquals(read, header.get(CsvColumns.labelIndex(header, typed)), typed);
      assertEquals(read, ColumnOptions.label(header, typed), typed);
    }
    assertEquals(-1, CsvColumns.labelIndex(header, "4"));
    assertEquals(-1, CsvColumns.labelIndex(header, "Q"));
  }

  @Test
  void namesAnOlderModelRecordedWithNoBreakSpacesFindTheirColumns() throws IOException {
    // The header "x\u00A0,y\u00A0" reads as x, y since the reader strips no-break spaces; a
    // model saved before then recorded "x\u00A0" and "y\u00A0", and its columns were "not in the
    // header" for predict and train --load.
    String text = "x\u00A0,y\u00A0\n1,a\n2,b\n";
    CsvData data = CsvReader.builder().labelColumn("y\u00A0").features(List.of("x\u00A0"))
        .build().read(new StringReader(text), "old.csv");
    assertEquals(List.of("x"), data.featureNames());
    assertEquals("y", data.labelName());
    assertEquals("y", ColumnOptions.recorded("y\u00A0"));
    assertEquals(List.of("x", "a b"), ColumnOptions.recorded(List.of("\u00A0x", "a b\u202F")));
  }

  @Test
  void listedNamesAreFoundWithOrWithoutTheirQuotes() {
    List<String> header = List.of("a,b", "c", "\"id\"", "label");
    assertEquals(List.of("a,b", "c", "\"id\"", "z"),
        ColumnOptions.names(header, List.of("\"a,b\"", "c", "\"id\"", "z")));
    assertEquals(List.of("c"), ColumnOptions.names(header, List.of("\"c\"")));
  }

  @Test
  void namesInMessagesKeepACommasNameWhole() {
    assertEquals("\"a,b\",c,\"\"id\"\"", CsvCommandLine.listed(List.of("a,b", "c", "\"id\"")));
  }
}
