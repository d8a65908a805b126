package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.optim.data.Dataset;

/**
 * The checks of a {@link Trainer#fit} call's data against the trainer's options, made before
 * anything changes, so that a call refused leaves the model and the optimizer as they were. Apart
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
    checkState(!o.restoreBest || monitored, "trainer: restoring the best epoch's weights by %s"
        + " needs validation data to tell the best", o.monitor);
    checkState(o.plateau == null || validation != null || !o.plateauMonitor.needsValidation(),
        "trainer: reducing the learning rate on a plateau of %s needs validation data; pass some,"
            + " or watch TRAINING_LOSS", o.plateauMonitor);
    // The epochs' scheduler is made later, once the model trains: a schedule that cannot scale
    // the optimizer's base rate (a cosine to a minimum above it) is refused here, before that.
    if (o.schedule != null) {
      o.schedule.checkBaseRate(o.optimizer.initialLearningRate());
    }
  }
}
