package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Reduction#NONE} for every built-in loss: the per-sample losses' shape, their sum and mean
 * against SUM and MEAN, the gradient of a weighted sum of them against central differences and
 * against the fused ops' gradients, and float32. Predictions [N, K] = [5, 3], vectors [5] (one
 * output per sample) and, for the categorical losses, a sequence's [N, T, K] = [2, 3, 4].
 */
class PerSampleLossesTest {
  /**
   * Sums of at most 30 same-signed terms (every ℓᵢ here is ≥ 0) taken per sample first, then
   * over the samples, where the reduced form takes one sum or a fused kernel: each addition rounds
   * by at most 2^-53 relative, so reassociation moves the result by under 30·1.1e-16 ≈ 3.3e-15 of
   * it. The largest differences measured are 2.1e-16 (a sum) and 3.9e-16 (a mean) relative; 1e-14
   * leaves a margin of 3 on the bound. A wrong divisor (K or N) is off by 20% or more.
   */
  private static final double SUM_TOLERANCE = 1e-14;

  /** A loss, a prediction and its targets, and the shape of the per-sample losses. */
  record Case(Loss.BuiltIn loss, Tensor prediction, Tensor target, Shape perSample) {
    @Override
    public String toString() {
      return loss + " on " + prediction.shape();
    }
  }

  static List<Case> cases() {
    Tensor logits = Tensors.randn(Shape.of(5, 3), 21L).mul(2);
    Tensor probabilities = Tensors.uniform(Shape.of(5, 3), 0.05, 0.95, 22L);
    Tensor soft = Tensors.randn(Shape.of(5, 3), 23L).softmax(-1);
    Tensor bits = Tensors.rand(Shape.of(5, 3), 24L).gt(0.5).to(DType.FLOAT64);
    Tensor real = Tensors.randn(Shape.of(5, 3), 25L);
    Tensor classes = Tensor.vector(0, 2, 1, 1, 0);
    Tensor sequence = Tensors.randn(Shape.of(2, 3, 4), 26L).mul(2);
    Tensor steps = Tensor.of(new double[] {0, 3, 1, 2, 2, 0}, 2, 3);
    Shape n = Shape.of(5);
    Shape rows = Shape.of(2, 3);
    List<Case> cases = new ArrayList<>();
    for (Loss.BuiltIn loss : List.of(Loss.sumOfSquares(), Loss.meanSquaredError(),
        Loss.halfMeanSquaredError())) {
      cases.add(new Case(loss, logits, real, n));
      cases.add(new Case(loss, logits.sum(1, false), real.sum(1, false), n));
    }
    cases.add(new Case(Loss.binaryCrossEntropy(), probabilities, bits, n));
    cases.add(new Case(Loss.binaryCrossEntropy(), probabilities, soft, n));
    cases.add(new Case(Loss.binaryCrossEntropy(), probabilities.sum(1, false).div(3),
        bits.sum(1, false).div(3), n));
    cases.add(new Case(Loss.binaryCrossEntropyWithLogits(), logits, bits, n));
    cases.add(new Case(Loss.binaryCrossEntropyWithLogits(), logits, soft, n));
    cases.add(new Case(Loss.binaryCrossEntropyWithLogits(), logits.sum(1, false),
        bits.sum(1, false).div(3), n));
    for (Tensor target : List.of(classes, Tensors.oneHot(classes, 3), soft)) {
      cases.add(new Case(Loss.softmaxCrossEntropy(), logits, target, n));
      cases.add(new Case(Loss.categoricalCrossEntropy(), logits.softmax(-1), target, n));
      cases.add(new Case(Loss.negativeLogLikelihood(), logits.logSoftmax(-1), target, n));
    }
    cases.add(new Case(Loss.softmaxCrossEntropy(), sequence, steps, rows));
    cases.add(new Case(Loss.categoricalCrossEntropy(), sequence.softmax(-1), steps, rows));
    cases.add(new Case(Loss.negativeLogLikelihood(), sequence.logSoftmax(-1), steps, rows));
    return cases;
  }

