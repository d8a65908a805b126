package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Java kernel's path choices at each threshold, one size below it and at it. Every path gives
 * the same product (GemmBackendProperties checks them all against a naive loop), so a threshold
 * moved by one is invisible in the results: it is checked here, where the choice is made.
 */
class JavaGemmBlockingTest {
  /**
   * Panels 4 × 4, turned below 3 columns, direct below 10, parallel from 100, pairs from 5 × 6,
   * register blocks up to 12 elements.
   */
  private static final JavaGemm.Blocking SMALL =
      new JavaGemm.Blocking(4, 4, 3, 10, 100, 5, 6, 12);

  @Test
  void productsBelowSmallWorkTakeTheDirectLoop() {
    assertTrue(SMALL.isSmall(9));
    assertFalse(SMALL.isSmall(10));
    assertFalse(SMALL.isSmall(11));
  }

  @Test
  void narrowTallResultsAreTurnedAround() {
    assertTrue(SMALL.turnsAround(10, 2), "2 columns < 3, and fewer than the 10 rows");
    assertFalse(SMALL.turnsAround(10, 3), "3 columns is not below the threshold");
    assertFalse(SMALL.turnsAround(2, 2), "square: nothing to gain");
    assertFalse(SMALL.turnsAround(1, 2), "wider than tall");
    assertTrue(SMALL.turnsAround(3, 2));
  }

  @Test
  void largeProductsSplitTheirRowsWithAtLeastEightRowsATask() {
    assertEquals(1, SMALL.tasks(99, 1000, 4), "below parallelWork");
    assertEquals(4, SMALL.tasks(100, 1000, 4), "at parallelWork: one task per processor");
    assertEquals(1, SMALL.tasks(100, 7, 4), "fewer than 8 rows: one task");
    assertEquals(1, SMALL.tasks(100, 15, 4));
    assertEquals(2, SMALL.tasks(100, 16, 4));
    assertEquals(3, SMALL.tasks(100, 31, 4));
    assertEquals(4, SMALL.tasks(100, 32, 4));
    assertEquals(2, SMALL.tasks(1000, 1000, 2), "never more than the processors");
  }

  @Test
  void panelsAtLeastPairWidthByPairHeightTakeTwoRowsAtATime() {
    assertTrue(SMALL.inPairs(5, 6));
    assertTrue(SMALL.inPairs(6, 7));
    assertFalse(SMALL.inPairs(4, 6), "one column short");
    assertFalse(SMALL.inPairs(5, 5), "one row short");
  }

  @Test
  void smallResultsOverAtMostTheDepthLimitTakeRegisterBlocks() {
    assertTrue(SMALL.isNarrow(3, 4, 150), "12 elements");
    assertTrue(SMALL.isNarrow(12, 1, NarrowGemmF64.MAX_DEPTH), "at the depth limit");
    assertFalse(SMALL.isNarrow(13, 1, 150), "13 elements");
    assertFalse(SMALL.isNarrow(2, 2, NarrowGemmF64.MAX_DEPTH + 1), "one deeper than the limit");
    assertFalse(SMALL.isNarrow(1 << 16, 1 << 16, 1), "m · n counted without overflow");
  }
}
