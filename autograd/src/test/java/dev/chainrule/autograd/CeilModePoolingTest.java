package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's {@code ceil_mode} on max and average pooling ({@link Pool2dOptions#ceilMode}), held to
 * PyTorch 1.13's values and input gradients. Each case's expectations come from PyTorch 1.13
 * (float64):
 *
 * <pre>
 * x = torch.tensor([((i * 37) % 101) / 10.0 - 5 for i in range(n)], dtype=torch.float64)
 *     .reshape(shape).requires_grad_()
 * y = F.max_pool2d(x, k, s, p, d, ceil_mode=True)          # max cases
 * y = F.avg_pool2d(x, k, s, p, ceil_mode=True, count_include_pad=cip)   # average cases
 * w = (torch.arange(y.numel(), dtype=torch.float64) + 1).reshape(y.shape) / y.numel()
 * (y * w).sum().backward()                                  # the gradient is x.grad
 * </pre>
 *
 * <p>The inputs are distinct (no ties for the maximum) and the weights w differ per output, so a
 * gradient sent to the wrong element or divided by the wrong count shows. In every case but the
 * two named {@code LastWindowMustStartInside} ceil mode adds a row or column of windows past the
 * bottom or right edge; in those two, PyTorch's rule that the last window start inside the input
 * or its top/left padding removes it again.
 */
class CeilModePoolingTest {
  /** One pooling, its PyTorch 1.13 output (shape and values) and gradient of Σ y·w. */
  private record Case(String name, boolean max, Pool2dOptions options, Shape input, Shape output,
      double[] values, double[] gradient) {}

