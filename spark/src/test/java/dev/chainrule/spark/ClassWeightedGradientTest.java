package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.BatchPass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A class-weighted mean divides by Σ w_y over the whole batch: the gradient Spark combines from
 * its shards is the one {@code Trainer}'s pass computes on the batch with the same {@code
 * CrossEntropyLoss}. The 150 rows are sorted by class, so the three shards hold different class
 * mixes (the first mostly class 0, the last mostly class 2) and a mean per shard, or shards
 * weighed by their rows, would be wrong; each test shows by how much, so that the bound of
 * 1e-12 is seen to tell the two apart.
 */
class ClassWeightedGradientTest {
  private static final int ROWS = 150;
  private static final long SEED = 5;
  private static Dataset data;
  private static JavaRDD<Shard> shards;

  @BeforeAll
  static void sortedByClass() {
    Dataset blobs = TestData.blobs(ROWS, 11);
    int[] labels = blobs.classIndices();
    int[] order = IntStream.range(0, ROWS).boxed()
        .sorted((a, b) -> Integer.compare(labels[a], labels[b]))
        .mapToInt(Integer::intValue).toArray();
    data = blobs.subset(order);
    shards = Shards.parallelize(LocalSpark.context(), data, 3);
  }

  private static CrossEntropyOptions options(String weights, double epsilon) {
    CrossEntropyOptions options = CrossEntropyOptions.none().withLabelSmoothing(epsilon);
    return weights.isEmpty() ? options : options.withClassWeights(
        Arrays.stream(weights.split(";")).mapToDouble(Double::parseDouble).toArray());
  }

  /**
   * Every step of an epoch in batches of 40 (the last of 30): the summed shards' gradient is
   * the batch's to 1e-12 of each parameter's largest gradient element. Both sum the same
   * products, grouped differently (three shards' sums, then their sum, then one division by
   * Σ w_y), which changes a result by a few ulps (1e-16 relative); 1e-12 leaves a factor of 10⁴
   * for the elements whose gradient is a small difference of large terms. The step's loss is
   * the batch's weighted mean to the same bound, for the same reason.
   */
  @ParameterizedTest(name = "weights [{0}], ε {1}")
  @CsvSource({"'1;4;0.25', 0", "'1;4;0.25', 0.1", "'', 0.1", "'0;3;1', 0"})
  void syncGradientIsTheWholeBatchs(String weights, double epsilon) {
    double perShardMeanError = syncDifference(data, shards, weights, epsilon);
    if (!weights.isEmpty()) {
      // Where the weights differ, shards weighed by their rows are wrong by far more than 1e-12.
      assertTrue(perShardMeanError > 1e-3, "a mean per shard is only " + perShardMeanError);
    }
  }

  /**
   * Rows of probabilities (one-hot here) take the weights as a summed loss does and average over
   * the rows, as {@code CrossEntropies} has it: the shards' parts must divide by the rows, not by
   * Σ w_y (which trained about max(w) times too weakly). Same bound and reason as above.
   */
  @ParameterizedTest(name = "weights [{0}], ε {1}")
  @CsvSource({"'1;4;0.25', 0", "'1;4;0.25', 0.1"})
  void syncGradientOfRowsOfProbabilitiesIsTheWholeBatchs(String weights, double epsilon) {
    Dataset soft = data.withOneHotLabels(3);
    JavaRDD<Shard> softShards = Shards.parallelize(LocalSpark.context(), soft, 3);
    syncDifference(soft, softShards, weights, epsilon);
  }

  /**
   * Checks each sync step of an epoch against the batch's pass (gradient and loss within
   * 1e-12) and returns how far a mean per shard would be.
   */
  private static double syncDifference(Dataset rows, JavaRDD<Shard> parts, String weights,
      double epsilon) {
    CrossEntropyOptions options = options(weights, epsilon);
    Sequential model = TestData.blobsModel(3);
    ModelDescription description = TestData.describeBlobs(model);
    TrainingLoss loss = TrainingLoss.of(description, options, ClassWeighting.GIVEN);
    Settings settings = new Settings(SparkTrainer.Mode.SYNC, 0, 1, 40, SEED, 2, 0, false);
    Broadcast<ModelDescription> describe = LocalSpark.context().broadcast(description);
    SyncSteps steps = new SyncSteps(parts, describe, model,
        OptimizerFactory.of(OptimizerChoice.SGD, 0.1).create(model), ROWS, settings, loss);
    int[] order = MiniBatches.shuffledOrder(ROWS, SEED, 0);
    double worst = 0;
    double perShardMeanError = 0;
    for (int step = 0; step < steps.perEpoch(); step++) {
      int[] batch = Arrays.copyOfRange(order, step * 40, Math.min(step * 40 + 40, ROWS));
      Sequential alone = copyOf(model);
      BatchPass.Result reference = BatchPass.of(alone, loss.batchLoss())
          .run(() -> rows.subset(batch), perSample -> { });
      List<Tensor> expected = gradients(alone);
      perShardMeanError = Math.max(perShardMeanError,
          difference(perShardMeans(rows, model, loss.batchLoss(), batch), expected));

      Step computed = steps.compute(0, step, false);
      assertEquals(reference.loss(), computed.meanLoss(), 1e-12 * reference.loss());
      assertEquals(reference.meanWeight(), computed.weight(), 1e-12 * reference.meanWeight());
      computed.apply().run();
      worst = Math.max(worst, difference(gradients(model), expected));
    }
    describe.destroy();
    System.out.printf(Locale.ROOT,
        "weights [%s], ε %s: gradient within %.2e of the batch's; a mean per"
        + " shard is %.2e off%n", weights, epsilon, worst, perShardMeanError);
    assertTrue(worst <= 1e-12, "largest relative difference " + worst);
    return perShardMeanError;
  }

