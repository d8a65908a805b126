package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code Tensor.gelu()} and its kin compose the same kernels as the graph's ops: with or without
 * a graph, the same input gives the same value to the bit, in both types, tails and all.
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

  @Test
  void leakyReluAndElu() {
    agree("leakyRelu", x -> x.leakyRelu(0.2), x -> x.leakyRelu(0.2));
    agree("elu", x -> x.elu(1.7), x -> x.elu(1.7));
  }
}
