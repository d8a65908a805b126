package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.functional.ParameterDerivatives;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The README's higher-order derivatives of networks, verbatim: the Hessian and a Hessian-vector
 * product of an MLP's loss by its parameters, and a WGAN-GP gradient penalty trained through a
 * ReLU critic. The numbers are PyTorch 1.13's in float64 for the same weights (dumped from
 * these layers; {@code torch.autograd.functional.hessian} and {@code hvp} over (W₁, b₁, W₂, b₂),
 * and {@code autograd.grad(..., create_graph=True)} then {@code backward()} for the penalty),
 * which agreed to 1e-15 relative element by element.
 */
class ReadmeHigherOrderTest {
  @Test
  void hessianAndPenaltyOfNetworksAgreeWithPyTorch() {
    Sequential mlp = Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 1, 2L));
    Tensor inputs = Tensor.matrix(new double[][] {{0.5, -1}, {1, 2}, {-0.3, 0.8}});
    Tensor targets = Tensor.matrix(new double[][] {{1}, {0}, {-1}});
    Supplier<Variable> loss =
        () -> Loss.meanSquaredError().compute(mlp.forward(Variable.constant(inputs)), targets);
    List<List<Tensor>> blocks = ParameterDerivatives.hessian(loss, mlp.parameters());
    Tensor firstLayer = blocks.get(0).get(0);  // [3, 2, 3, 2]: ∂²L/∂W₁∂W₁
    List<Tensor> directions =
        mlp.parameters().stream().map(p -> Tensors.onesLike(p.value())).toList();
    List<Tensor> hv = ParameterDerivatives.hvp(loss, mlp.parameters(), directions).products();

    Sequential critic = Sequential.of(Dense.of(2, 16, 3L), Activation.relu(), Dense.of(16, 1, 4L));
    Variable points = Variable.parameter(Tensors.randn(Shape.of(8, 2), 5L), "points");
    Variable slopes = Gradients.of(List.of(critic.forward(points).sum()), List.of(points), null,
        Gradients.Options.creatingGraph()).get(0);  // ∂D/∂x at each point, recorded: [8, 2]
    Variable penalty = slopes.norm(1, false).sub(1).square().mean();
    penalty.backward();  // into the critic's weights, through the gradient

    // A handful of float64 operations on O(1) values on both sides: agreement to 1e-14.
    assertEquals(Shape.of(3, 2, 3, 2), firstLayer.shape());
    assertEquals(0.06759000768110868, firstLayer.get(0, 0, 0, 0), 1e-14);
    assertEquals(0.012854490348286375, blocks.get(1).get(1).get(2, 2), 1e-14);
    assertEquals(0.7148112678025328, hv.get(0).get(0, 0), 1e-14);
    assertEquals(6.408489730170087, hv.get(3).item(), 1e-14);
    assertEquals(0.25237095992687053, penalty.item(), 1e-14);
    Tensor firstWeights = critic.parameters().get(0).grad();
    assertEquals(0.010070236931231212, firstWeights.get(0, 0), 1e-14);
    assertEquals(-0.022980289903277714, firstWeights.get(0, 1), 1e-14);
    assertEquals(-0.29003243502616216, critic.parameters().get(2).grad().get(0, 1), 1e-14);
    assertNull(critic.parameters().get(3).grad(), "the output bias leaves the slopes alone");
    // The slopes depend on the points only through the ReLUs' masks: a derivative of zeros.
    assertEquals(Tensors.zeros(8, 2), points.grad());

    // And the penalty's weight gradients against central differences, through the slopes.
    Tensor at = points.value();
    Supplier<Variable> penalised = () -> {
      Variable x = Variable.parameter(at);
      Variable g = Gradients.of(List.of(critic.forward(x).sum()), List.of(x), null,
          Gradients.Options.creatingGraph()).get(0);
      return g.norm(1, false).sub(1).square().mean();
    };
    GradCheckReport check = GradCheck.checkParameters(penalised, critic.parameters().subList(0, 3));
    assertTrue(check.passed(), check::toString);
  }

  /**
   * At a point where every ReLU of the critic is off, ∂D/∂x is 0 and √(Σ g²) has an infinite
   * slope: written so, the penalty was finite and every first-layer weight's gradient NaN, with
   * no error. The norm's rule gives 0 there, as PyTorch's {@code g.norm(dim=1)}; the numbers are
   * PyTorch 1.13's for these weights.
   */
  @Test
  void thePenaltyAtAPointWithEveryReluOffTrainsWithoutNaN() {
    double[] w = new double[6];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.sin(i + 1.0);
    }
    Dense first = Dense.of(Tensor.of(w, 3, 2), Tensor.vector(-5, -5, 1));
    Dense second = Dense.of(Tensor.of(new double[] {0.3, -0.2, 0.5}, 1, 3), null);
    Sequential critic = Sequential.of(first, Activation.relu(), second);
    Variable points = Variable.parameter(Tensor.matrix(new double[][] {{0.1, 0.2}, {3, 0.5}}));
    Variable slopes = Gradients.of(List.of(critic.forward(points).sum()), List.of(points), null,
        Gradients.Options.creatingGraph()).get(0);
    Variable penalty = slopes.norm(1, false).sub(1).square().mean();
    penalty.backward();

    // A handful of float64 operations on O(1) values: agreement to 1e-15.
    assertEquals(Tensors.zeros(2), slopes.value().slice(0, 1, 2).reshape(2), "row 1 is dead");
    assertEquals(0.6252992596506877, penalty.item(), 1e-15);
    Tensor expected = Tensor.matrix(new double[][] {{0, 0}, {0, 0},
        {0.240305347275035, 0.0700212103320747}});
    assertTrue(first.weight().grad().allClose(expected, 0, 1e-15), first.weight().grad()::toString);
    assertEquals(-0.49999928440562991, second.weight().grad().get(0, 2), 1e-15);
  }
}
