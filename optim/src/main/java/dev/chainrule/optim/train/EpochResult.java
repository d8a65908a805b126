package dev.chainrule.optim.train;

/**
 * The figures of one epoch. Accuracies are NaN for regression, validation figures NaN without
 * validation data.
 *
 * @param epoch 0-based epoch
 * @param trainLoss the training loss over the epoch (batch losses weighted by batch size for a
 *     mean loss, summed for a summed loss)
 * @param trainAccuracy the share of training samples classified correctly during the epoch, out
 *     of those the loss scores (all but the rows it ignores, {@code Loss.ignoreIndex})
 * @param validationLoss the loss on the validation data after the epoch
 * @param validationAccuracy the accuracy on the validation data after the epoch, over the same
 *     rows
 * @param learningRate the learning rate used during the epoch: its last step's, under a per-step
 *     schedule
 * @param seconds wall-clock seconds of the epoch's training (validation excluded)
 * @param samples training samples seen
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy,
    double validationLoss, double validationAccuracy, double learningRate, double seconds,
    int samples) {}
