package dev.chainrule.spark;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.Evaluation;
import org.apache.spark.broadcast.Broadcast;

/** A partition's share of a synchronous step, computed on an executor. */
final class PartGradient {
  private PartGradient() {}

  /**
   * The gradient of the batch's mean loss over the batch rows this shard holds: the mean over
   * those rows scaled by their share of the batch, so that the parts of all shards add up to the
   * gradient one machine computes for the whole batch, up to the order of summation.
   *
   * @param detectAnomaly whether the passes run under anomaly detection, which is per thread:
   *     the driver's scope does not reach the executor's task
   */
  static GradientSum of(ModelDescription description, Broadcast<StepInput> broadcast,
      Shard shard, boolean detectAnomaly) {
    long start = System.nanoTime();
    StepInput input = broadcast.value();
    long fetched = System.nanoTime();
    int[] rows = shard.localRows(input.batch());
    if (rows.length == 0) {
      return new GradientSum(null, 0, 0, 0, fetched - start, 0);
    }
    Sequential model = Replica.build(description, input.parameters());
    Dataset part = shard.dataset().subset(rows);
    Loss loss = SparkTrainer.lossOf(description.task());
    double mean;
    int correct;
    try (Autograd.Scope anomaly = detectAnomaly ? Autograd.detectAnomaly() : null) {
      Variable output = model.call(Variable.constant(part.features().to(model.dtype())));
      Variable value = loss.compute(output, part.labels());
      mean = value.item();
      value.mul((double) rows.length / input.batch().length).backward();
      correct = Evaluation.correct(loss, output.value(), part.labels());
    }
    PackedTensors gradient = Replica.gradients(model);
    return new GradientSum(gradient, mean * rows.length, rows.length, correct, fetched - start,
        System.nanoTime() - fetched);
  }
}
