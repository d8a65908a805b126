package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch through one weight ([b, t, k]·[k, n], or ·[n, k]ᵀ as a sequence layer's): the
 * first-order rule takes the weight's gradient as one product of the rows (tensordotRows), and
 * its results are the per-element products summed, at both orders of the rule's paths.
 */
class SharedWeightMatmulTest {
  private static final Tensor X = Tensors.randn(Shape.of(3, 4, 5), 1L);

  @Test
  void theWeightsGradientIsThePerElementGradientsSummed() {
    for (Transpose mode : List.of(Transpose.NONE, Transpose.RIGHT)) {
      Tensor w = Tensors.randn(mode.right() ? Shape.of(6, 5) : Shape.of(5, 6), 2L);
      Variable x = Variable.parameter(X);
      Variable weight = Variable.parameter(w);
      x.matmul(weight, mode).square().sum().backward();

      Tensor expected = Tensors.zeros(w.shape());
      for (int b = 0; b < 3; b++) {
        Variable slice = Variable.parameter(X.take(0, Tensor.vector(b)).reshape(4, 5));
        Variable each = Variable.parameter(w);
        slice.matmul(each, mode).square().sum().backward();
        expected = expected.add(each.grad());
      }
      // The same dot products in another grouping: 12-term sums of values ~10, 1e-12 apart.
      assertTrue(weight.grad().allClose(expected, 0, 1e-12), mode + ": " + weight.grad());
      assertEquals(X.shape(), x.grad().shape());
    }
  }

  /**
   * The tensor path (a first-order pass) and the recorded rule (a pass that records the graph
   * for higher orders, the catalogue's second-order check) agree, and the first passes the
   * gradient check.
   */
  @Test
  void theFirstOrderPathAgreesWithTheRecordedRuleAndTheCheck() {
    for (Transpose mode : List.of(Transpose.NONE, Transpose.RIGHT)) {
      Tensor w = Tensors.randn(mode.right() ? Shape.of(6, 5) : Shape.of(5, 6), 3L);
      assertTrue(GradCheck.check(in -> in.get(0).matmul(in.get(1), mode).tanh().sum(),
          List.of(X, w)).passed(), mode + ", first order");
      Variable x = Variable.parameter(X);
      Variable weight = Variable.parameter(w);
      Variable recorded = Gradients.of(List.of(x.matmul(weight, mode).tanh().sum()),
          List.of(weight), null, Gradients.Options.creatingGraph()).get(0);
      Variable plain = Gradients.of(x.matmul(weight, mode).tanh().sum(), weight).get(0);
      // Sums of 12 products of values below 3 in other orders: within n·u·Σ|x·g| ≈ 2e-14
      // (measured 8.9e-16, an ulp of the largest element, 4.2).
      assertTrue(recorded.value().allClose(plain.value(), 0, 1e-13), mode.toString());
    }
  }
}
