package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Values and gradients of the activations and subgradient ops where an input is NaN (with −1.5,
 * 2 and both infinities beside it), in float64 and float32. Every expected array is PyTorch
 * 1.13's, obtained by running it once (torch.relu, F.elu, torch.abs, torch.sign, F.leaky_relu,
 * torch.clamp, each backward with the upstream gradient G below) and written here as literals.
 * PyTorch's rules compare (x ≤ 0, x &lt; lo, ...), and a comparison with NaN is false, which
 * decides the branch; chainrule's rules are written so the same comparisons decide, and the NaN
 * comes out where PyTorch's does.
 */
class NanInputGradientTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double[] X = {NAN, -1.5, 2.0, -INF, INF};
  /** The upstream gradient: distinct values, so that g, αg and 0 are told apart. */
  private static final double[] G = {2, 7, 11, 13, 17};

  /** y and ∂x, and a check that the NaN, infinite and zero elements match PyTorch bit for bit. */
  private static void assertRow(double[] y, double[] dx, UnaryOperator<Variable> op, String name) {
    for (DType type : DType.values()) {
      Variable x = Variable.parameter(Tensor.vector(X).to(type));
      Variable out = op.apply(x);
      out.backward(Tensor.vector(G).to(type));
      assertClose(y, out.value(), name + " " + type);
      assertClose(dx, x.grad(), name + "'s gradient " + type);
    }
  }

  /**
   * NaN, ±∞ and ±0 exactly (bits: a zero's sign counts), other values to 5e-7 relative: the
   * expected values are float64's, from which float32's differ by a few roundings of at most
   * 6e-8 each (ELU's: exp, −1 or expm1, α, g), and ELU's expm1 and PyTorch's eˣ − 1 may round
   * apart in float32's last place.
   */
  private static void assertClose(double[] expected, Tensor actual, String what) {
    double[] got = actual.toArray();
    assertEquals(expected.length, got.length, what);
    for (int i = 0; i < got.length; i++) {
      double e = expected[i];
      if (Double.isFinite(e) && e != 0) {
        assertEquals(e, got[i], 5e-7 * Math.abs(e), what + " at " + i);
      } else {
        assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(got[i]),
            what + " at " + i + ": expected " + e + ", got " + got[i]);
      }
    }
  }

  /** relu passes g at NaN: PyTorch's threshold_backward zeroes g where x ≤ 0, false for NaN. */
  @Test
  void reluPassesTheGradientAtNaN() {
    assertRow(new double[] {NAN, 0, 2, 0, INF}, new double[] {2, 0, 11, 0, 17}, Variable::relu,
        "relu");
  }

  /** The fused Dense + ReLU node reads the gate from its output, NaN where z was NaN. */
  @Test
  void denseReluPassesTheGradientAtANaNPreActivation() {
    for (DenseActivation activation : new DenseActivation[] {DenseActivation.RELU, null}) {
      Variable x = Variable.parameter(Tensor.matrix(new double[][] {{1, 2}}));
      Variable w = Variable.parameter(Tensor.matrix(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
      Variable b = Variable.parameter(Tensor.vector(NAN, 0.5, -4));
      Variable y = activation == null ? Variable.linear(x, w, b, null).relu()
          : Variable.linear(x, w, b, activation);
      y.backward(Tensor.matrix(new double[][] {{2, 3, 5}}));
      String how = activation == null ? "linear then relu" : "linear + relu";
      assertEquals(Tensor.vector(2, 3, 0), b.grad(), how);
      assertEquals(Tensor.matrix(new double[][] {{2, 3}}), x.grad(), how);
      assertEquals(Tensor.matrix(new double[][] {{2, 4}, {3, 6}, {0, 0}}), w.grad(), how);
    }
  }

  /**
   * ELU takes its right branch at NaN, so g, as PyTorch's elementwise loop (x ≤ 0 ? … : g); its
   * vectorized loop, which most elements of a tensor of more than a few go through, gives NaN
   * there, so PyTorch has no one answer and this is the one its comparison defines.
   */
  @Test
  void eluPassesTheGradientAtNaN() {
    assertRow(new double[] {NAN, -0.7768698398515702, 2, -1, INF},
        new double[] {2, 1.5619111210390086, 11, 0, 17}, x -> x.elu(1), "elu(1)");
    assertRow(new double[] {NAN, -0.3884349199257851, 2, -0.5, INF},
        new double[] {2, 0.7809555605195043, 11, 0, 17}, x -> x.elu(0.5), "elu(0.5)");
  }

  /** Leaky ReLU takes its left branch at NaN (x > 0 is false), so αg, as PyTorch. */
  @Test
  void leakyReluPassesAlphaTimesTheGradientAtNaN() {
    assertRow(new double[] {NAN, -0.15000000000000002, 2, -INF, INF},
        new double[] {0.2, 0.7000000000000001, 11, 1.3, 17}, x -> x.leakyRelu(0.1), "leakyRelu");
  }

  /** sign(NaN) is 0, as PyTorch's (x > 0) − (x &lt; 0), so |x|'s rule g·sign(x) gives 0. */
  @Test
  void absAndSignGiveZeroAtNaN() {
    assertRow(new double[] {NAN, 1.5, 2, INF, INF}, new double[] {0, -7, 11, -13, 17},
        Variable::abs, "abs");
    assertRow(new double[] {0, -1, 1, -1, 1}, new double[] {0, 0, 0, 0, 0}, Variable::sign,
        "sign");
  }

  /** clamp keeps NaN and gives it 0: lo ≤ x ≤ hi is false there. */
  @Test
  void clampKeepsNaNAndGivesItNoGradient() {
    assertRow(new double[] {NAN, -1, 1, -1, 1}, new double[] {0, 0, 0, 0, 0},
        x -> x.clamp(-1, 1), "clamp(-1, 1)");
  }
}
