package dev.chainrule.spark.bench;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.spark.OptimizerFactory;
import dev.chainrule.spark.Shard;
import dev.chainrule.spark.Shards;
import dev.chainrule.spark.SparkTrainer;
import dev.chainrule.spark.Timing;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One measured configuration: the 784-256-128-10 ReLU MLP trained with SGD (lr 0.05) on the
 * benchmark's rows, on one machine or in Spark local mode, after an untimed warm-up epoch.
 *
 * @param where {@code one machine}, {@code local[1]}, {@code local[2]}
 * @param mode {@code trainer} (no Spark), {@code sync} or {@code average}
 * @param timing where a Spark run's time went, or null without Spark
 */
record Throughput(String where, String mode, double samplesPerSecond, double seconds,
    Timing timing) {
  static final List<Integer> HIDDEN = List.of(256, 128);
  static final double RATE = 0.05;

  /** Single-machine training with optim's Trainer: the reference without any Spark cost. */
  static Throughput trainer(Dataset data, BenchOptions o) {
    fit(model(data, o), data, 1, o);
    History timed = fit(model(data, o), data, o.epochs(), o);
    return new Throughput("one machine", "trainer", samples(timed) / timed.seconds(),
        timed.seconds(), null);
  }

  /** Training in Spark local mode with {@code threads} worker threads and as many shards. */
  static Throughput spark(Dataset data, BenchOptions o, int threads, SparkTrainer.Mode mode) {
    String master = "local[" + threads + "]";
    SparkConf conf = SparkTrainer.tuned(new SparkConf().setMaster(master)
        .setAppName("chainrule-spark bench").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      JavaRDD<Shard> shards = Shards.parallelize(sc, data, threads);
      fitOnSpark(data, o, shards, mode, 1);
      SparkTrainer.Result timed = fitOnSpark(data, o, shards, mode, o.epochs());
      History history = timed.history();
      return new Throughput(master, mode.toString(), samples(history) / history.seconds(),
          history.seconds(), timed.timing());
    }
  }

  private static SparkTrainer.Result fitOnSpark(Dataset data, BenchOptions o,
      JavaRDD<Shard> shards, SparkTrainer.Mode mode, int epochs) {
    Sequential model = model(data, o);
    ModelDescription description = ModelDescription.builder(Task.CLASSIFICATION,
            ModelDescription.layersOf(model)).dtype(model.dtype())
        .label("class", IntStream.range(0, 10).mapToObj(Integer::toString).toList()).build();
    SparkTrainer.Builder builder = SparkTrainer.builder(description,
            OptimizerFactory.of(OptimizerChoice.SGD, RATE))
        .epochs(epochs).batchSize(o.batchSize()).seed(1);
    if (mode == SparkTrainer.Mode.AVERAGE) {
      builder.averaging(o.localSteps());
    }
    return builder.build().fit(model, shards, null);
  }

  private static History fit(Sequential model, Dataset data, int epochs, BenchOptions o) {
    return Trainer.builder(model, SparkTrainer.lossOf(Task.CLASSIFICATION),
            OptimizerChoice.SGD.build(model, RATE))
        .epochs(epochs).batchSize(o.batchSize()).seed(1).build().fit(data);
  }

  private static Sequential model(Dataset data, BenchOptions o) {
    Sequential model = Mlp.of(data.featureCount(), HIDDEN, 10, Activation.relu(), 7L);
    if (o.dtype() != DType.FLOAT64) {
      model.to(o.dtype());
    }
    return model;
  }

  private static long samples(History history) {
    return history.epochs().stream().mapToLong(e -> e.samples()).sum();
  }
}
