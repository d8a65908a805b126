package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class DTypeGradientsTest {
  private static final Tensor X = Tensor.vector(1, 2, 3);

  @Test
  void aGradientHasItsVariablesTypeEvenWhenTheOpComputedWider() {
    Variable w = Variable.parameter(X.to(DType.FLOAT32));
    Variable y = w.mul(Variable.constant(Tensor.vector(2, 2, 2))).sum();
    assertEquals(DType.FLOAT64, y.dtype(), "float32 times float64 computes in float64");
    y.backward();
    assertEquals(DType.FLOAT32, w.grad().dtype());
    assertEquals(Tensor.vector(2, 2, 2).to(DType.FLOAT32), w.grad());
  }

  /**
   * A float32 variable broadcast against float64 rows gets their gradients summed in float64
   * and rounded once, as PyTorch sums them: rounded to float32 first, 1e8 + 1 became 1e8 and the
   * sum 0.5 instead of 1.5.
   */
  @Test
  void aBroadcastGradientIsSummedInTheWiderTypeThenConverted() {
    Tensor rows = Tensor.vector(1e8 + 1, -1e8, 0.5);
    Variable b = Variable.parameter(Tensor.vector(0).to(DType.FLOAT32));
    Variable.constant(Tensors.zeros(3)).add(b).backward(rows);
    assertEquals(Tensor.vector(1.5).to(DType.FLOAT32), b.grad());
    Variable c = Variable.parameter(Tensor.vector(1).to(DType.FLOAT32));
    c.mul(Variable.constant(rows)).sum().backward();
    assertEquals(Tensor.vector(1.5).to(DType.FLOAT32), c.grad());
  }

  /** A float64 constant of rank 0 (an ε) keeps a float32 graph float32, and gets a gradient. */
  @Test
  void aRankZeroFloat64OperandKeepsTheGraphFloat32() {
    Variable w = Variable.parameter(X.to(DType.FLOAT32));
    Variable eps = Variable.parameter(Tensor.scalar(0.5));
    Variable y = w.mul(eps).sum();
    assertEquals(DType.FLOAT32, y.dtype(), "as in PyTorch");
    y.backward();
    assertEquals(DType.FLOAT32, w.grad().dtype());
    assertEquals(DType.FLOAT64, eps.grad().dtype(), "its own type");
    assertEquals(6.0, eps.grad().item(), 0.0);
  }

  /**
   * A float32 base under a float64 exponent computes aᵇ in float64, and the exponent's gradient
   * y·ln a is float64 too: its ln a was taken in float32, 1e-8 off (as PyTorch's is not).
   */
  @Test
  void powGivesAFloat64ExponentItsGradientInFloat64FromAFloat32Base() {
    Variable a = Variable.parameter(Tensor.vector(2, 3).to(DType.FLOAT32));
    Variable b = Variable.parameter(Tensor.vector(2, 0.5));
    Variable y = a.pow(b);
    assertEquals(DType.FLOAT64, y.dtype());
    y.sum().backward();
    double[] expected = {4 * Math.log(2), Math.sqrt(3) * Math.log(3)};
    double[] got = b.grad().toArray();
    for (int i = 0; i < expected.length; i++) {
      // 1e-14 relative: a few ulps of float64 for the library's own pow and log against Math's;
      // float32's ln a was 3e-9 and 2e-8 off here.
      assertEquals(expected[i], got[i], 1e-14 * expected[i], "element " + i);
    }
  }

  @Test
  void float32GraphsBackpropagateInFloat32() {
    Variable w = Variable.parameter(X.to(DType.FLOAT32));
    Variable loss = w.square().mul(0.5).sum();
    assertEquals(DType.FLOAT32, loss.dtype());
    loss.backward();
    assertEquals(X.to(DType.FLOAT32), w.grad(), "d/dw ½w² = w");
  }

  @Test
  void conversionIsDifferentiableAtEveryOrder() {
    Variable x = Variable.parameter(X);
    Variable y = x.to(DType.FLOAT32).square().sum();
    List<Variable> g = Gradients.of(List.of(y), List.of(x), null,
        Gradients.Options.creatingGraph());
    assertEquals(DType.FLOAT64, g.get(0).dtype());
    assertEquals(X.mul(2), g.get(0).value(), "2x, exact for small whole numbers");
    Variable second = Gradients.of(g.get(0).sum(), x).get(0);
    assertEquals(Tensor.vector(2, 2, 2), second.value());
  }

  @Test
  void gradCheckWidensFloat32InputsAndRefusesFloat32Functions() {
    assertTrue(GradCheck.check(xs -> xs.get(0).tanh(), List.of(X.to(DType.FLOAT32))).passed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(xs -> xs.get(0).to(DType.FLOAT32).tanh(), List.of(X)));
    assertEquals("gradCheck: the function computes in float32 (its output is float32); finite"
        + " differences need float64: convert the model with Module.to(DType.FLOAT64) and its"
        + " constants with to(DType.FLOAT64)", e.getMessage());
  }
}
