package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A cross-entropy with options whose every term is 0 (every row ignored, or each row's class
 * weighing 0) is +0, as PyTorch's is (it subtracts each term from 0), not the −0 of negating a
 * sum of +0, which a report printed as {@code loss=-0.0}. Its gradient is 0.
 */
class UnsignedZeroLossTest {
  private static final double[][] LOGITS = {{1, 0, 0.5}, {0, 1, 0.5}};
  private static final CrossEntropyOptions IGNORE = CrossEntropyOptions.none()
      .withIgnoreIndex(255);
  private static final Tensor IGNORED = Tensor.vector(255, 255);

  /** Compared by their bits: 0.0 and −0.0 are equal as doubles. */
  private static void assertPositiveZeros(Variable loss) {
    for (double v : loss.value().toArray()) {
      assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(v), "+0, got " + v);
    }
  }

  /** The loss of {@code LOGITS} (a parameter), its gradient after backward of its sum. */
  private static double[] lossAndGradient(Function<Variable, Variable> loss) {
    Variable z = Variable.parameter(Tensor.matrix(LOGITS));
    Variable value = loss.apply(z);
    assertPositiveZeros(value);
    value.sum().backward();
    return z.grad().toArray();
  }

  @Test
  void everyRowIgnoredIsPositiveZeroUnderSumAndNone() {
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.NONE}) {
      assertArrayEquals(new double[6], lossAndGradient(z -> CrossEntropies.softmaxCrossEntropy(z,
          IGNORED, IGNORE, reduction)), "softmax cross-entropy " + reduction);
      assertArrayEquals(new double[6], lossAndGradient(z -> CrossEntropies.negativeLogLikelihood(
          z.logSoftmax(-1), IGNORED, IGNORE, reduction)), "negative log-likelihood " + reduction);
    }
  }

  @Test
  void everyRowsClassWeighingNothingIsPositiveZero() {
    CrossEntropyOptions weights = CrossEntropyOptions.none().withClassWeights(1, 0, 1);
    Tensor classOne = Tensor.vector(1, 1);
    for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.NONE}) {
      assertArrayEquals(new double[6], lossAndGradient(z -> CrossEntropies.softmaxCrossEntropy(z,
          classOne, weights, reduction)), "softmax cross-entropy " + reduction);
      assertArrayEquals(new double[6], lossAndGradient(z -> CrossEntropies.negativeLogLikelihood(
          z.logSoftmax(-1), classOne, weights, reduction)), "negative log-likelihood "
          + reduction);
    }
  }

  @Test
  void aLossOfSomeRowsKeepsItsValueAndGradient() {
    // One row ignored, one kept: the +0 added changes no other value and passes the gradient on
    // as it is, so both equal the kept row's alone under SUM, to the bit.
    Variable z = Variable.parameter(Tensor.matrix(LOGITS));
    Variable loss = CrossEntropies.softmaxCrossEntropy(z, Tensor.vector(2, 255), IGNORE,
        Reduction.SUM);
    loss.backward();
    Variable kept = Variable.parameter(Tensor.matrix(new double[][] {LOGITS[0]}));
    Variable alone = CrossEntropies.softmaxCrossEntropy(kept, Tensor.vector(2), IGNORE,
        Reduction.SUM);
    alone.backward();
    assertEquals(alone.item(), loss.item());
    assertArrayEquals(kept.grad().toArray(), java.util.Arrays.copyOf(z.grad().toArray(), 3));
  }
}
