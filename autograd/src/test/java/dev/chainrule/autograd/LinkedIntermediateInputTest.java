package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorded derivative constant in its input, where that input is an intermediate variable
 * (∂(2r)/∂r with r = √y): the derivative is linked to r ({@link DerivativeLinks}), but a penalty
 * on it sends r no gradient, as PyTorch 1.13's derivative has no history to send one into. The
 * zeros that stood for none went into r's history and came out NaN where √ is singular:
 * <pre>
 * y = torch.tensor([0., 1., 4.], dtype=torch.float64, requires_grad=True)
 * r = y.sqrt()
 * g, = torch.autograd.grad((2 * r).sum() + (y * y).sum(), r, create_graph=True)
 * (g.square().sum() + y.sum()).backward()
 * y.grad   # tensor([1., 1., 1.]); ours was [NaN, 1, 1]
 * </pre>
 */
class LinkedIntermediateInputTest {
  private final Variable y = Variable.parameter(Tensor.vector(0, 1, 4), "y");
  private final Variable r = y.sqrt();

  private Variable derivativeByR(Variable output) {
    return Gradients.of(List.of(output.sum()), List.of(r), null,
        Gradients.Options.creatingGraph()).get(0);
  }

  @Test
  void aPenaltyOnTheDerivativeSendsNothingIntoTheIntermediatesHistory() {
    Variable g = derivativeByR(r.mul(2).add(y.square()));
    assertEquals(Tensor.vector(2, 2, 2), g.value());
    g.square().sum().add(y.sum()).backward();
    assertEquals(Tensor.vector(1, 1, 1), y.grad(), "y's own term alone, as PyTorch's");
  }

  /** The leaf below still receives zeros, as an input reached through a link does. */
  @Test
  void aLeafReachedThroughTheLinkAloneReceivesZeros() {
    derivativeByR(r.mul(2)).square().sum().backward();
    assertEquals(Tensors.zeros(3), y.grad());
  }

  /** Asked for by name, such a leaf gets the zeros too: the pass reaches it through r. */
  @Test
  void aLeafAskedForBelowTheLinkGetsZeros() {
    Variable penalty = derivativeByR(r.mul(2)).square().sum();
    assertEquals(Tensors.zeros(3), Gradients.of(penalty, y).get(0).value());
  }

  /** A real gradient into r replaces the zeros that stood for none rather than adding them. */
  @Test
  void aGradientBesideTheLinkGoesThroughTheIntermediatesRule() {
    Variable y2 = Variable.parameter(Tensor.vector(0.25, 1, 4), "y2");
    Variable r2 = y2.sqrt();
    Variable g = Gradients.of(List.of(r2.mul(2).sum()), List.of(r2), null,
        Gradients.Options.creatingGraph()).get(0);
    g.square().sum().add(r2.sum()).backward();
    // 1/(2√y2), every factor exact in binary.
    assertEquals(Tensor.vector(1, 0.5, 0.25), y2.grad(), "PyTorch 1.13 gives the same");
  }

  /** Asked for by name, the intermediate gets the zeros; the rule below it does not run. */
  @Test
  void askedForTheIntermediateGetsZerosAndTheLeafOnlyItsOwnTerm() {
    Variable g = derivativeByR(r.mul(2));
    List<Variable> next = Gradients.of(g.square().sum().add(y.sum()), r, y);
    assertEquals(Tensors.zeros(3), next.get(0).value());
    assertEquals(Tensor.vector(1, 1, 1), next.get(1).value());
  }

  /**
   * A hook below the intermediate does not run in the penalty's pass, which reaches it with no
   * gradient; it added 2·cos x to x's gradient. h0 = sin x with hook g + 1, h = 2·h0, L = Σh +
   * Σx², so ∂L/∂x = 3·cos x + 2x and the penalty Σ(∂L/∂x)² + Σ(∂L/∂h)² has x-gradient
   * 2·(3·cos x + 2x)·(2 − 3·sin x): PyTorch 1.13's [-3.7977, -4.0057, 9.5545] at x = 1, 2, 3.
   */
  @Test
  void aHookBelowTheIntermediateDoesNotRunInThePenaltysPass() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3), "x");
    Variable h0 = x.sin();
    h0.registerHook(g -> g.add(1));
    Variable h = h0.mul(2);
    List<Variable> grads = Gradients.of(List.of(h.sum().add(x.square().sum())), List.of(x, h),
        null, Gradients.Options.creatingGraph());
    grads.get(0).square().sum().add(grads.get(1).square().sum()).backward();
    double[] expected = new double[3];
    for (int i = 0; i < 3; i++) {
      double xi = i + 1;
      expected[i] = 2 * (3 * Math.cos(xi) + 2 * xi) * (2 - 3 * Math.sin(xi));
    }
    // A few ulps of values near 10: the engine's sums and sin/cos differ in order from the formula.
    assertTrue(x.grad().allClose(Tensor.vector(expected), 1e-13, 0),
        () -> x.grad() + " vs " + Tensor.vector(expected));
  }
}
