package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The searches for a count of rows give up from 2⁶² rows on, that count included: a test
 * fraction of 2⁻⁶³ needs 0.5 / 2⁻⁶³ = 2⁶² rows for a test row, which no data set holds, and the
 * refusal says so rather than quoting a count near 4.6e18 found by stepping through doubles that
 * no longer tell neighbouring counts apart.
 */
class SearchedRowsEdgeTest {
  private static final double EDGE = 0x1p-63;

  @Test
  void theFewestRowsAtTheEdgeAreBeyondAnyData() {
    assertEquals(Long.MAX_VALUE, DataChecks.minimumRows(EDGE));
  }

  @Test
  void aClassAtTheEdgeNeedsMoreRowsThanAnyDataSetHolds() {
    Dataset thirty = new Dataset(Tensor.of(new double[60], 30, 2), Tensor.vector(new double[30]));
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireSplit(thirty.stratifiedSplit(EDGE, 1), EDGE, true, "x.csv"));
    assertEquals("x.csv: 30 rows are too few for a test fraction of 1.0842021724855044E-19: each"
        + " class holds out its own share, and none is large enough to give a test row (a class"
        + " needs 4.6e+18 rows, more than any data set holds)", e.getMessage());
  }
}
