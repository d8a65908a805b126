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
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Inputs that cannot give a meaningful loss are refused, each naming the loss and the value. */
class LossInputChecksTest {
  private static String refusal(Loss loss, Tensor prediction, Tensor target) {
    return assertThrows(IllegalArgumentException.class,
        () -> loss.compute(Variable.constant(prediction), target)).getMessage();
  }

  @Test
  void aMeanOverAnEmptyBatchIsRefusedByEveryClassificationLoss() {
    Tensor empty = Tensors.zeros(Shape.of(0, 3));
    for (Loss.BuiltIn loss : List.of(Loss.binaryCrossEntropy(),
        Loss.binaryCrossEntropyWithLogits(), Loss.categoricalCrossEntropy(),
        Loss.negativeLogLikelihood())) {
      assertEquals(name(loss) + ": prediction [0, 3] holds no values to average",
          refusal(loss, empty, empty), loss.toString());
      assertEquals(0, loss.withReduction(Reduction.SUM)
          .compute(Variable.constant(empty), empty).item(), 0,
          "a sum over nothing is 0 (−0 from the negated sum: hence the delta 0, not bitwise)");
    }
    assertEquals("softmaxCrossEntropy: logits [0, 3] hold no values to average",
        refusal(Loss.softmaxCrossEntropy(), empty, empty));
    assertEquals("softmaxCrossEntropy: logits [0, 3] hold no values to average",
        refusal(Loss.softmaxCrossEntropy(), empty, Tensors.zeros(Shape.of(0))), "class indices");
  }

  /**
   * The per-output losses average over a sample's outputs under either reduction, so a batch of
   * samples without outputs is refused under SUM too; a batch without samples sums to 0.
   */
  @Test
  void aSumOverSamplesWithoutOutputsIsRefused() {
    Tensor noOutputs = Tensors.zeros(Shape.of(3, 0));
    for (Loss.BuiltIn loss : List.of(Loss.binaryCrossEntropy(),
        Loss.binaryCrossEntropyWithLogits())) {
      assertEquals(name(loss) + ": prediction [3, 0] holds no values to average",
          refusal(loss.withReduction(Reduction.SUM), noOutputs, noOutputs), loss.toString());
    }
  }

  /**
   * A batch without samples of 65536 × 65536 outputs each: the outputs per sample, multiplied in
   * int, wrapped to 0, and SUM and NONE were refused as a mean over nothing, where [0, 3, 4] and
   * [0, 65536, 65537] (wrapped to 65536) gave 0 and [0].
   */
  @Test
  void noSamplesOfMoreOutputsThanAnIntSumToZero() {
    Tensor empty = Tensors.zeros(Shape.of(0, 65536, 65536));
    for (Loss.BuiltIn loss : List.of(Loss.binaryCrossEntropy(),
        Loss.binaryCrossEntropyWithLogits(), Loss.meanSquaredError())) {
      Variable prediction = Variable.constant(empty);
      assertEquals(Tensor.scalar(0), loss.withReduction(Reduction.SUM).compute(prediction, empty)
          .value().abs(), loss.toString());  // abs: binaryCrossEntropy's −(sum of nothing) is −0
      assertEquals(Shape.of(0), loss.withReduction(Reduction.NONE).compute(prediction, empty)
          .shape(), loss.toString());
      assertEquals(name(loss) + ": prediction [0, 65536, 65536] holds no values to average",
          refusal(loss, empty, empty), "MEAN still is a mean over nothing");
    }
  }

  @Test
  void scalarLogitsAreRefusedForWantOfAClassAxis() {
    for (Tensor target : List.of(Tensor.scalar(0), Tensor.scalar(2))) {
      assertEquals("softmaxCrossEntropy: logits [] need a class axis",
          refusal(Loss.softmaxCrossEntropy(), Tensor.scalar(1), target), target.toString());
    }
    assertEquals("categoricalCrossEntropy: prediction [] holds a single class per sample, whose"
        + " probability is always 1 and loss always 0: a classifier needs scores [N, K] (or one"
        + " sample's [K]) with K ≥ 2 (for one yes/no output use binaryCrossEntropy)",
        refusal(Loss.categoricalCrossEntropy(), Tensor.scalar(0.5), Tensor.scalar(1)));
  }

