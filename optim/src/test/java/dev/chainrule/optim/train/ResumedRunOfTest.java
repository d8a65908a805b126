package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ResumedRun#of} reads a checkpoint's records from its metadata alone, never the best
 * weights beside it: when the record needs such weights it says they are in the file beside
 * (which {@link ResumedRun#load} reads), and else that the run did not keep them, so the refusal
 * of a run that restores the best weights points to the right way out. The records it read are
 * given back as entries for a file saved again.
 */
class ResumedRunOfTest {
  private static final String BESIDE = "are in the file beside it, which ResumedRun.of does not"
      + " read (ResumedRun.load does)";
  private static final String NOT_KEPT =
      "were not kept: the checkpoint's run did not restore its best weights";

  private static EarlyStoppingRecord record(int best, boolean keeps) {
    return new EarlyStoppingRecord(Monitor.TRAINING_LOSS, 0, 5,
        new EpochResult(best, 0.5, 0.5, 0.5, 0.5, 0.1, 1, 4), 2 - best, keeps);
  }

  /** A checkpoint of epoch 3 (its weights epoch 2's) with the record, naming a file or not. */
  private static Map<String, String> metadata(EarlyStoppingRecord record, String bestFile) {
    Map<String, String> m = new LinkedHashMap<>(RecordMetadata.of(record, bestFile, null));
    m.put("epoch", "3");
    return m;
  }

  private static String missing(EarlyStoppingRecord record, String bestFile) {
    return ResumedRun.of(metadata(record, bestFile), "run.safetensors").bestWeightsMissing();
  }

  @Test
  void anEarlierBestEpochsKeptWeightsAreBesideTheCheckpoint() {
    // Epoch 0 counts as an earlier epoch (not "no best"); epoch 1 is the last before epoch 2.
    assertEquals("the best epoch's weights (epoch 1) " + BESIDE, missing(record(0, true), null));
    assertEquals("the best epoch's weights (epoch 2) " + BESIDE, missing(record(1, true), null));
  }

  @Test
  void theCheckpointsOwnEpochNeedsNoFileUnlessItNamesOne() {
    // Best epoch 2 is the checkpoint's weights themselves: nothing beside it, unless named.
    assertEquals("the best epoch's weights (epoch 3) " + NOT_KEPT, missing(record(2, true), null));
    assertEquals("the best epoch's weights (epoch 3) " + BESIDE,
        missing(record(2, true), "run.best.safetensors"));
  }

  @Test
  void aRunThatKeptNoBestWeightsHasNoneBeside() {
    assertEquals("the best epoch's weights (epoch 1) " + NOT_KEPT, missing(record(0, false), null));
  }

  @Test
  void theRecordsReadAreGivenBackAsEntries() {
    EarlyStoppingRecord record = record(1, true);
    ResumedRun run = ResumedRun.of(metadata(record, "run.best.safetensors"), "run.safetensors");
    assertTrue(run.recordsSaved());
    // The name of the file beside is the checkpoint's own: a file saved again does not carry it.
    assertEquals(ResumedRun.metadataOf(record, null), run.metadata());
    ResumedRun before = ResumedRun.of(Map.of("epoch", "3"), "old.safetensors");
    assertEquals(false, before.recordsSaved(), "a checkpoint from before records were kept");
    assertEquals(Map.of(), before.metadata());
  }

  @Test
  void aCheckpointOfNoEpochsResumesAtEpochZero() {
    // A run checkpointed before its first epoch ended: 0 is an epoch count, not a missing one.
    assertEquals(0, ResumedRun.of(Map.of("epoch", "0"), "start.safetensors").epoch());
  }
}
