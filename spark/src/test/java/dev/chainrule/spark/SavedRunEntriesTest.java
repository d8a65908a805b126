package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.train.ResumedRun;
import dev.chainrule.optim.train.SavedRunMetadata;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's files carry the entries train's --save writes, which train --load reads: the
 * epochs the weights trained, the share held out, the batch size, early stopping's record and the
 * run's seed.
 * Without them train --load went on from a Spark file at epoch 1, held out other rows than the
 * Spark run had, or drew batches of its default size (SparkFileTrainLoadIT runs the program on
 * them).
 */
class SavedRunEntriesTest {
  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
  }

  @Test
  void saveAndCheckpointRecordTheEpochsTheShareHeldOutTheBatchSizeAndTheSeed() throws Exception {
    Path saved = dir.resolve("saved.st");
    Path checkpoint = dir.resolve("checkpoint.st");
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2",
        "--validation", "0.25", "--seed", "7", "--batch-size", "16", "--save", saved.toString(),
        "--checkpoint", checkpoint.toString());
    assertEquals(0, run.code(), run.err());
    for (Path file : new Path[] {saved, checkpoint}) {
      Map<String, String> metadata = SafeTensors.list(file).metadata();
      assertEquals("2", metadata.get(ModelCheckpoint.EPOCH_KEY), file + ": " + metadata);
      assertEquals("0.25", metadata.get(HeldOutRows.METADATA_KEY), file + ": " + metadata);
      assertEquals("16", metadata.get(SavedRunMetadata.BATCH_SIZE_KEY), file + ": " + metadata);
      assertTrue(metadata.containsKey(ResumedRun.RECORDS_KEY), file + ": " + metadata);
      // The program's LoadedSeed.KEY, as train's own files have it (the README says so).
      assertEquals("7", metadata.get("chainrule.seed"), file + ": " + metadata);
    }
    // The launcher's own resume still reads its checkpoint, the new entries beside its own.
    Outcome resumed = launch("--csv", csv.toString(), "--label", "class", "--epochs", "3",
        "--validation", "0.25", "--seed", "7", "--batch-size", "16", "--resume",
        checkpoint.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1, resumed.launch().history.epochs().size(), resumed.out());
    assertEquals(2, resumed.launch().history.epochs().get(0).epoch(), resumed.out());
  }

  /** Under --patience, --save's file keeps the best epoch's weights, its epoch and record. */
  @Test
  void anEarlyStoppedSaveRecordsTheKeptEpoch() throws Exception {
    Path saved = dir.resolve("patience.st");
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "3",
        "--validation", "0.25", "--patience", "2", "--seed", "7", "--save", saved.toString());
    assertEquals(0, run.code(), run.err());
    Map<String, String> metadata = SafeTensors.list(saved).metadata();
    int kept = run.launch().history.weightsEpoch() + 1;
    assertEquals(Integer.toString(kept), metadata.get(ModelCheckpoint.EPOCH_KEY),
        metadata.toString());
    assertTrue(metadata.get(ResumedRun.RECORDS_KEY).contains("early_stopping"),
        metadata.toString());
  }
}