  private static String name(Loss.BuiltIn loss) {
    return switch (loss.kind()) {
      case BINARY_CROSS_ENTROPY -> "binaryCrossEntropy";
      case BINARY_CROSS_ENTROPY_WITH_LOGITS -> "binaryCrossEntropyWithLogits";
      case CATEGORICAL_CROSS_ENTROPY -> "categoricalCrossEntropy";
      case MEAN_SQUARED_ERROR -> "meanSquaredError";
      default -> "negativeLogLikelihood";
    };
  }

  @Test
  void softmaxCrossEntropyNeedsTwoClasses() {
    Tensor logits = Tensor.matrix(new double[][] {{3}, {-2}});
    assertEquals("softmaxCrossEntropy: logits [2, 1] hold a single class, whose softmax is always"
        + " 1 and loss always 0: a classifier needs at least 2 classes (for one yes/no output use"
        + " binaryCrossEntropyWithLogits)",
        refusal(Loss.softmaxCrossEntropy(), logits, Tensor.vector(0, 0)));
  }

  @Test
  void binaryCrossEntropyRefusesPredictionsAndTargetsOutsideZeroOne() {
    Tensor p = Tensor.matrix(new double[][] {{0.2, 0.7}, {1.25, 0.5}});
    Tensor y = Tensor.matrix(new double[][] {{0, 1}, {1, 0}});
    assertEquals("binaryCrossEntropy: prediction 1.25 at [1, 0] is not a probability in [0, 1]"
        + " (apply a sigmoid, or give logits to binaryCrossEntropyWithLogits)",
        refusal(Loss.binaryCrossEntropy(), p, y));
    Tensor q = Tensor.matrix(new double[][] {{0.2, 0.7}, {0.25, 0.5}});
    Tensor badY = Tensor.matrix(new double[][] {{0, 1}, {1, -0.5}});
    assertEquals("binaryCrossEntropy: target -0.5 at [1, 1] is not a probability in [0, 1]",
        refusal(Loss.binaryCrossEntropy(), q, badY));
    assertEquals("binaryCrossEntropyWithLogits: target -0.5 at [1, 1] is not a probability in"
        + " [0, 1]", refusal(Loss.binaryCrossEntropyWithLogits(), p, badY));
    assertEquals("binaryCrossEntropyWithLogits: target 2.0 at [0] is not a probability in [0, 1]",
        refusal(Loss.binaryCrossEntropyWithLogits(), Tensor.vector(1, 2), Tensor.vector(2, 1)));
    assertTrue(refusal(Loss.binaryCrossEntropy(), q, Tensor.matrix(new double[][] {{0, 1},
        {Double.NaN, 0}})).startsWith("binaryCrossEntropy: target NaN at [1, 0]"));
  }

  @Test
  void categoricalCrossEntropyRefusesPredictionRowsThatAreNoDistribution() {
    // Sigmoid outputs: a row of 0.9s scored 0.105 (the softmax of the same row, 1.099), and rows
    // of 1s scored 0: the loss taught a network to answer 1 everywhere.
    Tensor sigmoids = Tensor.matrix(new double[][] {{0.2, 0.5, 0.3}, {0.9, 0.9, 0.9}});
    assertEquals("categoricalCrossEntropy: prediction row [1] sums to 2.7, not 1 (within 1.0E-4):"
        + " the loss scores distributions over the classes (apply a softmax, or give logits to"
        + " softmaxCrossEntropy; rows of independent probabilities take binaryCrossEntropy)",
        refusal(Loss.categoricalCrossEntropy(), sigmoids, Tensor.vector(0, 0)));
    // A float32 softmax's rows are off 1 by rounding alone, well within the tolerance.
    Tensor softmax = Tensors.randn(Shape.of(64, 10), 3L).softmax(-1).to(DType.FLOAT32);
    assertTrue(Double.isFinite(Loss.categoricalCrossEntropy().compute(Variable.constant(softmax),
        Tensors.zeros(64)).item()));
  }

