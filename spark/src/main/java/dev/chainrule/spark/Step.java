package dev.chainrule.spark;

import org.apache.spark.api.java.JavaRDD;

/**
 * A computed step (or averaging round) not yet applied: its figures, how long its parts took, and
 * the update, which the training loop runs only when the loss is finite.
 *
 * @param lossSum the loss summed over the step's samples, each weighted as the loss's mean
 *     weighs it (by its class's weight, for class-weighted cross-entropy)
 * @param weight what the step's mean divides {@code lossSum} by: its samples, or Σ w_y over
 *     them ({@code Loss.meanWeight}), so that an epoch's loss weighs its steps as {@code
 *     Trainer}'s does
 * @param correct correctly classified samples, −1 when the loss does not classify
 * @param untrainedLoss the loss per sample of the model the step started from: the mean of a
 *     synchronous step, the replicas' first batches' of an averaging round (whose mean has K − 1
 *     local steps of training in it); a run's first is the divergence checks' reference
 * @param chanceLoss the loss per sample at chance on the same rows ({@link ChanceParts}), which
 *     floors the reference ({@code DivergenceBar.bar}); NaN unless the step was asked for it
 * @param apply changes the driver's model and optimizer
 */
record Step(long samples, double lossSum, double weight, long correct, long broadcastNanos,
    long computeNanos, long aggregateNanos, double untrainedLoss, double chanceLoss,
    Runnable apply) {

  /** The step's mean loss: per sample, or the weighted mean for class weights. */
  double meanLoss() {
    return lossSum / weight;
  }

  /** A way of training that runs in steps: synchronous SGD or parameter averaging. */
  interface Runner {
    /** Steps (or rounds) per epoch. */
    int perEpoch();

    /** What a step is called in messages: "batch", or "round" when averaging. */
    default String stepName() {
      return "batch";
    }

    /**
     * Computes step {@code step} of epoch {@code epoch} from the driver's current model, and,
     * when {@code scoreChance} (the run's first step, which sets the reference), the loss at
     * chance on the rows its reference is scored on.
     */
    Step compute(int epoch, int step, boolean scoreChance);

    /** The shards it trains on: searched for data that is not finite once training is not. */
    JavaRDD<Shard> shards();
  }
}