  private static Variable compute(Loss.BuiltIn loss, Reduction reduction, Tensor prediction,
      Tensor target) {
    return loss.withReduction(reduction).compute(Variable.constant(prediction), target);
  }

  @Test
  void perSampleLossesHaveOneLossPerSampleAndSumAndAverageToTheReducedOnes() {
    for (Case c : cases()) {
      Variable none = compute(c.loss(), Reduction.NONE, c.prediction(), c.target());
      assertEquals(c.perSample(), none.shape(), c::toString);
      double sum = compute(c.loss(), Reduction.SUM, c.prediction(), c.target()).item();
      double mean = compute(c.loss(), Reduction.MEAN, c.prediction(), c.target()).item();
      assertEquals(sum, none.value().sum().item(), SUM_TOLERANCE * Math.abs(sum), c::toString);
      assertEquals(mean, none.value().sum().item() / none.shape().size(),
          SUM_TOLERANCE * Math.abs(mean), c::toString);
      assertTrue(none.value().min().item() >= 0, c::toString);
    }
  }

  /**
   * The gradient of Σᵢ vᵢ·ℓᵢ for weights v of both signs, and its second derivatives, against
   * central differences (GradCheck's own tolerances); and with every vᵢ = 1 the gradient of the
   * fused SUM, to 1e-14 absolute on gradients of size ~1 (the same derivative, its terms
   * rounded in another order: a few ulps; the largest difference measured is 1.1e-16).
   */
  @Test
  void gradientsOfWeightedPerSampleLossesCheckAndMatchTheFusedOnes() {
    for (Case c : cases()) {
      Loss none = c.loss().withReduction(Reduction.NONE);
      Tensor v = Tensors.uniform(c.perSample(), -2, 2, 27L);
      GradCheckReport first = GradCheck.check(
          in -> none.compute(in.get(0), c.target()).mul(Variable.constant(v)).sum(),
          List.of(c.prediction()));
      assertTrue(first.passed(), () -> c + ": " + first);
      GradCheckReport second = GradCheck.gradGradCheck(
          in -> none.compute(in.get(0), c.target()).mul(Variable.constant(v)).sum(),
          List.of(c.prediction()));
      assertTrue(second.passed(), () -> c + " second order: " + second);

      Variable perSample = Variable.parameter(c.prediction());
      none.compute(perSample, c.target()).sum().backward();
      Variable fused = Variable.parameter(c.prediction());
      c.loss().withReduction(Reduction.SUM).compute(fused, c.target()).backward();
      assertTrue(perSample.grad().allClose(fused.grad(), 0, 1e-14),
          () -> c + ": " + perSample.grad() + " vs " + fused.grad());
    }
  }

  /**
   * Float32 predictions give float32 per-sample losses, within 1e-5 relative of float64's: the
   * inputs are rounded to float32 (6e-8 relative) and each ℓᵢ is a log-softmax, logs or squares
   * and a sum of at most 4 terms in float32, a few ulps each; the largest difference measured is
   * 2.9e-7 relative (a squared error of a rounded difference), a margin of 30; 1e-7 absolute for
   * losses near 0.
   */
  @Test
  void float32PredictionsGiveFloat32PerSampleLosses() {
    for (Case c : cases()) {
      Tensor wide = compute(c.loss(), Reduction.NONE, c.prediction(), c.target()).value();
      Tensor narrow = compute(c.loss(), Reduction.NONE, c.prediction().to(DType.FLOAT32),
          c.target()).value();
      assertEquals(DType.FLOAT32, narrow.dtype(), c::toString);
      assertTrue(narrow.to(DType.FLOAT64).allClose(wide, 1e-5, 1e-7),
          () -> c + ": " + narrow + " vs " + wide);
    }
  }

