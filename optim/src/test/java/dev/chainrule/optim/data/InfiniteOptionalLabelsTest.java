package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An infinite label in rows to predict (the label optional, read only to score them) is no label,
 * as an empty or NA one is: it stopped the file by default ("inf" is not a finite number), and
 * with DROP its row was left unpredicted while the rows of empty labels were predicted.
 */
class InfiniteOptionalLabelsTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "new.csv");
  }

  @Test
  void anInfiniteRegressionLabelMarksARowToPredict() throws IOException {
    String text = "a,y\n1,10\n2,inf\n3,NaN\n4,\n5,-Infinity\n6,1e400\n7,20\n";
    for (MissingValues policy : MissingValues.values()) {
      CsvData data = read(CsvReader.builder().labelColumn("y").optionalLabel().regression()
          .missingValues(policy), text);
      assertEquals(7, data.dataset().size(), policy + ": every row is predicted");
      assertEquals(0, data.droppedRows(), policy.toString());
      assertEquals(List.of(1, 2, 3, 4, 5), data.unlabelledRows(), policy.toString());
      assertArrayEquals(new int[] {0, 6}, data.labelledRows(), policy.toString());
      assertEquals(20.0, data.dataset().labels().get(6, 0), "a label scored is read as before");
    }
  }

  /** Without the optional label column no row is labelled: an empty array, not null. */
  @Test
  void aFileWithoutTheLabelColumnHasNoLabelledRows() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("y").optionalLabel(), "a\n1\n2\n");
    assertEquals(false, data.hasLabels());
    assertArrayEquals(new int[0], data.labelledRows());
  }

  @Test
  void anInfiniteClassLabelMarksARowToPredict() throws IOException {
    String text = "a,y\n1,x\n2,inf\n3,y\n4,-1e999\n";
    for (MissingValues policy : MissingValues.values()) {
      CsvData data = read(CsvReader.builder().labelColumn("y").optionalLabel()
          .classNames(List.of("x", "y")).missingValues(policy), text);
      assertEquals(List.of(1, 3), data.unlabelledRows(), policy.toString());
      assertEquals(4, data.dataset().size(), policy.toString());
    }
  }

  /** Data to learn from keeps its rule: an infinite label is refused, or its row dropped. */
  @Test
  void anInfiniteLabelToLearnIsStillRefusedOrDropped() throws IOException {
    assertEquals("new.csv: line 3, column 2 (y): \"inf\" is not a finite number",
        assertThrows(MissingValueException.class, () -> read(CsvReader.builder()
            .labelColumn("y").regression(), "a,y\n1,10\n2,inf\n")).getMessage());
    CsvData dropped = read(CsvReader.builder().labelColumn("y").regression()
        .missingValues(MissingValues.DROP), "a,y\n1,10\n2,inf\n3,1e400\n");
    assertEquals(2, dropped.droppedRows());
    assertEquals(1, dropped.dataset().size());
  }
}
