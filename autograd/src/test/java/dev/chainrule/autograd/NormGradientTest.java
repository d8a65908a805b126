package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Euclidean norm's row beyond what the catalogue's random inputs reach: its value where every
 * element of a group is 0 (composed of square, sum and sqrt, the gradient there is 0·∞ = NaN),
 * float32 values whose squares pass float32's range, and its derivatives against PyTorch 1.13's
 * ({@code x.norm()}, {@code x.norm(dim=1)}, {@code autograd.grad(..., create_graph=True)}).
 */
class NormGradientTest {
  @Test
  void valueGradientAndSecondOrderAgreeWithPyTorch() {
    Variable x = Variable.parameter(Tensor.vector(3, 4));
    Variable y = x.norm();
    Variable slope = Gradients.of(List.of(y), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    Variable curvature = Gradients.of(slope.sum(), x).get(0);
    // A few float64 operations on O(1) values: agreement to the last bits, 1e-15.
    assertEquals(5, y.item(), 0);
    assertEquals(0.6, slope.value().flatGet(0), 1e-15);
    assertEquals(0.8, slope.value().flatGet(1), 1e-15);
    assertEquals(0.032, curvature.value().flatGet(0), 1e-15);
    assertEquals(-0.024, curvature.value().flatGet(1), 1e-15);
  }

  @Test
  void aGroupOfZerosHasTheSubgradientZeroNotNaN() {
    Variable x = Variable.parameter(Tensor.matrix(new double[][] {{0, 0, 0}, {1, -2, 2}}));
    Variable rows = x.norm(1, false);
    rows.sum().backward();
    assertEquals(Tensor.vector(0, 3), rows.value());
    // PyTorch: [[0, 0, 0], [1/3, −2/3, 2/3]].
    Tensor expected = Tensor.matrix(new double[][] {{0, 0, 0}, {1 / 3.0, -2 / 3.0, 2 / 3.0}});
    assertTrue(x.grad().allClose(expected, 0, 1e-15), x.grad()::toString);

    // The composition the row replaces gives NaN there, which is why it exists.
    Variable z = Variable.parameter(Tensors.zeros(3));
    z.square().sum().sqrt().backward();
    assertTrue(Double.isNaN(z.grad().flatGet(0)), z.grad()::toString);
  }

  @Test
  void atAGroupOfZerosTheRuleIsConstantSoItsOwnDerivativeIsZero() {
    // As |x|'s second derivative at 0; x / 1 there gave 1, which depends on nothing the input
    // says (PyTorch 1.13 gives NaN).
    Variable x = Variable.parameter(Tensors.zeros(2));
    Variable slope = Gradients.of(List.of(x.norm()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    Variable curvature = Gradients.of(slope.sum(), x).get(0);
    assertEquals(Tensors.zeros(2), slope.value());
    assertEquals(Tensors.zeros(2), curvature.value());
  }

  @Test
  void float64SquaresThatUnderflowGiveTheNormAndGradientZeroAsPyTorchs() {
    // (1e-170)² underflows: y = 0, and the rule's x / 1 gave 1e-170 where PyTorch gives 0.
    Variable x = Variable.parameter(Tensor.vector(1e-170, 1e-170));
    x.norm().backward();
    assertEquals(Tensors.zeros(2), x.grad());
  }

  @Test
  void float32SquaresPastFloat32sRangeGiveAFiniteNormAndGradient() {
    Variable x = Variable.parameter(Tensor.of(new float[] {3e20f, 4e20f}, 2));
    Variable y = x.norm();
    y.backward();
    assertEquals(DType.FLOAT32, y.dtype());
    // One float32 rounding of the float64 result: 2⁻²⁴ relative.
    assertEquals(5e20, y.item(), 5e20 * 0x1p-24);
    assertEquals(DType.FLOAT32, x.grad().dtype());
    assertEquals(0.6, x.grad().flatGet(0), 1e-7);
    assertEquals(0.8, x.grad().flatGet(1), 1e-7);
  }

  @Test
  void keptAxesAndAllAxesShareTheRule() {
    Variable x = Variable.parameter(Tensors.randn(Shape.of(2, 3, 4), 7L));
    Variable kept = x.norm(new int[] {0, 2}, true);
    assertEquals(Shape.of(1, 3, 1), kept.shape());
    kept.sum().backward();
    Tensor byAxes = x.grad();
    Tensor composed = x.value().square().sum(new int[] {0, 2}, true).sqrt();
    // Both round a sum of 8 squares and one square root: 1e-15 relative on O(1) values.
    assertTrue(kept.value().allClose(composed, 1e-15, 0), kept.value()::toString);
    assertTrue(byAxes.allClose(x.value().div(composed), 1e-15, 0), byAxes::toString);
  }

  @Test
  void aBadAxisNamesTheNorm() {
    Variable x = Variable.parameter(Tensors.zeros(2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.norm(2, false));
    assertTrue(e.getMessage().startsWith("norm"), e::getMessage);
    NullPointerException none = assertThrows(NullPointerException.class,
        () -> x.norm(null, false));
    assertTrue(none.getMessage().contains("norm()"), none::getMessage);
  }
}
