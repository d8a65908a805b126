package dev.chainrule.examples.run;

import static dev.chainrule.examples.run.LoadedFiles.file;
import static dev.chainrule.examples.run.LoadedFiles.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.train.SavedRunMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A run that trains a loaded model further takes the batch size the file's run trained with,
 * unless --batch-size names another, and says when its batches differ from one uninterrupted
 * run's.
 */
class LoadedBatchSizeTest {
  private static final String KEY = SavedRunMetadata.BATCH_SIZE_KEY;

  @Test
  void theFilesBatchSizeIsTakenUnlessOneIsGiven() {
    assertEquals(16, LoadedBatchSize.continuing(settings(5, 32), file(Map.of(KEY, "16.0")))
        .batchSize(), "16.0 is 16");
    Settings given = settings(5, 32, "--batch-size");
    assertSame(given, LoadedBatchSize.continuing(given, file(Map.of(KEY, "16"))));
    assertEquals(32, LoadedBatchSize.continuing(settings(5, 32), file(Map.of()))
        .batchSize());
    // Entries that are no batch size are no batch size.
    assertEquals(OptionalInt.empty(), LoadedBatchSize.recorded(file(Map.of(KEY, "0"))));
    assertEquals(OptionalInt.empty(), LoadedBatchSize.recorded(file(Map.of(KEY, "many"))));
    assertEquals(OptionalInt.of(1), LoadedBatchSize.recorded(file(Map.of(KEY, "1"))));
  }

  @Test
  void otherBatchesThanTheFilesRunAreNoted() {
    assertEquals(Optional.empty(), LoadedBatchSize.text(file(Map.of(KEY, "16")),
        settings(5, 16), 10));
    assertEquals(Optional.of("note: m.safetensors: its run trained in batches of 16;"
        + " --batch-size 32 draws other batches than one uninterrupted run would"),
        LoadedBatchSize.text(file(Map.of(KEY, "16")), settings(5, 32, "--batch-size"), 10));
    assertEquals(Optional.of("note: m.safetensors: its \"" + KEY + "\" metadata (ma?ny) is not"
        + " a batch size; this run trains in batches of 32 (--batch-size's default)"),
        LoadedBatchSize.text(file(Map.of(KEY, "ma\nny")), settings(5, 32), 0));
    assertEquals(Optional.of("note: m.safetensors: its \"" + KEY + "\" metadata (-4) is not"
        + " a batch size; this run trains in batches of 8 (--batch-size)"),
        LoadedBatchSize.text(file(Map.of(KEY, "-4")), settings(5, 8, "--batch-size"), 0));
  }

  /**
   * A file saved before the size was recorded: noted only for a run numbered on from its epochs
   * and not told the size, the one that could differ from an uninterrupted run unawares.
   */
  @Test
  void aFileWithoutTheEntryIsNotedOnlyWhereItMatters() {
    assertEquals(Optional.of("note: m.safetensors records no batch size (saved by an older"
        + " chainrule): this run trains in batches of 32 (--batch-size's default); unless its"
        + " run did too, the batches differ from one uninterrupted run's (give its"
        + " --batch-size)"), LoadedBatchSize.text(file(Map.of()), settings(5, 32), 10));
    assertEquals(Optional.empty(), LoadedBatchSize.text(file(Map.of()), settings(5, 32), 0));
    assertEquals(Optional.empty(), LoadedBatchSize.text(file(Map.of()),
        settings(5, 32, "--batch-size"), 10));
    // Nothing trains: no batch is drawn.
    assertEquals(Optional.empty(), LoadedBatchSize.text(file(Map.of(KEY, "16")),
        settings(0, 32, "--batch-size"), 10));
  }
}
