package dev.chainrule.spark;

import static dev.chainrule.spark.LaunchOptions.usage;

import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The launcher's options that the program's {@code train} lacks (where {@link LaunchOptions} are
 * the ones it shares): the Spark master, the mode and its shards, and the run's checkpoints, with
 * their checks, and the checks of the files both name.
 */
final class SparkOptions {
  /** The master URLs Spark takes (local with a positive thread count), by their forms. */
  private static final Pattern MASTER = Pattern.compile(
      "local|local\\[(\\*|[1-9]\\d*)(,\\s*[1-9]\\d*)?]|local-cluster\\[.+]|spark://.+");

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's,"
          + " else local[*]).")
  String master;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "sync",
      description = "sync (the summed gradient every step: one machine's training) or average"
          + " (replicas average parameters after --local-steps steps) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--local-steps", paramLabel = "K", defaultValue = "8",
      description = "With --mode average: optimizer steps per replica between averages"
          + " (default: ${DEFAULT-VALUE}).")
  int localSteps;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Shards of the training rows, one per partition (default: Spark's default"
          + " parallelism).")
  Integer partitions;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Save model, optimizer and progress here every --checkpoint-every steps"
          + " and at the end (default: none).")
  Path checkpoint;

  @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "100",
      description = "Steps (rounds with --mode average) between checkpoints (default:"
          + " ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Continue from a checkpoint of the same run (same data and options).")
  Path resume;

  /**
   * These options' values and contradictions, as usage errors before any work, then the files
   * of these and of {@code o} ({@code --csv}, {@code --save}), after {@code o}'s own checks.
   *
   * @return the mode chosen
   */
  SparkTrainer.Mode check(CommandSpec spec, LaunchOptions o) {
    SparkTrainer.Mode chosen = switch (mode) {
      case "sync" -> SparkTrainer.Mode.SYNC;
      case "average" -> SparkTrainer.Mode.AVERAGE;
      default -> throw usage(spec, "--mode must be sync or average, got '%s'", mode);
    };
    check(spec, localSteps > 0, "--local-steps must be positive, got %d", localSteps);
    // Settings that would change nothing are refused, as train refuses --patience alone.
    check(spec, chosen == SparkTrainer.Mode.AVERAGE || !given(spec, "--local-steps"),
        "--local-steps sets how many steps replicas take between averages; --mode sync has no"
            + " replicas");
    check(spec, checkpoint != null || !given(spec, "--checkpoint-every"), "--checkpoint-every"
        + " needs --checkpoint, the file to write");
    // Spark refuses a malformed master only after a screen of its own log lines.
    if (master != null && !MASTER.matcher(master).matches()) {
      throw usage(spec, "--master must be local, local[N], local[*] or spark://HOST:PORT, got"
              + " '%s'%s", master, master.equals("yarn") || master.startsWith("k8s://")
              ? " (this launcher carries Spark's core alone: for YARN or Kubernetes, give"
                  + " chainrule-spark.jar to spark-submit with --master there and leave it out"
                  + " here)"
              : master.startsWith("mesos://") ? " (Spark 4 runs no Mesos)" : "");
    }
    check(spec, partitions == null || partitions > 0, "--partitions must be positive, got %s",
        partitions);
    check(spec, checkpointEvery > 0, "--checkpoint-every must be positive, got %d",
        checkpointEvery);
    // train's rule for paths: one of the wrong kind for its option (empty, a folder where a
    // file goes, a device, the data itself as an output) is a usage error, one the file system
    // refuses (missing, unreadable, an unwritable folder) the run's failure.
    LaunchOptions.requireReadable(spec, "--csv", o.csv);
    if (o.save != null) {
      LaunchOptions.requireWritable(spec, "--save", o.save, "model.safetensors");
      LaunchOptions.requireFileName("--save", spec);
      LaunchOptions.requireNotTheInput(spec, "--save", o.save, "--csv", o.csv);
      requireReplaceable(spec, "--save", o.save);
    }
    if (checkpoint != null) {
      LaunchOptions.requireWritable(spec, "--checkpoint", checkpoint, "checkpoint.safetensors");
      LaunchOptions.requireFileName("--checkpoint", spec);
      LaunchOptions.requireNotTheInput(spec, "--checkpoint", checkpoint, "--csv", o.csv);
      requireReplaceable(spec, "--checkpoint", checkpoint);
    }
    // The model saved at the end would replace the run's last checkpoint, which a longer run
    // resumes from (the saved model holds no run to resume).
    check(spec, o.save == null || checkpoint == null
            || !LaunchOptions.samePath(o.save, checkpoint),
        "--save and --checkpoint name one file, %s: the saved model would replace the run's"
            + " checkpoint, and the run could not be resumed; give two paths", checkpoint);
    if (resume != null) {
      LaunchOptions.requireReadable(spec, "--resume", resume);
      // As with --checkpoint: the saved model would replace the checkpoint resumed from, and a
      // saved model holds no run, so the next --resume of the file would be refused.
      check(spec, o.save == null || !LaunchOptions.samePath(o.save, resume),
          "--save and --resume name one file, %s: the saved model would replace the checkpoint"
              + " the run resumes from, and the run could not be resumed again; give two paths"
              + " (--checkpoint %s goes on writing the run's checkpoint there)", resume, resume);
    }
    return chosen;
  }

  /** As train refuses it for --save, in its words: a usage error, before any work. */
  private static void requireReplaceable(CommandSpec spec, String option, Path file) {
    check(spec, !SafeTensors.holdsOtherContent(file), "%s %s would replace a file that is"
        + " not a safetensors checkpoint; give the path of a new file, or of a checkpoint to"
        + " replace (remove the file first if it is meant to go)", option, file);
  }

  private static void check(CommandSpec spec, boolean ok, String format, Object... args) {
    if (!ok) {
      throw usage(spec, format, args);
    }
  }

  private static boolean given(CommandSpec spec, String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }
}
