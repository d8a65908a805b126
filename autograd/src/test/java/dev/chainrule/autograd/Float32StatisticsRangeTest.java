package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A variable's mean and variance are core's, bit for bit: in float32 too where a sum or a sum of
 * squares passes float32's range though the statistic does not, which core takes in float64 and
 * rounds once. They were sum / n and a float32 sum of squares, ∞ there (the variance's gradient
 * NaN), where {@link Tensor#mean()} and {@link Tensor#variance()} are finite.
 */
class Float32StatisticsRangeTest {
  /** Five values of 1e38: their float32 sum is ∞, their mean 1e38 and their variance 0. */
  private static final Tensor LARGE = Tensors.full(Shape.of(5), 1e38, DType.FLOAT32);

  /** Squares of 2.25e38 each, ∞ summed in float32; the variance is 1.8e38. */
  private static final Tensor SPREAD =
      Tensor.of(new float[] {1.5e19f, -1.5e19f, 1.5e19f, -1.5e19f, 0f}, 5);

  @Test
  void aMeanWhoseSumPassesFloat32sRangeIsCores() {
    Variable x = Variable.parameter(LARGE);
    Variable mean = x.mean();
    mean.backward();
    assertEquals(LARGE.mean(), mean.value());
    assertEquals(1e38f, (float) mean.value().item());
    // g / n spread back, as PyTorch's 0.2 each (whose own mean is ∞ here: it sums in float32).
    assertEquals(Tensors.full(Shape.of(5), 0.2, DType.FLOAT32), x.grad());

    // Along an axis, and a mean that is not the data's value: (3e38 + 3e38 − 1e38) / 3.
    Tensor rows = Tensor.of(new float[] {3e38f, 3e38f, -1e38f, 1, 2, 3}, 2, 3);
    Variable y = Variable.parameter(rows);
    Variable means = y.mean(1, false);
    means.sum().backward();
    assertEquals(rows.mean(1, false), means.value());
    assertEquals(1.6666666e38f, (float) means.value().flatGet(0));
    assertEquals(Tensors.full(Shape.of(2, 3), 1.0 / 3, DType.FLOAT32), y.grad());
  }

  @Test
  void aConstantGroupOfLargeValuesHasVarianceZeroAndGradientZero() {
    for (boolean unbiased : new boolean[] {false, true}) {
      Variable x = Variable.parameter(LARGE);
      Variable variance = x.variance(new int[] {0}, false, unbiased);
      variance.backward();
      assertEquals(LARGE.variance(new int[] {0}, false, unbiased), variance.value());
      assertEquals(Tensor.scalar(0, DType.FLOAT32), variance.value());
      assertEquals(Tensors.zeros(Shape.of(5), DType.FLOAT32), x.grad(), "unbiased " + unbiased);
    }
  }

  /**
   * PyTorch 1.13's var of the same float32 values, population and unbiased: 1.8000001655579303e38
   * and 2.250000105535365e38, gradients 2g·(x − x̄)/d = ±6.000000318157357e18 and
   * ±7.500000260257743e18, 0 at the 0. The values are core's bits; the gradients within 2 ulp of
   * float32 (the order of g/d, ×2 and ×(x − x̄) differs from PyTorch's (2/d)·g·(x − x̄), each
   * rounding once).
   */
  @Test
  void squaresPastFloat32sRangeGivePyTorchsVarianceAndGradient() {
    double[][] expected = {{1.8000001655579303e38, 6.000000318157357e18},
        {2.250000105535365e38, 7.500000260257743e18}};
    for (int i = 0; i < 2; i++) {
      boolean unbiased = i == 1;
      Variable x = Variable.parameter(SPREAD);
      Variable variance = x.variance(new int[] {0}, false, unbiased);
      variance.backward();
      assertEquals(SPREAD.variance(new int[] {0}, false, unbiased), variance.value());
      assertEquals((float) expected[i][0], (float) variance.value().item());
      float slope = (float) expected[i][1];
      Tensor torch = Tensor.of(new float[] {slope, -slope, slope, -slope, 0}, 5);
      assertTrue(x.grad().allClose(torch, 2 * Math.ulp(1f), 0),
          () -> x.grad() + " vs " + torch);
    }
  }

  /**
   * Ordinary data in both types, over all elements and over axes: the variable's statistics are
   * the tensor's, bit for bit (Tensor equality compares bits).
   */
  @Test
  void ordinaryStatisticsAreCoresBitForBit() {
    Tensor data = Tensors.randn(Shape.of(7, 5, 3), 11L).mul(3).add(100);
    for (DType type : DType.values()) {
      Tensor x = data.to(type);
      Variable v = Variable.constant(x);
      assertEquals(x.mean(), v.mean().value(), type.toString());
      assertEquals(x.variance(), v.variance().value(), type.toString());
      for (int[] axes : List.of(new int[] {0}, new int[] {-1}, new int[] {0, 2})) {
        for (boolean keep : new boolean[] {false, true}) {
          assertEquals(x.mean(axes, keep), v.mean(axes, keep).value(), type + " mean");
          assertEquals(x.variance(axes, keep, true), v.variance(axes, keep, true).value(),
              type + " variance");
        }
      }
    }
  }
}
