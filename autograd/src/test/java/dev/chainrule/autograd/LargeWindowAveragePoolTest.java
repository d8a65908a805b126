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
   * strides, padding and dilation on both axes, and in ceil mode, where the last windows run past
   * the padded input, with and without count_include_pad. 1e-15: means of up to 279 values in
   * [−1, 1], two summation orders.
   */
  @Test
  void separablePassesAreEachWindowsMean() {
    Tensor x = Tensors.rand(Shape.of(2, 2, 23, 21), 7L).mul(2).sub(1);
    for (Pool2dOptions o : List.of(
        Pool2dOptions.builder(17, 16).stride(3, 2).padding(8, 7).build(),
        Pool2dOptions.builder(9, 31).stride(2, 1).padding(4, 15).dilation(2, 1).build(),
        Pool2dOptions.builder(17, 16).stride(5, 4).padding(8, 3).ceilMode(true).build(),
        Pool2dOptions.builder(17, 16).stride(5, 4).padding(8, 3).ceilMode(true)
            .countIncludePad(false).build(),
        Pool2dOptions.builder(9, 31).stride(4, 3).padding(2, 15).dilation(2, 1).ceilMode(true)
            .countIncludePad(false).build())) {
      Tensor y = Variable.constant(x).avgPool2d(o).value();
      Tensor expected = naive(x, o);
      assertEquals(expected.shape(), y.shape(), o.toString());
      assertTrue(y.allClose(expected, 0, 1e-15), o.toString());
    }
  }

  /**
   * First- and second-order checks through the separable passes (272 taps), also in ceil mode
   * without count_include_pad (the sums divided by each window's count).
   */
  @Test
  void gradientsPassTheChecks() {
    for (Pool2dOptions o : List.of(
        Pool2dOptions.builder(17, 16).stride(2, 3).padding(3, 2).build(),
        Pool2dOptions.builder(17, 16).stride(4, 5).padding(3, 2).ceilMode(true)
            .countIncludePad(false).build())) {
      DifferentiableFunction pool = in -> in.get(0).avgPool2d(o);
      List<Tensor> input = List.of(Tensors.rand(Shape.of(1, 2, 19, 18), 11L));
      GradCheckReport first = GradCheck.check(pool, input);
      assertTrue(first.passed(), o + ": " + first);
      GradCheckReport second = GradCheck.gradGradCheck(pool, input);
      assertTrue(second.passed(), o + ": " + second);
    }
  }

  /**
   * A 17 × 17 window (289 taps, the separable passes) with stride 16 and padding 4 over 20 × 20,
   * in ceil mode: 2 × 2 windows where rounding down gives 1 × 1, the second row and column of
   * them starting at 12 and counting 12 taps (to the padding's end at 24) or 8 (to the input's
   * at 20). From PyTorch 1.13: x = ((i·37) mod 101) / 10 − 5 over the 400 elements, y =
   * F.avg_pool2d(x, 17, 16, 4, ceil_mode=True, count_include_pad=cip), then (y·w).sum()
   * backward with w = [1, 2, 3, 4] / 4, read at a few elements (row, column). 1e-15: sums of
   * up to 289 values below 5, in another order, over counts of 144 to 289.
   */
  @Test
  void ceilModeGivesTorchsMeansPastTheEdge() {
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((i * 37) % 101) / 10.0 - 5;
    }
    int[][] at = {{0, 0}, {11, 12}, {12, 11}, {12, 12}, {19, 19}, {3, 15}};
    Object[][] cases = {
        {true, new double[] {0.003806228373702421, -0.052941176470588214, 0.08921568627450982,
            -0.08124999999999995}, new double[] {0.0008650519031141869, 0.00331603229527105,
            0.004541522491349481, 0.013936947327950788, 0.006944444444444444,
            0.0024509803921568627}},
        {false, new double[] {0.0065088757396449684, -0.1038461538461538, 0.17500000000000002,
            -0.18281249999999988}, new double[] {0.0014792899408284023, 0.00628698224852071,
            0.008690828402366865, 0.02912352071005917, 0.015625, 0.004807692307692308}}};
    for (Object[] c : cases) {
      boolean counted = (boolean) c[0];
      Pool2dOptions o = Pool2dOptions.builder(17).stride(16).padding(4).ceilMode(true)
          .countIncludePad(counted).build();
      Variable input = Variable.parameter(Tensor.of(x, 1, 1, 20, 20));
      Variable y = input.avgPool2d(o);
      assertEquals(Shape.of(1, 1, 2, 2), y.shape(), o.toString());
      double[] values = (double[]) c[1];
      for (int i = 0; i < 4; i++) {
        assertEquals(values[i], y.value().flatGet(i), 1e-15, o + " value " + i);
      }
      y.mul(Variable.constant(Tensor.of(new double[] {0.25, 0.5, 0.75, 1}, 1, 1, 2, 2)))
          .sum().backward();
      double[] slopes = (double[]) c[2];
      for (int i = 0; i < at.length; i++) {
        assertEquals(slopes[i], input.grad().get(0, 0, at[i][0], at[i][1]), 1e-15,
            o + " gradient at " + at[i][0] + ", " + at[i][1]);
      }
    }
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

  /**
   * Each array the passes would need, refused by name when it alone is past Java's, with its
   * size in the message: the row pass's columns over planes extended in ceil mode (kw taps by
   * 4 rows, 3 of the input and 1 of zeros, by 20000 outputs); the column pass's (kh taps by
   * 65537 × 2 outputs); one pass's columns of exactly {@link AveragePooling#SMALL_WINDOW} taps
   * (16 × 16 by 2897² outputs, over a float32 input of 33.5 MB). Each count is exact.
   */
  @Test
  void eachPassesArraysAreRefusedByNameWithTheirSize() {
    Object[][] cases = {
        {Tensors.zeros(1, 1, 3, 19999), Pool2dOptions.builder(2, 32768).stride(2, 1)
            .padding(0, 16384).ceilMode(true).build(), "2×32768", 32768L * 4 * 20000},
        {Tensors.zeros(1, 1, 65536, 2), Pool2dOptions.builder(32768, 1).stride(1)
            .padding(16384, 0).build(), "32768×1", 32768L * 65537 * 2},
        {Tensors.zeros(Shape.of(1, 1, 2896, 2896), DType.FLOAT32), Pool2dOptions.builder(16)
            .stride(1).padding(8).build(), "16×16", 256L * 2897 * 2897}};
    for (Object[] c : cases) {
      Tensor input = (Tensor) c[0];
      Variable x = Variable.parameter(input);
      String message = assertThrows(IllegalArgumentException.class,
          () -> x.avgPool2d((Pool2dOptions) c[1])).getMessage();
      assertTrue(message.startsWith("avgPool2d: input " + input.shape() + ": a " + c[2]
          + " kernel"), message);
      assertTrue(message.contains("needs an array of " + c[3] + " elements"), message);
    }
  }

  /**
   * Each window's mean written out, divided as PyTorch 1.13 divides (its taps before the end of
   * the padding, or on the input without count_include_pad), its taps counted with dilation.
   */
  private static Tensor naive(Tensor x, Pool2dOptions o) {
    int oh = o.outputSize(x.dim(2), true);
    int ow = o.outputSize(x.dim(3), false);
    double[] y = new double[x.dim(0) * x.dim(1) * oh * ow];
    int at = 0;
    for (int n = 0; n < x.dim(0); n++) {
      for (int c = 0; c < x.dim(1); c++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double sum = 0;
            int taps = 0;
            for (int p = 0; p < o.kernelHeight(); p++) {
              for (int q = 0; q < o.kernelWidth(); q++) {
                int r = i * o.strideHeight() - o.paddingHeight() + p * o.dilationHeight();
                int s = j * o.strideWidth() - o.paddingWidth() + q * o.dilationWidth();
                boolean inside = r >= 0 && r < x.dim(2) && s >= 0 && s < x.dim(3);
                if (inside) {
                  sum += x.get(n, c, r, s);
                }
                boolean beforePaddingsEnd = r < x.dim(2) + o.paddingHeight()
                    && s < x.dim(3) + o.paddingWidth();
                taps += (o.countIncludePad() ? beforePaddingsEnd : inside) ? 1 : 0;
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
