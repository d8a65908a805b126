package dev.chainrule.spark;

import dev.chainrule.optim.report.PrintableText;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of a Spark training run.
 *
 * @param localSteps K, the optimizer steps each replica takes per averaging round (0 for sync)
 * @param treeDepth the depth of {@link FixedOrderAggregate}'s merge tree
 * @param validation the share of the training rows the caller held out for validation (0 for
 *     none): it changes which rows are trained on, so a resume must not change it
 * @param detectAnomaly whether executors run their forward and backward passes under anomaly
 *     detection (it changes no value, so checkpoints do not record it)
 */
record Settings(SparkTrainer.Mode mode, int localSteps, int epochs, int batchSize, long seed,
    int treeDepth, double validation, boolean detectAnomaly) {

  /** What a checkpoint records about the run, for {@link #requireSameRun}. */
  Map<String, String> metadata(int rows, int shards) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(Progress.PREFIX + "mode", mode.toString());
    entries.put(Progress.PREFIX + "local_steps", Integer.toString(localSteps));
    entries.put(Progress.PREFIX + "batch_size", Integer.toString(batchSize));
    entries.put(Progress.PREFIX + "seed", Long.toString(seed));
    entries.put(Progress.PREFIX + "validation", Double.toString(validation));
    entries.put(Progress.PREFIX + "rows", Integer.toString(rows));
    entries.put(Progress.PREFIX + "shards", Integer.toString(shards));
    return entries;
  }

  /**
   * Refuses to resume from a checkpoint of another run: another mode, batch size, seed, share
   * held out for validation, number of rows, or (when averaging, where each shard is a replica)
   * K or number of shards would visit other batches, and the resumed run would match neither.
   */
  void requireSameRun(Map<String, String> metadata, String file, int rows, int shards) {
    String written = Metadata.text(metadata, Progress.PREFIX + "mode", file);
    if (!written.equals(mode.toString())) {
      throw differs(file, "mode", "--mode", PrintableText.of(written), mode.toString());
    }
    same(file, "batch size", "--batch-size",
        Metadata.integer(metadata, Progress.PREFIX + "batch_size", file), batchSize);
    same(file, "seed", "--seed", Metadata.whole(metadata, Progress.PREFIX + "seed", file), seed);
    // Before the rows, which another share also changes: the option to name is --validation.
    // A file from before the share was recorded held none out.
    String key = Progress.PREFIX + "validation";
    double held = metadata.containsKey(key) ? Metadata.real(metadata, key, file) : 0;
    if (held != validation) {
      throw differs(file, "validation share", "--validation", Double.toString(held),
          Double.toString(validation));
    }
    // Another count of rows is other data (or --test-fraction): a failure, not a usage error.
    try {
      same(file, "training rows", "--csv and --test-fraction",
          Metadata.integer(metadata, Progress.PREFIX + "rows", file), rows);
    } catch (ResumeContradiction e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (mode == SparkTrainer.Mode.AVERAGE) {
      same(file, "local steps", "--local-steps",
          Metadata.integer(metadata, Progress.PREFIX + "local_steps", file), localSteps);
      // The shards follow --partitions, whose default is the master's parallelism: another
      // --master changes them without a word of the user's, which the launcher then says.
      int writtenShards = Metadata.integer(metadata, Progress.PREFIX + "shards", file);
      if (writtenShards != shards) {
        throw new ShardsContradiction(differs(file, "shards", "--partitions",
            Integer.toString(writtenShards), Integer.toString(shards)).getMessage(), file,
            writtenShards, shards);
      }
    }
  }

  /** {@code sync, batches of 32, seed 42}, or {@code average of replicas after 8 local ...}. */
  @Override
  public String toString() {
    return (mode == SparkTrainer.Mode.SYNC ? "sync"
        : "average of replicas after " + localSteps + " local steps")
        + ", batches of " + batchSize + ", seed " + seed;
  }

  private static void same(String file, String what, String setBy, long written, long now) {
    if (written != now) {
      throw differs(file, what, setBy, Long.toString(written), Long.toString(now));
    }
  }

  /** The refusal, naming what sets the setting in the launcher: "shards" alone said nothing. */
  private static ResumeContradiction differs(String file, String what, String setBy,
      String written, String now) {
    return new ResumeContradiction(String.format(Locale.ROOT, "resume: %s was written by a"
        + " run with %s %s, this run has %s; resuming would train on other batches than either"
        + " run (set by the launcher's %s)", file, what, written, now, setBy));
  }
}
