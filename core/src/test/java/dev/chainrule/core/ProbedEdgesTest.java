package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.gemm.EjmlGemm;
import dev.chainrule.core.gemm.JavaGemm;
import dev.chainrule.core.gemm.MatrixBlockF64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a probe of the public API with edge cases found (2026-12-01): sizes whose products wrap
 * around an int or a long, a slice step near 2^31, infinities in allClose, a mean that multiplied
 * by a rounded 1/n, a float64 mask read in float32, and null arguments that reached a raw
 * NullPointerException. Each was a wrong answer or an exception that named nothing; the expected
 * values are NumPy's.
 */
class ProbedEdgesTest {

  private static void assertRefused(String start, Executable call) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(message.startsWith(start), message);
  }

  @Test
  void aShapeWhoseProductPassesTwoToTheSixtyFourIsRefusedNotWrappedToZero() {
    // 2^64 elements: a long product wraps to 0, which would pass as an empty tensor.
    assertRefused("shape: [65536, 65536, 65536, 65536] has more than 2^31 - 1 elements",
        () -> Shape.of(65536, 65536, 65536, 65536).size());
    // Named by the factory since 2026-12-03 (it said "shape:").
    assertRefused("zeros: [65536, 65536, 65536, 65536] has more than 2^31 - 1 elements",
        () -> Tensors.zeros(65536, 65536, 65536, 65536));
    assertRefused("reshape: [0] cannot become [65536, 65536, 65536, 65536]: it has 0 elements,"
        + " not over 2^31 - 1", () -> Tensors.zeros(0).reshape(65536, 65536, 65536, 65536));
    // A zero anywhere still makes an empty shape, however large the rest.
    assertEquals(0, Shape.of(65536, 65536, 65536, 65536, 0).size());
  }

  @Test
  void factoriesWhoseSizeOverflowsAnIntAreRefusedByName() {
    assertRefused("eye: 46341 × 46341 has more than 2^31 - 1 elements",
        () -> Tensors.eye(46341));
    assertRefused("oneHot: 2 labels of 2147483647 classes",
        () -> Tensors.oneHot(new int[] {0, 0}, Integer.MAX_VALUE));
  }

  @Test
  void aConvolutionWhoseOutputOverflowsAnIntIsRefusedByName() {
    Tensor x = Tensors.ones(1, 1, 4, 4);
    Tensor w = Tensors.ones(1, 1, 1, 1);
    Conv2dOptions padded = Conv2dOptions.builder().padding(30000).build();
    assertRefused("conv2d: input [1, 1, 4, 4] and weight [1, 1, 1, 1]: an output of"
        + " 1×1×60004×60004",
        () -> x.conv2d(w, null, padded));
    assertRefused("conv2dWeightGrad: kernel size -1×2 must be positive",
        () -> x.conv2dWeightGrad(Tensors.ones(1, 1, 4, 4), Conv2dOptions.defaults(), -1, 2));
    // PyTorch's formula gives 5 for a kernel of 0: a size for no window at all.
    assertRefused("outputSize: input size 4 and kernel size 0",
        () -> Conv2dOptions.defaults().outputSize(4, 0, true));
  }

  @Test
  void aSliceStepNearTheLargestIntTakesTheFirstElement() {
    // NumPy: x[0:5:2**31-1] is [1.]; (to - from + step - 1) wrapped around in int arithmetic.
    assertEquals(Tensor.vector(1), Tensor.vector(1, 2, 3, 4, 5).slice(0, 0, 5,
        Integer.MAX_VALUE));
    assertEquals(Tensor.vector(1), Tensor.vector(1, 2, 3).slice(0, 0, 3, Integer.MAX_VALUE));
  }

  @Test
  void aSliceStepOfTwoPicksEveryOtherElementAlongTheAxisOnly() {
    Tensor m = Tensors.arange(12).reshape(3, 4);
    assertEquals(Tensor.of(new double[] {0, 2, 4, 6, 8, 10}, 3, 2), m.slice(1, 0, 4, 2));
    assertEquals(Tensor.of(new double[] {0, 1, 2, 3, 8, 9, 10, 11}, 2, 4), m.slice(0, 0, 3, 2));
    assertEquals(Tensor.of(new double[] {5, 9}, 2, 1), m.slice(0, 1, 3, 1).slice(1, 1, 2, 1));
  }

  @Test
  void anInfinityIsCloseOnlyToTheSameInfinity() {
    double inf = Double.POSITIVE_INFINITY;
    // atol + rtol·∞ is ∞, which passed every comparison with an infinite b.
    assertFalse(Tensor.vector(1).allClose(Tensor.vector(inf), 1e-5, 1e-8));
    assertFalse(Tensor.vector(inf).allClose(Tensor.vector(-inf), 1e-5, 1e-8));
    assertFalse(Tensor.vector(-1e308).allClose(Tensor.vector(inf), 1e-5, 1e-8));
    assertFalse(Tensor.vector(inf).allClose(Tensor.vector(1), 1e-5, 1e-8));
    assertTrue(Tensor.vector(inf, -inf).allClose(Tensor.vector(inf, -inf), 1e-5, 1e-8));
    assertRefused("allClose: tolerances must be finite and at least 0",
        () -> Tensor.vector(1).allClose(Tensor.vector(1), -1e-5, 0));
    assertRefused("allClose: tolerances must be finite and at least 0",
        () -> Tensor.vector(1).allClose(Tensor.vector(1), 1e-5, Double.NaN));
  }

  @Test
  void aMeanDividesItsSumSoEqualValuesAverageToThemselves() {
    // ×(1/n) rounds twice: ones(49).mean() was 0.9999999999999999, its variance 1.2e-32.
    for (int n = 1; n <= 200; n++) {
      assertEquals(1.0, Tensors.ones(n).mean().item(), "float64 ones, n = " + n);
      assertEquals(3.0, Tensors.full(Shape.of(n), 3.0).mean().item(), "float64 threes, n = " + n);
      assertEquals(1.0f, (float) Tensors.ones(Shape.of(n), DType.FLOAT32).mean().item(),
          "float32 ones, n = " + n);
      assertEquals(0.0, Tensors.full(Shape.of(n), 3.0).variance().item(), "variance, n = " + n);
    }
    assertEquals(Tensor.of(new double[] {2, 5}, 2),
        Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).mean(1, false));
  }

  @Test
  void aFloat64MaskBelowFloat32sSmallestStillPicksTheFirstTensor() {
    Tensor a = Tensor.of(new float[] {1f, 1f, 1f}, 3);
    Tensor b = Tensor.of(new float[] {2f, 2f, 2f}, 3);
    // Non-zero is true, NaN included, as in NumPy; 1e-300 would round to 0 in float32.
    Tensor picked = Tensor.where(Tensor.vector(1e-300, 0, Double.NaN), a, b);
    assertEquals(DType.FLOAT32, picked.dtype());
    assertEquals(Tensor.of(new float[] {1f, 2f, 1f}, 3), picked);
  }

  @Test
  void nullArgumentsAreNamed() {
    Tensor m = Tensors.zeros(2, 3);
    String gather = assertThrows(NullPointerException.class, () -> m.gather(1, null))
        .getMessage();
    assertEquals("gather: index is null", gather);
    MatrixBlockF64 c = MatrixBlockF64.of(new double[4], 2, 2);
    String java = assertThrows(NullPointerException.class,
        () -> new JavaGemm().gemm(1.0, null, false, c, false, 0.0, c)).getMessage();
    assertEquals("gemm: A is null", java);
    String ejml = assertThrows(NullPointerException.class,
        () -> new EjmlGemm().gemm(1.0, c, false, null, false, 0.0, c)).getMessage();
    assertEquals("gemm: B is null", ejml);
  }
}