  /**
   * Averaging with one local step of plain SGD (learning rate 1) per replica: the averaged
   * parameters are θ − Σ (D_s/D) g_s for replicas weighed by their batches' Σ w_y, D_s, which is
   * θ minus the gradient of the weighted mean over all the replicas' batches together. It is
   * read back as θ before − θ after, which adds a rounding of the parameters (1e-16 of |θ| ≈ 1,
   * against gradients of 0.01 to 1): 1e-12 of the largest gradient element still leaves a
   * factor of 100 or more. Replicas weighed by their rows, as before class weights, are off by
   * more than 1e-3.
   */
  @ParameterizedTest(name = "weights [{0}], ε {1}")
  @CsvSource({"'1;4;0.25', 0", "'2;0.5;1', 0.2"})
  void oneLocalStepAveragesToTheWholeBatchsStep(String weights, double epsilon) {
    CrossEntropyOptions options = options(weights, epsilon);
    Sequential model = TestData.blobsModel(3);
    Sequential before = copyOf(model);
    ModelDescription description = TestData.describeBlobs(model);
    TrainingLoss loss = TrainingLoss.of(description, options, ClassWeighting.GIVEN);
    Settings settings = new Settings(SparkTrainer.Mode.AVERAGE, 1, 1, 20, SEED, 2, 0, false);
    Broadcast<ModelDescription> describe = LocalSpark.context().broadcast(description);
    OptimizerFactory sgd = OptimizerFactory.of(OptimizerChoice.SGD, 1.0);
    AveragingSteps rounds = new AveragingSteps(shards, describe, sgd, model, sgd.create(model),
        50, settings, loss);
    // Each replica's first local batch of round 0, as global rows.
    RoundInput input = new RoundInput(null, null, 0, 0, 1, 20, SEED);
    List<int[]> batches = new ArrayList<>();
    for (Shard shard : Shards.split(data, 3)) {
      batches.add(Arrays.stream(input.batchesOf(shard)[0]).map(r -> r + shard.firstRow())
          .toArray());
    }
    int[] union = batches.stream().flatMapToInt(Arrays::stream).toArray();
    Sequential alone = copyOf(before);
    BatchPass.of(alone, loss.batchLoss()).run(() -> data.subset(union), perSample -> { });
    List<Tensor> expected = gradients(alone);
    // Replicas weighed by their rows: each one's batch mean's gradient, times its share of rows.
    List<Tensor> byRows = null;
    for (int[] rows : batches) {
      Sequential replica = copyOf(before);
      BatchPass.of(replica, loss.batchLoss()).run(() -> data.subset(rows), perSample -> { });
      byRows = add(byRows, scaled(gradients(replica), (double) rows.length / union.length));
    }

    rounds.compute(0, 0, false).apply().run();
    describe.destroy();
    List<Tensor> stepped = new ArrayList<>();
    for (int i = 0; i < model.parameters().size(); i++) {
      stepped.add(before.parameters().get(i).value().sub(model.parameters().get(i).value()));
    }
    double worst = difference(stepped, expected);
    double rowsError = difference(byRows, expected);
    System.out.printf(Locale.ROOT,
        "averaging, weights [%s], ε %s: step within %.2e of the whole batch's;"
        + " replicas weighed by rows %.2e off%n", weights, epsilon, worst, rowsError);
    assertTrue(worst <= 1e-12, "largest relative difference " + worst);
    assertTrue(rowsError > 1e-3, "weighing by rows is only " + rowsError + " off");
  }

  /**
   * The wrong combination: each shard's own weighted mean, weighed by its share of the rows (a
   * shard whose rows all weigh 0 has no mean, and is left out).
   */
  private static List<Tensor> perShardMeans(Dataset rows, Sequential model, Loss loss,
      int[] batch) {
    List<Tensor> sum = null;
    for (Shard shard : Shards.split(rows, 3)) {
      int[] local = shard.localRows(batch);
      if (local.length == 0) {
        continue;
      }
      Sequential part = copyOf(model);
      try {
        BatchPass.of(part, loss).run(() -> shard.dataset().subset(local), perSample -> { });
      } catch (IllegalArgumentException everyRowWeighsNothing) {
        continue;
      }
      sum = add(sum, scaled(gradients(part), (double) local.length / batch.length));
    }
    return sum;
  }

  private static Sequential copyOf(Sequential model) {
    Sequential copy = TestData.blobsModel(3);
    Replica.assign(copy, Replica.parameters(model));
    return copy;
  }

  private static List<Tensor> gradients(Sequential model) {
    return model.parameters().stream().map(p -> p.grad().copy()).toList();
  }

  private static List<Tensor> scaled(List<Tensor> tensors, double factor) {
    return tensors.stream().map(t -> t.mul(factor)).toList();
  }

  private static List<Tensor> add(List<Tensor> sum, List<Tensor> more) {
    if (sum == null) {
      return more;
    }
    return IntStream.range(0, sum.size()).mapToObj(i -> sum.get(i).add(more.get(i))).toList();
  }

  /** ‖a − b‖∞ / ‖b‖∞ per parameter, the largest over parameters. */
  private static double difference(List<Tensor> a, List<Tensor> b) {
    double worst = 0;
    for (int i = 0; i < a.size(); i++) {
      double scale = b.get(i).abs().max().item();
      worst = Math.max(worst, a.get(i).sub(b.get(i)).abs().max().item() / scale);
    }
    return worst;
  }
}
