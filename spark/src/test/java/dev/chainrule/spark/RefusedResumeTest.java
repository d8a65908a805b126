package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume that {@link SparkTrainer#fit} refuses leaves the model and the driver's optimizer bit
 * for bit as they were, whichever check refuses it: a library caller who catches the exception
 * goes on with its own model, not a half-resumed one. The checks that refused after the
 * checkpoint had been loaded (the learning rate, the epochs left, early stopping's record and the
 * best weights beside it) now run before anything is loaded.
 *
 * <p>The checkpoint: a run with early stopping killed in epoch 1, after its fourth step, its
 * checkpoint written after every step (the last after its third), so its record has epoch 0 as
 * the best and that epoch's weights in a file beside it.
 */
class RefusedResumeTest {
  /** Every optimizer the tests' factories made, with its state as made: the driver's is one. */
  private static final List<Made> MADE = Collections.synchronizedList(new ArrayList<>());

  private record Made(Optimizer optimizer, Map<String, Tensor> state) {}

  private static final Dataset VALIDATION = TestData.blobs(60, 23);
  private static final UnaryOperator<SparkTrainer.Builder> STOPS = b -> b.earlyStopping(4);

  @TempDir
  static Path dir;

  private static JavaRDD<Shard> shards;
  private static Path checkpoint;

  @BeforeAll
  static void interrupted() {
    shards = Shards.parallelize(LocalSpark.context(), TestData.blobs(150, 11), 2);
    checkpoint = dir.resolve("run.safetensors");
    Sequential model = TestData.blobsModel(3);
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        if (batch.epoch() == 1 && batch.batch() == 3) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> builder(0.05, STOPS)
        .checkpointEverySteps(1, checkpoint).listener(crash).build()
        .fit(model, shards, VALIDATION));
  }

  /** A run of the blobs at {@code rate}, with {@code options}. */
  private static SparkTrainer.Builder builder(double rate,
      UnaryOperator<SparkTrainer.Builder> options) {
    OptimizerFactory recorded = m -> {
      Optimizer made = OptimizerChoice.ADAM.build(m, rate);
      MADE.add(new Made(made, made.state()));
      return made;
    };
    return options.apply(SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)),
        recorded).epochs(30).batchSize(16).seed(5));
  }

  /**
   * Resumes from {@code file} into a model of other weights than the checkpoint's, checks that
   * the resume is refused, and that the model and the driver's optimizer are as they were.
   *
   * @return the refusal's message
   */
  private static String refusedResume(Path file, double rate,
      UnaryOperator<SparkTrainer.Builder> options) {
    Sequential model = TestData.blobsModel(99);
    Map<String, Tensor> before = new LinkedHashMap<>();
    model.stateDict().forEach((name, t) -> before.put(name, t.copy()));  // loads assign in place
    assertNotEquals(SafeTensors.read(checkpoint).tensors().get("0.weight"), before.get("0.weight"),
        "the file's weights would show");
    MADE.clear();
    SparkTrainer trainer = builder(rate, options).resumeFrom(file).build();
    String message = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(model, shards, VALIDATION)).getMessage();
    assertEquals(before, model.stateDict(), "parameters, bit for bit (Tensor equality is exact)");
    Made driver = MADE.stream()
        .filter(m -> m.optimizer().parameters().get(0) == model.parameters().get(0)).findFirst()
        .orElseThrow();
    assertEquals(driver.state(), driver.optimizer().state(), "moments, step count and rate");
    return message;
  }

  @Test
  void anotherLearningRateChangesNothing() {
    assertEquals("resume: run.safetensors was trained at learning rate 0.05, this run asks for"
        + " 0.02; resume at the file's rate", refusedResume(checkpoint, 0.02, STOPS));
  }

  @Test
  void noEpochLeftChangesNothing() {
    assertEquals("resume: the checkpoint has done 1 epoch and 3 steps of the next; training for 1"
        + " leaves nothing to run", refusedResume(checkpoint, 0.05,
        b -> STOPS.apply(b).epochs(1)));
  }

  /**
   * The record of a run that stopped early refuses a resume without early stopping, as {@code
   * Trainer} refuses it: the run would go on past the stop and end with the last epoch's
   * weights, where the checkpoint's run ends with the best epoch's.
   */
  @Test
  void aResumeWithoutTheEarlyStoppingOfTheCheckpointsRunChangesNothing() {
    assertEquals("resume: run.safetensors holds early stopping's record (patience 4, best epoch"
        + " 1), and this run does not stop early; give it earlyStopping(4) (the launcher's"
        + " --patience 4) as the checkpoint's run had it: another patience goes on from the record"
        + " too, and one above the epochs left runs them all and ends with the best epoch's"
        + " weights", refusedResume(checkpoint, 0.05, b -> b));
  }

  @Test
  void missingBestWeightsChangeNothing() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("copy.safetensors");
    Files.copy(checkpoint, copy);  // without the file that it names beside it
    String beside = SafeTensors.list(copy).metadata()
        .get("chainrule.early_stopping.best_weights_file");
    assertTrue(Files.exists(dir.resolve(beside)), "beside the original: " + beside);
    assertEquals("resume: copy.safetensors: the best epoch's weights (epoch 1) were in " + beside
        + ", which does not exist beside it (deleted or moved?), so the run could not end with"
        + " them as the uninterrupted one would; put the file back beside the checkpoint",
        refusedResume(copy, 0.05, STOPS));
  }
}
