package dev.chainrule.optim.train;

import static com.google.common.base.Verify.verifyNotNull;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's periodic checkpoints: the model and optimizer with the run's own metadata (the epochs
 * done, {@value ModelCheckpoint#EPOCH_KEY}) and the records of early stopping and of the plateau,
 * and, when the run restores its best weights and the checkpoint's weights are not the best
 * epoch's, a file beside it with those. Every file is written atomically, the best weights' before
 * the checkpoint that names them; a best-weights file named after this checkpoint is deleted
 * once the checkpoint that replaced the one naming it is written, so a failed save leaves the
 * previous checkpoint and its best weights as they were (a copy of the checkpoint taken meanwhile
 * needs a copy of that file).
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
  /** Best-weights files this run wrote that a checkpoint may not name yet (a save failed). */
  private final List<String> written = new ArrayList<>();

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
   * Saves a checkpoint, atomically, after the best weights beside it when they are needed.
   *
   * @param metadata the checkpoint's own entries (its epochs done, a loop's progress)
   * @param stopping early stopping's record, or null when the run keeps none
   * @param best the best epoch, with its weights' copy when the run restores them; null when
   *     {@code stopping} is
   * @param atBest whether the model's weights now are the best epoch's (a checkpoint at the end
   *     of it), so that the checkpoint holds them
   * @param plateau the plateau's record, or null
   */
  public void save(Map<String, String> metadata, EarlyStoppingRecord stopping, BestEpoch best,
      boolean atBest, PlateauRecord plateau) {
    String reference = null;
    int epoch = stopping == null ? -1 : stopping.bestEpoch();
    if (stopping != null && stopping.keepsBestWeights() && epoch >= 0 && !atBest) {
      if (bestFileEpoch != epoch) {
        String name = BestWeightsFile.newName(file, epoch);
        written.add(name);
        WeightsSnapshot copy = verifyNotNull(best.copy(), "no copy of the best epoch, %s", epoch);
        BestWeightsFile.write(file.resolveSibling(name), model, optimizer, copy, epoch,
            String.valueOf(file.getFileName()));
        bestFile = name;
        bestFileEpoch = epoch;
      }
      reference = bestFile;
    }
    Map<String, String> entries = new LinkedHashMap<>(metadata);
    entries.putAll(RecordMetadata.of(stopping, reference, plateau));
    String replaced = named(file);
    ModelCheckpoint.save(file, model, optimizer, entries);
    List<String> stale = new ArrayList<>(written);
    if (replaced != null) {
      stale.add(replaced);
    }
    for (String name : stale) {
      if (!name.equals(reference)) {
        delete(name);
      }
    }
    written.clear();
  }

  /** The best-weights file the checkpoint now at {@code checkpoint} names, or null. */
  private static String named(Path checkpoint) {
    if (!Files.isRegularFile(checkpoint)) {
      return null;
    }
    try {
      return SafeTensors.list(checkpoint).metadata().get(RecordMetadata.BEST_WEIGHTS_FILE);
    } catch (CheckpointException e) {
      return null;  // not a checkpoint (yet): it names nothing this run may delete
    }
  }

  private void delete(String name) {
    if (!BestWeightsFile.isNameFor(name, file)) {
      return;  // never a file named for another checkpoint, or by no run
    }
    try {
      Files.deleteIfExists(file.resolveSibling(name));
    } catch (IOException e) {
      // Left behind, the file is named by no checkpoint and read by nothing: the run, whose
      // checkpoint is saved, goes on rather than fail over it.
    }
  }
}
