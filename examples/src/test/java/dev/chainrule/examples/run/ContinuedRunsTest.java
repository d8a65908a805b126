package dev.chainrule.examples.run;

import static dev.chainrule.examples.run.LoadedFiles.described;
import static dev.chainrule.examples.run.LoadedFiles.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.train.SavedRunMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run that goes on from a file says which epochs it trains, numbered on from the file's; and
 * a file saved again without training keeps the entries of the run that trained it.
 */
class ContinuedRunsTest {
  private static final String EPOCH = ModelCheckpoint.EPOCH_KEY;
  private static final String BATCH = SavedRunMetadata.BATCH_SIZE_KEY;
  private static final String SEED = LoadedSeed.KEY;

  private static List<String> started(Map<String, String> entries, int epochs, int first) {
    StringWriter out = new StringWriter();
    assertEquals(first, ContinuedRuns.start(described(false, entries), settings(epochs, 4),
        new Console(new PrintWriter(out), false)));
    return out.toString().lines().toList();
  }

  @Test
  void aContinuedRunSaysWhichEpochsItTrains() {
    Map<String, String> recorded = Map.of(EPOCH, "3", BATCH, "4", SEED, "1");
    assertEquals(List.of("loaded m.safetensors (3 epochs trained; this run trains epochs 4 to"
        + " 8)"), started(recorded, 5, 3));
    assertEquals(List.of("loaded m.safetensors (1 epoch trained)"),
        started(Map.of(EPOCH, "1", BATCH, "4", SEED, "1"), 0, 1));
    assertEquals(List.of("loaded m.safetensors"), started(Map.of(EPOCH, "0", BATCH, "4", SEED,
        "1"), 5, 0));
    // A file that records none of its run's epochs, seed or size says so, each in its note.
    StringWriter out = new StringWriter();
    ContinuedRuns.start(described(false, Map.of(BATCH, "8", SEED, "x")),
        settings(5, 4, "--batch-size"), new Console(new PrintWriter(out), false));
    List<String> lines = out.toString().lines().toList();
    assertEquals(4, lines.size(), out.toString());
    assertEquals("loaded m.safetensors", lines.get(0));
    assertTrue(lines.get(1).startsWith("note: m.safetensors records no count of the epochs"),
        lines.get(1));
    assertEquals("note: m.safetensors: its run trained in batches of 8; --batch-size 4 draws"
        + " other batches than one uninterrupted run would", lines.get(2));
    assertEquals("note: m.safetensors: its \"" + SEED + "\" metadata (x) is not a seed; this run"
        + " trains with seed 1 (--seed's default)", lines.get(3));
    assertEquals(0, ContinuedRuns.start(null, settings(5, 4),
        new Console(new PrintWriter(new StringWriter()), false)));
  }

  @Test
  void aFileSavedAgainWithoutTrainingKeepsItsRunsEntries() {
    Map<String, String> kept = ContinuedRuns.metadata(settings(0, 16), null, 3,
        described(false, Map.of(EPOCH, "3", BATCH, "16", SEED, "1")));
    assertEquals("3", kept.get(EPOCH));
    assertEquals("0.0", kept.get(HeldOutRows.METADATA_KEY));
    assertEquals("16", kept.get(BATCH));
    assertEquals("1", kept.get(SEED));
    // Entries the file lacked it still lacks: this run's are not known to be its run's.
    Map<String, String> lacking = ContinuedRuns.metadata(settings(0, 16), null, 3,
        described(false, Map.of(EPOCH, "3")));
    assertEquals(null, lacking.get(BATCH));
    assertEquals(null, lacking.get(SEED));
  }
}
