package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Class weights and label smoothing beyond PyTorch's numbers ({@link
 * PyTorchCrossEntropyOptionsTest}): what the options are equal to, the gradients against finite
 * differences, the Loss value the trainer reads, and every refusal, each naming the loss.
 */
class CrossEntropyOptionsTest {
  private static final Tensor LOGITS = Tensors.randn(Shape.of(6, 4), 11L).mul(2);
  private static final Tensor CLASSES = Tensor.vector(0, 3, 1, 1, 2, 3);
  private static final Tensor ROWS = Tensors.randn(Shape.of(6, 4), 12L).mul(2).softmax(-1);
  private static final CrossEntropyOptions BOTH =
      CrossEntropyOptions.none().withClassWeights(0.5, 2, 0, 1.5).withLabelSmoothing(0.2);

  @Test
  void noOptionsIsThePlainLossBitForBit() {
    for (Tensor target : List.of(CLASSES, ROWS)) {
      for (Reduction reduction : Reduction.values()) {
        assertEquals(Losses.softmaxCrossEntropy(Variable.constant(LOGITS), target, reduction)
            .value(), CrossEntropies.softmaxCrossEntropy(Variable.constant(LOGITS), target,
            CrossEntropyOptions.none(), reduction).value());
        Variable logProbability = Variable.constant(LOGITS.logSoftmax(-1));
        assertEquals(Losses.negativeLogLikelihood(logProbability, target, reduction).value(),
            CrossEntropies.negativeLogLikelihood(logProbability, target,
                CrossEntropyOptions.none(), reduction).value());
      }
    }
    assertEquals("no options", CrossEntropyOptions.none().toString());
  }

  /**
   * Weights of 1 change nothing but the path (rows of coefficients, not indices): the same loss
   * to rounding. 1e-15: a handful of ulps of a loss near 2 from sums taken in another order.
   */
  @Test
  void weightsOfOneAreThePlainLoss() {
    CrossEntropyOptions ones = CrossEntropyOptions.none().withClassWeights(1, 1, 1, 1);
    for (Tensor target : List.of(CLASSES, ROWS)) {
      double plain = Losses.softmaxCrossEntropy(Variable.constant(LOGITS), target,
          Reduction.MEAN).item();
      double weighted = CrossEntropies.softmaxCrossEntropy(Variable.constant(LOGITS), target,
          ones, Reduction.MEAN).item();
      assertEquals(plain, weighted, 1e-15 * plain);
    }
  }

  /**
   * The negative log-likelihood of log-softmax(z) is z's softmax cross-entropy with the same
   * options, as without options; the gradient with respect to z too. 1e-14: both take the same
   * log-softmax and sums, one through the fused op's rule and one through log-softmax's.
   */
  @Test
  void negativeLogLikelihoodOfLogSoftmaxIsTheCrossEntropy() {
    for (Tensor target : List.of(CLASSES, ROWS)) {
      Variable z1 = Variable.parameter(LOGITS);
      Variable z2 = Variable.parameter(LOGITS);
      Variable ce = CrossEntropies.softmaxCrossEntropy(z1, target, BOTH, Reduction.MEAN);
      Variable nll = CrossEntropies.negativeLogLikelihood(z2.logSoftmax(-1), target, BOTH,
          Reduction.MEAN);
      ce.backward();
      nll.backward();
      assertEquals(ce.item(), nll.item(), 1e-14 * ce.item());
      assertTrue(z1.grad().sub(z2.grad()).abs().max().item() < 1e-14, target.shape()::toString);
    }
  }

  /** First and second derivatives against central differences, both kinds of target. */
  @Test
  void gradientsAndSecondDerivativesCheck() {
    for (Tensor target : List.of(CLASSES, ROWS)) {
      for (Reduction reduction : Reduction.values()) {
        GradCheckReport first = GradCheck.check(in -> CrossEntropies.softmaxCrossEntropy(
            in.get(0), target, BOTH, reduction), List.of(LOGITS));
        GradCheckReport second = GradCheck.gradGradCheck(in -> CrossEntropies
            .softmaxCrossEntropy(in.get(0), target, BOTH, reduction), List.of(LOGITS));
        assertTrue(first.passed(), first::toString);
        assertTrue(second.passed(), second::toString);
      }
    }
  }

  /** Scaling every weight leaves the weighted mean of class indices alone; not a soft mean. */
  @Test
  void theWeightedMeanOfClassIndicesIgnoresTheWeightsScale() {
    CrossEntropyOptions tripled = CrossEntropyOptions.none().withClassWeights(1.5, 6, 0, 4.5)
        .withLabelSmoothing(0.2);
    double once = loss(BOTH, CLASSES);
    assertEquals(once, loss(tripled, CLASSES), 1e-15 * once);  // ulps of one division
    assertEquals(3 * loss(BOTH, ROWS), loss(tripled, ROWS), 1e-14 * loss(tripled, ROWS));
  }

