package dev.chainrule.spark;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SavedOptimizer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.History;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The driver's checkpoints: model, optimizer state, the model's description (so that {@code
 * ModelCheckpoint.loadDescribed} and the program's {@code predict} read the file like any saved
 * model) and the run's {@link Progress} with the settings that must not change on resume, written
 * with optim's atomic writer.
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

  /** Saves atomically: a failure leaves the previous file as it was. */
  void save(Path file, Sequential model, Optimizer optimizer, Progress progress) {
    save(file, model, optimizer, progress, Map.of());
  }

  /**
   * Saves the file of a run that stopped early, holding the weights it kept and a record that
   * refuses a resume ({@link #resume}).
   */
  void saveStopped(Path file, Sequential model, Optimizer optimizer, Progress progress,
      History history) {
    save(file, model, optimizer, progress, Map.of(STOPPED_KEY, String.format(Locale.ROOT,
        "after epoch %d, keeping the weights of epoch %d", history.last().epoch() + 1,
        history.weightsEpoch() + 1)));
  }

  private void save(Path file, Sequential model, Optimizer optimizer, Progress progress,
      Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelCheckpoint.DESCRIPTION_KEY, description.toJson());
    metadata.putAll(progress.metadata(settings, rows, shards));
    metadata.putAll(extra);
    ModelCheckpoint.save(file, model, optimizer, metadata);
  }

  /**
   * Loads a checkpoint of this run into the model and optimizer and returns where to go on.
   * Nothing changes unless the file describes this model and data and was written by a run with
   * these settings.
   */
  Progress resume(Path file, Sequential model, Optimizer optimizer) {
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
    Progress progress = Progress.of(metadata, name);
    double rate = optimizer.learningRate();
    try {
      ModelCheckpoint.load(file, model, optimizer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("resume: " + name + " holds another optimizer's state"
          + " than this run's " + now + " (set by the launcher's --optimizer): "
          + e.getMessage(), e);
    }
    // The checkpoint's rate would silently replace the one this run was asked for.
    if (optimizer.learningRate() != rate) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "resume: %s was trained at"
          + " learning rate %s, this run asks for %s; resume at the file's rate",
          name, optimizer.learningRate(), rate));
    }
    return progress;
  }
}
