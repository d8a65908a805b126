package dev.chainrule.optim.train;

import dev.chainrule.optim.checkpoint.MetadataNumbers;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.util.Map;

/**
 * The epochs a trainer's periodic checkpoint says its weights had trained ({@link
 * ModelCheckpoint#EPOCH_KEY}), where a resumed run starts: a file without the count is not a
 * trainer's checkpoint, and resuming it is refused rather than guessed.
 */
final class CheckpointEpoch {
  private CheckpointEpoch() {}

  /**
   * The count in {@code metadata}.
   *
   * @param source the file's name, for messages
   * @throws IllegalArgumentException when the count is absent or not a whole number from 0
   */
  static int of(Map<String, String> metadata, String source) {
    String text = metadata.get(ModelCheckpoint.EPOCH_KEY);
    // Read as train --load and the Spark launcher read it: "3.0" is 3 epochs.
    int epoch = text == null ? -1 : MetadataNumbers.wholeInt(text).orElse(-1);
    if (epoch >= 0) {
      return epoch;
    }
    throw new IllegalArgumentException("resume: " + source + (text == null
        ? " has no \"" + ModelCheckpoint.EPOCH_KEY + "\" metadata" : "'s \""
        + ModelCheckpoint.EPOCH_KEY + "\" metadata is \"" + text + "\", not a count")
        + ": it is not a trainer's periodic checkpoint; to resume from it, give"
        + " initialEpoch the epochs its weights had, and the records start afresh");
  }
}
