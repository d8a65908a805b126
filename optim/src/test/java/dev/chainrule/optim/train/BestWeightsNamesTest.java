package dev.chainrule.optim.train;

import static dev.chainrule.optim.train.BestWeightsFixture.afterTwoEpochs;
import static dev.chainrule.optim.train.BestWeightsFixture.epochs;
import static dev.chainrule.optim.train.BestWeightsFixture.files;
import static dev.chainrule.optim.train.ResumedRecordsTest.TRAIN;
import static dev.chainrule.optim.train.ResumedRecordsTest.VALIDATION;
import static dev.chainrule.optim.train.ResumedRecordsTest.builder;
import static dev.chainrule.optim.train.ResumedRecordsTest.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.train.BestWeightsFixture.SavedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's name that the trainer's check passes gives best-weights names the file system
 * takes: {@code <stem>.best-epoch-<n>.<8 hex>.safetensors} is about 23 bytes longer than the
 * checkpoint's name, so a name of 221 to 255 bytes passed {@code checkpointEvery} and the run died
 * at its first save of best weights. The stem is now cut, by bytes, so that the name is no longer
 * than the checkpoint's.
 */
class BestWeightsNamesTest {
  private static int bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void requireUtf8Names() {
    Assumptions.assumeTrue(StandardCharsets.UTF_8.name().equals(
        System.getProperty("sun.jnu.encoding")), "file names in UTF-8");
  }

  @Test
  void aRunWithALongCheckpointNameSavesItsBestWeights(@TempDir Path dir) throws IOException {
    requireUtf8Names();
    String name = "c".repeat(228) + ".safetensors";  // 240 bytes: one the file system takes
    Path checkpoint = dir.resolve(name);
    try {
      Files.delete(Files.createFile(checkpoint));
    } catch (FileSystemException e) {
      Assumptions.abort("this file system refuses names of 240 bytes: " + e.getReason());
    }
    Sequential model = model(0);
    Optimizer adam = Adam.builder().learningRate(0.05).build(model);
    History history = builder(model, adam, b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0)
        .restoreBestWeights(true)).checkpointEvery(1, checkpoint).build()
        .fit(TRAIN, VALIDATION);
    assertTrue(history.bestEpoch() < history.last().epoch(), "the last checkpoint needs a file");

