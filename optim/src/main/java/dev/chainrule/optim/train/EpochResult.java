package dev.chainrule.optim.train;

/**
 * The figures of one epoch. Accuracies are NaN for regression, validation figures NaN without
 * validation data. What counts as regression is the loss's {@code outputs()}, and a loss written
 * as a lambda answers {@code VALUES}: a lambda that computes a cross-entropy gets NaN accuracies,
 * with no other sign. Declare it with {@code Loss.of(lambda, Reduction.MEAN,
 * Outputs.CLASS_SCORES)}, or write it as a class whose {@code outputs()} answers so.
 *
 * @param epoch 0-based epoch
 * @param trainLoss the training loss over the epoch: for a mean loss the batches' means weighted
 *     by {@code Loss.meanWeight} (their rows, or Σ w_y under class weights, the ignored rows left
 *     out), the weighted mean over the epoch's rows; summed for a summed loss
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
