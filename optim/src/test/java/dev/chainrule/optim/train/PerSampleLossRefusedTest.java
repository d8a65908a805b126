package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loss that gives per-sample losses ({@link Reduction#NONE}) is refused where a loss enters the
 * loop (the trainer's builder, a batch pass, an evaluation's score), by name and with the fix,
 * before any training: the loop needs one number per batch, and its arithmetic (a batch's mean
 * from its sum, an epoch's from its batches') would take NONE for SUM.
 */
class PerSampleLossRefusedTest {
  private static final Dense MODEL = Dense.of(2, 3, 1L);
  private static final Dataset ROWS = new Dataset(Tensors.randn(Shape.of(4, 2), 2L),
      Tensor.vector(0, 2, 1, 1));

  @Test
  void theTrainerRefusesPerSampleLossesAtItsBuilder() {
    Loss none = Loss.softmaxCrossEntropy().withReduction(Reduction.NONE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(MODEL, none, Sgd.builder(0.1).build(MODEL)));
    assertEquals("trainer: the loss softmax-cross-entropy (none) gives per-sample losses"
        + " (Reduction.NONE); the trainer needs one number per batch: use MEAN or SUM, or reduce"
        + " them yourself in a Loss lambda", e.getMessage());
    Loss weighted = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withClassWeights(1, 2, 3))
        .withReduction(Reduction.NONE);
    assertEquals("trainer: the loss softmax-cross-entropy (none, class weights [1.0, 2.0, 3.0])"
        + " gives per-sample losses (Reduction.NONE); the trainer needs one number per batch:"
        + " use MEAN or SUM, or reduce them yourself in a Loss lambda",
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(MODEL, weighted,
            Sgd.builder(0.1).build(MODEL))).getMessage());
  }

  /** A loss of one's own that says NONE is refused as the built-ins are. */
  @Test
  void aLossOfOnesOwnThatSaysNoneIsRefusedToo() {
    Loss own = new Loss() {
      @Override
      public Variable compute(Variable prediction, Tensor target) {
        return prediction.square().sum(-1, false);
      }

      @Override
      public Reduction reduction() {
        return Reduction.NONE;
      }

      @Override
      public String toString() {
        return "own";
      }
    };
    assertEquals("trainer: the loss own gives per-sample losses (Reduction.NONE); the trainer"
        + " needs one number per batch: use MEAN or SUM, or reduce them yourself in a Loss"
        + " lambda", assertThrows(IllegalArgumentException.class,
            () -> Trainer.builder(MODEL, own, Sgd.builder(0.1).build(MODEL))).getMessage());
  }

  /**
   * The reduced losses the per-sample ones stand for train as before; the per-sample losses
   * themselves, reduced in a lambda, train too (the fix the message names): here each sample
   * weighs 1 + its class, a weighting that follows the sample through the shuffles. Both runs'
   * losses stay finite and fall.
   */
  @Test
  void reducedLossesAndALambdaOverPerSampleLossesTrain() {
    Loss.BuiltIn none = Loss.softmaxCrossEntropy().withReduction(Reduction.NONE);
    Loss weightedMean = (prediction, target) -> none.compute(prediction, target)
        .mul(Variable.constant(target.add(1))).mean();
    for (Loss loss : new Loss[] {none.withReduction(Reduction.MEAN), weightedMean}) {
      Dense model = Dense.of(2, 3, 1L);
      List<Double> losses = Trainer.builder(model, loss, Sgd.builder(0.1).build(model))
          .epochs(5).batchSize(4).build().fit(ROWS).trainLosses();
      assertTrue(losses.stream().allMatch(Double::isFinite), losses::toString);
      assertTrue(losses.get(4) < losses.get(0), losses::toString);
    }
  }

  @Test
  void batchPassesAndScoresRefuseThemToo() {
    Loss none = Loss.meanSquaredError().withReduction(Reduction.NONE);
    assertEquals("batch pass: the loss mean-squared-error (none) gives per-sample losses"
        + " (Reduction.NONE); a training step needs one number per batch: use MEAN or SUM, or"
        + " reduce them yourself in a Loss lambda", assertThrows(IllegalArgumentException.class,
            () -> BatchPass.of(MODEL, none)).getMessage());
    assertEquals("score: the loss mean-squared-error (none) gives per-sample losses"
        + " (Reduction.NONE); a score needs one number for the data: use MEAN or SUM, or reduce"
        + " them yourself in a Loss lambda", assertThrows(IllegalArgumentException.class,
            () -> Evaluation.score(MODEL, none, ROWS)).getMessage());
  }
}
