package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossesTest {
  private static final Tensor PREDICTION = Tensor.matrix(new double[][] {{1, 2}, {3, 5}});
  private static final Tensor TARGET = Tensor.matrix(new double[][] {{0, 2}, {1, 1}});

  private static double value(Loss loss, Tensor prediction, Tensor target) {
    return loss.compute(Variable.constant(prediction), target).item();
  }

  @Test
  void squaredErrorConventions() {
    // Squared errors: 1, 0, 4, 16 (sum 21) over N = 2 samples with K = 2 outputs.
    assertEquals(21, value(Loss.sumOfSquares(), PREDICTION, TARGET));
    assertEquals(10.5, value(Loss.sumOfSquares().withReduction(Reduction.MEAN), PREDICTION,
        TARGET));
    assertEquals(21.0 / 4, value(Loss.meanSquaredError(), PREDICTION, TARGET));
    assertEquals(21.0 / 4, value(Loss.halfMeanSquaredError(), PREDICTION, TARGET), "1/(2N)·Σ");
    assertEquals(10.5, value(Loss.halfMeanSquaredError().withReduction(Reduction.SUM),
        PREDICTION, TARGET));
  }

  @Test
  void crossEntropiesOnKnownValues() {
    // 1e-15 below: some 9 ulps of values near 0.7; the losses take their logs, sums and means in
    // other orders than the expected lines (measured equal or one ulp apart).
    Tensor p = Tensor.vector(0.8, 0.4);
    Tensor y = Tensor.vector(1, 0);
    assertEquals(-(Math.log(0.8) + Math.log(0.6)) / 2, value(Loss.binaryCrossEntropy(), p, y),
        1e-15);
    Tensor z = Tensor.vector(Math.log(4), Math.log(2.0 / 3));  // σ(z) = 0.8, 0.4
    assertEquals(value(Loss.binaryCrossEntropy(), p, y),
        value(Loss.binaryCrossEntropyWithLogits(), z, y), 1e-15);

    Tensor logits = Tensor.matrix(new double[][] {{-1, 2, 1}, {0, 0, 0}});
    Tensor classes = Tensor.vector(1, 2);
    double expected = (-Math.log(0.7053845126982412) - Math.log(1.0 / 3)) / 2;
    assertEquals(expected, value(Loss.softmaxCrossEntropy(), logits, classes), 1e-15);
    assertEquals(expected, value(Loss.softmaxCrossEntropy(), logits, Tensors.oneHot(classes, 3)),
        1e-15, "indices and one-hot rows are the same target");
    Tensor probabilities = logits.sub(logits.logSumExp(1, true)).exp();
    assertEquals(expected, value(Loss.categoricalCrossEntropy(), probabilities, classes), 1e-15);
    assertEquals(expected, value(Loss.negativeLogLikelihood(), probabilities.log(), classes),
        1e-15);
  }

  @Test
  void softmaxCrossEntropyGradientIsSoftmaxMinusOneHotOverN() {
    Tensor logits = Tensor.matrix(new double[][] {{-1, 2, 1}, {0.5, 0, -0.5}});
    Tensor classes = Tensor.vector(1, 0);
    Variable z = Variable.parameter(logits);
    Loss.softmaxCrossEntropy().compute(z, classes).backward();
    Tensor expected = logits.sub(logits.logSumExp(1, true)).exp()
        .sub(Tensors.oneHot(classes, 3)).div(2);
    // The loss's softmax and this exp(z − lse) round differently: an ulp or two of values below 1
    // (measured 5.6e-17).
    assertTrue(z.grad().allClose(expected, 1e-15, 1e-16), z.grad()::toString);
  }

  @Test
  void largeLogitsGiveFiniteLossesAndGradients() {
    Tensor logits = Tensor.matrix(new double[][] {{1e4, -1e4}, {-1e4, 1e4}});
    for (Loss loss : List.of(Loss.softmaxCrossEntropy(), Loss.binaryCrossEntropyWithLogits())) {
      Variable z = Variable.parameter(logits);
      Tensor target = loss.isClassification() ? Tensor.vector(1, 1)
          : Tensor.matrix(new double[][] {{0, 1}, {1, 0}});
      Variable value = loss.compute(z, target);
      value.backward();
      assertTrue(Double.isFinite(value.item()), loss + " = " + value.item());
      assertTrue(Double.isFinite(z.grad().abs().sum().item()), loss + " grad " + z.grad());
      // Exact: against a margin of 2e4 the log(1 + e^−2e4) terms are log 1 = 0, and the means
      // of whole numbers this size are exact.
      assertEquals(loss.isClassification() ? 1e4 : 2e4 * 2 / 4, value.item(),
          loss + ": wrong on purpose by a margin of 2e4 per wrong logit");
    }
  }

  @Test
  void probabilitiesOfZeroAndOneStayFinite() {
    Variable p = Variable.parameter(Tensor.vector(0, 1));
    Variable loss = Loss.binaryCrossEntropy().compute(p, Tensor.vector(1, 0));
    loss.backward();
    assertEquals(100, loss.item(), "log clamped at −100 per element, averaged: exact");
    assertTrue(Double.isFinite(p.grad().sum().item()));
    Variable q = Variable.parameter(Tensor.matrix(new double[][] {{0, 1}}));
    Variable cce = Loss.categoricalCrossEntropy().compute(q, Tensor.vector(0));
    cce.backward();
    assertEquals(100, cce.item(), "log clamped at −100, exact");
    assertTrue(Double.isFinite(q.grad().sum().item()));
  }

  @Test
  void everyLossPassesGradCheck() {
    Tensor probabilities = Tensor.matrix(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}});
    Tensor logits = Tensor.matrix(new double[][] {{0.3, -1.2, 2}, {1.5, 0.2, -0.7}});
    Tensor oneHot = Tensors.oneHot(Tensor.vector(2, 0), 3);
    Tensor real = Tensor.matrix(new double[][] {{0.5, -1, 2}, {0, 1, 0.25}});
    for (Loss.BuiltIn loss : List.of(Loss.sumOfSquares(), Loss.meanSquaredError(),
        Loss.halfMeanSquaredError(), Loss.binaryCrossEntropy(), Loss.binaryCrossEntropyWithLogits(),
        Loss.categoricalCrossEntropy(), Loss.softmaxCrossEntropy(),
        Loss.negativeLogLikelihood())) {
      for (Reduction reduction : Reduction.values()) {
        Loss l = loss.withReduction(reduction);
        Tensor input = switch (loss.kind()) {
          case BINARY_CROSS_ENTROPY, CATEGORICAL_CROSS_ENTROPY -> probabilities;
          case NEGATIVE_LOG_LIKELIHOOD -> probabilities.log();
          default -> logits;
        };
        Tensor target = switch (loss.kind()) {
          case SUM_OF_SQUARES, MEAN_SQUARED_ERROR, HALF_MEAN_SQUARED_ERROR -> real;
          default -> oneHot;
        };
        GradCheckReport report = GradCheck.check(in -> l.compute(in.get(0), target),
            List.of(input));
        assertTrue(report.passed(), l + ": " + report);
        assertTrue(GradCheck.gradGradCheck(in -> l.compute(in.get(0), target), List.of(input))
            .passed(), l + " second order");
      }
    }
  }

  @Test
  void categoricalLossesOfASequenceTakeIndicesPerStepAndAverageOverAllRows() {
    // [N, T, K] = [2, 3, 4] scores of a sequence, one class per step: the three losses are one
    // loss, averaged over the N·T = 6 rows (PyTorch's nll_loss and cross_entropy do the same).
    Tensor logits = Tensors.arange(24).reshape(2, 3, 4).mul(0.37).tanh().mul(3);
    Tensor classes = Tensor.of(new double[] {0, 3, 1, 2, 2, 0}, 2, 3);
    Tensor logProbabilities = logits.logSoftmax(-1);
    double expected = -logProbabilities.gather(-1, classes.unsqueeze(-1)).sum().item() / 6;
    // Scalar losses; NONE's per-sample forms: PerSampleLossesTest.
    for (Reduction reduction : List.of(Reduction.MEAN, Reduction.SUM)) {
      double divisor = reduction == Reduction.MEAN ? 1 : 6;
      Variable z = Variable.parameter(logits);
      Losses.softmaxCrossEntropy(z, classes, reduction).backward();
      Variable logP = Variable.parameter(logits);
      Losses.negativeLogLikelihood(logP.logSoftmax(-1), classes, reduction).backward();
      Variable p = Variable.parameter(logits);
      Losses.categoricalCrossEntropy(p.softmax(-1), Tensors.oneHot(classes, 4), reduction)
          .backward();
      // Three orders of the same float64 sums: a few ulps apart.
      assertEquals(expected * divisor, Losses.softmaxCrossEntropy(Variable.constant(logits),
          classes, reduction).item(), 1e-12, reduction.toString());
      assertEquals(expected * divisor, Losses.negativeLogLikelihood(Variable.constant(
          logProbabilities), classes, reduction).item(), 1e-12, reduction.toString());
      assertEquals(expected * divisor, Losses.categoricalCrossEntropy(Variable.constant(
          logits.softmax(-1)), classes, reduction).item(), 1e-12, reduction.toString());
      assertTrue(logP.grad().allClose(z.grad(), 0, 1e-12), reduction.toString());
      assertTrue(p.grad().allClose(z.grad(), 0, 1e-12), reduction.toString());
    }
  }

  @Test
  void mismatchedTargetsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.softmaxCrossEntropy().compute(Variable.constant(PREDICTION), Tensors.ones(3)));
    assertEquals("softmaxCrossEntropy: logits [2, 2] and targets [3] do not match: targets are"
        + " class indices (the logits' shape without the last axis) or rows like the logits",
        e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Loss.meanSquaredError().compute(Variable.constant(PREDICTION), Tensors.ones(2)));
    assertEquals("meanSquaredError: prediction [2, 2] and target [2] do not match",
        f.getMessage());
  }

  /**
   * The three squared-error losses are one fused node each (the composition was five), and give
   * the composition's values and gradients: within 4 ulps of the value, since the fused node
   * divides once by n·k where the composition divided twice, and 1e-15 on gradients of size ~1.
   */
  @Test
  void squaredErrorLossesAreOneNodeWithTheCompositionsValuesAndGradients() {
    Tensor prediction = Tensors.randn(Shape.of(5, 3), 3L);
    Tensor target = Tensors.randn(Shape.of(5, 3), 4L);
    record Case(Loss.BuiltIn loss, double perSample) {}
    for (Case c : List.of(new Case(Loss.sumOfSquares(), 1), new Case(Loss.meanSquaredError(), 3),
        new Case(Loss.halfMeanSquaredError(), 2))) {
      // Scalar losses; NONE's per-sample forms: PerSampleLossesTest.
      for (Reduction reduction : List.of(Reduction.MEAN, Reduction.SUM)) {
        Loss loss = c.loss().withReduction(reduction);
        Variable fusedInput = Variable.parameter(prediction);
        Variable fused = loss.compute(fusedInput, target);
        assertEquals("squaredError", fused.opName(), loss.toString());
        assertEquals(List.of(fusedInput), fused.inputs(), "one node on the prediction");
        fused.backward();

        Variable composedInput = Variable.parameter(prediction);
        double divisor = c.perSample() * (reduction == Reduction.MEAN ? 5 : 1);
        Variable composed = composedInput.sub(Variable.constant(target)).square().sum()
            .div(divisor);
        composed.backward();
        assertEquals(composed.item(), fused.item(), 4 * Math.ulp(composed.item()),
            loss.toString());
        assertTrue(fusedInput.grad().allClose(composedInput.grad(), 0, 1e-15), loss.toString());
      }
    }
  }

  @Test
  void theMeanSquaredErrorOfNoSamplesIsRefused() {
    Variable empty = Variable.constant(Tensors.zeros(Shape.of(0, 2)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.meanSquaredError().compute(empty, Tensors.zeros(
            Shape.of(0, 2))));
    assertEquals("meanSquaredError: prediction [0, 2] holds no values to average",
        e.getMessage());
    assertEquals(0, Loss.sumOfSquares().withReduction(Reduction.SUM)
        .compute(empty, Tensors.zeros(Shape.of(0, 2))).item(),
        "a sum over nothing is 0");
  }

  /** What a trainer asks of a loss: a user's lambda gets the defaults, the built-ins their own. */
  @Test
  void aLossSaysHowItReducesWhatItsOutputsMeanAndWhetherItKeepsValues() {
    Loss mine = (prediction, target) -> prediction.sum();
    assertEquals(Reduction.MEAN, mine.reduction());
    assertEquals(Loss.Outputs.VALUES, mine.outputs());
    assertTrue(mine.keepsForwardValues(), "a user's loss may keep what it computes");
    assertFalse(Loss.meanSquaredError().keepsForwardValues(), "the built-ins keep nothing");
    assertEquals("softmax-cross-entropy (mean)", Loss.softmaxCrossEntropy().toString());
    assertEquals("mean-squared-error (sum)",
        Loss.meanSquaredError().withReduction(Reduction.SUM).toString());
  }
}
