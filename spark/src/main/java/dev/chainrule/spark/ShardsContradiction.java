package dev.chainrule.spark;

import java.util.Locale;

/**
 * A resume refused for another number of shards when averaging, each shard a replica: the
 * launcher names the option when the user gave it, and otherwise says where this run's count
 * came from (the master's default parallelism), which the user never chose.
 */
final class ShardsContradiction extends ResumeContradiction {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long written;
  private final long now;

  ShardsContradiction(String message, String file, long written, long now) {
    super(message);
    this.file = file;
    this.written = written;
    this.now = now;
  }

  /**
   * The refusal for a run whose shards followed Spark's default parallelism, with the option
   * that gives the file's count.
   *
   * @param master the master whose default parallelism it was
   * @return the message
   */
  String withoutPartitions(String master) {
    return String.format(Locale.ROOT, "resume: %s was written by a run with shards %d, this"
        + " run has %d; resuming would train on other batches than either run (this run's shards"
        + " follow Spark's default parallelism under --master %s, as no --partitions was given:"
        + " give --partitions %d)", file, written, now, master, written);
  }
}
