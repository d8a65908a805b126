package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.core.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Rules that pass a gradient to some elements and 0 to the others select, rather than multiply by
 * a mask: ∞·0 is NaN, so an infinite gradient arriving where an input was clipped or not chosen
 * (the derivative of √ at 0, in clamp(d², 0, ∞).sqrt() of a d² rounded slightly negative) made
 * every gradient below it NaN. PyTorch 1.13 gives the values asserted here, exactly.
 */
class InfiniteGradientSelectionTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  /** d√x/dx at x = 2, in the unclipped third element. */
  private static final double AT_TWO = 0.5 / Math.sqrt(2);

  private static double[] gradientOfSqrtAfter(UnaryOperator<Variable> op) {
    Variable x = Variable.parameter(Tensor.vector(-1, 0, 2));
    op.apply(x).sqrt().sum().backward();
    return x.grad().toArray();
  }

  @Test
  void clippedOrUnchosenElementsGetZeroFromAnInfiniteGradient() {
    Variable zero = Variable.constant(Tensor.scalar(0));
    assertArrayEquals(new double[] {0, INF, AT_TWO},
        gradientOfSqrtAfter(x -> x.clamp(0, INF)), 0);
    // At the tie x = 0, maximum gives each side half: ∞/2 is ∞.
    assertArrayEquals(new double[] {0, INF, AT_TWO},
        gradientOfSqrtAfter(x -> x.maximum(zero)), 0);
    assertArrayEquals(new double[] {-0.0, INF, AT_TWO},
        gradientOfSqrtAfter(x -> x.neg().minimum(zero).neg()), 0);
    assertArrayEquals(new double[] {0, 0, AT_TWO}, gradientOfSqrtAfter(
        x -> Variable.where(x.value().gt(0), x, Variable.constant(Tensor.vector(0, 0, 0)))), 0);
    assertArrayEquals(new double[] {0, 0, 0}, gradientOfSqrtAfter(Variable::sign), 0);
    assertArrayEquals(new double[] {0, 0, 0}, gradientOfSqrtAfter(x -> x.step(0)), 0);
  }

  @Test
  void theOtherSideOfAWhereAndTheSecondDerivativeSelectToo() {
    Variable x = Variable.parameter(Tensor.vector(-1, 0, 2));
    Variable kept = Variable.parameter(Tensor.vector(0, 0, 0));
    Variable.where(x.value().gt(0), x, kept).sqrt().sum().backward();
    assertArrayEquals(new double[] {INF, INF, 0}, kept.grad().toArray(), 0);

    Variable y = Variable.parameter(Tensor.vector(-1, 1, 2));
    Variable first = Gradients.of(java.util.List.of(y.clamp(0, INF).pow(1.5).sum()),
        java.util.List.of(y), null, Gradients.Options.creatingGraph()).get(0);
    first.sum().backward();
    // d²/dy² of y^1.5 is 0.75/√y where unclipped, 0 where clipped.
    assertArrayEquals(new double[] {0, 0.75, 0.75 / Math.sqrt(2)}, y.grad().toArray(), 1e-15);
  }
}
