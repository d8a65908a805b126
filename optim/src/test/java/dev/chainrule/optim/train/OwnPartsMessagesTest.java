package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.LearningRateScheduler;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * What the trainer says of a user's own loss, listener and schedule when they are wrong, each of
 * which it said in terms of its own internals: a loss returning null was a NullPointerException
 * inside the evaluation ("Cannot invoke Variable.shape()"), an anonymous listener that reads
 * gradients was "the listener  reads gradients" (no name), and a schedule giving NaN was told
 * it "overflowed or went below 0" and to "end the growth sooner".
 */
class OwnPartsMessagesTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(6, 2), 1L),
      Tensors.randn(Shape.of(6, 1), 2L));

  private static Trainer.Builder builder(Dense model, Loss loss) {
    return Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).epochs(3).batchSize(2);
  }

  @Test
  void aLossReturningNullIsNamed() {
    Trainer trainer = builder(Dense.of(2, 1, 1L), (prediction, target) -> null).build();
    NullPointerException e = assertThrows(NullPointerException.class, () -> trainer.fit(DATA));
    assertEquals("score: the loss returned null; Loss.compute returns the loss of the batch as a"
        + " scalar variable", e.getMessage());
  }

  @Test
  void anAnonymousListenerIsNamedByItsClass() {
    TrainingListener readsGradients = new TrainingListener() {
      @Override
      public boolean readsGradients() {
        return true;
      }
    };
    Trainer.Builder builder = builder(Dense.of(2, 1, 1L), Loss.meanSquaredError())
        .updateInBackward(true).listener(readsGradients);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertEquals("trainer: the listener " + readsGradients.getClass().getName() + " reads"
        + " gradients as each batch ends, and updateInBackward keeps none (each parameter is"
        + " updated during backward); use one of them", e.getMessage());
  }

  /** A schedule of one's own that is undefined from epoch 2 (a 0/0 in its formula, say). */
  private record Undefined() implements LearningRateSchedule {
    @Override
    public double rate(double baseRate, int epoch) {
      return epoch < 2 ? baseRate : Double.NaN;
    }
  }

  @Test
  void aScheduleGivingNaNIsToldSoNotToEndItsGrowth() {
    Dense model = Dense.of(2, 1, 1L);
    Trainer trainer = builder(model, Loss.meanSquaredError()).schedule(new Undefined()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(DATA));
    assertEquals("LearningRateScheduler: the schedule Undefined[] gives NaN at epoch 2 from the"
        + " base rate 0.1, which is no learning rate; a schedule's rate is a number from 0 up",
        e.getMessage());
    // An overflow is still told to end its growth sooner.
    LearningRateScheduler climbing = LearningRateScheduler.of(Sgd.builder(0.1).build(model),
        (base, epoch) -> base * Math.pow(10, epoch));
    String overflow = assertThrows(IllegalArgumentException.class, () -> climbing.apply(400))
        .getMessage();
    assertTrue(overflow.endsWith("(it overflowed or went below 0); end the growth sooner or lower"
        + " its factor"), overflow);
  }
}