  private static double loss(CrossEntropyOptions options, Tensor target) {
    return Loss.softmaxCrossEntropy(options).compute(Variable.constant(LOGITS), target).item();
  }

  @Test
  void theLossValueSaysWhatItIs() {
    CrossEntropyLoss loss = Loss.softmaxCrossEntropy(BOTH);
    assertEquals(Reduction.MEAN, loss.reduction());
    assertEquals(Reduction.SUM, loss.withReduction(Reduction.SUM).reduction());
    assertEquals(Loss.Outputs.CLASS_SCORES, loss.outputs());
    assertTrue(loss.isClassification());
    assertEquals(false, loss.keepsForwardValues());
    assertEquals("softmax-cross-entropy (mean, class weights [0.5, 2.0, 0.0, 1.5], label"
        + " smoothing 0.2)", loss.toString());
    assertEquals("negative-log-likelihood (sum, label smoothing 0.1)", Loss.negativeLogLikelihood(
        CrossEntropyOptions.none().withLabelSmoothing(0.1)).withReduction(Reduction.SUM)
        .toString());
    // Equal options make equal losses, weights compared by value whatever their type.
    assertEquals(loss, Loss.softmaxCrossEntropy(CrossEntropyOptions.none()
        .withClassWeights(Tensor.vector(0.5, 2, 0, 1.5).to(DType.FLOAT32))
        .withLabelSmoothing(0.2)));
    assertNotEquals(loss, Loss.softmaxCrossEntropy(BOTH.withLabelSmoothing(0.1)));
  }

  /**
   * Two classes are a classifier, weighted as any other: rows of logits [0, ln 3] give the
   * classes 1/4 and 3/4, so class 1 (weight 3) loses ln(4/3) and class 0 (weight 1) ln 4, and
   * the weighted mean is (3 ln(4/3) + ln 4) / 4; 1e-15 for the ulps of two logarithms. Logits
   * with no class axis are refused as holding fewer than 2 classes.
   */
  @Test
  void twoClassesAreEnoughAndAScalarIsNoClassifier() {
    Tensor logits = Tensor.matrix(new double[][] {{0, Math.log(3)}, {0, Math.log(3)}});
    CrossEntropyOptions weighted = CrossEntropyOptions.none().withClassWeights(1, 3);
    double loss = CrossEntropies.softmaxCrossEntropy(Variable.constant(logits),
        Tensor.vector(1, 0), weighted, Reduction.MEAN).item();
    assertEquals((3 * Math.log(4.0 / 3) + Math.log(4)) / 4, loss, 1e-15);
    assertEquals("softmaxCrossEntropy: logits [] hold fewer than 2 classes: a classifier needs"
        + " at least 2 (for one yes/no output use binaryCrossEntropyWithLogits)",
        assertThrows(IllegalArgumentException.class, () -> CrossEntropies.softmaxCrossEntropy(
            Variable.constant(Tensor.scalar(1)), Tensor.scalar(0), weighted, Reduction.MEAN))
            .getMessage());
  }

  @Test
  void theOptionsKeepTheirOwnWeights() {
    Tensor weights = Tensor.vector(1, 2);
    CrossEntropyOptions options = CrossEntropyOptions.none().withClassWeights(weights);
    weights.assignInPlace(Tensor.vector(5, 5));
    options.classWeights().assignInPlace(Tensor.vector(7, 7));
    assertEquals(Tensor.vector(1, 2), options.classWeights());
  }

  @Test
  void badWeightsAreRefusedWhenTheOptionsAreMade() {
    CrossEntropyOptions none = CrossEntropyOptions.none();
    assertEquals("cross-entropy options: class weight -1.0 of class 2 is not finite and ≥ 0 (a"
        + " weight scales its class's share of the loss)",
        refusal(() -> none.withClassWeights(1, 2, -1)));
    assertTrue(refusal(() -> none.withClassWeights(1, Double.NaN)).contains("weight NaN of"
        + " class 1 is not finite"));
    assertTrue(refusal(() -> none.withClassWeights(Double.POSITIVE_INFINITY, 1))
        .contains("weight Infinity of class 0 is not finite"));
    assertEquals("cross-entropy options: every class weight is 0, so every loss would be 0 (and"
        + " a weighted mean 0/0)", refusal(() -> none.withClassWeights(0, 0, 0)));
    assertEquals("cross-entropy options: class weights [2, 2] should be a vector of one weight"
        + " per class (at least 2)", refusal(() -> none.withClassWeights(Tensors.ones(
            Shape.of(2, 2)))));
    assertTrue(refusal(() -> none.withClassWeights(3)).contains("[1] should be a vector"));
  }

