package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Class weights at the ends of a type's range. A weighted mean of class indices is the same for
 * any scale of the weights, so huge or tiny weights of one scale give the loss of weights of 1
 * (they gave NaN, or a finite wrong loss with an infinite gradient); weights the type cannot
 * carry through the loss are refused, naming the class and the type.
 */
class ExtremeClassWeightsTest {
  private static final Tensor LOGITS = Tensors.randn(Shape.of(6, 3), 21L).mul(2);
  private static final Tensor CLASSES = Tensor.vector(0, 2, 1, 1, 2, 0);

  private static Variable loss(Variable logits, double weight, Reduction reduction) {
    CrossEntropyOptions options =
        CrossEntropyOptions.none().withClassWeights(weight, weight, weight);
    return CrossEntropies.softmaxCrossEntropy(logits, CLASSES, options, reduction);
  }

  private static Variable loss(double weight, DType dtype, Reduction reduction) {
    return loss(Variable.parameter(LOGITS.to(dtype)), weight, reduction);
  }

  /**
   * The mean with every class weighing w is the plain mean, whatever w: within 1e-15 relative
   * in float64 (one rounding of each weight's share, exactly 1 here, and the sums' order) and
   * 1e-6 in float32 (a few float32 ulps of a loss near 2); the gradient as finite and as close.
   */
  @ParameterizedTest
  @CsvSource({"1e38, FLOAT32", "1e-45, FLOAT32", "1e-300, FLOAT32", "1e-320, FLOAT64",
      "1e308, FLOAT64"})
  void aWeightedMeanIsTheSameAtAnyScale(double weight, DType dtype) {
    double tolerance = dtype == DType.FLOAT32 ? 1e-6 : 1e-15;
    Variable plainLogits = Variable.parameter(LOGITS.to(dtype));
    Variable scaledLogits = Variable.parameter(LOGITS.to(dtype));
    Variable plain = Losses.softmaxCrossEntropy(plainLogits, CLASSES, Reduction.MEAN);
    Variable scaled = loss(scaledLogits, weight, Reduction.MEAN);
    assertEquals(plain.item(), scaled.item(), tolerance * plain.item());
    plain.backward();
    scaled.backward();
    assertEquals(-1, scaledLogits.grad().indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE),
        "a finite gradient");
    assertEquals(0, scaledLogits.grad().sub(plainLogits.grad()).abs().max().item(), tolerance);
  }

  /**
   * A class weighing 1e-39 of the largest in float32 (a subnormal share) was refused as if its
   * gradients were not finite; in a batch that holds heavier classes they are, and PyTorch's:
   * the loss and the other rows' gradients those of the plain mean over rows 1 to 3, to 1e-6 (a
   * few float32 ulps of values near 1), row 0's gradients PyTorch's ±2.7e-40 to 1e-45 (a few of
   * float32's subnormal steps, 1.4e-45).
   */
  @Test
  void aSubnormalShareInABatchWithHeavierClassesHasFiniteGradients() {
    Tensor logits = Tensor.of(new double[] {0.5, -1, 2, 0.3, 0.3, -4, 1, 1, 1, -2, 0, 2}, 4, 3);
    Variable z = Variable.parameter(logits.to(DType.FLOAT32));
    Variable loss = CrossEntropies.softmaxCrossEntropy(z, Tensor.vector(0, 1, 2, 1),
        CrossEntropyOptions.none().withClassWeights(1e-39, 1, 1), Reduction.MEAN);
    loss.backward();
    Variable rest = Variable.parameter(logits.slice(0, 1, 4));
    Variable plain = Losses.softmaxCrossEntropy(rest, Tensor.vector(1, 2, 1), Reduction.MEAN);
    plain.backward();
    assertEquals(plain.item(), loss.item(), 1e-6);
    Tensor grad = z.grad().to(DType.FLOAT64);
    assertEquals(0, grad.slice(0, 1, 4).sub(rest.grad()).abs().max().item(), 1e-6);
    Tensor torch = Tensor.vector(-2.7490393013e-40, 1.3037680912e-41, 2.6186624922e-40);
    assertEquals(0, grad.slice(0, 0, 1).reshape(3).sub(torch).abs().max().item(), 1e-45);
    // float64's subnormals likewise: class 1 weighs 1e-320 of the others.
    Variable wide = Variable.parameter(LOGITS);
    CrossEntropies.softmaxCrossEntropy(wide, CLASSES,
        CrossEntropyOptions.none().withClassWeights(1, 1e-320, 1), Reduction.MEAN).backward();
    assertEquals(-1, wide.grad().indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE),
        "a finite gradient");
  }

  /**
   * A batch whose rows all belong to such a class divided by the sum of their shares, 1e-39 for
   * one row, whose reciprocal float32 cannot hold: the gradients were ∞ and NaN. The weights over
   * their sum are formed in float64 now, so one row's and four rows' weighted means are the
   * plain ones: to 1e-6 relative for the loss (a few float32 ulps) and 1e-6 for gradients below
   * 1.
   */
  @Test
  void aBatchOfTinyClassesAloneGivesThePlainMean() {
    CrossEntropyOptions tiny = CrossEntropyOptions.none().withClassWeights(1e-39, 1, 1);
    for (int rows : new int[] {1, 4}) {
      Tensor logits = LOGITS.slice(0, 0, rows).to(DType.FLOAT32);
      Tensor zeros = Tensors.zeros(Shape.of(rows), DType.FLOAT64);
      Variable z = Variable.parameter(logits);
      Variable weighted = CrossEntropies.softmaxCrossEntropy(z, zeros, tiny, Reduction.MEAN);
      Variable plainZ = Variable.parameter(logits);
      Variable plain = Losses.softmaxCrossEntropy(plainZ, zeros, Reduction.MEAN);
      weighted.backward();
      plain.backward();
      assertEquals(plain.item(), weighted.item(), 1e-6 * plain.item());
      assertEquals(0, z.grad().sub(plainZ.grad()).abs().max().item(), 1e-6);
    }
  }

  /**
   * The launchers refuse such shares before training, in these words, since Spark's shards sum
   * the mean in parts weighted by them; a summed loss refuses a weight its type holds only as a
   * subnormal (1e-45 in float32 is 1.4e-45).
   */
  @Test
  void aClassWeighingLessThanTheTypeCarriesIsRefused() {
    assertEquals("softmaxCrossEntropy: class 1 weighs 1.0E-320 of the largest"
        + " class weight, below the smallest normal float64 number, 2.2250738585072014E-308,"
        + " which float64 holds only with fewer significant digits, or as 0, so a trainer that"
        + " sums the loss in parts weighted by the classes' shares (Spark's shards) would weigh"
        + " the class wrongly: weigh the classes within a factor of 4.49423283715579E307 of each"
        + " other", refusal(() -> CrossEntropies
            .requireWeightRatio("softmaxCrossEntropy", Tensor.vector(1, 1e-320, 1),
                DType.FLOAT64)));
    assertEquals("softmaxCrossEntropy: class 0's weight 1.0E-45 is below the smallest normal"
        + " float32 number, 1.1754943508222875E-38, which float32 holds only with fewer"
        + " significant digits, or as 0, so its rows would be weighed wrongly: scale the weights"
        + " up", refusal(() -> loss(1e-45, DType.FLOAT32, Reduction.SUM)));
  }

  /**
   * The bounds themselves are accepted: a share of exactly the smallest normal number (and a
   * class weighing 0, which is left out, not weighed wrongly), and, row by row, a weight of the
   * type's largest number (the bound is for losses of order 1 per row, so these rows' losses may
   * overflow; the check refuses only what must).
   */
  @Test
  void weightsAtTheBoundsAreAccepted() {
    CrossEntropies.requireWeightRatio("softmaxCrossEntropy",
        Tensor.vector(1, Double.MIN_NORMAL, 0), DType.FLOAT64);
    CrossEntropies.requireWeightRatio("softmaxCrossEntropy",
        Tensor.vector(1, Float.MIN_NORMAL, 0), DType.FLOAT32);
    Variable summed = loss(Double.MIN_NORMAL, DType.FLOAT64, Reduction.SUM);
    assertTrue(summed.item() > 0, "a summed loss of weights 2^-1022: " + summed.item());
    assertEquals(6, loss(Double.MAX_VALUE, DType.FLOAT64, Reduction.NONE).value().size());
    assertEquals(6, loss(Float.MAX_VALUE, DType.FLOAT32, Reduction.NONE).value().size());
  }

  /**
   * A summed loss scales with its weights: a weight whose sum over the rows overflows; per-sample
   * losses are bounded row by row.
   */
  @Test
  void aSummedLossPastTheTypesRangeIsRefused() {
    assertEquals("softmaxCrossEntropy: class weight 1.0E38 over 6 rows passes the range of"
        + " float32: the summed loss would be infinite; scale the weights down",
        refusal(() -> loss(1e38, DType.FLOAT32, Reduction.SUM)));
    // Per-sample losses are not summed: a weight is bounded by the range itself.
    assertEquals(6, loss(1e300, DType.FLOAT64, Reduction.NONE).value().size());
    assertEquals("softmaxCrossEntropy: class weight 1.0E39 passes the range of float32: the rows'"
        + " losses would be infinite; scale the weights down",
        refusal(() -> loss(1e39, DType.FLOAT32, Reduction.NONE)));
    // Rows of probabilities average over N whatever the weights, so they scale the loss too.
    Tensor rows = Tensors.ones(Shape.of(6, 3)).div(3);
    CrossEntropyOptions huge = CrossEntropyOptions.none().withClassWeights(1, 1e300, 1);
    assertEquals("softmaxCrossEntropy: class weight 1.0E300 over 6 rows passes the range of"
        + " float32: the summed loss would be infinite; scale the weights down",
        refusal(() -> CrossEntropies.softmaxCrossEntropy(Variable.parameter(
            LOGITS.to(DType.FLOAT32)), rows, huge, Reduction.MEAN)));
  }

  private static String refusal(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }
}
