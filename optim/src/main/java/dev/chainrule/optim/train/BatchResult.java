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
 */
public record BatchResult(int epoch, int batch, int batches, int samples, double loss,
    int correct) {}
