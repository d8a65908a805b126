package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.BestWeightsFixture.STOPS;
import static dev.chainrule.optim.train.BestWeightsFixture.afterTwoEpochs;
import static dev.chainrule.optim.train.BestWeightsFixture.epochs;
import static dev.chainrule.optim.train.BestWeightsFixture.files;
import static dev.chainrule.optim.train.BestWeightsFixture.named;
import static dev.chainrule.optim.train.BestWeightsFixture.offer;
import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedRecordsTest.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.train.BestWeightsFixture.SavedRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A best-weights file says which checkpoint it was written for ({@code
 * chainrule.best_weights_of}) by that checkpoint's name, which the user may change: after {@code
 * mv run.safetensors final.safetensors}, a new run checkpointing to {@code run.safetensors} in
 * the same folder took the file {@code final.safetensors} names for its own and deleted it at its
 * first save, and {@code final.safetensors} could no longer be resumed. A run now deletes no file
 * that another file in the folder names, and in doubt (a header it cannot read) deletes nothing.
 */
class RenamedCheckpointTest {
  @Test
  void aNewRunUnderTheOldNameKeepsTheRenamedCheckpointsBestWeights(@TempDir Path dir)
      throws IOException {
    int best = uninterrupted(STOPS).history().bestEpoch();
    Path run = interrupted(STOPS, best + 3, dir);
    String kept = named(run);
    assertNotNull(kept, "the checkpoint after the best epoch names its best weights");
    Path renamed = Files.move(run, dir.resolve("final.safetensors"));

    // A new run in the same folder, checkpointing every epoch under the old name.
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    builder(model, adam, STOPS).checkpointEvery(1, run).build().fit(TRAIN, VALIDATION);
    assertTrue(files(dir).contains(kept), files(dir).toString());
    String newRuns = named(run);
    assertEquals(newRuns == null ? Set.of("final.safetensors", "run.safetensors", kept)
        : Set.of("final.safetensors", "run.safetensors", kept, newRuns), files(dir),
        "the new run's own old files went, the renamed checkpoint's stayed");

    // The renamed checkpoint resumes with its best weights (resumed() asserts no notes).
    ResumedRecordsTest.resumed(STOPS, renamed);
    Sequential again = model(5);
    assertEquals(kept, ResumedRun.load(renamed, again, Adam.builder().learningRate(0.05)
        .build(again)).bestWeightsFileBeside(renamed));
  }

  /**
   * A file beside the checkpoint that may be a checkpoint and cannot be read (here a header cut
   * short, as a copy under way leaves it) may name a best-weights file: none is deleted while it
   * is there. A file that is no safetensors file names nothing, and the sweep goes on past it.
   */
  @Test
  void inDoubtNothingIsDeleted(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.safetensors");
    SavedRun run = afterTwoEpochs(file);
    Files.writeString(dir.resolve("notes.txt"), "not a checkpoint, and longer than 8 bytes");
    Path cut = dir.resolve("copy.safetensors");
    byte[] header = "{\"__metadata__\":{".getBytes(StandardCharsets.UTF_8);
    Files.write(cut, ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(4096).put(header).array());

    offer(run.best(), run.model(), 2, 0.5);  // a new best: the next save names another file
    offer(run.best(), run.model(), 3, 0.9);
    run.checkpoints().save(epochs(4), run.best().record(3, 0, 6), run.best(), false, null);
    String second = named(file);
    assertEquals(Set.of("run.safetensors", run.named(), second, "notes.txt", "copy.safetensors"),
        files(dir), "the replaced checkpoint's file kept while copy.safetensors is unreadable");

    Files.delete(cut);
    offer(run.best(), run.model(), 4, 0.9);
    run.checkpoints().save(epochs(5), run.best().record(4, 0, 6), run.best(), false, null);
    assertEquals(Set.of("run.safetensors", second, "notes.txt"), files(dir),
        "once it is gone, the file no checkpoint names is deleted, notes.txt left");
  }

  /**
   * A save killed part-way leaves {@code .run.safetensors.<16 hex>.tmp}, its header whole and its
   * data cut, which nothing deletes: read as a checkpoint it was refused (data does not end where
   * the file ends) and the sweep gave up for good in that folder. It is no checkpoint and is now
   * passed over, while a file of another name with a whole header and cut data (a copy under way)
   * is believed: the file it names is kept, and an orphan it does not name is deleted.
   */
  @Test
  void aKilledSavesTemporaryFileAndACutCopyDoNotStopTheSweep(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("run.safetensors");
    SavedRun run = afterTwoEpochs(file);
    byte[] saved = Files.readAllBytes(file);
    // It names run.named(), the file the checkpoint names now; the last byte cut, as a kill
    // during the data's write leaves it (a small model's header is most of its file).
    String temp = ".run.safetensors.0123456789abcdef.tmp";
    Files.write(dir.resolve(temp), Arrays.copyOf(saved, saved.length - 1));
    String orphan = BestWeightsFile.newName(file, 7);
    Files.copy(dir.resolve(run.named()), dir.resolve(orphan));

    offer(run.best(), run.model(), 2, 0.5);  // a new best: the next save names another file
    offer(run.best(), run.model(), 3, 0.9);
    run.checkpoints().save(epochs(4), run.best().record(3, 0, 6), run.best(), false, null);
    String second = named(file);
    assertEquals(Set.of("run.safetensors", second, temp), files(dir),
        "the temporary file names nothing: the replaced checkpoint's file and the orphan deleted");

    // A copy of this checkpoint cut short: its header names second, which stays; the next
    // save's replaced file would be second, so an orphan shows the sweep still runs.
    saved = Files.readAllBytes(file);
    Files.write(dir.resolve("copy.safetensors"), Arrays.copyOf(saved, saved.length - 1));
    Files.copy(dir.resolve(second), dir.resolve(orphan));
    offer(run.best(), run.model(), 4, 0.4);
    offer(run.best(), run.model(), 5, 0.9);
    run.checkpoints().save(epochs(6), run.best().record(5, 0, 6), run.best(), false, null);
    String third = named(file);
    assertEquals(Set.of("run.safetensors", second, third, temp, "copy.safetensors"), files(dir),
        "the file the cut copy names kept, the orphan deleted");
  }
}
