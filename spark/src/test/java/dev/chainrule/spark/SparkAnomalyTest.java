package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Throwables;
import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.DivergenceException;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anomaly detection reaches the executors, whose threads the driver's scope does not: the first
 * non-finite value stops the run naming the op, as it does on one machine.
 */
class SparkAnomalyTest {
  private static final Dataset DATA = TestData.blobs(64, 3);

  /** The blobs network with infinite first-layer weights: its first product is not finite. */
  private static Sequential brokenModel() {
    Sequential model = TestData.blobsModel(3);
    Tensor weight = model.parameters().get(0).value();
    weight.assignInPlace(weight.mul(Double.POSITIVE_INFINITY));
    return model;
  }

  private static Throwable fit(SparkTrainer.Builder builder, Sequential model) {
    return assertThrows(Throwable.class, () -> builder.epochs(1).batchSize(16).seed(5)
        .build().fit(model, Shards.parallelize(LocalSpark.context(), DATA, 2), null));
  }

  private static SparkTrainer.Builder builder(Sequential model) {
    return SparkTrainer.builder(TestData.describeBlobs(model),
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1));
  }

  @Test
  void withoutDetectionTheRunStopsAtItsNonFiniteLoss() {
    Sequential model = brokenModel();
    Throwable e = fit(builder(model), model);
    assertTrue(e instanceof DivergenceException, () -> Throwables.getStackTraceAsString(e));
  }

  @Test
  void synchronousStepsNameTheOpOnTheExecutor() {
    Sequential model = brokenModel();
    AnomalyException anomaly = anomalyIn(fit(builder(model).detectAnomaly(), model));
    assertEquals(AnomalyException.Phase.FORWARD, anomaly.phase());
    assertTrue(anomaly.findings().startsWith("anomaly in the forward pass: '"),
        anomaly::findings);
    // Serialized from the executor whole: what the op's inputs held, and what it produced.
    assertFalse(anomaly.inputs().isEmpty(), anomaly::findings);
    assertFalse(anomaly.found().allFinite(), anomaly::findings);
    assertTrue(anomaly.inputsWereNonFinite(), "the infinite weights came in");
  }

  @Test
  void averagingReplicasNameTheOpOnTheExecutor() {
    Sequential model = brokenModel();
    AnomalyException anomaly = anomalyIn(fit(builder(model).averaging(2).detectAnomaly(),
        model));
    assertEquals(AnomalyException.Phase.FORWARD, anomaly.phase());
  }

  /**
   * The launcher's option: SGD at 1e308 sends the weights past what a product can hold after
   * one step, and the second step's forward pass overflows on an executor. Its line names the
   * op, not Spark's job failure (whose message is a stack trace).
   */
  @Test
  void theLauncherPrintsTheFindingsInOneLine(@TempDir Path dir) throws Exception {
    Path csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
        "--optimizer", "sgd", "--lr", "1e308", "--detect-anomaly");
    assertEquals(1, run.code(), run.out());
    assertTrue(run.err().startsWith("error: anomaly in the forward pass: '"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertFalse(run.err().contains("created at"), run.err());
  }

  /** Thrown as itself, as Trainer throws it: not inside Spark's job failure. */
  private static AnomalyException anomalyIn(Throwable e) {
    assertTrue(e instanceof AnomalyException, () -> Throwables.getStackTraceAsString(e));
    return (AnomalyException) e;
  }

}
