package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resumed checkpoint's "epoch" and its records' counts are read as the Spark launcher reads
 * its step entry (optim's MetadataNumbers): "3.0" is 3. Integer.parseInt refused "3.0" as no
 * count, while it took "١٢" (Arabic-Indic digits) for 12.
 */
class WholeEntrySpellingTest {
  private static Map<String, String> records(String epoch, String patience) {
    Map<String, String> metadata = new LinkedHashMap<>(ResumedRun.metadataOf(
        new EarlyStoppingRecord(Monitor.VALIDATION_LOSS, 0, 4, null, 1, false), null));
    metadata.put("epoch", epoch);
    metadata.put("chainrule.early_stopping.patience", patience);
    return metadata;
  }

  @Test
  void theEpochAndTheRecordsCountsAreReadAsNumbers() {
    for (String spelling : new String[] {"3", "3.0", " 3", "3e0", "+3"}) {
      ResumedRun run = ResumedRun.of(records(spelling, spelling), "f.safetensors");
      assertEquals(3, run.epoch(), "'" + spelling + "'");
      assertEquals(3, run.earlyStopping().orElseThrow().patience(), "'" + spelling + "'");
    }
  }

  @Test
  void whatIsNoCountIsRefusedInTheReadersOwnWords() {
    for (String epoch : new String[] {"\u0663", "3.5", "-1", "2147483648"}) {
      assertEquals("resume: f.safetensors's \"epoch\" metadata is \"" + epoch + "\", not a count:"
          + " it is not a trainer's periodic checkpoint; to resume from it, give initialEpoch the"
          + " epochs its weights had, and the records start afresh",
          assertThrows(IllegalArgumentException.class,
              () -> ResumedRun.of(records(epoch, "4"), "f.safetensors")).getMessage());
    }
    assertEquals("f.safetensors: the metadata's \"chainrule.early_stopping.patience\" is"
        + " \"\u0664\", not a whole number", assertThrows(IllegalArgumentException.class,
            () -> ResumedRun.of(records("3", "\u0664"), "f.safetensors")).getMessage());
  }
}
