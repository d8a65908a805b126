package dev.chainrule.spark;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.MiniBatches;
import dev.chainrule.optim.model.ModelDescription;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel SGD: each step broadcasts the parameters and the batch's rows, every
 * partition computes the gradient of its part of the batch, {@link FixedOrderAggregate} sums them,
 * and the driver's optimizer applies the sum. The batches are those one machine draws ({@link
 * MiniBatches#shuffledOrder}), so the run is one machine's up to the order of summation.
 */
final class SyncSteps implements Step.Runner {
  private final JavaRDD<Shard> shards;
  private final Broadcast<ModelDescription> description;
  private final Sequential model;
  private final Optimizer optimizer;
  private final int rows;
  private final Settings settings;
  private final TrainingLoss loss;
  private int orderEpoch = -1;
  private int[] order;

  SyncSteps(JavaRDD<Shard> shards, Broadcast<ModelDescription> description, Sequential model,
      Optimizer optimizer, int rows, Settings settings, TrainingLoss loss) {
    this.shards = shards;
    this.description = description;
    this.model = model;
    this.optimizer = optimizer;
    this.rows = rows;
    this.settings = settings;
    this.loss = loss;
  }

  @Override
  public JavaRDD<Shard> shards() {
    return shards;
  }

  @Override
  public int perEpoch() {
    return RoundInput.ceilDiv(rows, settings.batchSize());
  }

  @Override
  public Step compute(int epoch, int step, boolean scoreChance) {
    if (orderEpoch != epoch) {
      order = MiniBatches.shuffledOrder(rows, settings.seed(), epoch);
      orderEpoch = epoch;
    }
    int from = step * settings.batchSize();
    int[] batch = Arrays.copyOfRange(order, from, Math.min(from + settings.batchSize(), rows));
    long start = System.nanoTime();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(shards.context());
    Broadcast<StepInput> input = sc.broadcast(new StepInput(Replica.parameters(model), batch,
        scoreChance, epoch, step, perEpoch(), Replica.frozen(model)));
    long broadcast = System.nanoTime();
    Broadcast<ModelDescription> describe = description;
    boolean anomaly = settings.detectAnomaly();
    TrainingLoss shipped = loss;  // its numbers travel with the closure, not this object
    GradientSum sum = FixedOrderAggregate.of(shards, GradientSum.EMPTY,
        (part, shard) -> part.plus(PartGradient.of(describe.value(), input, shard, shipped,
            anomaly)),
        GradientSum::plus, settings.treeDepth());
    long job = System.nanoTime() - broadcast;
    Broadcasts.release(input);
    if (sum.samples() != batch.length) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "spark: the shards hold %d of the %d rows"
          + " of epoch %d, step %d; shards must number the training rows 0..%d once",
          sum.samples(), batch.length, epoch + 1, step + 1, rows - 1));
    }
    // As the loss refuses a batch one machine computes it on (a shard's sum cannot tell).
    if (!(sum.weight() > 0)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "softmaxCrossEntropy: every target's"
          + " class weighs 0 in epoch %d, step %d, so the weighted mean would divide by 0: give"
          + " those classes weight", epoch + 1, step + 1));
    }
    long tasks = sum.fetchNanos() + sum.computeNanos();
    return new Step(sum.samples(), sum.loss(), sum.weight(), sum.correct(),
        broadcast - start + sum.fetchNanos(), sum.computeNanos(), Math.max(0, job - tasks),
        sum.loss() / sum.weight(), ChanceParts.loss(sum.chance(), sum.weight()),
        () -> apply(sum.gradient(), sum.weight()));
  }

  /**
   * The summed gradient over the batch's weight becomes each parameter's grad, and the
   * optimizer steps.
   */
  private void apply(PackedTensors gradient, double weight) {
    optimizer.zeroGrad();
    List<Variable> parameters = model.parameters();
    List<Tensor> grads = gradient.times(1 / weight).unpack();
    for (int i = 0; i < grads.size(); i++) {
      // Backward from a leaf with a given gradient sets its grad to that gradient, exactly; a
      // frozen one has none (the replicas froze it too, so its part is zeros).
      if (parameters.get(i).requiresGrad()) {
        parameters.get(i).backward(grads.get(i));
      }
    }
    optimizer.step();
  }
}
