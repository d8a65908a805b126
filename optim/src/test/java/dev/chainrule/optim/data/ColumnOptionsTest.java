package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
