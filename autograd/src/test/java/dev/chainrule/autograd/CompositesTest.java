package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The composite rows compute what their names promise. Their gradients follow from their
 * primitives' (and the catalogue checks them); a wrong composition would be a wrong value, which
 * only a comparison with an independent computation catches: here, core's tensor operations and
 * formulas written out.
 */
class CompositesTest {
  private static final Tensor A = Tensors.randn(Shape.of(3, 4), 1L);
  private static final Tensor B = Tensors.randn(Shape.of(4), 2L);

  /** Rounding of a few operations on values of order 1: 1e-15 relative, 1e-15 absolute. */
  private static void assertSame(Tensor expected, Variable actual) {
    assertEquals(expected.shape(), actual.shape());
    assertTrue(actual.value().allClose(expected, 1e-14, 1e-15),
        () -> actual.value() + " vs " + expected);
  }

  private static Variable a() {
    return Variable.parameter(A);
  }

  @Test
  void arithmetic() {
    Variable b = Variable.constant(B);
    assertSame(A.sub(B), a().sub(b));
    assertSame(A.sub(0.5), a().sub(0.5));
    assertSame(A.neg(), a().neg());
    assertSame(A.minimum(B), a().minimum(b));
    assertSame(A.square(), a().square());
  }

  @Test
  void reductions() {
    assertSame(A.mean(), a().mean());
    assertSame(A.mean(new int[] {-1}, true), a().mean(new int[] {-1}, true));
    assertSame(A.min(), a().min());
    assertSame(A.min(0, false), a().min(0, false));
    assertSame(A.variance(), a().variance());
    assertSame(A.variance(1, true), a().variance(1, true));
    assertSame(A.variance(new int[] {0}, false, true), a().variance(new int[] {0}, false, true));
  }

  /**
   * Float32 data far from 0 next to its spread (64 values of spread 0.01 around 1e5): the mean,
   * rounded to float32, is off by up to half an ulp (0.004), which the plain two-pass sum added
   * squared to the variance (1.7 % too large); corrected, it agrees with float64 arithmetic on
   * the same values to float32's rounding of a few sums (1e-5 relative, where the error was
   * 1.7e-2), and with core's Tensor.variance.
   */
  @Test
  void float32VarianceFarFromZeroIsCorrectedForTheRoundedMean() {
    Tensor x = Tensors.randn(Shape.of(64, 3), 1L).mul(0.01).add(1e5).to(DType.FLOAT32);
    Tensor exact = x.to(DType.FLOAT64).variance(0, false);
    Variable variance = Variable.constant(x).variance(0, false);
    assertTrue(variance.value().to(DType.FLOAT64).allClose(exact, 1e-5, 0),
        () -> variance.value() + " vs " + exact);
    assertTrue(variance.value().allClose(x.variance(0, false), 1e-6, 0),
        () -> variance.value() + " vs " + x.variance(0, false));
  }

  @Test
  void layout() {
    assertSame(A.transpose(0, 1), a().transpose(0, -1));
    assertSame(A.stack(1, A.mul(2)), a().stack(1, a().mul(2)));
    assertSame(A.softmax(0), a().softmax(0));
  }

  /** The activations against their formulas, evaluated element by element with java.lang.Math. */
  @Test
  void activations() {
    assertElementwise(x -> x.leakyRelu(0.1), v -> v > 0 ? v : 0.1 * v);
    assertElementwise(x -> x.elu(1.5), v -> v > 0 ? v : 1.5 * Math.expm1(v));
    assertElementwise(Variable::geluTanh, v -> 0.5 * v
        * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))));
    // Φ(x) by its series, independent of the library's erfc: Φ = ½ + φ(x)·Σ x^(2k+1)/(2k+1)!!
    assertElementwise(Variable::gelu, v -> {
      double term = v;
      double sum = v;
      for (int k = 1; k < 60; k++) {
        term *= v * v / (2 * k + 1);
        sum += term;
      }
      return v * (0.5 + Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI) * sum);
    });
  }

  private static void assertElementwise(UnaryOperator<Variable> f,
      java.util.function.DoubleUnaryOperator formula) {
    assertSame(A.map(formula), f.apply(a()));
  }

  @Test
  void compositesKeepFloat32() {
    Variable x = Variable.parameter(A.to(DType.FLOAT32));
    for (Variable y : new Variable[] {x.sub(1), x.neg(), x.square(), x.reciprocal(), x.mean(),
        x.min(), x.variance(), x.softmax(-1), x.gelu(), x.geluTanh(), x.elu(1), x.leakyRelu(0.1),
        x.minimum(x.mul(0.5)), x.transpose(0, 1)}) {
      assertEquals(DType.FLOAT32, y.dtype(), y.toString());
    }
  }
}