  @Test
  void theEdgesOfZeroOneAreAcceptedAndANanPredictionGivesANanLoss() {
    Tensor edges = Tensor.vector(0, 1);
    assertTrue(Double.isFinite(Loss.binaryCrossEntropy().compute(Variable.constant(edges),
        Tensor.vector(1, 0)).item()), "0 and 1 are probabilities (log clamped)");
    // A diverged model's NaN is left to the loss: a trainer reports a NaN loss as divergence.
    assertTrue(Double.isNaN(Loss.binaryCrossEntropy().compute(
        Variable.constant(Tensor.vector(Double.NaN, 0.5)), edges).item()));
    Tensor float32 = Tensor.vector(0.5, 3).to(DType.FLOAT32);
    assertEquals("binaryCrossEntropy: prediction 3.0 at [1] is not a probability in [0, 1]"
        + " (apply a sigmoid, or give logits to binaryCrossEntropyWithLogits)",
        refusal(Loss.binaryCrossEntropy(), float32, edges), "float32 is read too");
  }

  private static final Tensor LOGITS =
      Tensor.matrix(new double[][] {{0.3, -1.2, 2}, {1.5, 0.2, -0.7}});

  /** The losses that take classes, each with an input of the kind it expects. */
  private static final Map<String, Map.Entry<Loss, Tensor>> CLASS_LOSSES = Map.of(
      "categoricalCrossEntropy", Map.entry(Loss.categoricalCrossEntropy(), LOGITS.softmax(-1)),
      "softmaxCrossEntropy", Map.entry(Loss.softmaxCrossEntropy(), LOGITS),
      "negativeLogLikelihood", Map.entry(Loss.negativeLogLikelihood(), LOGITS.logSoftmax(-1)));

  @Test
  void aClassIndexThatIsNotOneOfTheClassesIsRefusedNamingItsRow() {
    CLASS_LOSSES.forEach((name, loss) -> {
      for (double bad : new double[] {3, -1, Double.NaN, 1.5, 1e300}) {
        assertEquals(name + ": target " + bad + " at [1] is not a class index for 3 classes"
            + " (whole numbers 0 to 2)", refusal(loss.getKey(), loss.getValue(),
            Tensor.vector(2, bad)), name);
      }
      assertEquals(name + ": target 3.0 at [0] is not a class index for 3 classes (whole numbers"
          + " 0 to 2)", refusal(loss.getKey(), loss.getValue(), Tensor.vector(3, 0)), name);
      assertTrue(loss.getKey().compute(Variable.constant(loss.getValue()), Tensor.vector(2, 0))
          .item() > 0, name + ": valid indices are still taken");
    });
  }

  @Test
  void targetRowsMustBeDistributionsOverTheClasses() {
    String rows = ": target rows are one-hot or soft probabilities";
    CLASS_LOSSES.forEach((name, loss) -> {
      BiFunction<double[], double[], String> refused = (first, second) -> refusal(loss.getKey(),
          loss.getValue(), Tensor.matrix(new double[][] {first, second}));
      // Each of these rows sums to 1: an entry outside [0, 1] is refused before the sum is.
      assertEquals(name + ": target -0.5 at [1, 2] is not a class probability in [0, 1]" + rows,
          refused.apply(new double[] {0.5, 0.5, 0}, new double[] {0.5, 1, -0.5}), name);
      assertEquals(name + ": target -0.5 at [0, 0] is not a class probability in [0, 1]" + rows,
          refused.apply(new double[] {-0.5, 0.5, 1}, new double[] {1, 0, 0}), name);
      assertEquals(name + ": target 1.5 at [1, 0] is not a class probability in [0, 1]" + rows,
          refused.apply(new double[] {0.5, 0.5, 0}, new double[] {1.5, -0.5, 0}), name);
      assertEquals(name + ": target NaN at [0, 2] is not a class probability in [0, 1]" + rows,
          refused.apply(new double[] {0, 0, Double.NaN}, new double[] {1, 0, 0}), name);
      assertEquals(name + ": target row [1] sums to 0.0, not 1" + rows + " (within 1.0E-4)",
          refused.apply(new double[] {0, 1, 0}, new double[] {0, 0, 0}), name + ", no class");
      assertEquals(name + ": target row [0] sums to 2.0, not 1" + rows + " (within 1.0E-4)",
          refused.apply(new double[] {1, 0, 1}, new double[] {0, 0, 1}), name + ", two classes");
      assertTrue(refused.apply(new double[] {0.333, 0.333, 0.333}, new double[] {1, 0, 0})
          .startsWith(name + ": target row [0] sums to 0.99"), name + ", rounded to 0.001");
      // Soft labels written in float32 miss 1 by their rounding (here −7.5e-9 and −2.2e-8): taken.
      Tensor float32 = Tensor.matrix(new double[][] {{0.1, 0.2, 0.7}, {0.05, 0.05, 0.9}})
          .to(DType.FLOAT32);
      assertTrue(float32.to(DType.FLOAT64).sum(-1, false).toArray()[1] < 1, "rounded, not 1");
      assertTrue(loss.getKey().compute(Variable.constant(loss.getValue()), float32).item() > 0,
          name);
    });
  }

