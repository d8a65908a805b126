package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.TypeNames;
import java.util.Locale;

/**
 * The checks of a {@link Trainer.Builder}'s options against one another, which no single setter
 * can make: that the optimizer trains the model, at {@link Trainer#builder}; and at {@link
 * Trainer.Builder#build()}, that one option at most sets the learning rate and that the run has
 * an epoch to run and nothing that needs a step's gradients when they are not kept. Also the
 * check two setters share, of a watched figure against the loss, and those of {@link
 * Trainer#builder}'s and {@link Trainer.Builder#earlyStopping}'s arguments, which take more than a
 * line. Apart from the builder so that its file holds its setters and their documentation.
 */
final class BuilderChecks {
  private BuilderChecks() {}

  /**
   * The checks of {@link Trainer#builder}'s arguments: none null, a loss that gives one number
   * per batch, a model whose modules and parameters are registered, and an optimizer of it.
   *
   * @throws IllegalArgumentException as {@link Trainer#builder} documents
   */
  static void requireTrainable(Module model, Loss loss, Optimizer optimizer) {
    checkNotNull(model, "trainer: model is null");
    checkNotNull(loss, "trainer: loss is null");
    checkNotNull(optimizer, "trainer: optimizer is null");
    ScalarLosses.requireScalar("trainer", "the trainer needs one number per batch", loss);
    model.checkRegistered();
    requireOptimizerOfModel(model, optimizer);
  }

  /**
   * The checks of {@link Trainer.Builder#earlyStopping}'s arguments, in the order it documents.
   *
   * @throws IllegalArgumentException as {@link Trainer.Builder#earlyStopping} documents
   */
  static void requireEarlyStopping(Monitor watched, int epochsWithoutImprovement, double delta,
      Loss loss) {
    checkArgument(epochsWithoutImprovement > 0, "trainer: patience must be positive, got %s",
        epochsWithoutImprovement);
    checkNotNull(watched, "trainer: monitor is null");
    // NaN compares false with everything, so no epoch would ever improve; a negative delta
    // counts a worse epoch as better, and an infinite one makes improving impossible.
    checkArgument(delta >= 0 && delta < Double.POSITIVE_INFINITY,
        "trainer: early stopping's min delta must be finite and non-negative, got %s", delta);
    requireCountedFigure("early stopping", watched, loss);
  }

  /**
   * Refuses an optimizer that updates none of the model's parameters.
   *
   * @throws IllegalArgumentException as {@link Trainer#builder} documents
   */
  static void requireOptimizerOfModel(Module model, Optimizer optimizer) {
    checkArgument(optimizer.updatesAnyOf(model),
        "trainer: the optimizer updates none of the model's %s parameters (its %s parameters"
            + " belong to another model?); build it from this model", model.parameters().size(),
        optimizer.parameters().size());
  }

  /**
   * Refuses an optimizer that climbs its objective: the trainer minimizes its loss, and its
   * divergence check, early stopping, plateau reductions and best weights all take lower as
   * better, so an ascent would be stopped as diverging or its worst epoch kept as its best.
   *
   * @throws IllegalArgumentException as {@link Trainer.Builder#build()} documents
   */
  static void requireDescent(Optimizer optimizer) {
    checkArgument(!optimizer.maximizes(), "trainer: the optimizer %s maximizes, and the trainer"
        + " minimizes its loss (its divergence check, early stopping and best weights take"
        + " lower as better); train on the negated objective with an optimizer that minimizes,"
        + " or run the ascent in a loop of your own", optimizer);
  }

