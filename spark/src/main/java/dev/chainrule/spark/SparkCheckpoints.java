package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.checkpoint.SavedOptimizer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.BestEpoch;
import dev.chainrule.optim.train.EarlyStoppingRecord;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Monitor;
import dev.chainrule.optim.train.PeriodicCheckpoints;
import dev.chainrule.optim.train.ResumedRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's checkpoints: model, optimizer state, the model's description (so that {@code
 * ModelCheckpoint.loadDescribed} and the program's {@code predict} read the file like any saved
 * model), the run's {@link Progress} with the settings that must not change on resume, and early
 * stopping's record, written by optim's {@link PeriodicCheckpoints} as {@code Trainer} writes
 * them: atomically, with the best epoch's weights in a file beside the checkpoint when the
 * checkpoint's are not that epoch's (a checkpoint mid-epoch, or epochs past the best).
 */
final class SparkCheckpoints {
  private final ModelDescription description;
  private final Settings settings;
  private final int rows;
  private final int shards;

  SparkCheckpoints(ModelDescription description, Settings settings, int rows, int shards) {
    this.description = description;
    this.settings = settings;
    this.rows = rows;
    this.shards = shards;
  }

  /** The key of an early stop's record: the last epoch run and the epoch whose weights it kept. */
  static final String STOPPED_KEY = Progress.PREFIX + "stopped_early";

  /**
   * A place where a run resumes: its progress, and its checkpoint's epoch count, records and
   * best weights.
   */
  record Resumed(Progress progress, ResumedRun run) {}

  /**
   * Saves atomically: a failure leaves the previous file, and the best weights it names, as they
   * were.
   *
   * @param best the best epoch under early stopping, or null without it
   * @param firstEpoch the run's first epoch
   * @param patience the run's patience, 0 without early stopping
   */
  void save(PeriodicCheckpoints writer, Progress progress, BestEpoch best, int firstEpoch,
      int patience) {
    // The record as the last completed epoch left it; the weights are that epoch's only at its
    // end, never mid-epoch.
    EarlyStoppingRecord record =
        best == null ? null : best.record(progress.epoch() - 1, firstEpoch, patience);
    boolean atBest =
        best != null && progress.step() == 0 && best.epoch() == progress.epoch() - 1;
    writer.save(metadata(progress, Map.of()), record, best, atBest, null);
  }

  /**
   * Saves the file of a run that stopped early, holding the weights it kept and a record that
   * refuses a resume ({@link #resume}).
   */
  void saveStopped(PeriodicCheckpoints writer, Progress progress, History history) {
    writer.save(metadata(progress, Map.of(STOPPED_KEY, String.format(Locale.ROOT,
        "after epoch %d, keeping the weights of epoch %d", history.last().epoch() + 1,
        history.weightsEpoch() + 1))), null, null, false, null);
  }

