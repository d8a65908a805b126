package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Average pooling over windows of more than {@link AveragePooling#SMALL_WINDOW} taps, pooled as
 * a 1×kw sum and a kh×1 convolution: a 20000 × 20000 window ran out of memory building its
 * kh·kw kernel, and a 65536 × 65536 one was refused under the name of the kernel's factory.
 */
class LargeWindowAveragePoolTest {
  /**
   * PyTorch 1.13's F.avg_pool2d of ones [1, 1, 3, 3] (every value and gradient in one window):
   * 9 / k² and 1 / k². Relative 1e-15 in float64 (two passes round twice where PyTorch divides
   * once), 1e-7 in float32 against PyTorch's float32 results.
   */
  @Test
  void hugeWindowsGiveTorchsMeans() {
    double[][] cases = {
        {20000, 10000, 2.25e-08, 2.5e-09, 2.2500000085301508e-08, 2.4999999848063226e-09},
        {65536, 32768, 2.0954757928848267e-09, 2.3283064365386963e-10, 2.0954757928848267e-09,
            2.3283064365386963e-10}};
    for (double[] c : cases) {
      Pool2dOptions o = Pool2dOptions.builder((int) c[0]).padding((int) c[1]).build();
      for (DType type : DType.values()) {
        boolean wide = type == DType.FLOAT64;
        double tolerance = wide ? 1e-15 : 1e-7;
        Variable x = Variable.parameter(Tensors.ones(Shape.of(1, 1, 3, 3), type));
        Variable y = x.avgPool2d(o);
        assertEquals(Shape.of(1, 1, 1, 1), y.shape());
        double value = wide ? c[2] : c[4];
        assertEquals(value, y.value().flatGet(0), tolerance * value, c[0] + " " + type);
        y.sum().backward();
        double slope = wide ? c[3] : c[5];
        for (int i = 0; i < 9; i++) {
          assertEquals(slope, x.grad().flatGet(i), tolerance * slope, c[0] + " " + type);
        }
      }
    }
  }

  /**
   * The separable passes against each window's mean written out, padding counted as zeros, with
   * strides, padding and dilation on both axes. 1e-15: means of up to 279 values in [−1, 1], two
   * summation orders.
   */
  @Test
  void separablePassesAreEachWindowsMean() {
    Tensor x = Tensors.rand(Shape.of(2, 2, 23, 21), 7L).mul(2).sub(1);
    for (Pool2dOptions o : List.of(
        Pool2dOptions.builder(17, 16).stride(3, 2).padding(8, 7).build(),
        Pool2dOptions.builder(9, 31).stride(2, 1).padding(4, 15).dilation(2, 1).build())) {
      Tensor y = Variable.constant(x).avgPool2d(o).value();
      Tensor expected = naive(x, o);
      assertEquals(expected.shape(), y.shape(), o.toString());
      assertTrue(y.allClose(expected, 0, 1e-15), o.toString());
    }
  }

  /** First- and second-order checks through the separable passes (272 taps). */
  @Test
  void gradientsPassTheChecks() {
    Pool2dOptions o = Pool2dOptions.builder(17, 16).stride(2, 3).padding(3, 2).build();
    DifferentiableFunction pool = in -> in.get(0).avgPool2d(o);
    List<Tensor> input = List.of(Tensors.rand(Shape.of(1, 2, 19, 18), 11L));
    GradCheckReport first = GradCheck.check(pool, input);
    assertTrue(first.passed(), first.toString());
    GradCheckReport second = GradCheck.gradGradCheck(pool, input);
    assertTrue(second.passed(), second.toString());
  }

  /**
   * A stride of 2^31 − 1 with padding (the convolution's window offsets in long): PyTorch's
   * F.avg_pool2d(arange(1, 5).view(1, 1, 2, 2), 4, stride=2**31 - 1, padding=2) is 10/16 = 0.625,
   * and each gradient 1/16. Exact: sums of small whole numbers over a power of two.
   */
  @Test
  void aHugeStrideWithPadding() {
    Variable x = Variable.parameter(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
    Variable y = x.avgPool2d(Pool2dOptions.builder(4).stride(Integer.MAX_VALUE).padding(2).build());
    assertEquals(Tensor.of(new double[] {0.625}, 1, 1, 1, 1), y.value());
    y.sum().backward();
    assertEquals(Tensors.full(Shape.of(1, 1, 2, 2), 1.0 / 16), x.grad());
  }

  /** A window whose passes would need an array past Java's, refused under avgPool2d's name. */
  @Test
  void windowsPastAnArrayAreRefusedByName() {
    Variable x = Variable.parameter(Tensors.zeros(1, 1, 1, 65536));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.avgPool2d(Pool2dOptions.builder(1, 32768).stride(1).padding(0, 16384).build()));
    assertTrue(e.getMessage().startsWith("avgPool2d: input [1, 1, 1, 65536]: a 1×32768 kernel"),
        e.getMessage());
  }

  private static Tensor naive(Tensor x, Pool2dOptions o) {
    int oh = o.outputSize(x.dim(2), true);
    int ow = o.outputSize(x.dim(3), false);
    double taps = (double) o.kernelHeight() * o.kernelWidth();
    double[] y = new double[x.dim(0) * x.dim(1) * oh * ow];
    int at = 0;
    for (int n = 0; n < x.dim(0); n++) {
      for (int c = 0; c < x.dim(1); c++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double sum = 0;
            for (int p = 0; p < o.kernelHeight(); p++) {
              for (int q = 0; q < o.kernelWidth(); q++) {
                int r = i * o.strideHeight() - o.paddingHeight() + p * o.dilationHeight();
                int s = j * o.strideWidth() - o.paddingWidth() + q * o.dilationWidth();
                if (r >= 0 && r < x.dim(2) && s >= 0 && s < x.dim(3)) {
                  sum += x.get(n, c, r, s);
                }
              }
            }
            y[at++] = sum / taps;
          }
        }
      }
    }
    return Tensor.of(y, x.dim(0), x.dim(1), oh, ow);
  }
}
