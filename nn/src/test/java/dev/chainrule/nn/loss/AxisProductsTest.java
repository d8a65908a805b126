package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The one rule of merged axes' sizes that Flatten, Unflatten and the losses share: a product
 * held at 2^31 once past an int (no wrap, a later 0 still 0), an exact one for messages, and a
 * size to infer (−1) left out. The layers' own limits are in LayerLimitsTest and
 * LossInputChecksTest.
 */
class AxisProductsTest {
  private static final long CAP = 1L << 31;

  @Test
  void aProductPastAnIntIsHeldAtTwoToThe31() {
    int[] dims = {65536, 32768, 65536};
    assertEquals(CAP - 1, AxisProducts.capped(new int[] {Integer.MAX_VALUE}, 0, 1),
        "the largest axis is no product past an int");
    assertEquals(CAP, AxisProducts.capped(dims, 0, 2), "2^31 exactly: one past an axis");
    assertEquals(CAP, AxisProducts.capped(dims, 0, 3), "2^47, held: in a long it did not wrap,"
        + " but 65536^4 did");
    assertEquals(BigInteger.valueOf(65536L * 32768 * 65536), AxisProducts.exact(dims, 0, 3));
    int[] four = {65536, 65536, 65536, 65536};
    assertEquals(CAP, AxisProducts.capped(four, 0, 4), "2^64 wrapped a long to 0");
    assertEquals(BigInteger.TWO.pow(64), AxisProducts.exact(four, 0, 4));
  }

  @Test
  void aZeroAfterTheCapStillGivesZero() {
    assertEquals(0, AxisProducts.capped(new int[] {65536, 32768, 0}, 0, 3));
    assertEquals(BigInteger.ZERO, AxisProducts.exact(new int[] {65536, 32768, 0}, 0, 3));
  }

  @Test
  void aSizeToInferIsLeftOutAndAnEmptyRangeIsOne() {
    assertEquals(6, AxisProducts.capped(new int[] {2, -1, 3}, 0, 3));
    assertEquals(BigInteger.valueOf(6), AxisProducts.exact(new int[] {2, -1, 3}, 0, 3));
    assertEquals(1, AxisProducts.capped(new int[] {}, 1, 0), "a scalar's outputs per sample");
    assertEquals(4, AxisProducts.capped(new int[] {5, 4}, 1, 2), "from the second axis");
  }
}