  private Map<String, String> metadata(Progress progress, Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelCheckpoint.DESCRIPTION_KEY, description.toJson());
    metadata.putAll(progress.metadata(settings, rows, shards));
    metadata.putAll(extra);
    return metadata;
  }

  /**
   * What a resume from {@code file} with a patience should say first: that a checkpoint saved
   * before checkpoints kept early stopping's record starts it afresh. Empty otherwise, and for a
   * file that cannot be read, whose resume says why.
   */
  static Optional<String> recordsNote(Path file) {
    try {
      if (SafeTensors.list(file).metadata().containsKey(ResumedRun.RECORDS_KEY)) {
        return Optional.empty();
      }
    } catch (CheckpointException e) {
      return Optional.empty();
    }
    return Optional.of(file.getFileName() + " holds no record of early stopping (it was saved"
        + " before checkpoints kept it): --patience counts afresh from the resumed run's first"
        + " epoch, which may stop at, and keep the weights of, other epochs than one"
        + " uninterrupted run");
  }

  /**
   * Loads a checkpoint of this run into the model and optimizer and returns where to go on,
   * with early stopping's record and the best weights beside it. Every check runs first, the
   * file's state and records loaded into a copy of the model and an optimizer of the factory's
   * over it: nothing in the model or the optimizer changes unless the file describes this model
   * and data, was written by a run with these settings, optimizer and learning rate, leaves an
   * epoch to run, and holds an early-stopping record this run can go on from, with the best
   * weights it needs (refused as {@code Trainer} refuses them, {@link BestEpoch#requireResumable}).
   *
   * @param factory makes the copy's optimizer, as it made {@code optimizer}
   * @param patience the run's early-stopping patience, 0 without early stopping
   * @param steps the steps (rounds when averaging) of an epoch
   * @return the progress of the next step to run, and the records
   */
  Resumed resume(Path file, Sequential model, Optimizer optimizer, OptimizerFactory factory,
      int patience, int steps) {
    String name = String.valueOf(file.getFileName());
    ModelCheckpoint.DescribedModel saved = ModelCheckpoint.loadDescribed(file);
    Map<String, String> metadata = saved.report().metadata();
    String stopped = metadata.get(STOPPED_KEY);
    if (stopped != null) {
      throw new IllegalArgumentException("resume: " + name + " is the end of a run that stopped"
          + " early (" + stopped + "): there is nothing left to run; its weights are a saved"
          + " model (predict --load)");
    }
    // The run's settings first: a changed seed also changes the split and its statistics,
    // which the description would report as other data.
    settings.requireSameRun(metadata, name, rows, shards);
    // A file written before descriptions recorded the split's rows (which requireSameRun has
    // just compared) has none: compared without them.
    ModelDescription expected = saved.description().split() != null
        && saved.description().split().rows() == 0 && description.split() != null
        ? description.withSplit(new ModelDescription.DataSplit(description.split().seed(),
            description.split().testFraction()))
        : description;
    if (!saved.description().equals(expected)) {
      throw new IllegalArgumentException("resume: " + name + " holds another model or was"
          + " trained on other data: " + DescriptionDifference.between(saved.description(),
              expected));
    }
    SavedOptimizer written = saved.optimizer();
    String now = optimizer.kind() + "(" + optimizer.settings() + ")";
    // Momentum and Nesterov momentum have one class and one state: only the settings, which
    // ModelCheckpoint records and compares, tell them apart. Checked here, before anything
    // loads, to name the launcher's option; a file of the launcher from before they were
    // recorded holds them under its own key, in the same form.
    String before = metadata.get(Progress.PREFIX + "optimizer");
    boolean differs = written.settings() != null ? written.mismatch(optimizer).isPresent()
        : before != null && !before.equals(now);
    if (differs) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "resume: %s was written by"
          + " a run with the optimizer %s, this run has %s (set by the launcher's --optimizer)",
          name, written.settings() != null ? written.describe() : before, now));
    }
    Progress at = Progress.of(metadata, name);
    // A file saved after an epoch's last step (before checkpoints at an epoch's end waited for
    // its checks) goes on at the next epoch.
    Progress progress = at.step() >= steps ? at.nextEpoch() : at;
    // A checkpoint past the epochs asked for would end the run at once and report it as done.
    checkArgument(progress.epoch() < settings.epochs(), "resume: the checkpoint has done %s"
        + " epoch%s%s; training for %s leaves nothing to run", progress.epoch(),
        progress.epoch() == 1 ? "" : "s", progress.step() == 0 ? ""
        : " and " + progress.step() + " step" + (progress.step() == 1 ? "" : "s")
            + " of the next", settings.epochs());
    // What loading checks besides, and the file's rate, seen in a copy: loaded into the model,
    // a refusal after it would leave a half-resumed model to a caller who catches it.
    Sequential copy = description.toModule();
    Optimizer trial = factory.create(copy);
    try {
      ModelCheckpoint.load(file, copy, trial);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("resume: " + name + " holds another optimizer's state"
          + " than this run's " + now + " (set by the launcher's --optimizer): "
          + e.getMessage(), e);
    }
    // The checkpoint's rate would silently replace the one this run was asked for.
    if (trial.learningRate() != optimizer.learningRate()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "resume: %s was trained at"
          + " learning rate %s, this run asks for %s; resume at the file's rate",
          name, trial.learningRate(), optimizer.learningRate()));
    }
    // The epochs whose end the records saw are those before the one the file goes on in.
    requireRecordGoesOn(ResumedRun.load(file, at.epoch(), copy, trial), name, patience);
    return new Resumed(progress, ResumedRun.load(file, at.epoch(), model, optimizer));
  }

  /**
   * Refuses early stopping's record where {@code Trainer} refuses it: kept by a run that stopped
   * early, resumed without early stopping (the run would go on past the stop and end with the
   * last epoch's weights, not the best epoch's); or without the best weights a run with early
   * stopping ends with.
   */
  private static void requireRecordGoesOn(ResumedRun run, String name, int patience) {
    if (patience > 0) {
      BestEpoch.requireResumable(run, Monitor.VALIDATION_LOSS, 0, true);
      return;
    }
    run.earlyStopping().filter(EarlyStoppingRecord::stopsOrRestores).ifPresent(record -> {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "resume: %s holds early"
          + " stopping's record (patience %d, %s), and this run does not stop early; give it"
          + " earlyStopping(%d) (the launcher's --patience %d) as the checkpoint's run had it:"
          + " another patience goes on from the record too, and one above the epochs left runs"
          + " them all and ends with the best epoch's weights", name, record.patience(),
          record.bestEpoch() < 0 ? "no epoch improved yet" : "best epoch "
              + (record.bestEpoch() + 1), record.patience(), record.patience()));
    });
  }
}
