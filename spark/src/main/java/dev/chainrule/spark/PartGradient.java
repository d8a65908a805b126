package dev.chainrule.spark;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.Evaluation;
import org.apache.spark.broadcast.Broadcast;

/** A partition's share of a synchronous step, computed on an executor. */
final class PartGradient {
  private PartGradient() {}

  /**
   * The gradient of the numerator of the batch's mean loss over the batch rows this shard holds,
   * and the weight the mean divides by for them ({@link TrainingLoss#part}): summed over the
   * shards and divided by the summed weight, the gradient one machine computes for the whole
   * batch, up to the order of summation.
   *
   * @param trainingLoss the loss, rebuilt here from its numbers
   * @param detectAnomaly whether the passes run under anomaly detection, which is per thread:
   *     the driver's scope does not reach the executor's task
   */
  static GradientSum of(ModelDescription description, Broadcast<StepInput> broadcast,
      Shard shard, TrainingLoss trainingLoss, boolean detectAnomaly) {
    long start = System.nanoTime();
    StepInput input = broadcast.value();
    long fetched = System.nanoTime();
    int[] rows = shard.localRows(input.batch());
    if (rows.length == 0) {
      return new GradientSum(null, 0, 0, 0, 0, fetched - start, 0, null);
    }
    Sequential model = Replica.build(description, input.parameters(), input.frozen());
    Dataset part = shard.dataset().subset(rows);
    Loss loss = trainingLoss.batchLoss();
    TrainingLoss.Part share;
    double numerator;
    int correct;
    double[] chance;
    try (Autograd.Scope anomaly = detectAnomaly ? Autograd.detectAnomaly() : null) {
      Variable output = model.call(Variable.constant(part.features().to(model.dtype())));
      try {
        share = trainingLoss.part(output, part.labels());
      } catch (TargetRefusedException refused) {
        throw RefusedTargets.inStep(refused, shard, rows, input);
      }
      numerator = share.numerator().item();
      share.numerator().backward();
      correct = Evaluation.correct(loss, output.value(), part.labels());
      chance = input.scoreChance() ? ChanceParts.of(output.value(), part.labels(), trainingLoss)
          : null;
    }
    PackedTensors gradient = Replica.gradients(model);
    return new GradientSum(gradient, numerator, share.weight(), rows.length, correct,
        fetched - start, System.nanoTime() - fetched, chance);
  }
}
