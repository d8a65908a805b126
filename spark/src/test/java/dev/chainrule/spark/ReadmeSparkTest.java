package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Spark example, verbatim but for the folder of the checkpoint. */
class ReadmeSparkTest {
  @Test
  void readmeExample(@TempDir Path folder) {
    JavaSparkContext sc = LocalSpark.context();
    Problem digits = TestData.digits();
    Path checkpointFile = folder.resolve("digits-run.safetensors");

    Sequential model = Mlp.of(64, List.of(32), 10, Activation.relu(), 42L);
    SparkTrainer trainer = SparkTrainer.builder(digits.describe(model),
            m -> Adam.builder().learningRate(0.003).build(m))  // runs on executors too
        .averaging(8)                                          // leave out: synchronous SGD
        .epochs(6).batchSize(32).seed(42)
        .checkpointEverySteps(10, checkpointFile)
        .build();
    Dataset rows = Shards.dealt(digits.train(), 42L);  // classes mixed: each shard sees all
    SparkTrainer.Result result =
        trainer.fit(model, Shards.parallelize(sc, rows, 2), digits.test());
    System.out.println(result.history().last() + "\n" + result.timing());

    assertTrue(result.history().last().validationAccuracy() >= 0.93,
        result.history().last().toString());
    assertEquals(18, result.timing().steps(), "6 epochs of 3 rounds");
    assertEquals(digits.describe(model),
        ModelCheckpoint.loadDescribed(checkpointFile).description());
  }
}
