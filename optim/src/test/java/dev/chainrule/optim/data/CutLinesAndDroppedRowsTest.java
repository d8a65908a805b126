package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's own bookkeeping around a refusal or a dropped row: a first line cut short at a
 * character no text holds is refused as UTF-16 or as binary, skipped or not; the rows dropped for
 * a number beyond float32 are counted apart; and the rows after a count on line 1 include the
 * dropped ones.
 */
class CutLinesAndDroppedRowsTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "f.csv");
  }

  @Test
  void aLongUtf16FirstLineIsRefusedAsUtf16() {
    // UTF-16LE read as UTF-8: a zero beside each letter, and no line break for 80,000 chars,
    // past the 64 Ki characters after which the line is cut.
    String utf16 = "x\0,\0".repeat(20_000) + "\n\0";
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(CsvReader.builder(), utf16));
    assertEquals("f.csv: line 1: the file looks like UTF-16 text (a zero byte beside each"
        + " letter), which is not read here: save it as UTF-8", e.getMessage());
  }

  @Test
  void aCutLineIsRefusedEvenWhereItIsSkipped() {
    String binary = "\0" + "a".repeat(70_000) + "\nx,y\n1,a\n2,b\n";
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(CsvReader.builder().skipLines(1), binary));
    assertEquals("f.csv: line 1: control character 0x00 at position 1: not text; is this a"
        + " binary file?", e.getMessage());
  }

  @Test
  void rowsDroppedForANumberBeyondFloat32AreCountedApart() throws IOException {
    CsvData data = read(CsvReader.builder().dtype(DType.FLOAT32)
        .missingValues(MissingValues.DROP), "x,y\n1e39,a\n,b\n2,a\n3,b\n-1e40,a\n");
    assertEquals(3, data.droppedRows());
    assertEquals(2, data.droppedBeyondRange(), "1e39 and -1e40; the empty cell is missing");
    assertEquals(2, data.dataset().size());
  }

  @Test
  void theRowsAfterACountOnLineOneIncludeTheDroppedOnes() throws IOException {
    CsvData data = read(CsvReader.builder().missingValues(MissingValues.DROP),
        "4,x,y\n1,2,a\n,2,b\n3,4,a\n5,6,b\n");
    assertEquals(1, data.droppedRows());
    assertEquals(List.of("line 1 (4,x,y) looks like a summary line rather than a header: it"
        + " begins with 4, the number of rows after it (scikit-learn's CSV files begin with the"
        + " counts of rows and features, then the class names); CsvReader with header(true), the"
        + " default, reads line 1 as the columns' names: replace it with a header that names each"
        + " column (CsvReader.builder().header(false) reads a file without one)"), data.notes());
  }
}
