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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ReadOnlyFiles;
import dev.chainrule.optim.train.BestWeightsFixture.SavedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Best-weights files, full copies of the model, that no checkpoint names do not pile up: a failed
 * save deletes the one it wrote (a failed save ends the run, so no later save of it would), and a
 * save that succeeds deletes those of its checkpoint that a killed run left, the first save of a
 * resumed or restarted run included; nothing else, however close its name.
 */
class UnnamedBestWeightsTest {
  /**
   * The save after the best epoch writes its weights, then fails on the checkpoint (read-only
   * here; a full disk alike): the run ends with the CheckpointException, the previous checkpoint
   * and files as they were, and the model holding the weights of the epoch whose save failed.
   */
  @Test
  void aFailedPeriodicSaveEndsTheRunAndDeletesTheBestWeightsItWrote(@TempDir Path dir)
      throws Exception {
    // Made read-only inside a listener, where an abort would pass through fit and turn into
    // assertThrows' failure: first on a scratch file, so that where neither mode 0444 nor
    // chattr +i stops this user (root on tmpfs or overlayfs) the test aborts here.
    Path scratch = Files.writeString(dir.resolve("probe.txt"), "probe");
    ReadOnlyFiles.make(scratch).close();
    Files.delete(scratch);
    int failing = uninterrupted(STOPS).history().bestEpoch() + 1;
    Path checkpoint = dir.resolve("run.safetensors");
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    Map<String, Tensor> weights = new LinkedHashMap<>();
    Map<String, Object> before = new LinkedHashMap<>();
    ReadOnlyFiles.Undo[] undo = new ReadOnlyFiles.Undo[1];
    TrainingListener readOnly = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        if (epoch.epoch() != failing) {
          return;
        }
        model.stateDict().forEach((name, t) -> weights.put(name, t.copy()));
        try {
          before.put("bytes", Files.readAllBytes(checkpoint));
          before.put("files", files(dir));
          undo[0] = ReadOnlyFiles.make(checkpoint);
        } catch (IOException | InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    };
    Trainer trainer = builder(model, adam, STOPS).checkpointEvery(1, checkpoint)
        .listener(readOnly).build();
    try {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> trainer.fit(TRAIN, VALIDATION));
      assertTrue(e.getMessage().startsWith(checkpoint + ": I/O error: writing failed, any"
          + " previous file is intact: "), e.getMessage());
    } finally {
      if (undo[0] != null) {
        undo[0].close();
      }
    }
    assertArrayEquals((byte[]) before.get("bytes"), Files.readAllBytes(checkpoint));
    assertEquals(before.get("files"), files(dir), "no best-weights file that nothing names");
    assertEquals(weights, model.stateDict(), "the failed epoch's weights, not the best's");
  }

  /**
   * A kill between the best weights' write and the checkpoint's rename leaves a file no
   * checkpoint names; the next run's first save deletes it, and leaves every other file,
   * names close to the pattern included.
   */
  @Test
  void aRestartedRunsFirstSaveDeletesWhatAKilledRunLeftAndNothingElse(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("run.safetensors");
    SavedRun run = afterTwoEpochs(file);
    Sequential model = run.model();
    Optimizer sgd = run.sgd();
    // The killed run's next best weights, written before the checkpoint that was to name them.
    String orphan = BestWeightsFile.newName(file, 2);
    BestWeightsFile.write(dir.resolve(orphan), model, sgd, run.best().copy(), 2, "run.safetensors");
    Path o = dir.resolve(orphan);
    // Files this run must leave: not of the exact pattern, of another checkpoint with the same
    // stem ("run", no suffix), unreadable, in another folder, a link, another stem.
    Files.copy(o, dir.resolve("run.best-epoch-3.0123abcd.safetensors.bak"));
    Files.copy(o, dir.resolve("run.best-epoch-5.best-epoch-3.0123abcd.safetensors"));
    Files.copy(o, dir.resolve("other.best-epoch-3.0123abcd.safetensors"));
    BestWeightsFile.write(dir.resolve("run.best-epoch-4.89abcdef.safetensors"), model, sgd,
        run.best().copy(), 3, "run");
    Files.writeString(dir.resolve("run.best-epoch-7.00000000.safetensors"), "my notes");
    Files.createDirectory(dir.resolve("sub"));
    Files.copy(o, dir.resolve("sub").resolve("run.best-epoch-3.0123abcd.safetensors"));
    Path link = Files.createSymbolicLink(dir.resolve("run.best-epoch-8.11111111.safetensors"),
        Path.of("run.best-epoch-3.0123abcd.safetensors.bak"));
    Set<String> others = files(dir);
    others.removeAll(Set.of("run.safetensors", run.named(), orphan));

    BestEpoch restarted = new BestEpoch(Monitor.VALIDATION_LOSS, 0, true, model, sgd);
    offer(restarted, model, 0, 1.0);
    new PeriodicCheckpoints(file, model, sgd, null)
        .save(epochs(1), restarted.record(0, 0, 6), restarted, true, null);
    Set<String> expected = new TreeSet<>(others);
    expected.add("run.safetensors");
    assertEquals(expected, files(dir), "the orphan and the replaced checkpoint's file deleted");
    assertEquals(Set.of("run.best-epoch-3.0123abcd.safetensors"), files(dir.resolve("sub")));
    assertTrue(Files.isSymbolicLink(link) && Files.exists(link, LinkOption.NOFOLLOW_LINKS));
  }

  /** Resumed from its checkpoint, a run's first save deletes what the kill left. */
  @Test
  void aResumedRunsFirstSaveDeletesWhatAKilledRunLeft(@TempDir Path dir) throws IOException {
    int best = uninterrupted(STOPS).history().bestEpoch();
    Path checkpoint = interrupted(STOPS, best + 3, dir);
    String kept = named(checkpoint);
    assertNotNull(kept);
    // A best-weights file of the same run and pattern that its checkpoint does not name.
    String orphan = "run.best-epoch-" + (best + 1) + ".deadbeef.safetensors";
    Files.copy(dir.resolve(kept), dir.resolve(orphan));
    ResumedRecordsTest.resumed(b -> STOPS.apply(b).checkpointEvery(1, checkpoint), checkpoint);
    String last = named(checkpoint);
    assertEquals(last == null ? Set.of("run.safetensors") : Set.of("run.safetensors", last),
        files(dir));
  }

}
