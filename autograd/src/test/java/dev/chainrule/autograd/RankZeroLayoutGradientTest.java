package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.DifferentiableFunction;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * transpose, squeeze and the four indexing ops on a rank-0 variable, as PyTorch 1.13 takes them:
 * values, shapes and gradients are torch's for {@code torch.tensor(3., requires_grad=True)} in
 * float64 and float32 (a rank-0 input's gradient is rank 0), finite differences agree to first
 * and second order, and an index other than 0 is refused naming the op, the index and the shape.
 * Exact comparisons: every value and gradient here is a small whole number, with no rounding.
 */
class RankZeroLayoutGradientTest {
  private static final Tensor ZERO = Tensor.scalar(0);
  private static final Tensor ONE_ZERO = Tensor.vector(0);
  private static final Tensor TWO_ZEROS = Tensor.vector(0, 0);

  /** One input, rank 0; each result summed so that gather's [2] has a gradient to check too. */
  private static final Map<String, DifferentiableFunction> UNARY = Map.of(
      "transpose(0, -1)", in -> in.get(0).transpose(0, -1),
      "transpose(-1, -1)", in -> in.get(0).transpose(-1, -1),
      "squeeze(0)", in -> in.get(0).squeeze(0),
      "squeeze(-1)", in -> in.get(0).squeeze(-1),
      "take(0, [0])", in -> in.get(0).take(0, ONE_ZERO),
      "take(-1, 0)", in -> in.get(0).take(-1, ZERO),
      "gather(0, 0)", in -> in.get(0).gather(0, ZERO),
      "gather(0, [0, 0]).sum()", in -> in.get(0).gather(0, TWO_ZEROS).sum());

  /** torch: each gives tensor(3.) and a gradient 1, gather of [0, 0] summed 6 and 2. */
  @Test
  void unaryValuesAndGradientsAreTorchs() {
    for (DType dtype : DType.values()) {
      UNARY.forEach((name, op) -> {
        Variable x = Variable.parameter(Tensor.scalar(3, dtype));
        Variable y = op.apply(List.of(x));
        boolean twice = name.startsWith("gather(0, [0, 0])");
        assertEquals(Tensor.scalar(twice ? 6 : 3, dtype), y.value(), name + " " + dtype);
        y.backward();
        assertEquals(Tensor.scalar(twice ? 2 : 1, dtype), x.grad(), name + " " + dtype);
      });
    }
    // torch: x.gather(0, tensor([0])) has the index's shape, [1].
    Variable x = Variable.parameter(Tensor.scalar(3, DType.FLOAT32));
    Variable y = x.gather(0, ONE_ZERO);
    assertEquals(Shape.of(1), y.shape());
    y.sum().backward();
    assertEquals(Tensor.scalar(1, DType.FLOAT32), x.grad());
  }

  /**
   * torch: zeros(()).scatter_add(0, tensor([0, 0]), tensor([1., 2.])) is 3 with gradients 1 and
   * [1, 1]; zeros(()).index_add(0, tensor([0]), tensor(3.)) doubled has gradients 2 and 2.
   */
  @Test
  void addsIntoRankZeroAsTorch() {
    for (DType dtype : DType.values()) {
      Variable base = Variable.parameter(Tensor.scalar(0, dtype));
      Variable source = Variable.parameter(Tensor.vector(1, 2).to(dtype));
      Variable y = base.scatterAdd(0, TWO_ZEROS, source);
      assertEquals(Tensor.scalar(3, dtype), y.value(), "scatterAdd " + dtype);
      y.backward();
      assertEquals(Tensor.scalar(1, dtype), base.grad(), "scatterAdd base " + dtype);
      assertEquals(Tensor.vector(1, 1).to(dtype), source.grad(), "scatterAdd source " + dtype);

      base = Variable.parameter(Tensor.scalar(0, dtype));
      Variable three = Variable.parameter(Tensor.scalar(3, dtype));
      y = base.indexAdd(-1, ONE_ZERO, three);
      assertEquals(Tensor.scalar(3, dtype), y.value(), "indexAdd " + dtype);
      y.mul(2).backward();
      assertEquals(Tensor.scalar(2, dtype), base.grad(), "indexAdd base " + dtype);
      assertEquals(Tensor.scalar(2, dtype), three.grad(), "indexAdd source " + dtype);
    }
  }

  @Test
  void finiteDifferencesAgreeToSecondOrder() {
    Map<String, DifferentiableFunction> ops = new java.util.HashMap<>(UNARY);
    ops.put("scatterAdd", in -> in.get(0).scatterAdd(0, ZERO, in.get(0).mul(in.get(0))));
    ops.put("indexAdd", in -> in.get(0).mul(in.get(0)).indexAdd(0, ZERO, in.get(0)));
    List<Tensor> input = List.of(Tensor.scalar(1.5));
    ops.forEach((name, op) -> {
      GradCheckReport first = GradCheck.check(op, input);
      assertTrue(first.passed(), name + ": " + first);
      GradCheckReport second = GradCheck.gradGradCheck(op, input);
      assertTrue(second.passed(), name + ": " + second);
    });
  }

  /** torch raises an index error for index 1 or −1 of a 0-d tensor in all four. */
  @Test
  void otherIndicesAreRefusedByName() {
    Variable x = Variable.parameter(Tensor.scalar(3));
    String tail = " out of range for shape [] (a rank-0 tensor's one element is at index 0 only)";
    assertRefused("take: index -1.0" + tail, () -> x.take(0, Tensor.vector(-1)));
    assertRefused("gather: index 1.0" + tail, () -> x.gather(-1, Tensor.scalar(1)));
    assertRefused("scatterAdd: index -1.0" + tail,
        () -> x.scatterAdd(0, Tensor.scalar(-1), x));
    assertRefused("indexAdd: index 1.0" + tail, () -> x.indexAdd(0, Tensor.scalar(1), x));
    assertRefused("transpose: axis 1 out of range for shape []", () -> x.transpose(0, 1));
    assertRefused("squeeze: axis -2 out of range for shape []", () -> x.squeeze(-2));
    assertRefused("slice: axis 0 out of range for shape []", () -> x.slice(0, 0, 1));
  }

  private static void assertRefused(String message, org.junit.jupiter.api.function.Executable op) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, op).getMessage());
  }
}
