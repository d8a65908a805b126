package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.train.ResumedRun;
import dev.chainrule.optim.train.SavedRunMetadata;
import dev.chainrule.optim.train.Trainer;
import java.util.Map;

/**
 * Early stopping's record in the files {@code --save} writes, and a {@code --load} run with
 * {@code --patience} going on from it. Under {@code --patience} a saved file holds the best
 * epoch's weights, and its {@code "epoch"} is that epoch's: the record is that epoch's figures
 * with no epoch since, so a run loaded from it counts its patience from that best, as one
 * uninterrupted run would, and keeps that epoch's weights when no later one improves on them.
 * Before, its first epoch was its best whatever its validation loss.
 */
final class RunRecords {
  private RunRecords() {}

  /**
   * Numbers the run's epochs from the file's, going on from its record under {@code --patience}
   * (a file saved before records were kept starts it afresh, and the console says so).
   *
   * @param first the epochs the file's weights had trained, 0 for a new model
   */
  static void resume(Trainer.Builder trainer, ModelCheckpoint.DescribedModel loaded, int first,
      Settings s, Console console) {
    if (loaded == null || first == 0 || !s.validation().stopsEarly()) {
      trainer.initialEpoch(first);
      return;
    }
    ResumedRun run;
    try {
      run = ResumedRun.of(loaded.report().metadata(), String.valueOf(s.load().getFileName()));
    } catch (IllegalArgumentException e) {
      throw new Failure(e.getMessage(), e);
    }
    run.notes().forEach(note -> console.println("note: " + note));
    trainer.resume(run);
  }

  /**
   * The record entries a loaded file keeps when {@code --save} writes it again without training:
   * its early-stopping record as it was (as {@link ResumedRun} reads it), or none when it holds
   * none or one that cannot be read. A run that trains writes its own record instead ({@link
   * SavedRunMetadata#afterRun}).
   *
   * @param loaded the model {@code --load} read, or null
   * @return the entries, empty when there is no record to keep
   */
  static Map<String, String> ofLoaded(ModelCheckpoint.DescribedModel loaded) {
    String epoch = loaded == null ? null
        : loaded.report().metadata().get(ModelCheckpoint.EPOCH_KEY);
    try {
      return epoch == null ? Map.of() : ResumedRun.of(loaded.report().metadata(), "").metadata();
    } catch (IllegalArgumentException e) {
      return Map.of();  // a file whose records cannot be read is saved without them
    }
  }
}
