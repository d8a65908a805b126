package dev.chainrule.optim.train;

/**
 * One optimizer step.
 *
 * @param epoch 0-based epoch
 * @param batch 0-based batch within the epoch
 * @param batches batches in the epoch
 * @param samples samples in this batch
 * @param loss the batch's loss
 * @param correct correctly classified samples in the batch (−1 for regression)
 * @param meanWeight what the batch's mean weighs among the epoch's batches ({@code
 *     Loss.meanWeight}: its samples, or Σ w_y for class-weighted cross-entropy), so that a
 *     listener's running mean is the epoch's
 * @param scored the rows {@code correct} is out of: the batch's samples but those the loss
 *     ignores ({@code Loss.ignoreIndex}), so that a listener's running accuracy is the epoch's
 */
public record BatchResult(int epoch, int batch, int batches, int samples, double loss,
    int correct, double meanWeight, int scored) {
  /**
   * A result whose rows are all scored.
   *
   * @param epoch 0-based epoch
   * @param batch 0-based batch within the epoch
   * @param batches batches in the epoch
   * @param samples samples in this batch
   * @param loss the batch's loss
   * @param correct correctly classified samples (−1 for regression)
   * @param meanWeight what the batch's mean weighs among the epoch's batches
   */
  public BatchResult(int epoch, int batch, int batches, int samples, double loss, int correct,
      double meanWeight) {
    this(epoch, batch, batches, samples, loss, correct, meanWeight, samples);
  }

  /**
   * A result whose mean weighs its samples.
   *
   * @param epoch 0-based epoch
   * @param batch 0-based batch within the epoch
   * @param batches batches in the epoch
   * @param samples samples in this batch
   * @param loss the batch's loss
   * @param correct correctly classified samples (−1 for regression)
   */
  public BatchResult(int epoch, int batch, int batches, int samples, double loss, int correct) {
    this(epoch, batch, batches, samples, loss, correct, samples, samples);
  }
}
