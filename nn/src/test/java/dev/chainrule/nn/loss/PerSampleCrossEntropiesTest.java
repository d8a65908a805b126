package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.reference.DeltaRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Reduction#NONE} with class weights and label smoothing ({@link CrossEntropies}, {@link
 * CrossEntropyLoss}), the refusals that come with it, and the delta rule's refusal of per-sample
 * losses. Class 2 weighs 0 and is a target, so a weighted mean and a plain one differ.
 */
class PerSampleCrossEntropiesTest {
  private static final Tensor LOGITS = Tensors.randn(Shape.of(6, 4), 31L).mul(2);
  private static final Tensor CLASSES = Tensor.vector(0, 3, 1, 1, 2, 3);
  private static final Tensor ROWS = Tensors.randn(Shape.of(6, 4), 32L).mul(2).softmax(-1);
  private static final double[] WEIGHTS = {0.5, 2, 0, 1.5};
  private static final CrossEntropyOptions BOTH =
      CrossEntropyOptions.none().withClassWeights(WEIGHTS).withLabelSmoothing(0.2);
  /** As in PerSampleLossesTest: sums of 6 same-signed terms reassociated, a few ulps. */
  private static final double SUM_TOLERANCE = 1e-14;

  private static List<CrossEntropyLoss> losses(Reduction reduction) {
    return List.of(Loss.softmaxCrossEntropy(BOTH).withReduction(reduction),
        Loss.negativeLogLikelihood(BOTH).withReduction(reduction));
  }

  private static Tensor input(CrossEntropyLoss loss) {
    return loss.kind() == Loss.Kind.NEGATIVE_LOG_LIKELIHOOD ? LOGITS.logSoftmax(-1) : LOGITS;
  }

  /**
   * Per row, unnormalised: their sum is SUM; their mean is MEAN for soft targets, and for class
   * indices MEAN is their sum over the weights of the rows' classes, Σᵢ w_{yᵢ} = 7.5.
   */
  @Test
  void perRowLossesSumToSumAndDivideAsTheMeanDoes() {
    for (Tensor target : List.of(CLASSES, ROWS)) {
      for (CrossEntropyLoss none : losses(Reduction.NONE)) {
        Tensor x = input(none);
        Tensor rows = none.compute(Variable.constant(x), target).value();
        assertEquals(Shape.of(6), rows.shape(), none::toString);
        double sum = none.withReduction(Reduction.SUM).compute(Variable.constant(x), target)
            .item();
        double mean = none.withReduction(Reduction.MEAN).compute(Variable.constant(x), target)
            .item();
        assertEquals(sum, rows.sum().item(), SUM_TOLERANCE * sum, none::toString);
        double divisor = target == CLASSES ? 0.5 + 1.5 + 2 + 2 + 0 + 1.5 : 6;
        assertEquals(mean, rows.sum().item() / divisor, SUM_TOLERANCE * mean, none::toString);
      }
    }
  }

  /** Σᵢ vᵢ·ℓᵢ for weights of both signs: first and second derivatives against differences. */
  @Test
  void gradientsOfWeightedPerRowLossesCheck() {
    Tensor v = Tensors.uniform(Shape.of(6), -2, 2, 33L);
    for (Tensor target : List.of(CLASSES, ROWS)) {
      for (CrossEntropyLoss none : losses(Reduction.NONE)) {
        GradCheckReport first = GradCheck.check(in -> none.compute(in.get(0), target)
            .mul(Variable.constant(v)).sum(), List.of(input(none)));
        assertTrue(first.passed(), () -> none + ": " + first);
        GradCheckReport second = GradCheck.gradGradCheck(in -> none.compute(in.get(0), target)
            .mul(Variable.constant(v)).sum(), List.of(input(none)));
        assertTrue(second.passed(), () -> none + " second order: " + second);
      }
    }
  }