  private static final List<Case> CASES = List.of(
      new Case("maxTwoByTwoPastTheEdge", true,
          Pool2dOptions.builder(2, 2).stride(2, 2).padding(0, 0).ceilMode(true).build(),
          Shape.of(1, 1, 5, 5), Shape.of(1, 1, 3, 3),
          new double[] {3.4000000000000004, 4.4, -0.2999999999999998, 3.6999999999999993, 2.7,
                        4.699999999999999, 2.0, -0.7000000000000002, 3.0},
          new double[] {0.0, 0.0, 0.0, 0.0, 0.3333333333333333, 0.1111111111111111, 0.0, 0.0,
                        0.2222222222222222, 0.0, 0.0, 0.0, 0.0, 0.5555555555555556, 0.0, 0.0,
                        0.4444444444444444, 0.0, 0.0, 0.6666666666666666, 0.0, 0.7777777777777778,
                        0.0, 0.8888888888888888, 1.0}),
      new Case("maxPadded", true,
          Pool2dOptions.builder(3, 3).stride(2, 2).padding(1, 1).ceilMode(true).build(),
          Shape.of(1, 2, 6, 6), Shape.of(1, 2, 4, 4),
          new double[] {0.7000000000000002, 4.4, 3.4000000000000004, 3.4000000000000004,
                        4.699999999999999, 4.699999999999999, 3.6999999999999993,
                        -0.7000000000000002, 5.0, 4.699999999999999, 4.0, 3.3000000000000007, 5.0,
                        2.3, 3.3000000000000007, 3.3000000000000007, 2.5999999999999996,
                        4.300000000000001, 3.5999999999999996, -2.8, 4.6, 4.6, 3.9000000000000004,
                        1.2000000000000002, 4.9, 4.199999999999999, 3.9000000000000004,
                        3.1999999999999993, 0.5, 4.199999999999999, 1.5, -4.9},
          new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.21875, 0.0, 0.03125, 0.0625, 0.0, 0.0, 0.0, 0.0,
                        0.0, 0.0, 0.0, 0.21875, 0.0, 0.0, 0.65625, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0,
                        0.0, 0.34375, 0.0, 0.0, 0.6875, 0.0, 0.4375, 0.0, 0.0, 1.34375, 0.0, 0.0,
                        0.5625, 0.0, 0.0, 0.0, 0.0, 0.53125, 0.0, 0.0, 0.59375, 0.625, 0.0, 1.34375,
                        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.5625, 0.0, 0.75, 0.78125, 0.0, 0.0,
                        0.0, 0.0, 0.875, 0.0, 0.90625, 1.75, 0.0, 0.96875, 1.0}),
      new Case("maxDilated", true,
          Pool2dOptions.builder(2, 2).stride(2, 2).padding(0, 0).dilation(2, 2)
              .ceilMode(true).build(),
          Shape.of(1, 1, 6, 7), Shape.of(1, 1, 3, 3),
          new double[] {3.6999999999999993, 3.6999999999999993, 1.0, 5.0, 5.0, 2.3, 5.0, 5.0, 2.3},
          new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                        0.0, 0.3333333333333333, 0.0, 0.3333333333333333, 0.0, 0.0, 0.0, 0.0, 0.0,
                        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.6666666666666665, 0.0, 1.6666666666666665,
                        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}),
      new Case("maxLastWindowMustStartInside", true,
          Pool2dOptions.builder(2, 2).stride(2, 2).padding(1, 1).ceilMode(true).build(),
          Shape.of(1, 1, 3, 3), Shape.of(1, 1, 2, 2),
          new double[] {-5.0, 2.4000000000000004, -3.0, 4.4},
          new double[] {0.25, 0.0, 0.5, 0.0, 0.0, 0.0, 0.75, 0.0, 1.0}),
      new Case("avgPaddingCounted", false,
          Pool2dOptions.builder(3, 3).stride(2, 2).padding(1, 1).ceilMode(true).build(),
          Shape.of(1, 1, 6, 6), Shape.of(1, 1, 4, 4),
          new double[] {-0.9555555555555557, 0.02222222222222234, -0.6555555555555554,
                        -0.21666666666666665, 0.5666666666666667, 0.7888888888888889,
                        -0.7888888888888891, -1.3500000000000003, 0.9888888888888887,
                        0.2999999999999998, -0.15555555555555559, 0.65, 0.6, -0.5333333333333333,
                        -0.19999999999999987, 0.8250000000000002},
          new double[] {0.006944444444444444, 0.020833333333333332, 0.013888888888888888,
                        0.034722222222222224, 0.020833333333333332, 0.0625, 0.04166666666666667,
                        0.09722222222222221, 0.05555555555555555, 0.125, 0.06944444444444445,
                        0.19444444444444442, 0.034722222222222224, 0.0763888888888889,
                        0.041666666666666664, 0.09027777777777778, 0.04861111111111111,
                        0.13194444444444445, 0.09722222222222222, 0.20833333333333334,
                        0.1111111111111111, 0.2361111111111111, 0.125, 0.33333333333333337, 0.0625,
                        0.13194444444444445, 0.06944444444444445, 0.14583333333333334,
                        0.0763888888888889, 0.2013888888888889, 0.19791666666666666,
                        0.4131944444444444, 0.2152777777777778, 0.4479166666666667,
                        0.2326388888888889, 0.6076388888888888}),
      new Case("avgPaddingNotCounted", false,
          Pool2dOptions.builder(3, 3).stride(2, 2).padding(1, 1)
              .ceilMode(true).countIncludePad(false).build(),
          Shape.of(1, 1, 6, 6), Shape.of(1, 1, 4, 4),
          new double[] {-2.1500000000000004, 0.03333333333333351, -0.9833333333333333,
                        -0.6499999999999999, 0.85, 0.7888888888888889, -0.7888888888888891,
                        -2.7000000000000006, 1.4833333333333332, 0.2999999999999998,
                        -0.15555555555555559, 1.3, 1.8, -1.0666666666666667, -0.39999999999999974,
                        3.3000000000000007},
          new double[] {0.015625, 0.03645833333333333, 0.020833333333333332, 0.05208333333333333,
                        0.03125, 0.15625, 0.06770833333333334, 0.13020833333333331, 0.0625,
                        0.1423611111111111, 0.0798611111111111, 0.3715277777777778,
                        0.052083333333333336, 0.09375, 0.041666666666666664, 0.09027777777777778,
                        0.04861111111111111, 0.21527777777777776, 0.14583333333333334,
                        0.2569444444444444, 0.1111111111111111, 0.2361111111111111, 0.125,
                        0.5416666666666666, 0.09375, 0.16319444444444445, 0.06944444444444445,
                        0.14583333333333334, 0.0763888888888889, 0.3263888888888889, 0.5,
                        0.8611111111111112, 0.36111111111111116, 0.75, 0.3888888888888889,
                        1.6388888888888888}),
      new Case("avgRectangleCounted", false,
          Pool2dOptions.builder(2, 3).stride(2, 2).padding(1, 1).ceilMode(true).build(),
          Shape.of(1, 2, 5, 8), Shape.of(1, 2, 3, 5),
          new double[] {-1.05, -0.4833333333333332, -0.1499999999999999, 0.18333333333333343,
                        0.17500000000000004, 0.5666666666666665, -0.3333333333333335,
                        0.3333333333333332, -0.6833333333333335, -0.17500000000000004,
                        -0.36666666666666664, -0.0499999999999999, 0.6166666666666668,
                        1.2833333333333334, -0.875, -0.5333333333333333, -0.5500000000000002,
                        -0.21666666666666665, 0.1166666666666667, -0.7, 1.6000000000000003,
                        1.216666666666667, 0.20000000000000018, -0.8166666666666665, -1.925,
                        0.6666666666666665, -0.1833333333333335, 0.48333333333333317,
                        -0.5333333333333333, -0.10000000000000009},
          new double[] {0.005555555555555556, 0.016666666666666666, 0.011111111111111112,
                        0.027777777777777776, 0.016666666666666666, 0.03888888888888889,
                        0.022222222222222223, 0.06388888888888888, 0.03333333333333333,
                        0.07222222222222222, 0.03888888888888889, 0.08333333333333334,
                        0.044444444444444446, 0.09444444444444444, 0.049999999999999996,
                        0.13333333333333333, 0.03333333333333333, 0.07222222222222222,
                        0.03888888888888889, 0.08333333333333334, 0.044444444444444446,
                        0.09444444444444444, 0.049999999999999996, 0.13333333333333333,
                        0.06111111111111111, 0.12777777777777777, 0.06666666666666667,
                        0.1388888888888889, 0.07222222222222223, 0.15000000000000002,
                        0.07777777777777778, 0.20277777777777778, 0.06111111111111111,
                        0.12777777777777777, 0.06666666666666667, 0.1388888888888889,
                        0.07222222222222223, 0.15000000000000002, 0.07777777777777778,
                        0.20277777777777778, 0.08888888888888889, 0.18333333333333335,
                        0.09444444444444444, 0.19444444444444442, 0.09999999999999999,
                        0.20555555555555555, 0.10555555555555556, 0.2722222222222222,
                        0.11666666666666665, 0.23888888888888887, 0.12222222222222222, 0.25,
                        0.1277777777777778, 0.2611111111111111, 0.13333333333333333,
                        0.3416666666666667, 0.11666666666666665, 0.23888888888888887,
                        0.12222222222222222, 0.25, 0.1277777777777778, 0.2611111111111111,
                        0.13333333333333333, 0.3416666666666667, 0.14444444444444446,
                        0.29444444444444445, 0.15, 0.3055555555555556, 0.15555555555555556,
                        0.31666666666666665, 0.16111111111111112, 0.4111111111111111,
                        0.14444444444444446, 0.29444444444444445, 0.15, 0.3055555555555556,
                        0.15555555555555556, 0.31666666666666665, 0.16111111111111112,
                        0.4111111111111111}),
      new Case("avgRectangleNotCounted", false,
          Pool2dOptions.builder(2, 3).stride(2, 2).padding(1, 1)
              .ceilMode(true).countIncludePad(false).build(),
          Shape.of(1, 2, 5, 8), Shape.of(1, 2, 3, 5),
          new double[] {-3.15, -0.9666666666666665, -0.2999999999999998, 0.36666666666666686,
                        0.7000000000000002, 0.8499999999999999, -0.3333333333333335,
                        0.3333333333333332, -0.6833333333333335, -0.3500000000000001,
                        -0.5499999999999999, -0.0499999999999999, 0.6166666666666668,
                        1.2833333333333334, -1.75, -1.6, -1.1000000000000003, -0.4333333333333333,
                        0.2333333333333334, -2.8, 2.4000000000000004, 1.216666666666667,
                        0.20000000000000018, -0.8166666666666665, -3.85, 0.9999999999999998,
                        -0.1833333333333335, 0.48333333333333317, -0.5333333333333333,
                        -0.20000000000000018},
          new double[] {0.016666666666666666, 0.03888888888888889, 0.022222222222222223,
                        0.05555555555555555, 0.03333333333333333, 0.07777777777777778,
                        0.044444444444444446, 0.2111111111111111, 0.05, 0.08888888888888889,
                        0.03888888888888889, 0.08333333333333334, 0.044444444444444446,
                        0.09444444444444444, 0.049999999999999996, 0.21666666666666665, 0.05,
                        0.08888888888888889, 0.03888888888888889, 0.08333333333333334,
                        0.044444444444444446, 0.09444444444444444, 0.049999999999999996,
                        0.21666666666666665, 0.09166666666666666, 0.15833333333333333,
                        0.06666666666666667, 0.1388888888888889, 0.07222222222222223,
                        0.15000000000000002, 0.07777777777777778, 0.3277777777777778,
                        0.09166666666666666, 0.15833333333333333, 0.06666666666666667,
                        0.1388888888888889, 0.07222222222222223, 0.15000000000000002,
                        0.07777777777777778, 0.3277777777777778, 0.26666666666666666,
                        0.45555555555555555, 0.18888888888888888, 0.38888888888888884,
                        0.19999999999999998, 0.4111111111111111, 0.2111111111111111,
                        0.8777777777777778, 0.175, 0.2972222222222222, 0.12222222222222222, 0.25,
                        0.1277777777777778, 0.2611111111111111, 0.13333333333333333, 0.55, 0.175,
                        0.2972222222222222, 0.12222222222222222, 0.25, 0.1277777777777778,
                        0.2611111111111111, 0.13333333333333333, 0.55, 0.21666666666666667,
                        0.3666666666666667, 0.15, 0.3055555555555556, 0.15555555555555556,
                        0.31666666666666665, 0.16111111111111112, 0.6611111111111111,
                        0.21666666666666667, 0.3666666666666667, 0.15, 0.3055555555555556,
                        0.15555555555555556, 0.31666666666666665, 0.16111111111111112,
                        0.6611111111111111}),
      new Case("avgNoPadding", false,
          Pool2dOptions.builder(2, 2).stride(2, 2).padding(0, 0).ceilMode(true).build(),
          Shape.of(1, 1, 5, 5), Shape.of(1, 1, 3, 3),
          new double[] {-1.4749999999999999, 0.8750000000000002, -1.15, 0.17499999999999982, 0.0,
                        0.49999999999999956, 0.1499999999999999, -2.5500000000000003, 3.0},
          new double[] {0.027777777777777776, 0.027777777777777776, 0.05555555555555555,
                        0.05555555555555555, 0.16666666666666666, 0.027777777777777776,
                        0.027777777777777776, 0.05555555555555555, 0.05555555555555555,
                        0.16666666666666666, 0.1111111111111111, 0.1111111111111111,
                        0.1388888888888889, 0.1388888888888889, 0.3333333333333333,
                        0.1111111111111111, 0.1111111111111111, 0.1388888888888889,
                        0.1388888888888889, 0.3333333333333333, 0.3888888888888889,
                        0.3888888888888889, 0.4444444444444444, 0.4444444444444444, 1.0}),
      new Case("avgLastWindowMustStartInside", false,
          Pool2dOptions.builder(2, 2).stride(2, 2).padding(1, 1)
              .ceilMode(true).countIncludePad(false).build(),
          Shape.of(1, 1, 3, 3), Shape.of(1, 1, 2, 2),
          new double[] {-5.0, 0.5500000000000003, -3.5, 2.0500000000000003},
          new double[] {0.25, 0.25, 0.25, 0.375, 0.25, 0.25, 0.375, 0.25, 0.25}));

  /**
   * Float64 to 1e-13: PyTorch sums each window in its own order and divides once, chainrule sums
   * by convolution (or multiplies by 1 / (kh·kw) when every window counts all its taps), so sums
   * of up to 9 values below 5 round apart by a few ulps of 45 (7e-15 each). Float32 to 1e-5: the
   * inputs round to float32 (3e-7 each) and so do the sums (the ulp of 45 is 4e-6); float32 keeps
   * the inputs' order, so the maxima's gradients go where PyTorch's do.
   */
  @Test
  void valuesAndGradientsAreTorchs() {
    for (Case c : CASES) {
      for (DType type : DType.values()) {
        double tolerance = type == DType.FLOAT64 ? 1e-13 : 1e-5;
        String label = c.name() + " " + type;
        Variable x = Variable.parameter(input(c.input()).to(type));
        Variable y = c.max() ? x.maxPool2d(c.options()) : x.avgPool2d(c.options());
        assertEquals(c.output(), y.shape(), label);
        assertClose(c.values(), y.value(), tolerance, label + " values");
        y.mul(Variable.constant(weights(c.output(), type))).sum().backward();
        assertClose(c.gradient(), x.grad(), tolerance, label + " gradient");
      }
    }
  }

  /** Rounded down, every case but the two whose last window must start inside has fewer. */
  @Test
  void ceilModeChangesTheSizesWherePyTorchsDoes() {
    for (Case c : CASES) {
      Pool2dOptions o = c.options();
      assertEquals(c.output().dim(2), o.outputSize(c.input().dim(2), true), c.name());
      assertEquals(c.output().dim(3), o.outputSize(c.input().dim(3), false), c.name());
      assertEquals(!c.name().endsWith("LastWindowMustStartInside"), addsWindows(o, c.input()),
          c.name());
    }
  }

  /**
   * The catalogue's pooling cases (each row's 300 gradient checks) reach what the options add:
   * windows past the padded input (ceil mode is drawn in half the cases and adds windows in about
   * a quarter of those: 117 of these 1000 draws) and padding left out of a mean (271). The bounds,
   * 8 % and 20 %, lie about 4 standard deviations below what any seed draws; this one is fixed.
   */
  @Test
  void theCataloguesCasesReachWindowsPastTheEdge() {
    SplittableRandom random = new SplittableRandom(51);
    int draws = 1000;
    int past = 0;
    int uncounted = 0;
    for (int i = 0; i < draws; i++) {
      Pool2dOptions o = ConvolutionOps.pool(random);
      Shape x = ConvolutionOps.poolInput(random, o);
      past += addsWindows(o, x) ? 1 : 0;
      uncounted += !o.countIncludePad() && o.paddingHeight() + o.paddingWidth() > 0 ? 1 : 0;
    }
    assertTrue(past >= 0.08 * draws, past + " of " + draws + " add windows past the edge");
    assertTrue(uncounted >= 0.2 * draws, uncounted + " of " + draws + " leave padding out");
  }

  /**
   * The catalogue's inputs for a 3×3 window padded by 1 (which every height and width from 1 up
   * fits) run from one less than the kernel to two more: 2 to 5, each drawn among 200 draws
   * (each misses with probability (3/4)^200), none outside.
   */
  @Test
  void theCataloguesInputsRangeFromOneLessThanTheKernelToTwoMore() {
    Pool2dOptions o = Pool2dOptions.builder(3, 3).padding(1, 1).build();
    SplittableRandom random = new SplittableRandom(52);
    Set<Integer> heights = new TreeSet<>();
    Set<Integer> widths = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      Shape x = ConvolutionOps.poolInput(random, o);
      heights.add(x.dim(2));
      widths.add(x.dim(3));
    }
    assertEquals(Set.of(2, 3, 4, 5), heights);
    assertEquals(Set.of(2, 3, 4, 5), widths);
  }

  /** Whether rounding up gives the input x more windows than rounding down. */
  private static boolean addsWindows(Pool2dOptions o, Shape x) {
    Pool2dOptions floor = Pool2dOptions.builder(o.kernelHeight(), o.kernelWidth())
        .stride(o.strideHeight(), o.strideWidth()).padding(o.paddingHeight(), o.paddingWidth())
        .dilation(o.dilationHeight(), o.dilationWidth()).build();
    return o.outputSize(x.dim(2), true) > floor.outputSize(x.dim(2), true)
        || o.outputSize(x.dim(3), false) > floor.outputSize(x.dim(3), false);
  }

  /** The script's inputs: ((i·37) mod 101) / 10 − 5, distinct for up to 101 elements. */
  private static Tensor input(Shape shape) {
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((i * 37) % 101) / 10.0 - 5;
    }
    return Tensor.of(values, shape.dims());
  }

  /** The script's weights: (i + 1) / m over the m outputs. */
  private static Tensor weights(Shape shape, DType type) {
    return Tensors.arange(shape.size()).add(1).div(shape.size()).reshape(shape.dims()).to(type);
  }

  private static void assertClose(double[] expected, Tensor actual, double tolerance,
      String label) {
    assertEquals(expected.length, actual.size(), label);
    for (int i = 0; i < expected.length; i++) {
      double got = actual.flatGet(i);
      assertTrue(Math.abs(got - expected[i]) <= tolerance,
          label + " [" + i + "]: expected " + expected[i] + ", got " + got);
    }
  }
}
