package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * max() and min() over all elements, given an infinite or NaN gradient. Their rule spread g as
 * g·share, the share 0 at every element that is not a maximum, so ∞·0 = NaN there; PyTorch 1.13's
 * CPU max() (evenly_distribute_backward) writes g / count into the winners alone and leaves the
 * others 0, and its double backward reads the winners alone too. The expected values are PyTorch
 * 1.13's (float64), found by session 72's differential hunt; every one is exact in binary, so the
 * comparisons are exact.
 */
class MaxAllNonFiniteGradientTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void anInfiniteGradientReachesTheMaximumAlone() {
    Variable x = Variable.parameter(Tensor.vector(0, -1, -2), "x");
    x.max().sqrt().backward(); // √'(0) = ∞ at the winner
    assertEquals(Tensor.vector(INF, 0, 0), x.grad());
  }

  @Test
  void anInfiniteGradientReachesTheMinimumAlone() {
    Variable x = Variable.parameter(Tensor.vector(0, 1, 2), "x");
    x.min().sqrt().backward();
    assertEquals(Tensor.vector(INF, 0, 0), x.grad());
  }

  /**
   * g = ∂(max √y)²/∂y is [NaN, 0, 1] in both (0/0 at y = 0, not the maximum); a penalty on it
   * sent the NaN through max's recorded rule into every element, where PyTorch keeps it at 0.
   */
  @Test
  void aNaNBesideTheMaximumStaysThereInTheSecondOrder() {
    Variable y = Variable.parameter(Tensor.vector(0, 1, 4), "y");
    Variable g = Gradients.of(List.of(y.sqrt().max().square()), List.of(y), null,
        Gradients.Options.creatingGraph()).get(0);
    g.square().sum().add(y.sum()).backward();
    double[] grad = y.grad().toArray();
    assertTrue(Double.isNaN(grad[0]), "NaN at 0 in PyTorch too");
    assertEquals(1.0, grad[1]);
    assertEquals(1.0, grad[2]);
  }

  /** A seed that requires a gradient: PyTorch's reaches it from the maximum alone. */
  @Test
  void aLearnedSeedGetsTheMaximumsTermAlone() {
    Variable y = Variable.parameter(Tensor.vector(0, 1, 4), "y");
    Variable s = Variable.parameter(Tensor.scalar(0.5), "s");
    Variable g = Gradients.of(List.of(y.sqrt().max()), List.of(y), List.of(s),
        Gradients.Options.creatingGraph()).get(0);
    g.square().sum().add(y.sum()).backward();
    assertEquals(0.0625, s.grad().item()); // 2·0.125·0.25 from the winner y = 4
  }
}
