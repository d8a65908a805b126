package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.data.Dataset;

/**
 * The checks of a {@link Trainer#fit} call's data against the trainer's options, made before
 * anything changes, so that a call refused leaves the model and the optimizer as they were; the
 * validation data's targets among them, scored once by the loss. Apart
 * from the trainer so that its file holds its public face and documentation.
 */
final class FitChecks {
  private FitChecks() {}

  /**
   * Refuses data a fit with these options cannot use.
   *
   * @param validation the data scored after every epoch, or null
   * @throws IllegalArgumentException as {@link Trainer#fit(Dataset, Dataset)} documents
   * @throws IllegalStateException as {@link Trainer#fit(Dataset, Dataset)} documents
   */
  static void require(TrainingOptions o, Dataset train, Dataset validation) {
    checkNotNull(train, "trainer: training data is null");
    // With no rows an epoch takes no step, and every mean over its samples is 0/0 = NaN.
    checkArgument(train.size() > 0,
        "trainer: the training data has no rows; an epoch would take no step and its loss would"
            + " be 0/0 = NaN");
    checkArgument(validation == null || validation.size() > 0,
        "trainer: the validation data has no rows; its loss and accuracy would be 0/0 = NaN");
    boolean monitored = o.monitored(validation);
    checkState(o.patience == 0 || monitored,
        "trainer: early stopping on %s needs validation data", o.monitor);
    // Without validation data every epoch is the best, and restoring would silently keep the last.
    // The way out named is the one the builder has: the monitor is early stopping's, and a
    // patience of the run's epochs never stops it early (only its last epoch can have gone that
    // many without improving, and a stop there is no early stop).
    checkState(!o.restoreBest || monitored, "trainer: restoring the best epoch's weights by %s"
        + " needs validation data to tell the best; pass some, or restore by the training loss"
        + " with earlyStopping(Monitor.TRAINING_LOSS, %s, 0), a patience of the run's epochs,"
        + " which never stops it early", o.monitor, o.epochs);
    checkState(o.plateau == null || validation != null || !o.plateauMonitor.needsValidation(),
        "trainer: reducing the learning rate on a plateau of %s needs validation data; pass some,"
            + " or watch TRAINING_LOSS", o.plateauMonitor);
    // Declared, a metric is a figure asked for: without validation data every epoch's would be
    // missing, and History.metric(name) empty, without a word.
    checkState(o.metrics.isEmpty() || validation != null, "trainer: the metrics %s are computed"
        + " on the validation data after each epoch, and this fit has none; pass some"
        + " (fit(train, validation)), or build the trainer without metric(...)",
        o.metrics.names());
    // The epochs' scheduler is made later, once the model trains: a schedule that cannot scale
    // the optimizer's base rate (a cosine to a minimum above it) is refused here, before that.
    if (o.schedule != null) {
      o.schedule.checkBaseRate(o.optimizer.initialLearningRate());
    }
    // A resumed run out of patience runs no epoch, so never scores its validation data.
    if (ResumeChecks.outOfPatience(o, monitored)) {
      return;
    }
    OutputChecks.require(o.model, o.loss, train);
    OneRowBatches.require(o, train);
    if (validation != null) {
      requireValidationTargets(o, validation);
    }
  }

  /**
   * Scores the validation data once with the untrained model, so that a target the loss refuses
   * (a class index that is no class) stops the run before its first step, named by its row, as
   * the divergence check's look at the training rows does ({@link Divergence}); found when the
   * first epoch's end scored it, the epoch was lost. Only the loss knows what targets it takes,
   * so it is asked, on the outputs it will be given: one forward pass over the validation rows,
   * a {@link TracelessPass} in evaluation mode as the scores after each epoch are, without a
   * graph. What else the loss makes of the untrained outputs is not judged here; the metrics of
   * one's own are run on them once, and refused when they fail ({@link
   * NamedMetrics#requireComputable}).
   */
  private static void requireValidationTargets(TrainingOptions o, Dataset validation) {
    TracelessPass.run(o.model, () -> {
      Tensor output = Evaluation.predict(o.model, validation);
      try (var scope = Autograd.noGrad()) {
        o.loss.compute(Variable.constant(output), validation.labels());
      } catch (TargetRefusedException refused) {
        throw TargetRows.validationBeforeTraining(refused, validation);
      }
      // The same outputs: a metric that cannot take them is refused before the first step too.
      o.metrics.requireComputable(output, validation.labels(), o.loss.ignoreIndex());
      return null;
    });
  }
}