  /** ℓᵢ by hand for a few rows: the formulas, not only their agreement with the reductions. */
  @Test
  void perSampleLossesAreTheFormulas() {
    Tensor prediction = Tensor.matrix(new double[][] {{1, 2}, {3, 5}});
    Tensor target = Tensor.matrix(new double[][] {{0, 2}, {1, 1}});
    // Squared errors 1, 0 and 4, 16: sums 1 and 20 per sample.
    assertEquals(Tensor.vector(1, 20), compute(Loss.sumOfSquares(), Reduction.NONE, prediction,
        target).value());
    assertEquals(Tensor.vector(0.5, 10), compute(Loss.meanSquaredError(), Reduction.NONE,
        prediction, target).value());
    assertEquals(Tensor.vector(0.5, 10), compute(Loss.halfMeanSquaredError(), Reduction.NONE,
        prediction, target).value());
    Tensor logits = Tensor.matrix(new double[][] {{-1, 2, 1}, {0, 0, 0}});
    Tensor none = compute(Loss.softmaxCrossEntropy(), Reduction.NONE, logits,
        Tensor.vector(1, 2)).value();
    // 1e-15: a log-softmax of numbers near 1, a few ulps.
    assertEquals(-Math.log(0.7053845126982412), none.flatGet(0), 1e-15);
    assertEquals(Math.log(3), none.flatGet(1), 1e-15);
    // One sample without a batch axis, logits [K] and a scalar class: its one loss, ln(4/3).
    Tensor single = compute(Loss.softmaxCrossEntropy(), Reduction.NONE,
        Tensor.vector(0, Math.log(3)), Tensor.scalar(1)).value();
    assertEquals(Shape.of(), single.shape());
    assertEquals(Math.log(4.0 / 3), single.item(), 1e-15);
    Tensor p = Tensor.vector(0.8, 0.4);
    Tensor y = Tensor.vector(1, 0);
    Tensor bce = compute(Loss.binaryCrossEntropy(), Reduction.NONE, p, y).value();
    // 1e-15: the log kernel is within 3 ulps of the true value (FastLog), not Math.log's bits.
    assertEquals(-Math.log(0.8), bce.flatGet(0), 1e-15);
    assertEquals(-Math.log(0.6), bce.flatGet(1), 1e-15);
  }

  /**
   * A masked class (logit −∞) that no target weighs adds 0 to its row, as in the fused op: the
   * per-row losses stay finite, sum to SUM, and the gradient has no NaN.
   */
  @Test
  void maskedClassesAddNothingPerRow() {
    double masked = Double.NEGATIVE_INFINITY;
    Tensor logits = Tensor.matrix(new double[][] {{2.0, masked, 0.5}, {0.1, 1.0, masked}});
    for (Tensor target : List.of(Tensor.vector(0, 1),
        Tensor.matrix(new double[][] {{0.75, 0, 0.25}, {0.5, 0.5, 0}}))) {
      Variable z = Variable.parameter(logits);
      Variable none = Losses.softmaxCrossEntropy(z, target, Reduction.NONE);
      none.sum().backward();
      double sum = Losses.softmaxCrossEntropy(Variable.constant(logits), target, Reduction.SUM)
          .item();
      assertEquals(sum, none.value().sum().item(), SUM_TOLERANCE * sum);
      assertEquals(-1, z.grad().indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE),
          z.grad()::toString);
    }
  }

  /** No samples give no losses, where a mean over them is refused (0/0). */
  @Test
  void anEmptyBatchHasNoPerSampleLosses() {
    Tensor empty = Tensors.zeros(0, 3);
    assertEquals(Shape.of(0), compute(Loss.meanSquaredError(), Reduction.NONE, empty, empty)
        .shape());
    assertEquals(Shape.of(0), compute(Loss.softmaxCrossEntropy(), Reduction.NONE, empty,
        Tensors.zeros(0)).shape());
  }
}
