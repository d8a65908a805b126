package dev.chainrule.examples.run;

import static dev.chainrule.examples.run.LoadedFiles.described;
import static dev.chainrule.examples.run.LoadedFiles.file;
import static dev.chainrule.examples.run.LoadedFiles.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.ModelDescription;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The notes for a file that records neither its epochs nor the rows its run held out. */
class UnrecordedRunTest {
  @Test
  void aFileWithoutItsEpochsNumbersThisRunsFromOne() {
    assertEquals(Optional.of("note: m.safetensors records no count of the epochs its weights"
        + " trained (no \"epoch\" metadata: saved by a chainrule of 2 December 2026 or older, or"
        + " by code of one's own): this run numbers its epochs from 1 with a new run's batch"
        + " orders, not those one uninterrupted run would go on with, and a file it saves records"
        + " only this run's 1 epoch"), UnrecordedRun.epochNote(file(Map.of()), settings(1, 4)));
    String five = UnrecordedRun.epochNote(file(Map.of()), settings(5, 4)).orElseThrow();
    assertTrue(five.endsWith(" only this run's 5 epochs"), five);
    assertEquals(Optional.empty(), UnrecordedRun.epochNote(
        file(Map.of(ModelCheckpoint.EPOCH_KEY, "x")), settings(5, 4)));
    assertEquals(Optional.empty(), UnrecordedRun.epochNote(file(Map.of()), settings(0, 4)));
  }

  @Test
  void aFileWithoutItsHeldOutShareTrainsOnThoseRows() {
    assertEquals(Optional.of("note: m.safetensors records no share of its training rows held"
        + " out for validation (no \"chainrule.validation\" metadata: saved by a chainrule of 3"
        + " December 2026 or older, or by code of one's own): this run holds out none, so rows"
        + " its run validated on, if it held any out, are trained on now (give its"
        + " --validation)"), UnrecordedRun.validationNote(file(Map.of()), settings(5, 4)));
    assertEquals(Optional.empty(), UnrecordedRun.validationNote(
        file(Map.of(HeldOutRows.METADATA_KEY, "0")), settings(5, 4)));
    assertEquals(Optional.empty(), UnrecordedRun.validationNote(file(Map.of()),
        settings(5, 4, "--validation")));
    assertEquals(Optional.empty(), UnrecordedRun.validationNote(file(Map.of()), settings(0, 4)));
    assertEquals(Optional.empty(), UnrecordedRun.validationNote(null, settings(5, 4)));
  }
  /**
   * A loaded model whose description records no split is tested on this run's own, which may
   * hold rows it trained on; a described split, or fixed test data, needs no note.
   */
  @Test
  void aModelWithoutItsSplitIsTestedOnThisRunsOwn() {
    ModelDescription.DataSplit split = new ModelDescription.DataSplit(3, 0.25, 150);
    assertEquals(Optional.of("note: m.safetensors records no split of its rows (its description"
        + " has no \"split\": written by code of one's own or another tool): this run tests it"
        + " on its own split (seed 3, test fraction 0.25), which may hold rows the model trained"
        + " on, so its test score may flatter it"),
        UnrecordedRun.splitNote(described(false, Map.of()), settings(0, 4), split));
    assertEquals(Optional.empty(),
        UnrecordedRun.splitNote(described(true, Map.of()), settings(0, 4), split));
    assertEquals(Optional.empty(),
        UnrecordedRun.splitNote(described(false, Map.of()), settings(0, 4), null));
    assertEquals(Optional.empty(), UnrecordedRun.splitNote(null, settings(0, 4), split));
  }
}
