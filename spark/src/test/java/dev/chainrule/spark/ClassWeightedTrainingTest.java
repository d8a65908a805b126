package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SparkTrainer.Builder.crossEntropy}: a class-weighted, label-smoothed run is {@code
 * Trainer}'s with the same loss, epoch losses included; its checkpoints record the loss as the
 * program's files do, and a resume with another loss is refused naming both.
 */
class ClassWeightedTrainingTest {
  private static final CrossEntropyOptions OPTIONS = CrossEntropyOptions.none()
      .withClassWeights(1, 4, 0.25).withLabelSmoothing(0.1);
  private static final OptimizerFactory MOMENTUM =
      OptimizerFactory.of(OptimizerChoice.MOMENTUM, 0.1);

  @TempDir
  static Path dir;

  private static Dataset data;
  private static JavaRDD<Shard> shards;
  private static Path checkpoint;

  @BeforeAll
  static void interrupted() {
    data = TestData.blobs(150, 11);
    shards = Shards.parallelize(LocalSpark.context(), data, 3);
    checkpoint = dir.resolve("weighted.safetensors");
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        if (batch.epoch() == 1 && batch.batch() == 3) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> builder(b -> b.crossEntropy(OPTIONS))
        .checkpointEverySteps(1, checkpoint).listener(crash).build()
        .fit(TestData.blobsModel(3), shards, null));
  }

  private static SparkTrainer.Builder builder(UnaryOperator<SparkTrainer.Builder> loss) {
    return loss.apply(SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)),
        MOMENTUM).epochs(2).batchSize(16).seed(5));
  }

  /**
   * Two epochs of momentum SGD in batches of 16 on three shards: the parameters are {@code
   * Trainer}'s to 1e-12 of their largest magnitude, and so is each epoch's loss, the weighted
   * mean over its rows (batches weighed by Σ w_y). The bound is SyncEquivalenceTest's, for the
   * same reason: only the grouping of sums differs. The epoch loss with batches weighed by their
   * rows differs by more than 1e-4, so the bound checks the weighting.
   */
  @Test
  void trainsAsTrainerDoesWithTheSameLoss() {
    Sequential alone = TestData.blobsModel(3);
    List<BatchResult> batches = new ArrayList<>();
    History single = Trainer.builder(alone, Loss.softmaxCrossEntropy(OPTIONS),
            OptimizerChoice.MOMENTUM.build(alone, 0.1))
        .epochs(2).batchSize(16).seed(5).updateInBackward(false)
        .listener(new TrainingListener() {
          @Override
          public void onBatchEnd(BatchResult batch) {
            batches.add(batch);
          }
        }).build().fit(data);

    Sequential distributed = TestData.blobsModel(3);
    History spark = builder(b -> b.crossEntropy(OPTIONS)).build()
        .fit(distributed, shards, null).history();

    double difference = TestData.largestRelativeDifference(distributed, alone);
    assertTrue(difference <= 1e-12, "largest relative difference " + difference);
    double byRows = 0;
    double rows = 0;
    for (BatchResult b : batches.subList(0, 10)) {
      byRows += b.loss() * b.samples();
      rows += b.samples();
    }
    for (int e = 0; e < 2; e++) {
      assertEquals(single.epochs().get(e).trainLoss(), spark.epochs().get(e).trainLoss(),
          1e-12);
    }
    assertTrue(Math.abs(byRows / rows - spark.epochs().get(0).trainLoss()) > 1e-4,
        "rows' weighting " + byRows / rows + ", weights' " + spark.epochs().get(0).trainLoss());
  }

  /**
   * The file holds the program's entries, and a resume with the same loss ends where the
   * uninterrupted run does: the interrupted epoch's loss, weighted over the rows before and
   * after the interruption, to 1e-12 (a sum of the same terms, split at the checkpoint), the
   * parameters to SyncEquivalenceTest's bound.
   */
  @Test
  void theLossIsRecordedAndAResumeWithItGoesOn() {
    Map<String, String> metadata = SafeTensors.list(checkpoint).metadata();
    assertEquals("1.0,4.0,0.25", metadata.get(ClassWeighting.WEIGHTS_KEY));
    assertEquals("given", metadata.get(ClassWeighting.RULE_KEY));
    assertEquals("0.1", metadata.get(ClassWeighting.SMOOTHING_KEY));

    Sequential uninterrupted = TestData.blobsModel(3);
    History whole = builder(b -> b.crossEntropy(OPTIONS)).build()
        .fit(uninterrupted, shards, null).history();
    Sequential resumed = TestData.blobsModel(3);
    History rest = builder(b -> b.crossEntropy(OPTIONS)).resumeFrom(checkpoint).build()
        .fit(resumed, shards, null).history();
    assertEquals(whole.epochs().get(1).trainLoss(), rest.epochs().get(0).trainLoss(), 1e-12);
    double difference = TestData.largestRelativeDifference(resumed, uninterrupted);
    assertTrue(difference <= 1e-12, "largest relative difference " + difference);
  }

  @Test
  void aResumeWithOtherWeightsOrSmoothingIsRefused() {
    assertEquals("resume: weighted.safetensors was trained with class weights 1.0,4.0,0.25, this"
        + " run has 1.0,4.0,0.5; resuming would train on another loss than the file's (set by"
        + " the launcher's --class-weights)", refused(checkpoint, b -> b.crossEntropy(
            OPTIONS.withClassWeights(1, 4, 0.5))));
    assertEquals("resume: weighted.safetensors was trained with class weights 1.0,4.0,0.25, this"
        + " run has none; resuming would train on another loss than the file's (set by the"
        + " launcher's --class-weights)", refused(checkpoint, b -> b));
    assertEquals("resume: weighted.safetensors was trained with label smoothing 0.1, this run"
        + " has 0.2; resuming would train on another loss than the file's (set by the"
        + " launcher's --label-smoothing)", refused(checkpoint, b -> b.crossEntropy(
            OPTIONS.withLabelSmoothing(0.2))));
  }

  /**
   * A checkpoint without {@code epoch_weight} was written before class weights were (an
   * unweighted run's, whose epoch weight is its samples, so Progress.of takes those: the old
   * behaviour exactly). One that records class weights without it was edited: resuming would
   * divide the steps before it by their rows and those after by their Σ w_y, a figure that is
   * neither mean, so it is refused, naming both entries.
   */
  @Test
  void aWeightedCheckpointWithoutEpochWeightIsRefused() {
    Checkpoint file = SafeTensors.read(checkpoint);
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    metadata.remove(Progress.PREFIX + "epoch_weight");
    Path edited = dir.resolve("edited.safetensors");
    SafeTensors.write(edited, file.tensors(), metadata);
    assertEquals("edited.safetensors: the metadata records class weights (\""
        + ClassWeighting.WEIGHTS_KEY + "\") but not the epoch's weight so far (\""
        + Progress.PREFIX + "epoch_weight\"), which a weighted epoch's loss needs: the file"
        + " was edited", refused(edited, b -> b.crossEntropy(OPTIONS)));
  }

  /** A file without the entries, a plain run's, was trained on the plain cross-entropy. */
  @Test
  void aPlainFileIsThePlainLoss() {
    Path plain = dir.resolve("plain.safetensors");
    SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)), MOMENTUM).epochs(1)
        .batchSize(50).seed(5).checkpointEverySteps(100, plain).build()
        .fit(TestData.blobsModel(3), shards, null);
    assertFalse(SafeTensors.list(plain).metadata().keySet().stream()
        .anyMatch(k -> k.startsWith("chainrule.class_weights")
            || k.equals(ClassWeighting.SMOOTHING_KEY)));
    assertEquals("resume: plain.safetensors was trained with class weights none, this run has"
        + " 1.0,4.0,0.25; resuming would train on another loss than the file's (set by the"
        + " launcher's --class-weights)", refused(plain, b -> b.crossEntropy(OPTIONS)
            .batchSize(50)));
  }

  private static String refused(Path file, UnaryOperator<SparkTrainer.Builder> loss) {
    SparkTrainer trainer = builder(loss).resumeFrom(file).build();
    return assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(TestData.blobsModel(3), shards, null)).getMessage();
  }

  @Test
  void theOptionsAreRefusedWhereTheyDoNotFit() {
    Sequential regression = Mlp.of(4, List.of(8), 2, Activation.tanh(), 1L);
    ModelDescription described = ModelDescription.builder(Task.REGRESSION,
        ModelDescription.layersOf(regression)).build();
    SparkTrainer.Builder builder = SparkTrainer.builder(described, MOMENTUM);
    assertEquals("spark: class weights and label smoothing are options of the softmax"
        + " cross-entropy of a classification; this network's task is regression, whose loss is"
        + " mean-squared-error (mean)", assertThrows(IllegalArgumentException.class,
            () -> builder.crossEntropy(CrossEntropyOptions.none().withLabelSmoothing(0.1)))
        .getMessage());
    SparkTrainer.Builder blobs =
        SparkTrainer.builder(TestData.describeBlobs(TestData.blobsModel(3)), MOMENTUM);
    assertEquals("spark: 2 class weights for a network of 3 outputs (classes): give one weight"
        + " per class", assertThrows(IllegalArgumentException.class,
            () -> blobs.crossEntropy(CrossEntropyOptions.none().withClassWeights(1, 2)))
        .getMessage());
  }
}