  @Test
  void aTargetBatchOfAnotherSizeIsRefused() {
    Tensor probabilities = LOGITS.softmax(-1);
    assertEquals("categoricalCrossEntropy: prediction [2, 3] and target [3] do not match (targets"
        + " are class indices, the prediction's shape without the last axis, or rows like the"
        + " prediction)",
        refusal(Loss.categoricalCrossEntropy(), probabilities, Tensor.vector(0, 1, 2)));
    assertEquals("negativeLogLikelihood: prediction [2, 3] and target [1, 3] do not match"
        + " (targets are class indices, the prediction's shape without the last axis, or rows"
        + " like the prediction)",
        refusal(Loss.negativeLogLikelihood(), probabilities.log(), Tensors.oneHot(
            Tensor.vector(0), 3)));
    assertEquals("softmaxCrossEntropy: logits [2, 3] and targets [3] do not match: targets are"
        + " class indices (the logits' shape without the last axis) or rows like the logits",
        refusal(Loss.softmaxCrossEntropy(), LOGITS, Tensor.vector(0, 1, 2)));
  }

  @Test
  void categoricalLossesNeedTwoClassesPerSample() {
    // The classes are the last axis: [1] is one sample of one class, [N, 1] N such samples.
    assertEquals("categoricalCrossEntropy: prediction [1] holds a single class per sample, whose"
        + " probability is always 1 and loss always 0: a classifier needs scores [N, K] (or one"
        + " sample's [K]) with K ≥ 2 (for one yes/no output use binaryCrossEntropy)",
        refusal(Loss.categoricalCrossEntropy(), Tensor.vector(1), Tensor.scalar(0)));
    assertEquals("negativeLogLikelihood: prediction [2, 1] holds a single class per sample, whose"
        + " probability is always 1 and loss always 0: a classifier needs scores [N, K] (or one"
        + " sample's [K]) with K ≥ 2 (for one yes/no output use binaryCrossEntropy)",
        refusal(Loss.negativeLogLikelihood(), Tensor.matrix(new double[][] {{-0.2}, {-1}}),
            Tensor.vector(0, 0)));
    // An empty class axis has no class at all, not one whose probability is always 1.
    Tensor noClasses = Tensors.zeros(Shape.of(3, 0));
    Tensor rows = Tensors.zeros(Shape.of(3));
    assertEquals("categoricalCrossEntropy: prediction [3, 0] holds no classes: a classifier needs"
        + " scores [N, K] (or one sample's [K]) with K ≥ 2 (for one yes/no output use"
        + " binaryCrossEntropy)", refusal(Loss.categoricalCrossEntropy(), noClasses, rows));
    assertEquals("softmaxCrossEntropy: logits [3, 0] hold no classes: a classifier needs at least"
        + " 2 classes (for one yes/no output use binaryCrossEntropyWithLogits)",
        refusal(Loss.softmaxCrossEntropy(), noClasses, rows));
  }

