package dev.chainrule.optim.train;

import static com.google.common.base.Verify.verifyNotNull;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A run's periodic checkpoints: the model and optimizer with the run's own metadata (the epochs
 * done, {@value ModelCheckpoint#EPOCH_KEY}) and the records of early stopping and of the plateau,
 * and, when the run restores its best weights and the checkpoint's weights are not the best
 * epoch's, a file beside it with those. Every file is written atomically, the best weights' before
 * the checkpoint that names them, so a failed save leaves the previous checkpoint and its best
 * weights as they were; the best-weights file a failed save wrote, which no checkpoint names, is
 * deleted then. Each save that succeeds deletes the best-weights files of this checkpoint that it
 * does not name: the one the replaced checkpoint named, and any a killed run left (the first save
 * of a resumed or restarted run finds those), but only files in the checkpoint's folder with
 * exactly the names this class gives for it whose metadata says they are its best weights, and
 * that no other file in the folder names (a checkpoint renamed or copied there keeps its file;
 * {@code BestWeightsReferences}). While a file there that may be a checkpoint has a header that
 * cannot be read (a header cut short, malformed JSON), nothing is deleted: each save tries again,
 * and the files stay until that file is gone or mended. A copy of the checkpoint taken meanwhile
 * into another folder needs a copy of the file it names.
 *
 * <p>Public for loops of their own that checkpoint as {@link Trainer} does (the Spark trainer's):
 * {@link ResumedRun#load(Path, int, Module, Optimizer)} reads what this writes.
 */
public final class PeriodicCheckpoints {
  private final Path file;
  private final Module model;
  private final Optimizer optimizer;
  /** The best-weights file beside {@link #file} this run can name, and its epoch. */
  private String bestFile;
  private int bestFileEpoch = -1;

  /**
   * Checkpoints of {@code model} and {@code optimizer} to {@code file}, replaced each time.
   *
   * @param file the checkpoint
   * @param model the model
   * @param optimizer the optimizer, or null
   * @param resumed the run this one resumes, whose best-weights file is named again when this
   *     run writes over the checkpoint that named it, or null
   */
  public PeriodicCheckpoints(Path file, Module model, Optimizer optimizer, ResumedRun resumed) {
    this.file = file;
    this.model = model;
    this.optimizer = optimizer;
    if (resumed != null && resumed.bestWeightsFileBeside(file) != null) {
      bestFile = resumed.bestWeightsFileBeside(file);
      bestFileEpoch = resumed.earlyStopping().orElseThrow().bestEpoch();
    }
  }

  /**
   * Saves a checkpoint, atomically, after the best weights beside it when they are needed; then
   * deletes this checkpoint's best-weights files it does not name (see above).
   *
   * @param metadata the checkpoint's own entries (its epochs done, the run's settings, a loop's
   *     progress)
   * @param stopping early stopping's record, or null when the run keeps none
   * @param best the best epoch, with its weights' copy when the run restores them; null when
   *     {@code stopping} is
   * @param atBest whether the model's weights now are the best epoch's (a checkpoint at the end
   *     of it), so that the checkpoint holds them
   * @param plateau the plateau's record, or null
   * @throws dev.chainrule.optim.checkpoint.CheckpointException when a file cannot be written (a
   *     full disk, a read-only checkpoint): the previous checkpoint and the file it names are as
   *     they were, and the best weights this save wrote are deleted
   */
  public void save(Map<String, String> metadata, EarlyStoppingRecord stopping, BestEpoch best,
      boolean atBest, PlateauRecord plateau) {
    String reference = null;
    String wrote = null;
    String previousFile = bestFile;
    int previousEpoch = bestFileEpoch;
    int epoch = stopping == null ? -1 : stopping.bestEpoch();
    if (stopping != null && stopping.keepsBestWeights() && epoch >= 0 && !atBest) {
      if (bestFileEpoch != epoch) {
        String name = BestWeightsFile.newName(file, epoch);
        WeightsSnapshot copy = verifyNotNull(best.copy(), "no copy of the best epoch, %s", epoch);
        BestWeightsFile.write(file.resolveSibling(name), model, optimizer, copy, epoch,
            String.valueOf(file.getFileName()));
        wrote = name;
        bestFile = name;
        bestFileEpoch = epoch;
      }
      reference = bestFile;
    }
    Map<String, String> entries = new LinkedHashMap<>(metadata);
    entries.putAll(RecordMetadata.of(stopping, reference, plateau));
    try {
      ModelCheckpoint.save(file, model, optimizer, entries);
    } catch (RuntimeException | Error e) {
      if (wrote != null) {
        // A full copy of the model that no checkpoint names: a failed save ends a Trainer's run,
        // so no later save would delete it. The checkpoint there still names the previous file.
        bestFile = previousFile;
        bestFileEpoch = previousEpoch;
        delete(file.resolveSibling(wrote));
      }
      throw e;
    }
    if (reference == null) {
      bestFile = null;  // deleted below: a later save of that epoch writes it again
      bestFileEpoch = -1;
    }
    deleteUnnamed(reference);
  }

  /**
   * Deletes the best-weights files of this checkpoint but {@code kept} (by {@link
   * BestWeightsFile#namesFor} and {@link BestWeightsFile#isFileOf}) that no other file in the
   * folder names ({@link BestWeightsReferences}): a checkpoint renamed or copied beside it still
   * needs its file.
   */
  private void deleteUnnamed(String kept) {
    Path folder = file.toAbsolutePath().getParent();
    Predicate<String> ours = BestWeightsFile.namesFor(file);
    Set<String> candidates = new LinkedHashSet<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, f -> ours.test(String.valueOf(f.getFileName())))) {
      for (Path found : files) {
        String name = found.getFileName().toString();
        if (!name.equals(kept) && BestWeightsFile.isFileOf(found, file)) {
          candidates.add(name);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // Files left behind are named by no checkpoint and read by nothing; the next save tries
      // again. The run, whose checkpoint is saved, goes on rather than fail over them.
      return;
    }
    if (candidates.isEmpty()) {
      return;
    }
    for (String unnamed : BestWeightsReferences.namedByNone(folder,
        String.valueOf(file.getFileName()), candidates)) {
      delete(folder.resolve(unnamed));
    }
  }

  private static void delete(Path unnamed) {
    try {
      Files.deleteIfExists(unnamed);
    } catch (IOException e) {
      // As above: the next successful save deletes it.
    }
  }
}
