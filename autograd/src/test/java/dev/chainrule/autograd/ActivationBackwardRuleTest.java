package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * tanh's and sigmoid's rules are one op each ({@code tanhBackward}, {@code sigmoidBackward}) and
 * give bit for bit the gradients of the four-op compositions they replaced, written out here as
 * the reference; their second derivatives still match finite differences.
 */
class ActivationBackwardRuleTest {
  @ParameterizedTest
  @EnumSource(DType.class)
  void tanhGradientIsTheOldCompositionBitForBit(DType dtype) {
    assertSameGradients(dtype, Variable::tanh, (g, y) -> g.mul(y.square().neg().add(1)));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sigmoidGradientIsTheOldCompositionBitForBit(DType dtype) {
    assertSameGradients(dtype, Variable::sigmoid, (g, y) -> g.mul(y).mul(y.neg().add(1)));
  }

  private static void assertSameGradients(DType dtype, UnaryOperator<Variable> f,
      BinaryOperator<Tensor> oldRule) {
    for (long seed = 0; seed < 20; seed++) {
      Shape shape = Shape.of(1 + (int) (seed % 4), 1 + (int) (seed * 7 % 33));
      Variable x = Variable.parameter(Tensors.randn(shape, Tensors.seeded(seed), dtype).mul(2));
      Tensor g = Tensors.randn(shape, Tensors.seeded(seed + 100), dtype);
      Variable y = f.apply(x);
      Tensor gradient = Gradients.of(y, List.of(x), g).get(0).value();
      assertEquals(oldRule.apply(g, y.value()), gradient, dtype + " seed " + seed);
    }
  }

  /** With createGraph, the gradient is a single recorded op: what issue 9 asked for. */
  @Test
  void eachRuleRecordsOneOp() {
    Variable x = Variable.parameter(Tensor.vector(-0.5, 0.25, 1));
    assertEquals("tanhBackward", firstGradient(x.tanh(), x).opName());
    assertEquals("sigmoidBackward", firstGradient(x.sigmoid(), x).opName());
  }

  private static Variable firstGradient(Variable y, Variable x) {
    return Gradients.of(List.of(y), List.of(x), List.of(Variable.constant(Tensors.onesLike(
        y.value()))), Gradients.Options.creatingGraph()).get(0);
  }

  /**
   * GradCheck's default tolerances (atol 1e-6, rtol 1e-5): central differences with eps = 1e-6
   * err by about 1e-9 here, and a wrong factor in ∂y of a rule would be off by O(1). The inputs
   * are multiplied by a weight so that both inputs of the fused op carry a gradient.
   */
  @Test
  void secondDerivativesMatchFiniteDifferences() {
    List<Tensor> inputs = List.of(Tensors.randn(Shape.of(2, 3), 5),
        Tensors.randn(Shape.of(2, 3), 6));
    for (UnaryOperator<Variable> f : List.<UnaryOperator<Variable>>of(Variable::tanh,
        Variable::sigmoid)) {
      GradCheckReport report = GradCheck.gradGradCheck(
          in -> f.apply(in.get(0).mul(in.get(1))).mul(in.get(1)), inputs);
      assertTrue(report.passed(), report::toString);
    }
  }

  @Test
  void refusesMismatchedShapesAndTypesNamingTheOp() {
    Variable g = Variable.constant(Tensors.ones(2, 3));
    IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
        () -> g.tanhBackward(Variable.constant(Tensors.ones(3))));
    assertEquals("tanhBackward: the gradient (float64 [2, 3]) and the output (float64 [3]) must"
        + " have one shape and one type", shapes.getMessage());
    IllegalArgumentException types = assertThrows(IllegalArgumentException.class,
        () -> g.sigmoidBackward(g.to(DType.FLOAT32)));
    assertEquals("sigmoidBackward: the gradient (float64 [2, 3]) and the output (float32 [2, 3])"
        + " must have one shape and one type", types.getMessage());
    assertEquals("tanhBackward: output is null",
        assertThrows(NullPointerException.class, () -> g.tanhBackward(null)).getMessage());
  }
}