  /**
   * Refuses a watch on the validation accuracy for a loss that counts no accuracy.
   *
   * @param watcher what watches the figure, as the message names it ({@code "early stopping"})
   * @throws IllegalArgumentException as {@link Trainer.Builder#earlyStopping} and {@link
   *     Trainer.Builder#reduceLearningRateOnPlateau} document
   */
  static void requireCountedFigure(String watcher, Monitor watched, Loss loss) {
    if (!Monitor.VALIDATION_ACCURACY.equals(watched) || loss.outputs() != Loss.Outputs.VALUES) {
      return;
    }
    // A loss of one's own answers VALUES unless it says otherwise, and a lambda says so only
    // through Loss.of: its name is its hidden class's (P$$Lambda$208/0x...@2002fc1d), and
    // watching the loss instead is not what its author wants when it scores classes.
    Class<?> type = loss.getClass();
    boolean lambda = type.isHidden() || type.isSynthetic();
    boolean own = type.getPackage() != Loss.class.getPackage();
    throw new IllegalArgumentException(String.format(Locale.ROOT, "trainer: %s watches the"
        + " validation accuracy, which is not a number for the loss %s (its outputs are values,"
        + " not classes); watch VALIDATION_LOSS%s", watcher,
        lambda ? "written as a lambda" : loss, !own ? ""
            : ", or, for a loss of yours that scores classes, say so in its outputs()"
                + " (Loss.Outputs.CLASS_SCORES)"
                + (lambda ? ", which a lambda declares through Loss.of(lambda, Reduction.MEAN,"
                    + " Outputs.CLASS_SCORES)" : "")));
  }

  /**
   * Refuses two of a schedule, a per-step schedule and a reduction on a plateau.
   *
   * @throws IllegalArgumentException as {@link Trainer.Builder#build()} documents
   */
  static void requireOneRateSetter(TrainingOptions o) {
    // A schedule is a function of the epoch from the initial rate: set at each epoch's start, it
    // would undo every reduction (as Keras's LearningRateScheduler callback does). Multiplying
    // the two is a third rule, which PyTorch's schedulers stepped on one optimizer follow for
    // some schedules (MultiStepLR) and not others (CosineAnnealingLR's recursion).
    checkArgument(o.schedule == null || o.plateau == null, "trainer: both a schedule (%s) and a"
        + " reduction on a plateau set the learning rate, and the schedule would undo each"
        + " reduction at the next epoch's start; use one of them", o.schedule);
    // Each would overwrite the other's rate: at each epoch's start, or before each step.
    checkArgument(o.schedule == null || o.stepSchedule == null, "trainer: both schedule(%s), set"
        + " at each epoch's start, and scheduleEveryStep(%s), set before each step, set the"
        + " learning rate, and each would overwrite the other's; compose one schedule counted"
        + " in steps", o.schedule, o.stepSchedule);
    checkArgument(o.plateau == null || o.stepSchedule == null, "trainer: both a per-step"
        + " schedule (%s) and a reduction on a plateau set the learning rate, and the schedule"
        + " would undo each reduction at the next step; use one of them", o.stepSchedule);
  }

  /**
   * Refuses updates in backward with gradient clipping or a listener that reads gradients, and
   * an initial epoch that leaves no epoch to run.
   *
   * @throws IllegalArgumentException as {@link Trainer.Builder#build()} documents
   */
  static void requireEpochsAndUpdatesRunnable(TrainingOptions o) {
    boolean chosen = o.updateTiming == UpdateTiming.IN_BACKWARD;
    checkArgument(!chosen || (o.clipNorm == 0 && o.clipValue == 0), "trainer:"
        + " gradient clipping needs every gradient of a step before any update, and"
        + " updateInBackward updates each parameter during backward, as its gradient is"
        + " complete; use one of them");
    for (TrainingListener listener : o.listeners) {
      checkArgument(!chosen || !listener.readsGradients(), "trainer: the listener %s"
          + " reads gradients as each batch ends, and updateInBackward keeps none (each"
          + " parameter is updated during backward); use one of them",
          TypeNames.of(listener.getClass()));
    }
    checkArgument(o.initialEpoch < o.epochs, "trainer: the initial epoch %s leaves no epoch to"
        + " run of %s (epochs count from the run's start, as the initial epoch does)",
        o.initialEpoch, o.epochs);
  }
}
