package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Leaky ReLU, ELU and both GELUs, each one core kernel, give the bits of the compositions they
 * replaced ({@link ComposedActivations}) in both types: through {@code Tensor}, through a
 * recorded node (whose GELU forward also writes its factor) and through an unrecorded one; over
 * signed zeros, NaN with payloads and signs, infinities, subnormals of both types, magnitudes up to
 * 1e308, ordinary values, and lengths of several kernel blocks with a remainder as well as a short
 * tensor (the transcendental loops take their scalar path below 32 elements).
 *
 * <p>One exception: where the tanh GELU's x·σ(2u) multiplies two NaNs (x and the σ it gives), the
 * result's NaN is x86's first operand's, and HotSpot may commute a product's operands, so which NaN
 * (+NaN or the −NaN σ made) came out varied from one run of the composition itself to the next
 * (main's gave −NaN at x = NaN where this test's first run saw +NaN). There it must be a NaN. The
 * float32 exact GELU is the same case since its erfc computes in float (FloatErfc): erfc(NaN) is
 * a NaN of its arithmetic, −NaN, and x·Φ multiplies two NaNs.
 */
class FusedActivationsBitsTest {
  private static final double[] EDGES = {
      0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0abcL),
      Double.longBitsToDouble(0xfff8_0000_0000_0000L), Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
      -Double.MIN_NORMAL, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
      1e-40, -1e-40, 1e-10, -1e-10, 0.5, -0.5, 1, -1, Math.sqrt(2), -Math.sqrt(2), 5.8, -5.8,
      6.4016409, -6.4016409, 9.6, -9.6, 17, -17, 27, -27, 38.5, -38.5, 40, -40, 746, -746, 800,
      -800, 1e10, -1e10, 1e20, -1e20, 1e155, -1e155, 1e300, -1e300, Double.MAX_VALUE,
      -Double.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};

  private static double[] values(int n) {
    Random random = new Random(52);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      if (i < EDGES.length) {
        values[i] = EDGES[i];
      } else if (i % 3 == 0) {
        // Every magnitude from subnormal to 1e308, either sign.
        double magnitude = Math.pow(10, random.nextDouble() * 630 - 322);
        values[i] = random.nextBoolean() ? magnitude : -magnitude;
      } else {
        values[i] = random.nextGaussian() * (i % 3 == 1 ? 1.5 : 12);
      }
    }
    return values;
  }

  private static void sameBits(String name, UnaryOperator<Tensor> composed,
      UnaryOperator<Tensor> fused, UnaryOperator<Variable> node) {
    sameBits(name, composed, fused, node, true);
  }

  private static void sameBits(String name, UnaryOperator<Tensor> composed,
      UnaryOperator<Tensor> fused, UnaryOperator<Variable> node, boolean nanBitsDefined) {
    for (int n : new int[] {5_003, 21}) {
      double[] values = values(n);
      for (DType type : DType.values()) {
        Tensor x = Tensor.vector(values).to(type);
        double[] expected = composed.apply(x).toArray();
        double[] plain = fused.apply(x).toArray();
        double[] recorded = node.apply(Variable.parameter(x)).value().toArray();
        double[] unrecorded = node.apply(Variable.constant(x)).value().toArray();
        for (int i = 0; i < n; i++) {
          long bits = Double.doubleToRawLongBits(expected[i]);
          String where = name + " " + type + " at " + x.flatGet(i) + " (element " + i + ")";
          if (!nanBitsDefined && Double.isNaN(expected[i])) {
            assertTrue(Double.isNaN(plain[i]) && Double.isNaN(recorded[i])
                && Double.isNaN(unrecorded[i]), "NaN " + where);
            continue;
          }
          assertEquals(bits, Double.doubleToRawLongBits(plain[i]), "Tensor " + where);
          assertEquals(bits, Double.doubleToRawLongBits(recorded[i]), "recorded " + where);
          assertEquals(bits, Double.doubleToRawLongBits(unrecorded[i]), "unrecorded " + where);
        }
      }
    }
  }

  @Test
  void leakyRelu() {
    // A negative α flips zeros' signs, α = 0 keeps them: each kept as the composition keeps it.
    for (double alpha : new double[] {0.01, 0.2, 1.5, 0, -0.0, -0.5}) {
      sameBits("leakyRelu(" + alpha + ")", x -> ComposedActivations.leakyRelu(x, alpha),
          x -> x.leakyRelu(alpha), x -> x.leakyRelu(alpha));
    }
  }

  @Test
  void elu() {
    for (double alpha : new double[] {1, 1.7, 0.3, 0}) {
      sameBits("elu(" + alpha + ")", x -> ComposedActivations.elu(x, alpha), x -> x.elu(alpha),
          x -> x.elu(alpha));
    }
  }

  @Test
  void gelu() {
    sameBits("gelu", ComposedActivations::gelu, Tensor::gelu, Variable::gelu, false);
  }

  @Test
  void geluTanh() {
    sameBits("geluTanh", ComposedActivations::geluTanh, Tensor::geluTanh, Variable::geluTanh,
        false);
  }
}