    String beside = SafeTensors.list(checkpoint).metadata().get(RecordMetadata.BEST_WEIGHTS_FILE);
    assertEquals(Set.of(name, beside), files(dir));
    assertTrue(bytes(beside) <= bytes(name), bytes(beside) + " bytes: " + beside);
    assertTrue(beside.startsWith("c".repeat(100)) && BestWeightsFile.isName(beside), beside);
    assertTrue(beside.contains(".best-epoch-" + (history.bestEpoch() + 1) + "."), beside);
    // And a resumed run reads it.
    Sequential again = model(5);
    ResumedRun resumed = ResumedRun.load(checkpoint, again, Adam.builder().learningRate(0.05)
        .build(again));
    assertEquals(List.of(), resumed.notes());
    assertEquals(beside, resumed.bestWeightsFileBeside(checkpoint));
  }

  /**
   * Cut by bytes at whole characters, for the longest epoch number, so the name is never longer
   * than the checkpoint's; short names keep their stem whole; the run's own names are its own.
   */
  @Test
  void namesAreNoLongerThanTheCheckpointsAndAreTheRunsOwn(@TempDir Path dir) throws IOException {
    requireUtf8Names();
    // The names below are up to 255 bytes: abort where the file system takes fewer (eCryptfs).
    try {
      Files.delete(Files.createFile(dir.resolve("d".repeat(255))));
    } catch (FileSystemException e) {
      Assumptions.abort("this file system refuses names of 255 bytes: " + e.getReason());
    }
    for (String name : List.of("é".repeat(121) + ".safetensors", "\uD83D\uDE00".repeat(60)
        + ".safetensors", "d".repeat(255), "c".repeat(228) + ".safetensors")) {
      Path checkpoint = dir.resolve(name);
      Predicate<String> ours = BestWeightsFile.namesFor(checkpoint);
      for (int epoch : new int[] {0, 99, Integer.MAX_VALUE - 1}) {
        String best = BestWeightsFile.newName(checkpoint, epoch);
        assertTrue(bytes(best) <= bytes(name), bytes(best) + " bytes: " + best);
        assertFalse(best.contains("\uFFFD") || best.contains("?"), "whole characters: " + best);
        assertTrue(name.startsWith(best.substring(0, best.indexOf(".best-epoch-"))), best);
        assertTrue(BestWeightsFile.isName(best) && ours.test(best), best);
        Files.delete(Files.createFile(dir.resolve(best)));  // the file system takes it
      }
    }
    Path run = dir.resolve("run.safetensors");
    assertTrue(BestWeightsFile.newName(run, 2).startsWith("run.best-epoch-3."));
    Predicate<String> runs = BestWeightsFile.namesFor(run);
    assertTrue(runs.test("run.best-epoch-3.0123abcd.safetensors"));
    for (String other : List.of("run.best-epoch-5.best-epoch-3.0123abcd.safetensors",
        "runs.best-epoch-3.0123abcd.safetensors", "run.best-epoch-3.0123abcd.safetensors.bak",
        "run.best-epoch-3.0123ABCD.safetensors", "run.best-epoch-.0123abcd.safetensors")) {
      assertFalse(runs.test(other), other);
    }
  }

  /**
   * NTFS limits names to 255 UTF-16 units: 243 × {@code é} with {@code .safetensors} is 255 of
   * them, and its best-weights name, cut by bytes alone, was 261. Cut in units as well, it is no
   * longer than the checkpoint's, whatever the epoch.
   */
  @Test
  void namesAreNoLongerThanTheCheckpointsInUtf16Units() {
    requireUtf8Names();
    String name = "é".repeat(243) + ".safetensors";
    for (int epoch : new int[] {0, 99, Integer.MAX_VALUE - 1}) {
      String best = BestWeightsFile.newName(Path.of(name), epoch);
      assertTrue(best.length() <= name.length(), best.length() + " units: " + best);
      assertTrue(bytes(best) <= bytes(name), bytes(best) + " bytes: " + best);
      assertTrue(best.startsWith("é".repeat(200)) && BestWeightsFile.isName(best), best);
      assertTrue(BestWeightsFile.namesFor(Path.of(name)).test(best), best);
    }
  }

  /**
   * Stems were cut by bytes alone before they were cut in UTF-16 units too, and where units bind
   * the stem is shorter now: a run resumed after the upgrade took the files its earlier runs left
   * for another checkpoint's and never deleted them. They are its own: a save deletes one no file
   * names and keeps one another checkpoint in the folder names.
   */
  @Test
  void filesNamedWithTheStemCutByBytesAloneAreTheRunsOwn(@TempDir Path dir) throws IOException {
    requireUtf8Names();
    String name = "a".repeat(150) + "é".repeat(40) + ".safetensors";  // 202 units, 242 bytes
    Path checkpoint = dir.resolve(name);
    try {
      Files.delete(Files.createFile(checkpoint));
    } catch (FileSystemException e) {
      Assumptions.abort("this file system refuses names of 242 bytes: " + e.getReason());
    }
    // The longest tail is 43 characters: 242 - 43 bytes kept 24 é; 202 - 43 units keep 9.
    String bytesOnly = "a".repeat(150) + "é".repeat(24);
    String now = BestWeightsFile.newName(checkpoint, 0);
    assertTrue(now.startsWith("a".repeat(150) + "é".repeat(9) + ".best-epoch-1."), now);
    String orphan = bytesOnly + ".best-epoch-1.0123abcd.safetensors";
    String named = bytesOnly + ".best-epoch-1.89abcdef.safetensors";
    assertTrue(BestWeightsFile.namesFor(checkpoint).test(orphan), orphan);

    SavedRun run = afterTwoEpochs(checkpoint);
    for (String old : List.of(orphan, named)) {
      BestWeightsFile.write(dir.resolve(old), run.model(), run.sgd(), run.best().copy(), 0, name);
    }
    ModelCheckpoint.save(dir.resolve("renamed.safetensors"), run.model(), run.sgd(),
        Map.of(RecordMetadata.BEST_WEIGHTS_FILE, named));
    run.checkpoints().save(epochs(2), run.best().record(1, 0, 6), run.best(), false, null);
    assertEquals(Set.of(name, run.named(), named, "renamed.safetensors"), files(dir),
        "the unnamed file of the older stem deleted, the named one kept");
  }

  /** Under a locale with digits of its own, the name keeps ASCII ones, which resuming reads. */
  @Test
  void namesHaveAsciiDigitsInEveryLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-SA"));
      String name = BestWeightsFile.newName(Path.of("run.safetensors"), 11);
      assertTrue(name.startsWith("run.best-epoch-12."), name);
      assertTrue(BestWeightsFile.isName(name), name);
    } finally {
      Locale.setDefault(before);
    }
  }
}
