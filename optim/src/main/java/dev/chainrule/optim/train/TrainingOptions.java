package dev.chainrule.optim.train;

import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a training run, as {@link Trainer.Builder}'s setters leave them, with the
 * builder's defaults. The builder is their public, documented face; a trainer runs on the copy
 * {@link Trainer.Builder#build()} takes, which {@link TrainingEpochs} runs the epochs on and
 * {@link BuilderChecks}, {@link ResumeChecks} and {@link FitChecks} check across one another.
 * Fields rather than accessors: the classes that read them are the package's own, and the
 * setters have checked each value already.
 */
final class TrainingOptions {
  final Module model;
  final Loss loss;
  final Optimizer optimizer;
  int epochs = 10;
  int initialEpoch;
  ResumedRun resumed;
  int batchSize = 32;
  long seed;
  boolean dropLast;
  LearningRateSchedule schedule;
  LearningRateSchedule stepSchedule;
  Monitor plateauMonitor;
  PlateauReduction plateau;
  double clipNorm;
  double clipValue;
  UpdateTiming updateTiming = UpdateTiming.AUTOMATIC;
  Monitor monitor = Monitor.VALIDATION_LOSS;
  int patience;
  double minDelta;
  boolean restoreBest;
  int checkpointEvery;
  Path checkpointFile;
  double divergenceFactor = Trainer.DIVERGENCE_FACTOR;
  final List<TrainingListener> listeners = new ArrayList<>();
  /** The metrics of one's own, computed on the validation data after each epoch. */
  final NamedMetrics metrics = NamedMetrics.none();

  /** The defaults, for a model, loss and optimizer the builder has checked. */
  TrainingOptions(Module model, Loss loss, Optimizer optimizer) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
  }

  /**
   * Whether early stopping's figure is known after every epoch of a fit scoring {@code
   * validation}: the training loss always is, a validation figure only with validation data.
   *
   * @param validation the data scored after every epoch, or null
   */
  boolean monitored(Dataset validation) {
    return validation != null || !monitor.needsValidation();
  }

  /**
   * A copy, for a trainer: a builder changed after {@link Trainer.Builder#build()} changes no
   * trainer it built.
   */
  TrainingOptions copy() {
    TrainingOptions copy = new TrainingOptions(model, loss, optimizer);
    copy.epochs = epochs;
    copy.initialEpoch = initialEpoch;
    copy.resumed = resumed;
    copy.batchSize = batchSize;
    copy.seed = seed;
    copy.dropLast = dropLast;
    copy.schedule = schedule;
    copy.stepSchedule = stepSchedule;
    copy.plateauMonitor = plateauMonitor;
    copy.plateau = plateau;
    copy.clipNorm = clipNorm;
    copy.clipValue = clipValue;
    copy.updateTiming = updateTiming;
    copy.monitor = monitor;
    copy.patience = patience;
    copy.minDelta = minDelta;
    copy.restoreBest = restoreBest;
    copy.checkpointEvery = checkpointEvery;
    copy.checkpointFile = checkpointFile;
    copy.divergenceFactor = divergenceFactor;
    copy.listeners.addAll(listeners);
    copy.metrics.addAll(metrics);
    return copy;
  }
}
