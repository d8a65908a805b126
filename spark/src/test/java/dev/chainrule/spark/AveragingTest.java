package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.train.Evaluation;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parameter averaging learns the digits, and how it compares with synchronous training: the
 * program's {@code train} settings (64-32-10 ReLU network, Adam at 0.003, batches of 32, seed 42)
 * on the stratified 80 % of the 1,797 digits, on two shards, scored on the held-out 359.
 */
class AveragingTest {
  private static Problem digits;
  private static JavaRDD<Shard> shards;

  @BeforeAll
  static void shards() {
    digits = TestData.digits();
    shards = Shards.parallelize(LocalSpark.context(), digits.train(), 2);
  }

  private record Run(double accuracy, long steps) {}

  private static Run train(int epochs, Consumer<SparkTrainer.Builder> mode) {
    Sequential model = Mlp.of(64, List.of(32), 10, Activation.relu(), 42L);
    SparkTrainer.Builder builder = SparkTrainer.builder(digits.describe(model),
        OptimizerFactory.of(OptimizerChoice.ADAM, 0.003)).epochs(epochs).batchSize(32).seed(42);
    mode.accept(builder);
    SparkTrainer.Result result = builder.build().fit(model, shards, null);
    double accuracy = Metrics.accuracy(Evaluation.predict(model, digits.test().features()),
        digits.test().labels());
    System.out.printf(Locale.ROOT,
        "digits, %s, %d epochs: test accuracy %.4f after %d Spark jobs%n",
        builder.build(), epochs, accuracy, result.timing().steps());
    return new Run(accuracy, result.timing().steps());
  }

  /**
   * Sync takes 45 optimizer steps per epoch, each a Spark job. Averaging with K = 8 takes 3
   * rounds per epoch (each of the two replicas passes over its 719 rows in 23 local steps), so an
   * epoch makes half as many updates of the shared model, from batches of one shard at a time.
   * Measured: sync 3 epochs 0.9471 (135 jobs); averaging 6 epochs 0.9471 (18 jobs). The runs are
   * deterministic (seeded, and the sums of two shards do not depend on their order), so the
   * bounds need no room for chance: each sits under the measured value by the 0.0139 that 5 of
   * the 359 test digits make, and the two runs may differ by as much (measured equal).
   */
  @Test
  void averagingLearnsTheDigitsWithAFractionOfTheJobs() {
    Run sync = train(3, SparkTrainer.Builder::synchronous);
    Run averaged = train(6, b -> b.averaging(8));
    assertTrue(sync.accuracy() >= 0.93, "sync: " + sync);
    assertTrue(averaged.accuracy() >= 0.93, "averaging: " + averaged);
    // Counted in test digits: at most the 5 that each floor allows (measured: none).
    int tests = digits.test().labels().dim(0);
    long digitsApart = Math.round(Math.abs(averaged.accuracy() - sync.accuracy()) * tests);
    assertTrue(digitsApart <= 5, "sync " + sync + ", averaging " + averaged);
    assertTrue(averaged.steps() * 5 <= sync.steps(), "sync " + sync + ", averaging " + averaged);
  }
}
