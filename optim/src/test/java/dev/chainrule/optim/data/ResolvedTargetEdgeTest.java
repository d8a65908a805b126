package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * A target whose far value merges exactly half its distinct values is refused: half merging is
 * the mark, the half included. Here 1, 1.5 and 2, standardised by the spread 1e30 makes, become
 * one number: 4 different values become 2. The far value named is the one farthest from the
 * median, the first of equally far ones, wherever it lies among the rows.
 */
class ResolvedTargetEdgeTest {
  @Test
  void halfTheValuesMergingIsRefused() throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    double[] targets = {1, 1, 1, 1.5, 1.5, 1.5, 2, 2, 1e30, 1e30};
    for (int i = 0; i < targets.length; i++) {
      text.append(i).append(',').append(targets[i]).append('\n');
    }
    CsvData data = CsvReader.builder().regression().build()
        .read(new StringReader(text.toString()), "f.csv");
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireLearnable(data, "f.csv"));
    assertEquals(UnlearnableDataException.Reason.UNRESOLVED_TARGET, e.reason());
    assertEquals("f.csv: the target \"y\" holds 1.0E30 at line 10, so far from its other values"
        + " (median 1.5) that, standardised by the spread it makes, 4 different values become 2"
        + " in float64: the model could not tell them apart; correct or remove that row, or"
        + " predict the target in other units (e.g. its logarithm)", e.getMessage());
  }

  @Test
  void theFarValueIsFoundAmongValuesFarFromZero() throws IOException {
    // Near a million, 0.0001 apart: 900,000 among them is 1e5 from the median, and standardised
    // in float32 the others merge. The far value lies between the first row and the last.
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 11; i++) {
      text.append(i).append(',').append(i == 5 ? "900000" : "1000000.000" + i % 10).append('\n');
    }
    CsvData data = CsvReader.builder().regression().dtype(DType.FLOAT32).build()
        .read(new StringReader(text.toString()), "f.csv");
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireLearnable(data, "f.csv"));
    assertEquals("f.csv: the target \"y\" holds 900000.0 at line 7, so far from its other"
        + " values (median 1000000.0003) that, standardised by the spread it makes, 10 different"
        + " values become 3 in float32: the model could not tell them apart; correct or remove that"
        + " row, or predict the target in other units (e.g. its logarithm)", e.getMessage());
  }
}
