package dev.chainrule.examples.run;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.SavedRunMetadata;
import dev.chainrule.optim.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What makes a saved run one a {@code --load} run goes on from as if uninterrupted, for every
 * training command and {@code xor} alike: the entries {@code --save} writes (the epochs trained,
 * the share held out, the batch size, the seed, early stopping's record), and a loaded run's
 * first epoch, lines and trainer. {@code xor} had its own loop and wrote none of them: {@code xor
 * --load F} restarted at epoch 1, and ended elsewhere than one run.
 */
public final class ContinuedRuns {
  private ContinuedRuns() {}

  /**
   * The epochs a loaded file's weights had trained, after saying so with the notes of what the
   * run cannot continue as the file's did ({@link UnrecordedRun}, {@link LoadedBatchSize},
   * {@link LoadedSeed}) and of weights converted on loading.
   *
   * @param loaded the model {@code --load} read, or null for a new one
   * @param s the run's settings, after the file's were taken up
   * @param console where the lines go
   * @return the epochs the file's weights had trained; 0 for a new model
   */
  public static int start(ModelCheckpoint.DescribedModel loaded, Settings s, Console console) {
    if (loaded == null) {
      return 0;
    }
    int first = SavedModels.epochsTrained(loaded, s, console);
    console.println("loaded " + s.load() + (first == 0 ? "" : String.format(Locale.ROOT,
        " (%d epoch%s trained%s)", first, first == 1 ? "" : "s", s.epochs() == 0 ? ""
            : "; this run trains epochs " + (first + 1) + " to " + (first + s.epochs()))));
    UnrecordedRun.epochNote(loaded, s).ifPresent(console::println);
    LoadedConversions.note(String.valueOf(s.load().getFileName()), loaded.report())
        .ifPresent(console::println);
    LoadedBatchSize.note(loaded, s, first, console);
    LoadedSeed.note(loaded, s, first).ifPresent(console::println);
    return first;
  }

  /**
   * Numbers the trainer's epochs on from the file's (with early stopping's record under {@code
   * --patience}), so that its batch orders are an uninterrupted run's.
   *
   * @param trainer the run's trainer, its epochs, batch size and seed set
   * @param loaded the model {@code --load} read, or null
   * @param first the epochs the file's weights had trained, from {@link #start}
   * @param s the run's settings
   * @param console where notes go
   */
  public static void resume(Trainer.Builder trainer, ModelCheckpoint.DescribedModel loaded,
      int first, Settings s, Console console) {
    RunRecords.resume(trainer, loaded, first, s, console);
  }

  /**
   * The entries of the file {@code --save} writes, of the run that trained its weights.
   * Saved again without training, a loaded file keeps its batch size and seed; ones it lacked,
   * it still lacks, since this run's are not known to be its run's.
   *
   * @param s the run's settings
   * @param history the run, or null when it trained no epoch
   * @param first the epochs the model had trained before the run
   * @param loaded the model {@code --load} read; null only for a run that trained
   * @return the entries, in order
   */
  public static Map<String, String> metadata(Settings s, History history, int first,
      ModelCheckpoint.DescribedModel loaded) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (history != null) {
      metadata.putAll(SavedRunMetadata.afterRun(history, s.validation(), first, s.batchSize(),
          s.monitor().monitor()));
      metadata.putAll(LoadedSeed.metadata(s));
      return metadata;
    }
    metadata.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(first));
    metadata.put(HeldOutRows.METADATA_KEY, Double.toString(s.validation().fraction()));
    // No epoch without --load is refused (--epochs 0 needs it): loaded is the file's model.
    if (LoadedBatchSize.recorded(loaded).isPresent()) {
      metadata.put(SavedRunMetadata.BATCH_SIZE_KEY, Integer.toString(s.batchSize()));
    }
    if (LoadedSeed.recorded(loaded).isPresent()) {
      metadata.putAll(LoadedSeed.metadata(s));
    }
    metadata.putAll(RunRecords.ofLoaded(loaded));
    return metadata;
  }
}
