package dev.chainrule.spark;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.train.BatchPass;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.broadcast.Broadcast;

/** One replica's round of parameter averaging, on an executor. */
final class LocalRound {
  private LocalRound() {}

  /**
   * Trains a replica built from the broadcast parameters and optimizer state for this round's
   * local batches of {@code shard} (up to K optimizer steps), and returns its parameters and
   * state weighted by what its batches weigh in the loss ({@link ReplicaSum}); nothing when the
   * shard has no batch left in this epoch.
   *
   * @param trainingLoss the loss, rebuilt here from its numbers
   * @param detectAnomaly whether the passes run under anomaly detection, which is per thread:
   *     the driver's scope does not reach the executor's task
   */
  static ReplicaSum of(ModelDescription description, OptimizerFactory factory,
      Broadcast<RoundInput> broadcast, Shard shard, TrainingLoss trainingLoss,
      boolean detectAnomaly) {
    long start = System.nanoTime();
    RoundInput input = broadcast.value();
    long fetched = System.nanoTime();
    int[][] batches = input.batchesOf(shard);
    if (batches.length == 0) {
      return new ReplicaSum(null, null, null, 0, 0, 0, 0, fetched - start, 0, 0, 0, null);
    }
    Sequential model = Replica.build(description, input.parameters(), input.frozen());
    Optimizer optimizer = factory.create(model);
    optimizer.loadState(input.state().unpack());
    Loss loss = trainingLoss.batchLoss();
    // The trainer's pass: a step of built-in modules hands its batch and activations back.
    BatchPass pass = BatchPass.of(model, loss);
    double lossSum = 0;
    double weight = 0;
    long samples = 0;
    long correct = 0;
    double firstLoss = 0;
    double firstWeight = 0;
    double[][] chance = new double[1][];
    for (int[] rows : batches) {
      optimizer.zeroGrad();
      if (trainingLoss.weighsNothing(shard.dataset().labels(), rows)) {
        throw weighsNothing(shard, input, rows);
      }
      BatchPass.Result batch;
      try (Autograd.Scope anomaly = detectAnomaly ? Autograd.detectAnomaly() : null) {
        // The round's first batch gives the reference: scored at chance on its rows, from the
        // output's shape, before backward may hand the output's array back.
        boolean first = samples == 0 && input.scoreChance();
        Dataset[] taken = new Dataset[1];
        batch = pass.run(() -> taken[0] = shard.dataset().subset(rows), perSample -> { },
            output -> chance[0] = first ? ChanceParts.of(output.value(), taken[0].labels(),
                trainingLoss) : chance[0]);
      } catch (TargetRefusedException refused) {
        throw RefusedTargets.inRound(refused, shard, rows, input);
      }
      optimizer.step();
      if (samples == 0) {
        firstLoss = batch.loss() * batch.meanWeight();
        firstWeight = batch.meanWeight();
      }
      lossSum += batch.loss() * batch.meanWeight();
      weight += batch.meanWeight();
      samples += rows.length;
      correct = correct < 0 || batch.correct() < 0 ? -1 : correct + batch.correct();
    }
    PackedTensors trained = Replica.parameters(model);
    return new ReplicaSum(trained.times(weight), trained.changedFrom(input.parameters()),
        PackedState.of(optimizer.state()).scaled(weight), lossSum, weight, samples, correct,
        fetched - start, System.nanoTime() - fetched, firstLoss, firstWeight, chance[0]);
  }

  /**
   * A replica's local batch whose rows all have a class of weight 0 has no weighted mean, and
   * the replica stops as {@code Trainer} does on such a batch. The loss's own refusal would
   * name neither the round nor the shard, and would advise a sum that the trainer does not
   * offer; sync mode, whose batches draw from every shard, takes such a shard.
   */
  private static IllegalArgumentException weighsNothing(Shard shard, RoundInput input,
      int[] rows) {
    Tensor labels = shard.dataset().labels();
    int[] classes = Arrays.stream(rows).map(r -> (int) labels.flatGet(r)).distinct().sorted()
        .toArray();
    return new IllegalArgumentException(String.format(Locale.ROOT, "softmaxCrossEntropy: every"
        + " target's class weighs 0 (classes %s) in a local batch of the replica of rows"
        + " %d..%d (epoch %d, round %d), so its weighted mean would divide by 0, as Trainer's"
        + " would on such a batch: give those classes weight, or train in sync mode, whose"
        + " batches draw from every shard", Arrays.toString(classes), shard.firstRow(),
        shard.endRow() - 1, input.epoch() + 1, input.round() + 1));
  }
}