  @Test
  void categoricalLossesRefuseLogitsWhereTheyTakeProbabilitiesOrTheirLogs() {
    // Logits gave a negative cross-entropy (−1.15) and a negative likelihood loss (−3.5).
    Tensor logits = Tensor.matrix(new double[][] {{5, -1, 0}, {3, 2, 1}});
    assertEquals("categoricalCrossEntropy: prediction 5.0 at [0, 0] is not a probability in"
        + " [0, 1] (apply a softmax, or give logits to softmaxCrossEntropy)",
        refusal(Loss.categoricalCrossEntropy(), logits, Tensor.vector(0, 1)));
    assertEquals("negativeLogLikelihood: log-probability 5.0 at [0, 0] is above 0, the log of no"
        + " probability (apply logSoftmax, or give logits to softmaxCrossEntropy)",
        refusal(Loss.negativeLogLikelihood(), logits, Tensor.vector(0, 1)));
    // Log-softmax's outputs and probabilities of 0 and 1 pass.
    Variable logSoftmax = Variable.constant(logits).logSoftmax(-1);
    assertEquals(Losses.softmaxCrossEntropy(Variable.constant(logits), Tensor.vector(0, 1),
            Reduction.MEAN).item(),
        Losses.negativeLogLikelihood(logSoftmax, Tensor.vector(0, 1), Reduction.MEAN).item(),
        1e-15);
    Losses.categoricalCrossEntropy(Variable.constant(Tensor.matrix(new double[][] {{1, 0}})),
        Tensor.vector(0), Reduction.MEAN);
  }

  @Test
  void categoricalLossesTakeOneSampleAsAVectorOfClasses() {
    // PyTorch's unbatched form: nll_loss(tensor([-1., -2, -3]), tensor(1)) = 2, and the
    // cross-entropy of probabilities (.2, .3, .5) with class 2 is −log .5. Exact up to the log's
    // rounding, one ulp of these magnitudes.
    Variable logP = Variable.parameter(Tensor.vector(-1, -2, -3));
    Variable nll = Losses.negativeLogLikelihood(logP, Tensor.scalar(1), Reduction.MEAN);
    assertEquals(2.0, nll.item(), 0);
    nll.backward();
    assertEquals(Tensor.vector(0, -1, 0), logP.grad());
    Variable p = Variable.parameter(Tensor.vector(0.2, 0.3, 0.5));
    assertEquals(-Math.log(0.5),
        Losses.categoricalCrossEntropy(p, Tensor.scalar(2), Reduction.MEAN).item(), 1e-15);
    // A row of the prediction's shape is that sample's target distribution.
    assertEquals(-Math.log(0.3),
        Losses.categoricalCrossEntropy(p, Tensor.vector(0, 1, 0), Reduction.SUM).item(), 1e-15);
  }

  /**
   * A finite float64 target a float32 prediction cannot hold became an infinity, the loss
   * Infinity, and a trainer blamed a value that was not finite though none was; refused now,
   * naming the loss, the element and the value. Values within float32's range are rounded as
   * before, a float64 prediction takes the target as it is, and a target that is infinite
   * already is left to the loss.
   */
  @Test
  void aFiniteTargetBeyondAFloat32PredictionsRangeIsRefused() {
    Tensor prediction = Tensor.vector(1, 2, 3).to(DType.FLOAT32);
    assertEquals("meanSquaredError: target [3] holds 1.0E39 at element 1, beyond float32's"
        + " largest value 3.4028235E38, the prediction's type: it would be an infinity there,"
        + " not a rounded value (rescale the targets, e.g. to other units)",
        refusal(Loss.meanSquaredError(), prediction, Tensor.vector(0, 1e39, 0)));
    assertTrue(refusal(Loss.binaryCrossEntropyWithLogits(), prediction,
        Tensor.vector(-1e39, 0, 1)).startsWith("binaryCrossEntropyWithLogits: target [3] holds"
            + " -1.0E39 at element 0, beyond float32's"));
    // 1.5, 2.5 and 3.5 are float32 values: the loss is exactly 0.25.
    assertEquals(0.25, Loss.meanSquaredError().compute(Variable.constant(prediction),
        Tensor.vector(1.5, 2.5, 3.5)).item());
    assertEquals(Double.POSITIVE_INFINITY, Loss.meanSquaredError().compute(Variable.constant(
        prediction), Tensor.vector(0, Double.POSITIVE_INFINITY, 0)).item());
    assertTrue(Loss.meanSquaredError().compute(Variable.constant(prediction.to(DType.FLOAT64)),
        Tensor.vector(0, 1e39, 0)).item() > 1e77, "a float64 loss holds (1e39)²/3");
  }
}
