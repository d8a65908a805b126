package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.BestWeightsFixture.STOPS;
import static dev.chainrule.optim.train.BestWeightsFixture.afterTwoEpochs;
import static dev.chainrule.optim.train.BestWeightsFixture.epochs;
import static dev.chainrule.optim.train.BestWeightsFixture.files;
import static dev.chainrule.optim.train.BestWeightsFixture.offer;
import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.interrupted;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static dev.chainrule.optim.train.ResumedRecordsTest.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.train.BestWeightsFixture.SavedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of periodic checkpoints with early stopping's best weights: the checkpoint holds the
 * model's and the optimizer's tensors and nothing more; the best epoch's weights, when that epoch
 * ran before the checkpoint's, are in one file beside it, which the checkpoint names and which
 * goes when no checkpoint names it; a save that fails leaves the previous checkpoint and its best
 * weights as they were.
 */
class PeriodicCheckpointsTest {
  @Test
  void theCheckpointHoldsTheModelAndOptimizerAndItsBestWeightsFileTheBestEpochs(
      @TempDir Path dir) throws IOException {
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    List<Map<String, Tensor>> states = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> state.put(name, t.copy()));
        states.add(state);
      }
    };
    Path checkpoint = dir.resolve("run.safetensors");
    History history = builder(model, adam, STOPS).checkpointEvery(1, checkpoint)
        .listener(recorder).build().fit(TRAIN, VALIDATION);
    int best = history.bestEpoch();
    assertTrue(history.stoppedEarly() && best < history.last().epoch());

    Map<String, String> metadata = SafeTensors.list(checkpoint).metadata();
    String beside = metadata.get(RecordMetadata.BEST_WEIGHTS_FILE);
    assertEquals(Set.of("run.safetensors", beside), files(dir), "one best-weights file, named");
    assertTrue(beside.startsWith("run.best-epoch-" + (best + 1) + "."), beside);
    Set<String> expected = new TreeSet<>(model.stateDict().keySet());
    adam.state().keySet().forEach(name -> expected.add(ModelCheckpoint.OPTIMIZER_PREFIX + name));
    assertEquals(expected, new TreeSet<>(SafeTensors.read(checkpoint).tensors().keySet()),
        "the model's and the optimizer's tensors, and nothing a strict load would refuse");
    assertEquals(expected, new TreeSet<>(SafeTensors.read(dir.resolve(beside)).tensors()
        .keySet()), "the best weights in the same layout");

    Sequential loaded = model(5);
    ModelCheckpoint.load(dir.resolve(beside), loaded, Adam.builder().learningRate(0.05)
        .build(loaded));
    assertEquals(states.get(best), loaded.stateDict(), "the best epoch's, bit for bit");
    assertEquals(Integer.toString(best + 1),
        SafeTensors.list(dir.resolve(beside)).metadata().get(ModelCheckpoint.EPOCH_KEY));
  }

  /** As the best moves on, the file of the old best goes; at the best itself, none is kept. */
  @Test
  void aFileNoCheckpointNamesIsDeleted(@TempDir Path dir) throws IOException {
    int best = uninterrupted(STOPS).history().bestEpoch();
    interrupted(STOPS, best + 3, dir);
    String first = SafeTensors.list(dir.resolve("run.safetensors")).metadata()
        .get(RecordMetadata.BEST_WEIGHTS_FILE);
    assertEquals(Set.of("run.safetensors", first), files(dir));
    // Resumed over the same path, the run names the file again rather than copy it.
    ResumedRecordsTest.resumed(b -> STOPS.apply(b).checkpointEvery(1, dir.resolve(
        "run.safetensors")), dir.resolve("run.safetensors"));
    assertEquals(Set.of("run.safetensors", first), files(dir));

    // A run whose best is the last checkpoint's epoch keeps no file beside it.
    Path other = dir.resolve("other");
    Files.createDirectory(other);
    interrupted(STOPS, best + 1, other);
    assertEquals(Set.of("run.safetensors"), files(other));
  }

  @Test
  void aFailedSaveLeavesThePreviousCheckpointAndItsBestWeights(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("run.safetensors");
    SavedRun run = afterTwoEpochs(file);
    byte[] saved = Files.readAllBytes(file);
    byte[] bestWeights = Files.readAllBytes(dir.resolve(run.named()));

    offer(run.best(), run.model(), 2, 0.5);  // a new best, whose file the next save writes first
    offer(run.best(), run.model(), 3, 0.9);
    // A counter that is not a whole number, put there in place behind the module's back: the
    // checkpoint's writer refuses it, after the new best weights (a copy taken before) were
    // written, as a full disk would fail the checkpoint after them.
    Tensor counter = run.model().stateDict().get("0.num_batches_tracked");
    counter.assignInPlace(Tensor.scalar(0.5));
    assertEquals("checkpoint: tensor \"0.num_batches_tracked\" is to be stored as I64 but holds"
        + " values that are not whole numbers within ±2^53: tensor(0.5)",
        assertThrows(IllegalArgumentException.class,
            () -> run.checkpoints().save(epochs(4), run.best().record(3, 0, 6), run.best(), false,
                null)).getMessage());
    assertArrayEquals(saved, Files.readAllBytes(file), "the previous checkpoint, as it was");
    assertArrayEquals(bestWeights, Files.readAllBytes(dir.resolve(run.named())),
        "and its best weights");
    // A full copy of the model that no checkpoint names, which nothing deleted after a failed
    // save had ended the run.
    assertEquals(Set.of("run.safetensors", run.named()), files(dir),
        "the new best weights, named by no checkpoint, deleted");

    counter.assignInPlace(Tensor.scalar(4));
    run.checkpoints().save(epochs(4), run.best().record(3, 0, 6), run.best(), false, null);
    String now = SafeTensors.list(file).metadata().get(RecordMetadata.BEST_WEIGHTS_FILE);
    assertNotEquals(run.named(), now);
    assertEquals(Set.of("run.safetensors", now), files(dir), "the old best weights went");
    assertEquals("3", SafeTensors.list(dir.resolve(now)).metadata()
        .get(ModelCheckpoint.EPOCH_KEY), "the new best epoch's, written again");
  }

  /**
   * A copy of a checkpoint names the original's best-weights file; a run saving over the copy
   * leaves that file alone, which the original still names (it was deleted).
   */
  @Test
  void aRunSavingOverACopyKeepsTheOriginalsFile(@TempDir Path dir) throws IOException {
    Path original = dir.resolve("run.safetensors");
    SavedRun run = afterTwoEpochs(original);
    Path copy = dir.resolve("copy.safetensors");
    Files.copy(original, copy);

    offer(run.best(), run.model(), 2, 0.5);
    offer(run.best(), run.model(), 3, 0.9);
    new PeriodicCheckpoints(copy, run.model(), run.sgd(), null)
        .save(epochs(4), run.best().record(3, 0, 6), run.best(), false, null);
    String copyNames = SafeTensors.list(copy).metadata().get(RecordMetadata.BEST_WEIGHTS_FILE);
    assertTrue(copyNames.startsWith("copy.best-epoch-3."), copyNames);
    assertEquals(Set.of("run.safetensors", run.named(), "copy.safetensors", copyNames), files(dir));
  }

  /** A file of another tool under the checkpoint's name names nothing, and is replaced. */
  @Test
  void aForeignFileUnderTheNameIsReplacedAndNothingElseDeleted(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("run.safetensors"), "not a checkpoint");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Sequential model = model(0);
    Optimizer sgd = Sgd.builder(0.1).build(model);
    PeriodicCheckpoints checkpoints =
        new PeriodicCheckpoints(dir.resolve("run.safetensors"), model, sgd, null);
    BestEpoch best = new BestEpoch(Monitor.VALIDATION_LOSS, 0, true, null, null);
    offer(best, model, 0, 1.0);
    checkpoints.save(epochs(1), best.record(0, 0, 0), best, true, null);
    assertEquals(Set.of("notes.txt", "run.safetensors"), files(dir));
    assertNull(SafeTensors.list(dir.resolve("run.safetensors")).metadata()
        .get(RecordMetadata.BEST_WEIGHTS_FILE));
  }

  /** A name from a file's metadata reaches no other folder: it is neither read nor deleted. */
  @Test
  void onlyNamesInTheCheckpointsFolderAreBestWeightsFiles() {
    assertTrue(BestWeightsFile.isName("run.best-epoch-3.0123abcd.safetensors"));
    assertTrue(BestWeightsFile.isName(BestWeightsFile.newName(Path.of("a", "run.safetensors"), 2)));
    for (String name : List.of("../run.best-epoch-3.0123abcd.safetensors",
        "sub/run.best-epoch-3.0123abcd.safetensors", "sub\\run.best-epoch-3.0123abcd.safetensors",
        "run.best-epoch-3.0123abcd.safetensors.bak", "notes.txt")) {
      assertTrue(!BestWeightsFile.isName(name), name);
    }
  }
}
