package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Values and gradients at x = −0.0 and x = +0.0, bit for bit (Tensor equality tells the zeros
 * apart), in float64 and float32, with the upstream gradient (3, 5). Every expected pair is
 * PyTorch 1.13's, obtained by running it once (torch.clamp, F.elu, F.leaky_relu, torch.abs,
 * torch.sign, torch.relu) and written here as literals, but relu's value at −0.0.
 */
class SignedZeroGradientTest {
  private static void assertAtZeros(double[] y, double[] dx, UnaryOperator<Variable> op,
      String name) {
    for (DType type : DType.values()) {
      Variable x = Variable.parameter(Tensor.vector(-0.0, 0.0).to(type));
      Variable out = op.apply(x);
      out.backward(Tensor.vector(3, 5).to(type));
      assertEquals(Tensor.vector(y).to(type), out.value(), name + " " + type);
      assertEquals(Tensor.vector(dx).to(type), x.grad(), name + "'s gradient " + type);
    }
  }

  /** A zero is neither below nor above the other zero: it stays, and its gradient passes. */
  @Test
  void clampKeepsAZeroAgainstABoundOfTheOtherSign() {
    assertAtZeros(new double[] {-0.0, 0.0}, new double[] {3, 5}, x -> x.clamp(0, 1),
        "clamp(0, 1)");
    assertAtZeros(new double[] {-0.0, 0.0}, new double[] {3, 5}, x -> x.clamp(-1, -0.0),
        "clamp(-1, -0.0)");
    assertAtZeros(new double[] {-0.0, 0.0}, new double[] {3, 5}, x -> x.clamp(0, 0),
        "clamp(0, 0)");
    assertAtZeros(new double[] {-0.0, 0.0}, new double[] {3, 5}, x -> x.clamp(-0.0, 0),
        "clamp(-0.0, 0)");
  }

  /** ELU is +0.0 at both zeros (PyTorch's eˣ − 1 there), its slope the left branch's α. */
  @Test
  void eluIsPositiveZeroAtBothZeros() {
    assertAtZeros(new double[] {0.0, 0.0}, new double[] {3, 5}, x -> x.elu(1), "elu(1)");
    assertAtZeros(new double[] {0.0, 0.0}, new double[] {1.5, 2.5}, x -> x.elu(0.5), "elu(0.5)");
    assertAtZeros(new double[] {0.0, 0.0}, new double[] {0, 0}, x -> x.elu(0), "elu(0)");
  }

  /** sign is +0.0 at both zeros, so abs's rule g·sign(x) gives +0.0 (it gave −0.0 at −0.0). */
  @Test
  void absAndSignGivePositiveZeros() {
    assertAtZeros(new double[] {0.0, 0.0}, new double[] {0.0, 0.0}, Variable::abs, "abs");
    assertAtZeros(new double[] {0.0, 0.0}, new double[] {0.0, 0.0}, Variable::sign, "sign");
  }

  @Test
  void leakyReluKeepsTheZerosAndTakesItsLeftSlope() {
    for (DType type : DType.values()) {
      Variable x = Variable.parameter(Tensor.vector(-0.0, 0.0).to(type));
      Variable out = x.leakyRelu(0.1);
      out.backward(Tensor.vector(3, 5).to(type));
      assertEquals(Tensor.vector(-0.0, 0.0).to(type), out.value(), "leakyRelu " + type);
      // 3·0.1 and 5·0.1 rounded in the type, as PyTorch's (0.30000000000000004 in float64).
      assertEquals(Tensor.vector(3, 5).to(type).mul(0.1), x.grad(), "leakyRelu's gradient");
    }
  }

  /**
   * relu's gradient is PyTorch's, 0 at both zeros; its value at −0.0 is +0.0 where PyTorch's is
   * −0.0 (core's Tensor.relu says why: the kernel's max(x, 0) is the one that vectorizes).
   */
  @Test
  void reluGivesNoGradientAtEitherZero() {
    assertAtZeros(new double[] {0.0, 0.0}, new double[] {0.0, 0.0}, Variable::relu, "relu");
  }

  /**
   * max of the two zeros is 0.0 and min −0.0, in either order, as core's; the zeros tie, so each
   * gets half of g (PyTorch's max() shares among ties alike, its value depending on the order).
   */
  @Test
  void maxAndMinOfTheZerosAreOrderedAndShareTheGradient() {
    for (DType type : DType.values()) {
      for (Tensor zeros : new Tensor[] {Tensor.vector(-0.0, 0.0), Tensor.vector(0.0, -0.0)}) {
        Variable x = Variable.parameter(zeros.to(type));
        Variable max = x.max();
        max.backward(Tensor.scalar(3, type));
        assertEquals(Tensor.scalar(0.0, type), max.value(), "max of " + zeros);
        assertEquals(Tensor.vector(1.5, 1.5).to(type), x.grad(), "max's gradient");
        Variable y = Variable.parameter(zeros.to(type));
        Variable min = y.min();
        min.backward(Tensor.scalar(3, type));
        assertEquals(Tensor.scalar(-0.0, type), min.value(), "min of " + zeros);
        assertEquals(Tensor.vector(1.5, 1.5).to(type), y.grad(), "min's gradient");
      }
    }
  }
}
