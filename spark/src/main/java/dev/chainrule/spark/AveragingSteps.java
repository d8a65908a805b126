package dev.chainrule.spark;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.model.ModelDescription;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Parameter averaging (local SGD): each round broadcasts the parameters and the optimizer's
 * state, every shard's replica takes up to K optimizer steps on its own rows, and the driver
 * replaces its parameters and optimizer state with the replicas' averages, weighted by what
 * each one's batches weigh in the loss: the samples, or their Σ w_y with class weights ({@link
 * ReplicaSum}; {@link PackedState} says how state is averaged); a parameter no replica changed
 * keeps its value bit for bit. An epoch is one pass of every shard over its own rows:
 * ⌈(largest shard's local batches) / K⌉ rounds.
 */
final class AveragingSteps implements Step.Runner {
  private final JavaRDD<Shard> shards;
  private final Broadcast<ModelDescription> description;
  private final OptimizerFactory factory;
  private final Sequential model;
  private final Optimizer optimizer;
  private final int largestShard;
  private final Settings settings;
  private final TrainingLoss loss;

  AveragingSteps(JavaRDD<Shard> shards, Broadcast<ModelDescription> description,
      OptimizerFactory factory, Sequential model, Optimizer optimizer, int largestShard,
      Settings settings, TrainingLoss loss) {
    this.shards = shards;
    this.description = description;
    this.factory = factory;
    this.model = model;
    this.optimizer = optimizer;
    this.largestShard = largestShard;
    this.settings = settings;
    this.loss = loss;
  }

  @Override
  public JavaRDD<Shard> shards() {
    return shards;
  }

  @Override
  public String stepName() {
    return "round";
  }

  @Override
  public int perEpoch() {
    int batches = RoundInput.batchesPerEpoch(largestShard, settings.batchSize());
    return RoundInput.ceilDiv(batches, settings.localSteps());
  }

  @Override
  public Step compute(int epoch, int round, boolean scoreChance) {
    long start = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(shards.context());
    Broadcast<RoundInput> input = sc.broadcast(new RoundInput(Replica.parameters(model),
        PackedState.of(optimizer.state()), epoch, round, settings.localSteps(),
        settings.batchSize(), settings.seed(), scoreChance, Replica.frozen(model)));
    long broadcast = System.nanoTime();
    Broadcast<ModelDescription> describe = description;
    OptimizerFactory build = factory;
    boolean anomaly = settings.detectAnomaly();
    TrainingLoss shipped = loss;  // its numbers travel with the closure, not this object
    ReplicaSum sum = FixedOrderAggregate.of(shards, ReplicaSum.EMPTY,
        (part, shard) -> part.plus(LocalRound.of(describe.value(), build, input, shard, shipped,
            anomaly)),
        ReplicaSum::plus, settings.treeDepth());
    long job = System.nanoTime() - broadcast;
    Broadcasts.release(input);
    long tasks = sum.fetchNanos() + sum.computeNanos();
    return new Step(sum.samples(), sum.loss(), sum.weight(), sum.correct(),
        broadcast - start + sum.fetchNanos(), sum.computeNanos(), Math.max(0, job - tasks),
        sum.firstLoss() / sum.firstWeight(), ChanceParts.loss(sum.chance(), sum.firstWeight()),
        () -> apply(sum));
  }

  /**
   * The weighted sums divided by the total weight become the driver's model and state. A
   * parameter no replica changed (frozen by an optimizer over part of the model, or never
   * reached by a gradient) keeps the driver's value: its weighted sum divided by the weights
   * rounds, and would move it by an ulp or so a round, which no optimizer step asked for.
   */
  private void apply(ReplicaSum sum) {
    double share = 1.0 / sum.weight();
    Replica.assign(model, sum.parameters().times(share), sum.changed());
    optimizer.loadState(sum.state().scaled(share).unpack());
  }
}
