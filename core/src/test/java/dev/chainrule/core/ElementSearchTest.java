package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Tensor#indexOutside}, {@link Tensor#indexNotClass} and {@link Tensor#flatGet}: how a
 * check that runs every training step (a loss's targets, an optimizer's squared gradients) finds
 * and names the first offending element. The range is closed at both ends, a NaN is outside every
 * range and is no class, and the first offender in row-major order is the one reported.
 */
class ElementSearchTest {

  @ParameterizedTest
  @EnumSource(DType.class)
  void theBoundsThemselvesAreInside(DType dtype) {
    Tensor x = Tensor.matrix(new double[][] {{0, 0.5}, {1, 0.25}}).to(dtype);
    assertEquals(-1, x.indexOutside(0, 1));
    // One bound moved past a value that equals it: that value is now the first outside.
    assertEquals(0, x.indexOutside(Math.nextUp(0.0), 1));
    assertEquals(2, x.indexOutside(0, Math.nextDown(1.0)));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theFirstOffenderInRowMajorOrderIsFound(DType dtype) {
    Tensor x = Tensor.matrix(new double[][] {{0.5, 0.5, 0.5}, {-2, 0.5, 3}}).to(dtype);
    assertEquals(3, x.indexOutside(0, 1));
    assertEquals(5, x.indexOutside(-2, 1));
    assertEquals(-1, x.indexOutside(-2, 3));
    assertEquals(-2.0, x.flatGet(3));
    assertEquals(3.0, x.flatGet(5));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aNanIsOutsideEveryRangeAndAnInfinityOnlyOutsideFiniteOnes(DType dtype) {
    Tensor x = Tensor.vector(0.5, Double.POSITIVE_INFINITY, Double.NaN).to(dtype);
    assertEquals(1, x.indexOutside(0, 1));
    assertEquals(2, x.indexOutside(0, Double.POSITIVE_INFINITY));
    assertEquals(2, x.indexOutside(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertTrue(Double.isNaN(x.flatGet(2)));
  }

  @Test
  void anEmptyTensorHasNothingOutside() {
    assertEquals(-1, Tensors.zeros(0, 3).indexOutside(1, 2));
  }

  @Test
  void flatGetReadsFloat32ExactlyAndRefusesAnIndexOutsideTheTensor() {
    Tensor x = Tensor.vector(0.1, 7).to(DType.FLOAT32);
    // The float32 value widened, not the float64 literal it was rounded from.
    assertEquals((double) 0.1f, x.flatGet(0));
    assertEquals(7.0, x.flatGet(1));
    for (int bad : new int[] {-1, 2}) {
      String message = assertThrows(IllegalArgumentException.class, () -> x.flatGet(bad))
          .getMessage();
      assertEquals("flatGet: index " + bad + " is outside [0, 2)", message);
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aClassIndexIsAWholeNumberBelowTheCount(DType dtype) {
    Tensor x = Tensor.vector(0, 2, 1).to(dtype);
    assertEquals(-1, x.indexNotClass(3));
    assertEquals(1, x.indexNotClass(2));
    for (double bad : new double[] {-1, 0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals(2, Tensor.vector(0, 1, bad).to(dtype).indexNotClass(Integer.MAX_VALUE),
          "" + bad);
    }
  }

  @Test
  void onlyAFiniteValueThatFloat32RoundsToAnInfinityIsBeyondIt() {
    // Float.MAX_VALUE·(1 + 2⁻²⁵) is within half an ulp and rounds down to the largest float32;
    // NaN and the infinities convert to themselves, not beyond.
    double roundsDown = Float.MAX_VALUE * (1 + Math.scalb(1.0, -25));
    assertEquals(-1, Tensor.vector(roundsDown, -roundsDown, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300).indexBeyondFloat32());
    assertEquals(2, Tensor.vector(1, roundsDown, -1e39, 1e300).indexBeyondFloat32());
    assertEquals(-1, Tensor.vector(1, Float.MAX_VALUE).to(DType.FLOAT32).indexBeyondFloat32(),
        "float32 already");
  }
}