  @Test
  void smoothingOutsideZeroToOneIsRefused() {
    for (double epsilon : new double[] {1, -0.1, 1.5, Double.NaN}) {
      assertEquals("cross-entropy options: label smoothing " + epsilon + " is not in [0, 1) (ε"
          + " mixes (1 − ε)·target with ε/K; at 1 the labels would count for nothing)",
          refusal(() -> CrossEntropyOptions.none().withLabelSmoothing(epsilon)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Loss.Kind.class, names = {"SOFTMAX_CROSS_ENTROPY",
      "NEGATIVE_LOG_LIKELIHOOD"})
  void weightsOfAnotherClassCountAreRefusedByName(Loss.Kind kind) {
    String name = kind == Loss.Kind.SOFTMAX_CROSS_ENTROPY ? "softmaxCrossEntropy"
        : "negativeLogLikelihood";
    Loss loss = new CrossEntropyLoss(kind, CrossEntropyOptions.none().withClassWeights(1, 2, 3),
        Reduction.MEAN);
    Tensor prediction = kind == Loss.Kind.SOFTMAX_CROSS_ENTROPY ? LOGITS : LOGITS.logSoftmax(-1);
    assertEquals(name + ": 3 class weights for a prediction [6, 4] of 4 classes: give one weight"
        + " per class", refusal(() -> loss.compute(Variable.constant(prediction), CLASSES)));
  }

  /**
   * A batch whose every row is of a class of weight 0: the weighted mean is 0/0 (PyTorch's NaN),
   * refused; the sum is 0 and taken.
   */
  @Test
  void aWeightedMeanOverClassesOfNoWeightIsRefused() {
    Tensor onlyClassTwo = Tensor.vector(2, 2, 2, 2, 2, 2);
    assertEquals("softmaxCrossEntropy: every target's class weighs 0 (classes [2]), so the"
        + " weighted mean would divide by 0: give those classes weight, or sum (Reduction.SUM)",
        refusal(() -> loss(BOTH.withLabelSmoothing(0), onlyClassTwo)));
    assertEquals(0, Loss.softmaxCrossEntropy(BOTH.withLabelSmoothing(0))
        .withReduction(Reduction.SUM).compute(Variable.constant(LOGITS), onlyClassTwo).item(), 0);
    // Soft targets divide by the rows, which are there.
    assertTrue(loss(BOTH, ROWS) > 0);
  }

  @Test
  void targetsAndShapesAreCheckedAsThePlainLossChecksThem() {
    assertRefused(() -> loss(BOTH, Tensor.vector(0, 4, 1, 1, 2, 3)),
        "softmaxCrossEntropy: target 4.0 at [1] is not a class index for 4");
    assertRefused(() -> loss(BOTH, ROWS.mul(0.5)),
        "softmaxCrossEntropy: target row [0] sums to");
    assertRefused(() -> loss(BOTH, Tensor.vector(0, 1)),
        "softmaxCrossEntropy: prediction [6, 4] and target [2] do not match");
    assertRefused(() -> Loss.softmaxCrossEntropy(BOTH).compute(Variable.constant(
        Tensors.zeros(Shape.of(3, 1))), Tensor.vector(0, 0, 0)),
        "softmaxCrossEntropy: logits [3, 1] hold fewer than 2 classes");
    assertEquals("softmaxCrossEntropy: prediction [0, 4] holds no values to average",
        refusal(() -> Loss.softmaxCrossEntropy(BOTH).compute(Variable.constant(
            Tensors.zeros(Shape.of(0, 4))), Tensors.zeros(Shape.of(0)))));
    assertRefused(() -> Loss.negativeLogLikelihood(BOTH).compute(Variable.constant(LOGITS
        .abs()), CLASSES), "is above 0, the log of no probability");
  }

  @Test
  void onlyTheCrossEntropiesTakeOptions() {
    assertEquals("class weights and label smoothing are options of softmax cross-entropy and"
        + " negative log-likelihood, not of mean-squared-error", refusal(() ->
        new CrossEntropyLoss(Loss.Kind.MEAN_SQUARED_ERROR, BOTH, Reduction.MEAN)));
  }

  /** The refusal's message holds {@code part}. */
  private static void assertRefused(org.junit.jupiter.api.function.Executable call,
      String part) {
    String message = refusal(call);
    assertTrue(message.contains(part), message);
  }

  private static String refusal(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }
}
