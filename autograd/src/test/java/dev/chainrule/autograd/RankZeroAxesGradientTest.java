package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reductions and softmaxes over axis 0 or −1 of a rank-0 variable, as PyTorch takes them: the
 * gradients are torch 1.13's ({@code torch.tensor(3., requires_grad=True)}: sum, mean, max, min,
 * logsumexp 1; softmax and log_softmax 0, their value being constant; standardize, written as
 * PyTorch's formula (x − mean) / √(var + ε), 0 and its gradient 0), and finite differences
 * agree to first and second order.
 */
class RankZeroAxesGradientTest {
  private static final Map<String, DifferentiableFunction> OPS = Map.of(
      "sum", in -> in.get(0).sum(new int[] {0}, false),
      "mean", in -> in.get(0).mean(new int[] {-1}, true),
      "max", in -> in.get(0).max(new int[] {0}, false),
      "min", in -> in.get(0).min(new int[] {-1}, false),
      "logSumExp", in -> in.get(0).logSumExp(new int[] {0}, true),
      "softmax", in -> in.get(0).softmax(0),
      "logSoftmax", in -> in.get(0).logSoftmax(-1),
      "variance", in -> in.get(0).variance(new int[] {0}, false, false),
      "standardize", in -> in.get(0).standardize(new int[] {-1}, 1e-5));

  private static final Map<String, Double> TORCH_GRADIENTS = Map.of("sum", 1.0, "mean", 1.0,
      "max", 1.0, "min", 1.0, "logSumExp", 1.0, "softmax", 0.0, "logSoftmax", 0.0,
      "variance", 0.0, "standardize", 0.0);

  /** A single element standardizes to 0 over axis 0 or −1, as any constant group does. */
  @Test
  void standardizeTakesAxisZeroOrMinusOneOfARankZeroVariable() {
    for (int axis : new int[] {0, -1}) {
      Variable y = Variable.parameter(Tensor.scalar(3)).standardize(new int[] {axis}, 1e-5);
      assertEquals(Tensor.scalar(0), y.value(), "axis " + axis);
    }
  }

  @Test
  void gradientsAreTorchsAndPassTheChecks() {
    List<Tensor> input = List.of(Tensor.scalar(3));
    OPS.forEach((name, op) -> {
      Variable x = Variable.parameter(Tensor.scalar(3));
      Variable y = op.apply(List.of(x));
      assertEquals(0, y.rank(), name + ": a rank-0 value, keepDims or not");
      y.backward();
      // Exact: each rule's value here is 1 or 0 with no rounding (softmax's y·(g − g·y) at y = 1).
      assertEquals(TORCH_GRADIENTS.get(name), x.grad().item(), 0.0, name);
      GradCheckReport first = GradCheck.check(op, input);
      assertTrue(first.passed(), name + ": " + first);
      GradCheckReport second = GradCheck.gradGradCheck(op, input);
      assertTrue(second.passed(), name + ": " + second);
    });
  }
}
