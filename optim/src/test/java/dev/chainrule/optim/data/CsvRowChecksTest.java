package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The row checks train and the Spark launcher share, in their words: a file without rows says
 * why, and a column too large to standardise is named by its line in the file.
 */
class CsvRowChecksTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "data.csv");
  }

  @Test
  void aFileWithoutRowsSaysWhy() throws IOException {
    CsvReader.Builder dropping = CsvReader.builder().missingValues(MissingValues.DROP);
    List<String> messages = List.of(read(CsvReader.builder(), "x,y\n"),
            read(dropping, "x,y\n,a\n"), read(dropping, "x,y\n,a\nNA,b\n,a\n"))
        .stream().map(data -> assertThrows(DataFormatException.class,
            () -> CsvRowChecks.requireRows(data, "data.csv", "to train on")).getMessage())
        .toList();
    assertEquals(List.of("data.csv: no rows to train on: the file has a header and no data rows",
        "data.csv: no rows to train on: --missing drop left out the only row; column \"x\" had"
            + " no value in it",
        "data.csv: no rows to train on: --missing drop left out all 3 rows; column \"x\" had"
            + " no value in any of them"), messages);
  }

  /**
   * Every row left out by --missing drop: the message named no column, so a column empty in
   * every row had to be hunted for. Now the columns empty in every row are named (a feature with
   * the way to leave it out, the label as such); a column with a value in some row is not.
   */
  @Test
  void everyRowDroppedNamesTheColumnsEmptyInEveryRow() throws IOException {
    CsvReader.Builder dropping = CsvReader.builder().missingValues(MissingValues.DROP);
    CsvData data = read(dropping, "a,b,c,y\n,1,,p\nNA,,NA,q\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvRowChecks.requireRows(data, "data.csv", "to train on",
            names -> CsvCommandLine.leaveOut(names, null, List.of("z"))));
    assertEquals("data.csv: no rows to train on: --missing drop left out all 2 rows; columns"
        + " \"a\", \"c\" had no value in any of them: leave them out (add a,c to --drop)",
        e.getMessage());
    CsvData unlabelled = read(dropping, "a,y\n1,\n2,NA\n");
    assertEquals("data.csv: no rows to predict: --missing drop left out all 2 rows; the label"
        + " column \"y\" had no value in any of them", assertThrows(DataFormatException.class,
            () -> CsvRowChecks.requireRows(unlabelled, "data.csv", "to predict")).getMessage());
    // Rows dropped for different columns: no column to blame, and the message stays as it was.
    CsvData scattered = read(dropping, "a,b,y\n,1,p\n2,,q\n");
    assertEquals("data.csv: no rows to train on: --missing drop left out all 2 rows",
        assertThrows(DataFormatException.class, () -> CsvRowChecks.requireRows(scattered,
            "data.csv", "to train on", names -> "--drop " + names)).getMessage());
  }

  /**
   * Values of both signs whose sum stays finite (mean -4.1e307) while the largest's distance
   * from the mean (2.2e308) overflows: the message says which, and names the line of the largest
   * value (the file's, line 3 for the second row).
   */
  @Test
  void aColumnTooLargeToStandardiseIsNamedByItsLine() throws IOException {
    CsvData data = read(CsvReader.builder().dtype(DType.FLOAT64),
        "x,z,y\n1,-1.7e308,a\n2,1.75e308,b\n3,-1.7e308,a\n4,0,b\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvRowChecks.requireStandardisable(data, "data.csv", false));
    assertEquals("data.csv: line 3, column \"z\": 1.75e308 is too large to standardise the"
        + " column: the distances of its values from their mean overflow float64 (whose largest"
        + " number is 1.8e308); rescale the column, e.g. to other units", e.getMessage());
    // A column that fits passes.
    CsvRowChecks.requireStandardisable(read(CsvReader.builder(), "x,y\n1,a\n2,b\n"), "data.csv",
        false);
  }

  /** A regression's target is standardised too, so its column is checked alike; classes not. */
  @Test
  void aRegressionTargetTooLargeToStandardiseIsNamed() throws IOException {
    CsvData data = read(CsvReader.builder().regression(),
        "x,y\n1,-1.7e308\n2,1.75e308\n3,-1.7e308\n4,0\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CsvRowChecks.requireStandardisable(data, "data.csv", true));
    assertEquals("data.csv: line 3, column \"y\": 1.75e308 is too large to standardise the"
        + " column: the distances of its values from their mean overflow float64 (whose largest"
        + " number is 1.8e308); rescale the column, e.g. to other units", e.getMessage());
    CsvRowChecks.requireStandardisable(data, "data.csv", false);
  }
}
