package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.GradientClipping;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainer.Builder#clipGradientValue}: the trainer's steps are a loop's that clips by value.
 */
class ClipValueTrainingTest {
  private static final int EPOCHS = 5;
  private static final int BATCH = 16;
  private static final long SEED = 3;
  /** Small enough that most of a steep line's gradients are clipped. */
  private static final double LIMIT = 0.05;

  private static Dataset steepLine() {
    Tensor x = Tensors.randn(Shape.of(64, 2), 1L);
    return new Dataset(x, x.matmul(Tensor.matrix(new double[][] {{5}, {-3}})));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(Tensors.zeros(1, 2), Tensors.zeros(1)));
  }

  @Test
  void theTrainersStepsAreALoopsThatClipsByValue() {
    Sequential model = model();
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.1).build(model)).epochs(EPOCHS)
        .batchSize(BATCH).seed(SEED).clipGradientValue(LIMIT).build().fit(steepLine());

    Sequential mine = model();
    Sgd sgd = Sgd.builder(0.1).build(mine);
    for (int e = 0; e < EPOCHS; e++) {
      for (Dataset batch : steepLine().batches(BATCH, SEED, false).epoch(e)) {
        sgd.zeroGrad();
        Loss.meanSquaredError().compute(mine.forward(Variable.constant(batch.features())),
            batch.labels()).backward();
        GradientClipping.clipByValue(sgd.parameters(), LIMIT);
        sgd.step();
      }
    }
    assertEquals(mine.stateDict(), model.stateDict(), "bit for bit");

    Sequential unclipped = model();
    Trainer.builder(unclipped, Loss.meanSquaredError(), Sgd.builder(0.1).build(unclipped))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).build().fit(steepLine());
    assertNotEquals(unclipped.stateDict(), model.stateDict(), "the limit changed the steps");
  }

  @Test
  void aLimitMustBePositive() {
    Sequential model = model();
    Trainer.Builder builder =
        Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.1).build(model));
    for (double bad : new double[] {0, -1, Double.NaN}) {
      assertEquals("trainer: clip value must be positive, got " + bad,
          assertThrows(IllegalArgumentException.class, () -> builder.clipGradientValue(bad))
              .getMessage());
    }
  }

  /**
   * +∞ clips nothing, by value as by norm, in the trainer as in GradientClipping (and PyTorch's
   * clip_grad_value_ and clip_grad_norm_): the value's was refused by the trainer alone.
   */
  @Test
  void anInfiniteLimitClipsNothingByValueOrByNorm() {
    Sequential unclipped = model();
    Trainer.builder(unclipped, Loss.meanSquaredError(), Sgd.builder(0.1).build(unclipped))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).build().fit(steepLine());
    Sequential byValue = model();
    Trainer.builder(byValue, Loss.meanSquaredError(), Sgd.builder(0.1).build(byValue))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).clipGradientValue(Double.POSITIVE_INFINITY)
        .build().fit(steepLine());
    assertEquals(unclipped.stateDict(), byValue.stateDict(), "bit for bit");
    Sequential byNorm = model();
    Trainer.builder(byNorm, Loss.meanSquaredError(), Sgd.builder(0.1).build(byNorm))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).clipGradientNorm(Double.POSITIVE_INFINITY)
        .build().fit(steepLine());
    assertEquals(unclipped.stateDict(), byNorm.stateDict(), "bit for bit");
    // No clipping at all, so updates in backward, which clipping excludes, are still allowed.
    Sequential inBackward = model();
    Trainer.builder(inBackward, Loss.meanSquaredError(), Sgd.builder(0.1).build(inBackward))
        .epochs(EPOCHS).batchSize(BATCH).seed(SEED).clipGradientValue(Double.POSITIVE_INFINITY)
        .clipGradientNorm(Double.POSITIVE_INFINITY).updateInBackward(true).build()
        .fit(steepLine());
  }
}
