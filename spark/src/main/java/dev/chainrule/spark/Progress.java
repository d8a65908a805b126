package dev.chainrule.spark;

import dev.chainrule.optim.model.ClassWeighting;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a Spark training run is, as a checkpoint records it next to the weights: the next step
 * (or round) to run, and the sums of the epoch so far, so that a resumed run reports the
 * interrupted epoch's loss over all of it.
 *
 * @param epoch the epoch of the next step, from 0
 * @param step the next step within that epoch, from 0
 * @param epochLoss the loss summed over the samples of the epoch's steps so far, each weighted
 *     as its step's mean weighs it ({@link Step#lossSum})
 * @param epochSamples the samples of the epoch's steps so far
 * @param epochWeight what the epoch's mean divides {@code epochLoss} by: its samples, or Σ w_y
 *     over them with class weights, as {@code Trainer}'s epoch loss weighs its batches
 * @param epochCorrect correctly classified samples so far, −1 when the loss does not classify
 * @param reference the loss per sample of the run's first step, which the divergence checks
 *     scale, or NaN before it: a resumed run keeps the one it started with, where the first step
 *     after resuming (a trained model's loss, near 0) would make a healthy epoch look like an
 *     explosion
 * @param chance the loss per sample at chance on the first step's rows, which floors the
 *     reference ({@code DivergenceBar.bar}), or NaN before the first step, when the loss refused
 *     every constant output, or when a checkpoint written before it was recorded holds a
 *     reference without it (whose run measured against the reference alone, as the resumed run
 *     then does); kept with the reference, so that a resumed run stops where the uninterrupted
 *     one would
 */
record Progress(int epoch, int step, double epochLoss, long epochSamples, double epochWeight,
    long epochCorrect, double reference, double chance) {
  /** Metadata key prefix of everything Spark training records in a checkpoint. */
  static final String PREFIX = "chainrule.spark.";

  /** The start of training. */
  static final Progress START = new Progress(0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN);

  /** After a step: its figures added to the epoch's. */
  Progress after(Step done) {
    return new Progress(epoch, step + 1, epochLoss + done.lossSum(),
        epochSamples + done.samples(), epochWeight + done.weight(),
        epochCorrect < 0 || done.correct() < 0 ? -1 : epochCorrect + done.correct(),
        Double.isNaN(reference) ? done.untrainedLoss() : reference,
        Double.isNaN(reference) ? done.chanceLoss() : chance);
  }

  /** The epoch's mean loss so far: per sample, or weighted as the loss's mean weighs rows. */
  double epochMean() {
    return epochLoss / epochWeight;
  }

  /** The start of the next epoch. */
  Progress nextEpoch() {
    return new Progress(epoch + 1, 0, 0, 0, 0, 0, reference, chance);
  }

  /** The same place in the run, at another step (the last of an epoch, for its messages). */
  Progress atStep(int other) {
    return new Progress(epoch, other, 0, 0, 0, 0, reference, chance);
  }

  /** The metadata entries, with the settings that must not change on resume. */
  Map<String, String> metadata(Settings settings, int rows, int shards) {
    Map<String, String> entries = new LinkedHashMap<>(settings.metadata(rows, shards));
    entries.put(PREFIX + "epoch", Integer.toString(epoch));
    entries.put(PREFIX + "step", Integer.toString(step));
    entries.put(PREFIX + "epoch_loss", Double.toString(epochLoss));
    entries.put(PREFIX + "epoch_samples", Long.toString(epochSamples));
    entries.put(PREFIX + "epoch_weight", Double.toString(epochWeight));
    entries.put(PREFIX + "epoch_correct", Long.toString(epochCorrect));
    if (!Double.isNaN(reference)) {
      entries.put(PREFIX + "reference_loss", Double.toString(reference));
    }
    if (!Double.isNaN(chance)) {
      entries.put(PREFIX + "chance_loss", Double.toString(chance));
    }
    return entries;
  }

  /**
   * The progress a checkpoint's metadata records.
   *
   * @throws IllegalArgumentException naming the file and the missing or malformed entry
   */
  static Progress of(Map<String, String> metadata, String file) {
    long samples = Metadata.whole(metadata, PREFIX + "epoch_samples", file);
    // Class weights and the epoch's weight were first written together: a file with the one
    // and not the other was edited, and its epoch's loss so far cannot be weighed with the
    // rest (taking its rows for Σ w_y would mix two means into a figure that is neither).
    if (metadata.containsKey(ClassWeighting.WEIGHTS_KEY)
        && !metadata.containsKey(PREFIX + "epoch_weight")) {
      throw new IllegalArgumentException(file + ": the metadata records class weights (\""
          + ClassWeighting.WEIGHTS_KEY + "\") but not the epoch's weight so far (\"" + PREFIX
          + "epoch_weight\"), which a weighted epoch's loss needs: the file was edited");
    }
    // Counts, read as train --load reads the step (optim's MetadataNumbers): a negative one is
    // no place in a run, and was taken for one.
    return new Progress(Metadata.count(metadata, PREFIX + "epoch", file),
        Metadata.count(metadata, PREFIX + "step", file),
        Metadata.real(metadata, PREFIX + "epoch_loss", file), samples,
        // Absent from files written before class weights, whose means weighed their samples.
        metadata.containsKey(PREFIX + "epoch_weight")
            ? Metadata.real(metadata, PREFIX + "epoch_weight", file) : samples,
        Metadata.whole(metadata, PREFIX + "epoch_correct", file),
        // Absent before any step, and from checkpoints written before it was recorded.
        metadata.containsKey(PREFIX + "reference_loss")
            ? Metadata.real(metadata, PREFIX + "reference_loss", file) : Double.NaN,
        // Absent likewise, and when the loss refused every constant output.
        metadata.containsKey(PREFIX + "chance_loss")
            ? Metadata.real(metadata, PREFIX + "chance_loss", file) : Double.NaN);
  }
}
