package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code Tensor.gelu()} and its kin run the same kernels as the graph's ops: with or without a
 * graph, the same input gives the same value to the bit, in both types, tails and all (a recorded
 * GELU's kernel also writes its factor for the gradient). {@link FusedActivationsBitsTest} holds
 * both to the compositions of kernels they replaced.
 */
class TensorActivationsAgreeTest {
  private static void agree(String name, UnaryOperator<Tensor> plain,
      UnaryOperator<Variable> recorded) {
    Random random = new Random(7);
    double[] values = new double[2_000];
    for (int i = 0; i < values.length; i++) {
      // Wide enough for both tails (erfc's underflow past −38, tanh's saturation) and zero.
      values[i] = i < 4 ? new double[] {0, -0.0, 1e-300, -1e-10}[i] : random.nextGaussian() * 12;
    }
    for (DType type : DType.values()) {
      Tensor x = Tensor.vector(values).to(type);
      Tensor withGraph = recorded.apply(Variable.parameter(x)).value();
      Tensor without = plain.apply(x);
      for (int i = 0; i < values.length; i++) {
        assertEquals(withGraph.flatGet(i), without.flatGet(i), 0,
            name + " " + type + " at " + values[i]);
      }
    }
  }

  @Test
  void gelu() {
    agree("gelu", Tensor::gelu, Variable::gelu);
    agree("geluTanh", Tensor::geluTanh, Variable::geluTanh);
  }

  /**
   * Tensor.elu and the graph's ELU node: the same bits, the signs of zeros (+0.0 at −0.0; −0.0
   * below 0 when α = 0) and NaN's payload included, over blocks of the kernel and a remainder,
   * both types.
   */
  @Test
  void eluToTheBit() {
    Random random = new Random(11);
    double[] values = new double[5_000];
    double[] edges = {Double.NaN, -0.0, 0.0, -1e-10, -0.5, 0.5, -17, -746, 800,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE};
    for (int i = 0; i < values.length; i++) {
      values[i] = i < edges.length ? edges[i] : random.nextGaussian() * (i % 2 == 0 ? 1 : 30);
    }
    for (double alpha : new double[] {1, 1.7, 0}) {
      for (DType type : DType.values()) {
        Tensor x = Tensor.vector(values).to(type);
        double[] withGraph = Variable.parameter(x).elu(alpha).value().toArray();
        double[] without = x.elu(alpha).toArray();
        for (int i = 0; i < values.length; i++) {
          assertEquals(Double.doubleToRawLongBits(withGraph[i]),
              Double.doubleToRawLongBits(without[i]),
              "elu(" + alpha + ") " + type + " at " + values[i]);
        }
      }
    }
  }

  @Test
  void leakyReluAndElu() {
    agree("leakyRelu", x -> x.leakyRelu(0.2), x -> x.leakyRelu(0.2));
    agree("elu", x -> x.elu(1.7), x -> x.elu(1.7));
  }
}
