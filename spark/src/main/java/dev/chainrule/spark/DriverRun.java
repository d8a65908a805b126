package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.TrainingInterruptedException;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * What {@link SparkTrainer#fit} does on the driver with a built trainer's options, in order:
 * refuse what cannot train ({@link TrainingRefusals}), try the optimizer factory on a copy of
 * the model, build the driver's optimizer, choose the mode's {@link Step.Runner}, resume from a
 * checkpoint ({@link SparkCheckpoints#resume}, checked on the copy before the model changes),
 * and run the epochs ({@link EpochLoop}), a failed Spark job rethrown as its task's own
 * exception, the job of a run interrupted while it ran cancelled. The trainer's public class keeps
 * the options and their documentation.
 *
 * @param patience epochs without a lower validation loss before the run stops; 0 runs all
 * @param checkpointEvery steps (rounds) between checkpoints; 0 for none
 * @param checkpointFile where checkpoints go, or null
 * @param resumeFile the checkpoint to resume from, or null
 * @param features who named the description's features, for a resume's refusal
 */
record DriverRun(ModelDescription description, OptimizerFactory optimizer, Settings settings,
    TrainingLoss loss, int patience, int checkpointEvery, Path checkpointFile, Path resumeFile,
    FeatureSource features, List<TrainingListener> listeners) {

  /** One run of {@link SparkTrainer#fit}, which documents its arguments and refusals. */
  SparkTrainer.Result fit(Sequential model, JavaRDD<Shard> shards, Dataset validation) {
    checkNotNull(model, "spark: model is null");
    checkNotNull(shards, "spark: shards are null");
    TrainingRefusals.requireFittable(description, model, validation, patience);
    ShardLayout layout = ShardLayout.of(shards, description);
    // The factory is tried on a copy first: updates in backward it registered on the model
    // itself would stay there, refused or not, for the next trainer to apply. A resume then
    // loads its file into the copy and its optimizer, to check it there (SparkCheckpoints).
    Sequential copy = description.toModule();
    Optimizer trial = optimizer.create(copy);
    TrainingRefusals.requireDescent(trial);
    TrainingRefusals.requireStepping(copy, true);
    Optimizer driverOptimizer = optimizer.create(model);
    TrainingRefusals.requireOwnParameters(model, driverOptimizer);
    SparkCheckpoints checkpoints = new SparkCheckpoints(description, settings, loss,
        layout.rows(), layout.count(), features);
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(shards.context());
    Broadcast<ModelDescription> describe = spark.broadcast(description);
    // The run's jobs carry a tag of their own, beside any the caller's thread has: a run
    // interrupted while a step's job runs cancels that job, which went on in the background.
    String tag = "chainrule-run-" + UUID.randomUUID();
    spark.addJobTag(tag);
    try {
      Step.Runner runner = settings.mode() == SparkTrainer.Mode.SYNC
          ? new SyncSteps(shards, describe, model, driverOptimizer, layout.rows(), settings, loss)
          : new AveragingSteps(shards, describe, optimizer, model, driverOptimizer,
              layout.largest(), settings, loss);
      // Every check of the resume runs, on the copy, before it changes the model: a caller who
      // catches its refusal keeps the model and the optimizer as they were.
      SparkCheckpoints.Resumed resumed = resumeFile == null ? null : checkpoints.resume(
          resumeFile, model, driverOptimizer, copy, trial, patience, runner.perEpoch());
      Progress start = resumed == null ? Progress.START : resumed.progress();
      EpochLoop loop = new EpochLoop(model, driverOptimizer, loss.batchLoss(),
          validation, listeners, checkpoints, checkpointEvery, checkpointFile, patience);
      try (Autograd.Scope anomaly = settings.detectAnomaly() ? Autograd.detectAnomaly() : null) {
        return loop.run(runner, start, resumed == null ? null : resumed.run(),
            settings.epochs());
      } catch (Exception e) {  // Spark throws its checked SparkException undeclared
        TaskFailure.rethrowTask(e);
        throw e;
      }
    } catch (TrainingInterruptedException e) {
      spark.cancelJobsWithTag(tag, "the thread training with chainrule was interrupted");
      throw e;
    } finally {
      spark.removeJobTag(tag);
      destroy(describe);
    }
  }

  /**
   * Frees the description's broadcast. Its removal waits for Spark's answer, which an interrupted
   * thread does not: the run stopped as interrupted then threw Spark's InterruptedException from
   * here instead, and left the broadcast behind. The interrupt status is cleared for the wait
   * and set again.
   */
  private static void destroy(Broadcast<ModelDescription> describe) {
    boolean interrupted = Thread.interrupted();
    try {
      Broadcasts.release(describe);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
