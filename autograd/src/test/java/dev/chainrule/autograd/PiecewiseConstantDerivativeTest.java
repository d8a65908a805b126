package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.functional.Functional;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gradient recorded with {@code createGraph} that depends on other variables (a network's
 * weights) but not on its input in the recorded graph: a ReLU network's gradient with respect to
 * its input, which the ReLU masks make piecewise constant in it. It is still a function of the
 * input, with a derivative of zero, and can be differentiated again, as PyTorch 1.13 does
 * (relu's rule reads its output, so its gradient keeps the input in the graph):
 * <pre>
 * x = torch.tensor([0.3, -0.7, 1.2], dtype=torch.float64, requires_grad=True)
 * g, = torch.autograd.grad(torch.relu(x @ W).sum(), x, create_graph=True)
 * torch.autograd.grad(g.sum(), x)   # (tensor([0., 0., 0.]),)
 * </pre>
 * It was refused: "input 0 ('x') is not used to compute the outputs", which it was.
 */
class PiecewiseConstantDerivativeTest {
  private final Variable w = Variable.parameter(Tensors.randn(Shape.of(3, 4), 1L), "W");
  private final Variable x = Variable.parameter(Tensor.vector(0.3, -0.7, 1.2), "x");

  private Variable inputGradient(Variable output) {
    return Gradients.of(List.of(output.sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
  }

  @Test
  void aReluNetworksInputGradientCanBeDifferentiatedByTheInput() {
    Variable g = inputGradient(x.matmul(w).relu().matmul(w.transpose(0, 1)));
    Gradients.Options keeping = Gradients.Options.retainingGraph();
    Tensor second = Gradients.of(List.of(g.sum()), List.of(x), null, keeping).get(0).value();
    assertEquals(Tensors.zeros(3), second);
    // Still a function of the weights: the mixed derivative goes on through them.
    Tensor byWeights = Gradients.of(g.sum(), w).get(0).value();
    assertTrue(byWeights.abs().max().item() > 0, byWeights::toString);
  }

  /** Σ ‖∂y/∂x‖² of a ReLU network is trained through the weights and has 0 as its x part. */
  @Test
  void aPenaltyOnItTrainsThroughTheWeightsAndGivesTheInputZero() {
    Variable g = inputGradient(x.matmul(w).relu());
    g.square().sum().backward();
    assertEquals(Tensors.zeros(3), x.grad());
    // ∂/∂W of Σᵢ (Σⱼ Wᵢⱼ·[xW]ⱼ > 0)² is 2·(row sum over the active units) on active columns.
    Tensor active = x.value().matmul(w.value()).gt(0).to(w.dtype());
    Tensor expected = g.value().mul(2).reshape(3, 1).mul(active.reshape(1, 4));
    assertTrue(w.grad().allClose(expected, 1e-15, 0), () -> w.grad() + " vs " + expected);
  }

  /**
   * Whether the input is linked depends on its own gradient's graph, not on the other inputs'
   * asked for beside it: the weights' gradients hold x in their graphs, and with them asked for
   * too x's gradient went unlinked, the penalty left x.grad() null, and a second derivative by x
   * was refused as "not used", where PyTorch gives zeros either way.
   */
  @Test
  void theLinkDoesNotDependOnWhichOtherInputsAreAskedFor() {
    Variable out = x.matmul(w).relu().sum();
    List<Variable> all = Gradients.of(List.of(out), List.of(x, w), null,
        Gradients.Options.creatingGraph());
    all.get(0).square().sum().backward();
    assertEquals(Tensors.zeros(3), x.grad());
    Variable gx = Gradients.of(List.of(x.mul(w.sum()).sum()), List.of(x, w), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensors.zeros(3), Gradients.of(gx.sum(), x).get(0).value());
  }

  /**
   * Differentiated again while recording, as a Hessian of an input-gradient penalty is: the
   * link's own rule was refused as "not connected to the gradient it was given" once users'
   * rules had to stay connected to g for zeros too, which the link's constant zeros were not.
   */
  @Test
  void theLinkCanBeDifferentiatedWhileRecording() {
    Variable g = inputGradient(x.matmul(w).relu());
    Variable again = Gradients.of(List.of(g.square().sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensors.zeros(3), again.value());
    Tensor hessian = Functional.hessian(input -> {
      Variable slope = Gradients.of(List.of(input.relu().mul(w.sum(1, false)).sum()),
          List.of(input), null, Gradients.Options.creatingGraph()).get(0);
      return slope.square().sum();
    }, x.value());
    assertEquals(Tensors.zeros(3, 3), hessian, "PyTorch 1.13's too: relu's slope is flat");
  }

  /** The link is added only where the graph lacks one: a connected gradient stays as recorded. */
  @Test
  void aGradientThatDependsOnItsInputIsNotLinkedAgain() {
    Variable g = inputGradient(x.matmul(w).tanh());
    assertNotEquals("constant derivative", g.opName());
  }
}
