package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The gradient exactly at each kink, where the derivative does not exist and the library picks a
 * subgradient (the op table's formulas name each choice). Gradient checks sample away from the
 * kinks, so only a test at the tie itself notices a {@code >} that became {@code >=}.
 */
class SubgradientChoicesTest {

  private static Tensor gradOf(Variable x, Variable y) {
    y.sum().backward();
    return x.grad();
  }

  @Test
  void reluPassesNothingAtZero() {
    Variable x = Variable.parameter(Tensor.vector(-1, -0.0, 0, 1e-300, 2));
    assertEquals(Tensor.vector(0, 0, 0, 1, 1), gradOf(x, x.relu()), "relu′(0) = 0, as in PyTorch");
  }

  @Test
  void clampPassesTheGradientAtItsBoundsAndNotBeyond() {
    Variable x = Variable.parameter(Tensor.vector(-2, -1, -0.5, 0, 1, 3));
    assertEquals(Tensor.vector(0, 1, 1, 1, 1, 0), gradOf(x, x.clamp(-1, 1)),
        "the bounds pass the gradient, as in PyTorch");
    Variable y = Variable.parameter(Tensor.vector(0.5, 1, 1.5));
    assertEquals(Tensor.vector(0, 1, 0), gradOf(y, y.clamp(1, 1)), "a single-point range");
  }

  @Test
  void maximumAndMinimumSplitTheGradientAtATie() {
    Variable a = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable b = Variable.parameter(Tensor.vector(3, 2, 1));
    a.maximum(b).sum().backward();
    assertEquals(Tensor.vector(0, 0.5, 1), a.grad());
    assertEquals(Tensor.vector(1, 0.5, 0), b.grad());

    Variable c = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable d = Variable.parameter(Tensor.vector(3, 2, 1));
    c.minimum(d).sum().backward();
    assertEquals(Tensor.vector(1, 0.5, 0), c.grad());
    assertEquals(Tensor.vector(0, 0.5, 1), d.grad());
  }

  @Test
  void maxAndMinReductionsShareTheGradientAmongTies() {
    Variable x = Variable.parameter(Tensor.vector(1, 3, 3, 0));
    assertEquals(Tensor.vector(0, 0.5, 0.5, 0), gradOf(x, x.max()));
    Variable y = Variable.parameter(Tensor.vector(1, 0, 3, 0));
    assertEquals(Tensor.vector(0, 0.5, 0, 0.5), gradOf(y, y.min()));

    Variable m = Variable.parameter(Tensor.matrix(new double[][] {{2, 2, 1}, {0, 5, -1}}));
    assertEquals(Tensor.matrix(new double[][] {{0.5, 0.5, 0}, {0, 1, 0}}),
        gradOf(m, m.max(1, false)));
    Variable n = Variable.parameter(Tensor.matrix(new double[][] {{2, 2, 1}, {0, 5, 0}}));
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1}, {0.5, 0, 0.5}}),
        gradOf(n, n.min(1, true)));
  }

  @Test
  void absAndStepAreFlatAtTheirKinks() {
    Variable x = Variable.parameter(Tensor.vector(-2, 0, 3));
    assertEquals(Tensor.vector(-1, 0, 1), gradOf(x, x.abs()), "abs′(0) = 0");
    Variable y = Variable.parameter(Tensor.vector(-1, 0.5, 2));
    assertEquals(Tensor.vector(0, 0, 0), gradOf(y, y.step(0.5)), "step′ = 0, at k too");
  }
}