  /**
   * Float32 logits give float32 rows within 1e-5 relative of float64's (inputs rounded to 6e-8,
   * coefficients rounded once, a log-softmax and a sum of 4 terms: a few ulps, as in
   * PerSampleLossesTest).
   */
  @Test
  void float32LogitsGiveFloat32Rows() {
    for (Tensor target : List.of(CLASSES, ROWS)) {
      CrossEntropyLoss none = Loss.softmaxCrossEntropy(BOTH).withReduction(Reduction.NONE);
      Tensor wide = none.compute(Variable.constant(LOGITS), target).value();
      Tensor narrow = none.compute(Variable.constant(LOGITS.to(DType.FLOAT32)), target).value();
      assertEquals(DType.FLOAT32, narrow.dtype());
      assertTrue(narrow.to(DType.FLOAT64).allClose(wide, 1e-5, 1e-7), narrow::toString);
    }
  }

  /** A batch whose classes all weigh 0 has rows of loss 0, where its weighted mean is 0/0. */
  @Test
  void rowsWhoseClassesWeighNothingAreZeroNotRefused() {
    Tensor twos = Tensor.vector(2, 2);
    CrossEntropyOptions weights = CrossEntropyOptions.none().withClassWeights(WEIGHTS);
    Variable rows = CrossEntropies.softmaxCrossEntropy(Variable.constant(LOGITS.slice(0, 0, 2)),
        twos, weights, Reduction.NONE);
    assertEquals(0, rows.value().abs().max().item());  // −0.0 too: −Σ of zeros
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CrossEntropies.softmaxCrossEntropy(
                Variable.constant(LOGITS.slice(0, 0, 2)), twos, weights, Reduction.MEAN))
            .getMessage().startsWith("softmaxCrossEntropy: every target's class weighs 0"
            + " (classes [2]), so the weighted mean would divide by 0: give those classes"
            + " weight, or sum (Reduction.SUM)"));
  }

  /** Shapes NONE cannot score are refused in the words MEAN's are. */
  @Test
  void mismatchedShapesAreRefusedAsUnderTheMean() {
    for (Tensor target : List.of(Tensors.ones(3), Tensors.zeros(6, 5))) {
      String mean = assertThrows(IllegalArgumentException.class, () -> Losses
          .softmaxCrossEntropy(Variable.constant(LOGITS), target, Reduction.MEAN)).getMessage();
      String none = assertThrows(IllegalArgumentException.class, () -> Losses
          .softmaxCrossEntropy(Variable.constant(LOGITS), target, Reduction.NONE)).getMessage();
      assertEquals(mean, none);
    }
    String scalar = assertThrows(IllegalArgumentException.class, () -> Losses
        .softmaxCrossEntropy(Variable.constant(Tensor.scalar(1)), Tensor.scalar(0),
            Reduction.NONE)).getMessage();
    assertEquals("softmaxCrossEntropy: logits [] need a class axis", scalar);
    IllegalArgumentException mse = assertThrows(IllegalArgumentException.class,
        () -> Loss.meanSquaredError().withReduction(Reduction.NONE)
            .compute(Variable.constant(LOGITS), Tensors.zeros(6)));
    assertEquals("meanSquaredError: prediction [6, 4] and target [6] do not match",
        mse.getMessage());
  }

  /** The hand-derived reference derives one number's gradient: per-sample losses are refused. */
  @Test
  void theDeltaRuleRefusesPerSampleLosses() {
    Sequential mlp = Sequential.of(Dense.of(4, 3, 1L), Activation.tanh());
    Loss.BuiltIn none = Loss.meanSquaredError().withReduction(Reduction.NONE);
    assertFalse(DeltaRule.supports(mlp, none));
    assertTrue(DeltaRule.supports(mlp, Loss.meanSquaredError()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(DeltaRule.layersOf(mlp), none, LOGITS, Tensors.zeros(6, 3)));
    assertEquals("delta rule: the loss mean-squared-error (none) gives per-sample losses"
        + " (Reduction.NONE); the reference derives the gradient of one number J: use MEAN or"
        + " SUM (or weight the samples' losses yourself with the engine)", e.getMessage());
  }
}
