package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayersTest {
  @Test
  void maxoutTakesTheLargestPiecePerUnit() {
    Maxout maxout = new Maxout(3, 2, 4, 9L);
    Tensor x = Tensors.randn(Shape.of(5, 3), 1L);
    Tensor y = maxout.forward(Variable.constant(x)).value();
    assertEquals(Shape.of(5, 2), y.shape());
    Dense pieces = (Dense) maxout.children().get("pieces");
    Tensor all = x.matmul(pieces.weight().value(), dev.chainrule.core.Transpose.RIGHT)
        .add(pieces.bias().value());
    assertEquals(all.reshape(5, 2, 4).max(2, false), y);
    assertEquals((3 + 1) * 8, maxout.parameterCount());
    assertTrue(GradCheck.check(in -> maxout.forward(in.get(0)), List.of(x)).passed());
  }

  @Test
  void maxoutSharesTheGradientEquallyAmongTiedPieces() {
    // One unit of three pieces at x = 0: the pieces are the biases, two of them tied as largest.
    // Max's rule: each tied winner gets half of the gradient, the loser none (exact halves).
    Maxout maxout = new Maxout(2, 1, 3, 9L);
    Dense pieces = (Dense) maxout.children().get("pieces");
    pieces.weight().value().assignInPlace(Tensors.zeros(3, 2));
    pieces.bias().value().assignInPlace(Tensor.vector(1, 1, 0));
    maxout.forward(Variable.constant(Tensors.zeros(1, 2))).sum().backward();
    assertEquals(Tensor.vector(0.5, 0.5, 0), pieces.bias().grad());
  }

  @Test
  void radialBasisRespondsToDistanceFromItsCentres() {
    RadialBasis rbf = new RadialBasis(2, 3, 1.5, 4L);
    Tensor centres = rbf.centres().value();
    Tensor x = centres.slice(0, 0, 1).concat(0, Tensor.matrix(new double[][] {{9, 9}}));
    Tensor y = rbf.forward(Variable.constant(x)).value();
    assertEquals(1, y.get(0, 0), "an input at a centre gives exactly 1 there");
    double distance = x.slice(0, 1, 2).sub(centres.slice(0, 2, 3)).square().sum().item();
    // The value is 2e-31, so relative: the layer divides by σ twice where this divides by 2.25,
    // and an ulp or two of the exponent (≈ −70, ulp 1.4e-14) becomes e^(−70)'s relative change.
    double expected = Math.exp(-distance / 2.25);
    assertEquals(expected, y.get(1, 2), 1e-13 * expected);
    assertTrue(GradCheck.check(in -> {
      Variable d = in.get(0).unsqueeze(1).sub(in.get(1)).square().sum(2, false);
      return d.div(-2.25).exp();
    }, List.of(Tensors.randn(Shape.of(4, 2), 2L), centres)).passed(), "the layer's formula");
    Variable input = Variable.constant(Tensors.randn(Shape.of(4, 2), 2L));
    rbf.forward(input).sum().backward();
    assertEquals(Shape.of(3, 2), rbf.centres().grad().shape(), "centres are learned");
  }
}
