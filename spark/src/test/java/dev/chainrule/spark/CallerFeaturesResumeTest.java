package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library caller names its features in the description it gives the trainer: a resume file
 * with other ones contradicts that choice, and the refusal says so, naming the description, not
 * the launcher's --features or --drop, which the caller never used (the trainer's default took
 * every caller's features for the launcher's options).
 */
class CallerFeaturesResumeTest {
  @TempDir
  Path dir;

  private static ModelDescription described(Sequential model, List<String> features) {
    return ModelDescription.builder(Task.CLASSIFICATION, ModelDescription.layersOf(model))
        .dtype(model.dtype()).features(features, null).label("class", List.of("a", "b", "c"))
        .build();
  }

  @Test
  void otherFeaturesContradictTheCallersDescription() {
    JavaRDD<Shard> shards =
        Shards.parallelize(LocalSpark.context(), TestData.blobs(60, 11), 2);
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential first = TestData.blobsModel(3);
    OptimizerFactory adam = OptimizerFactory.of(OptimizerChoice.ADAM, 0.01);
    SparkTrainer.builder(described(first, List.of("a", "b", "c", "d")), adam).epochs(1)
        .batchSize(16).checkpointEverySteps(10, checkpoint).build().fit(first, shards, null);

    Sequential second = TestData.blobsModel(3);
    SparkTrainer resumed = SparkTrainer.builder(
            described(second, List.of("x1", "x2", "x3", "x4")), adam)
        .epochs(2).batchSize(16).resumeFrom(checkpoint).build();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> resumed.fit(second, shards, null));
    assertEquals("resume: run.safetensors holds another model or was trained on other data: its"
        + " features [a, b, c, d], this run's [x1, x2, x3, x4] (set by the description given to"
        + " SparkTrainer.builder)", refused.getMessage());
    // A choice contradicted, as the launcher's --features is: its usage error, not a failure.
    assertInstanceOf(ResumeContradiction.class, refused);
  }
}
