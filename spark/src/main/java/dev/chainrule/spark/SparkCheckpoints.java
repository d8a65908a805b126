package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.checkpoint.SavedOptimizer;
import dev.chainrule.optim.data.DroppedColumns;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.report.PrintableText;
import dev.chainrule.optim.train.BestEpoch;
import dev.chainrule.optim.train.EarlyStoppingRecord;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Monitor;
import dev.chainrule.optim.train.PeriodicCheckpoints;
import dev.chainrule.optim.train.ResumedRun;
import dev.chainrule.optim.train.SavedRunMetadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's checkpoints: model, optimizer state, the model's description (so that {@code
 * ModelCheckpoint.loadDescribed} and the program's {@code predict} read the file like any saved
 * model), the run's {@link Progress} with the settings that must not change on resume, the
 * columns --drop left out ({@link FeatureSource#recorded}), and early stopping's record, written
 * by optim's {@link PeriodicCheckpoints} as {@code Trainer} writes them: atomically, with the
 * best epoch's weights in a file beside the checkpoint when the checkpoint's are not that
 * epoch's (a checkpoint mid-epoch, or epochs past the best).
 */
final class SparkCheckpoints {
  private final ModelDescription description;
  private final Settings settings;
  private final TrainingLoss loss;
  private final int rows;
  private final int shards;
  /**
   * Who named the features: the header's differ as the data's, a choice's as an option; the
   * columns --drop left out go into the checkpoints.
   */
  private final FeatureSource features;

  SparkCheckpoints(ModelDescription description, Settings settings, TrainingLoss loss, int rows,
      int shards, FeatureSource features) {
    this.features = features;
    this.description = description;
    this.settings = settings;
    this.loss = loss;
    this.rows = rows;
    this.shards = shards;
  }

  /** The key of an early stop's record: the last epoch run and the epoch whose weights it kept. */
  static final String STOPPED_KEY = Progress.PREFIX + "stopped_early";

  /**
   * The key of the run's seed in the program's files (its {@code LoadedSeed.KEY}: the launcher
   * does not depend on the program), which its {@code train --load} trains on with when the file
   * has no split of its own.
   */
  static final String SEED_KEY = "chainrule.seed";

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
    // Its weights are the kept epoch's: train --load numbers its epochs from that one, as from
    // --save's file of the same run.
    writer.save(metadata(progress, Map.of(STOPPED_KEY, String.format(Locale.ROOT,
        "after epoch %d, keeping the weights of epoch %d", history.last().epoch() + 1,
        history.weightsEpoch() + 1), ModelCheckpoint.EPOCH_KEY,
        Integer.toString(history.weightsEpoch() + 1))), null, null, false, null);
  }

  private Map<String, String> metadata(Progress progress, Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelCheckpoint.DESCRIPTION_KEY, description.toJson());
    metadata.putAll(progress.metadata(settings, rows, shards));
    // The entries train's files have, that train --load reads (the epochs done, the share held
    // out, the batch size, the seed): without them it went on at epoch 1, held out other rows than
    // this run, or drew batches of its default size. Mid-epoch the epochs done are those before the
    // one in progress, which train --load runs whole.
    metadata.putAll(SavedRunMetadata.checkpoint(progress.epoch(), settings.validation(),
        settings.batchSize()));
    metadata.put(SEED_KEY, Long.toString(settings.seed()));
    // The program's entries, so that its train --load reads the run's loss from the file too.
    metadata.putAll(loss.metadata());
    // The columns --drop left out, which the description's features do not say: a resume
    // tells another --drop from another header by them.
    features.recorded().ifPresent(dropped -> metadata.putAll(dropped.metadata()));
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
      Map<String, String> metadata = SafeTensors.list(file).metadata();
      // A best-weights file holds no records either, and is refused as no checkpoint: the note
      // called it an old checkpoint.
      if (metadata.containsKey(ResumedRun.RECORDS_KEY)
          || metadata.containsKey(ModelCheckpoint.BEST_WEIGHTS_OF_KEY)) {
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
   * with early stopping's record and the best weights beside it. The file is read once, and
   * every check runs on that reading: its metadata first, then its state and records loaded
   * into a copy of the model and an optimizer of the factory's over it. Only then is the checked
   * state moved across into the model and the optimizer, so nothing in them changes unless the
   * file describes this model and data, was written by a run with these settings, optimizer,
   * learning rate and loss (class weights, label smoothing), leaves an epoch to run, and holds
   * an early-stopping record this run can go on from, with the best weights it needs (refused
   * as {@code Trainer} refuses them, {@link BestEpoch#requireResumable}); and what is loaded is
   * what was checked, even if another run replaces the file meanwhile.
   *
   * @param copy a model of the description, not trained on, that the file is loaded into
   * @param trial the factory's optimizer over {@code copy}, as it made {@code optimizer}
   * @param patience the run's early-stopping patience, 0 without early stopping
   * @param steps the steps (rounds when averaging) of an epoch
   * @return the progress of the next step to run, and the records, whose best weights are
   *     copies of their own, tied to neither model
   */
  Resumed resume(Path file, Sequential model, Optimizer optimizer, Sequential copy,
      Optimizer trial, int patience, int steps) {
    String name = String.valueOf(file.getFileName());
    Checkpoint read = SafeTensors.read(file);
    Map<String, String> metadata = read.metadata();
    // First, as loadDescribed found them: a file with no description, or weights that do not
    // fit the one it has, is no checkpoint of this launcher's.
    ModelDescription savedDescription = ModelCheckpoint.description(read, name);
    String stopped = metadata.get(STOPPED_KEY);
    if (stopped != null) {
      throw new IllegalArgumentException("resume: " + name + " is the end of a run that stopped"
          + " early (" + PrintableText.of(stopped) + "): there is nothing left to run; its"
          + " weights are a saved model (predict --load)");
    }
    // A saved model (the launcher's --save, the program's files) has a description and weights
    // but no run to go on with: the first setting read called it "not a checkpoint of Spark
    // training", which left the user to guess what it was and what to give instead.
    if (!metadata.containsKey(Progress.PREFIX + "mode")) {
      throw new IllegalArgumentException("resume: " + name + " is a saved model, not the"
          + " checkpoint of a Spark run (its metadata has no \"" + Progress.PREFIX + "mode\"):"
          + " resume from the file the run's checkpoints went to (the launcher's --checkpoint),"
          + " or train the model further with the program's train --load");
    }
    // What the user chose of the model's data before the run's settings: another --task or
    // --label splits other rows, whose count requireSameRun would blame on --csv.
    // The classes and columns come next, as the data's (exit 1), before the layers they size.
    DescriptionDifference.requireSameChosen("resume: " + name + " holds another model or was"
        + " trained on other data: ", savedDescription, description, features,
        DroppedColumns.recorded(metadata, name));
    // Then the run's settings: a changed seed also changes the split and its statistics,
    // which the description would report as other data; another test fraction changes the
    // count of rows, which requireSameRun would blame on --csv.
    DescriptionDifference.requireSameTestFraction("resume: " + name + " holds another model or"
        + " was trained on other data: ", savedDescription, description);
    settings.requireSameRun(metadata, name, rows, shards);
    loss.requireSameAs(metadata, name);
    // A file written before descriptions recorded the split's rows (which requireSameRun has
    // just compared), or their fingerprint, has none: compared without them.
    ModelDescription.DataSplit saved = savedDescription.split();
    ModelDescription.DataSplit split = description.split();
    ModelDescription expected = saved != null && split != null && saved.rowsSha256() == null
        ? description.withSplit(new ModelDescription.DataSplit(split.seed(),
            split.testFraction(), saved.rows() == 0 ? 0 : split.rows()))
        : description;
    if (!savedDescription.equals(expected)) {
      String why = "resume: " + name + " holds another model or was trained on other data: "
          + DescriptionDifference.between(savedDescription, expected);
      throw DescriptionDifference.byOption(savedDescription, expected)
          ? new ResumeContradiction(why) : new IllegalArgumentException(why);
    }
    SavedOptimizer written = SavedOptimizer.of(name, read);
    String now = optimizer.kind() + "(" + optimizer.settings() + ")";
    // Momentum and Nesterov momentum have one class and one state: only the settings, which
    // ModelCheckpoint records and compares, tell them apart. Checked here, before anything
    // loads, to name the launcher's option; a file of the launcher from before they were
    // recorded holds them under its own key, in the same form.
    String before = metadata.get(Progress.PREFIX + "optimizer");
    boolean differs = written.settings() != null ? written.mismatch(optimizer).isPresent()
        : before != null && !before.equals(now);
    if (differs) {
      throw new ResumeContradiction(String.format(Locale.ROOT, "resume: %s was written by"
          + " a run with the optimizer %s, this run has %s (set by the launcher's --optimizer)",
          name, PrintableText.of(written.settings() != null ? written.describe() : before), now));
    }
    // A file from before the settings were recorded may still hold another kind's state.
    written.mismatch(optimizer).ifPresent(why -> {
      throw new ResumeContradiction("resume: " + name + " holds another optimizer's state"
          + " than this run's " + now + " (set by the launcher's --optimizer): "
          + PrintableText.of(why));
    });
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
    // What loading checks besides, the file's rate and its records, seen in the copy: loaded
    // into the model, a refusal after it would leave a half-resumed model to a caller who
    // catches it. The epochs whose end the records saw are those before the one the file goes
    // on in.
    ResumedRun run = ResumedRun.load(read, file, at.epoch(), copy, trial);
    // The checkpoint's rate would silently replace the one this run was asked for.
    if (trial.learningRate() != optimizer.learningRate()) {
      throw new ResumeContradiction(String.format(Locale.ROOT, "resume: %s was trained at"
          + " learning rate %s, this run asks for %s; resume at the file's rate",
          name, trial.learningRate(), optimizer.learningRate()));
    }
    BestEpoch.requireResumable(run, Monitor.VALIDATION_LOSS, 0, patience > 0, patience > 0,
        p -> String.format(Locale.ROOT, "earlyStopping(%d) (the launcher's --patience %d)", p,
            p));
    // Checked: moved across as they are. The copy's values are the file's in the model's types
    // (the same build), so they arrive bit for bit; the optimizer's state is copied with its
    // step counts and rate, the rate just found equal. Neither can be refused now: the copy
    // and its optimizer took them.
    ModelCheckpoint.loadStateDict(model, copy.stateDict());
    optimizer.loadState(trial.state());
    return new Resumed(progress, run);
  }
}
