package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows ending in a delimiter the header lacks, as a spreadsheet's empty last column leaves them:
 * refused, but explained as "line 1 (a,b,y) looks like a summary line" (scikit-learn's counts),
 * which a header of names is not.
 */
class TrailingDelimiterTest {
  @TempDir
  Path dir;

  @Test
  void rowsEndingInADelimiterAreNamedSoAndNoSummaryLine() throws IOException {
    Path file = Files.writeString(dir.resolve("t.csv"), "a,b,y\n1,2,p,\n3,4,n,\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvReader.builder().labelColumn("y").build().read(file));
    assertEquals("t.csv: line 2: expected 3 fields, found 4, the last one empty: the line ends"
        + " in a delimiter the header does not (an empty last column?); remove the trailing"
        + " delimiters", e.getMessage());
    assertEquals(Optional.empty(), FirstLine.of(file, ',').orElseThrow().summary("train"));
  }

  /** A fourth field with a value is no trailing delimiter: the summary line's sign stands. */
  @Test
  void aFourthFieldWithAValueStaysASignOfASummaryLine() throws IOException {
    Path file = Files.writeString(dir.resolve("s.csv"), "a,b,y\n1,2,p,7\n");
    assertEquals(4, FirstLine.of(file, ',').orElseThrow().nextFields());
  }
}
