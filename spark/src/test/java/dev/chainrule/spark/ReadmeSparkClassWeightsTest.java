package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.Evaluation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Spark example of class weights, verbatim, on the program's imbalanced test file
 * (classes a, b, c as 6:2:1, {@link TestData#imbalanced}) read as the launcher reads it.
 */
class ReadmeSparkClassWeightsTest {
  @Test
  void readmeExample(@TempDir Path folder) throws Exception {
    JavaSparkContext sc = LocalSpark.context();
    Path csv = TestData.imbalanced(folder.resolve("kinds.csv"));
    Problem problem = CsvProblems.read(new CsvProblems.Request(csv, ',', "kind", false, 0.2,
        null, null, MissingValues.REJECT, DType.FLOAT64, 42L, new Validation(0, 0)),
        new PrintWriter(new StringWriter())).problem();

    Sequential model = Mlp.of(problem.inputs(), List.of(32), problem.outputs(),
        Activation.relu(), 42L);
    double[] balanced = ClassWeighting.balanced(problem.train(), problem.classNames());
    SparkTrainer trainer = SparkTrainer.builder(problem.describe(model),
            m -> Adam.builder().learningRate(0.01).build(m))
        .crossEntropy(CrossEntropyOptions.none()
            .withClassWeights(balanced)  // N/(K·n_k), the launcher's --class-weights balanced
            .withLabelSmoothing(0.05), ClassWeighting.BALANCED)
        .epochs(20).batchSize(32).seed(42)
        .build();
    SparkTrainer.Result result =
        trainer.fit(model, Shards.parallelize(sc, problem.train(), 2), problem.test());

    // 72 training rows, 48:16:8: N/(K·n_k) = 72/144, 72/48, 72/24, each exact in binary.
    assertArrayEquals(new double[] {0.5, 1.5, 3}, balanced, 0.0);
    ConfusionMatrix confusion = Metrics.confusion(Evaluation.predict(model,
        problem.test().features()), problem.test().labels(), problem.outputs());
    System.out.println(result.history().last() + "\nbalanced accuracy "
        + confusion.balancedAccuracy());
    // Measured 1.0 on the 18 test rows (12 a, 4 b, 2 c); the run is deterministic (seeded, and
    // two shards' sums do not depend on their order): the bound leaves room for one b missed.
    assertTrue(confusion.balancedAccuracy() >= 0.9, "balanced accuracy "
        + confusion.balancedAccuracy());
    List<Double> losses = result.history().trainLosses();
    assertTrue(losses.get(losses.size() - 1) < losses.get(0) / 2, "losses " + losses);
  }
}
