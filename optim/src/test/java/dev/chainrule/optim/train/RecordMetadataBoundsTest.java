package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Early stopping's record read back at the edges of what its entries may hold: accuracies of
 * exactly 0 and 1, a count of 0 samples, as many epochs without improvement as the file's epochs
 * when none improved, all read; a malformed value is quoted whole up to 64 characters, and cut
 * after 60 beyond (a value may be megabytes long).
 */
class RecordMetadataBoundsTest {
  private static final String AT = RecordMetadata.EARLY_STOPPING + "best.";

  /** A checkpoint of epoch 3 whose record's best is epoch 1, edited by {@code edit}. */
  private static ResumedRun read(EarlyStoppingRecord record, Consumer<Map<String, String>> edit) {
    Map<String, String> m = new LinkedHashMap<>(ResumedRun.metadataOf(record, null));
    m.put("epoch", "3");
    edit.accept(m);
    return ResumedRun.of(m, "f.safetensors");
  }

  private static EarlyStoppingRecord bestAtOne() {
    return new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4,
        new EpochResult(1, 0.5, 0.5, 0.5, 0.5, 0.1, 1, 4), 1, false);
  }

  @Test
  void accuraciesOfZeroAndOneAndNoSamplesAreRead() {
    EpochResult best = read(bestAtOne(), m -> {
      m.put(AT + "train_accuracy", "0.0");
      m.put(AT + "validation_accuracy", "1.0");
      m.put(AT + "samples", "0");
    }).earlyStopping().orElseThrow().best();
    assertEquals(new EpochResult(1, 0.5, 0.0, 0.5, 1.0, 0.1, 1, 0), best);
  }

  @Test
  void everyEpochWithoutImprovementFitsWhenNoneImproved() {
    EarlyStoppingRecord none = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4, null, 3,
        false);
    assertEquals(3, read(none, m -> { }).earlyStopping().orElseThrow()
        .epochsWithoutImprovement());
    EarlyStoppingRecord tooMany = new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 4, null, 4,
        false);
    assertEquals("f.safetensors: early stopping's record (best epoch none, 4 epochs without"
        + " improvement) does not fit the file's 3 epochs", assertThrows(
            IllegalArgumentException.class, () -> read(tooMany, m -> { })).getMessage());
  }

  @Test
  void aMalformedValueIsQuotedWholeUpTo64Characters() {
    String key = AT + "train_accuracy";
    String whole = "x".repeat(64);
    assertEquals("f.safetensors: the metadata's \"" + key + "\" is \"" + whole + "\", not a"
        + " number", assertThrows(IllegalArgumentException.class,
            () -> read(bestAtOne(), m -> m.put(key, whole))).getMessage());
    assertEquals("f.safetensors: the metadata's \"" + key + "\" is \"" + "x".repeat(60)
        + "...\", not a number", assertThrows(IllegalArgumentException.class,
            () -> read(bestAtOne(), m -> m.put(key, whole + "x"))).getMessage());
  }
}
