package dev.chainrule.spark;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.ModelDescription;
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

  /** Saves atomically: a failure leaves the previous file as it was. */
  void save(Path file, Sequential model, Optimizer optimizer, Progress progress) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelCheckpoint.DESCRIPTION_KEY, description.toJson());
    metadata.putAll(progress.metadata(settings, rows, shards));
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
    if (!saved.description().equals(description)) {
      throw new IllegalArgumentException("resume: " + name + " holds another model or was"
          + " trained on other data (its description differs from this run's: "
          + firstDifference(saved.description().toJson(), description.toJson()) + ")");
    }
    Map<String, String> metadata = saved.report().metadata();
    settings.requireSameRun(metadata, name, rows, shards);
    Progress progress = Progress.of(metadata, name);
    double rate = optimizer.learningRate();
    try {
      ModelCheckpoint.load(file, model, optimizer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("resume: " + name + " holds another optimizer's state"
          + " than this run's " + optimizer.getClass().getSimpleName() + " (" + e.getMessage()
          + ")", e);
    }
    // The checkpoint's rate would silently replace the one this run was asked for.
    if (optimizer.learningRate() != rate) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "resume: %s was trained at"
          + " learning rate %s, this run asks for %s; resume at the file's rate",
          name, optimizer.learningRate(), rate));
    }
    return progress;
  }

  /** Where two descriptions' texts first differ: a stretch of each around it, not all of them. */
  private static String firstDifference(String file, String run) {
    int at = 0;
    while (at < file.length() && at < run.length() && file.charAt(at) == run.charAt(at)) {
      at++;
    }
    int from = Math.max(0, at - 30);
    return "the file's \"…" + file.substring(from, Math.min(file.length(), at + 30))
        + "…\" where this run's reads \"…" + run.substring(from, Math.min(run.length(), at + 30))
        + "…\"";
  }
}
