package dev.chainrule.optim.train;

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
 * A run's periodic checkpoints: the model and optimizer with the epochs done ({@value
 * ModelCheckpoint#EPOCH_KEY}) and the records of early stopping and of the plateau, and, when the
 * run restores its best weights and the best epoch ran before the checkpoint's, a {@link
 * BestWeightsFile} beside it. Every file is written atomically, the best weights' before the
 * checkpoint that names them; a best-weights file no checkpoint names any longer is deleted after
 * the checkpoint that replaced its own.
 */
final class PeriodicCheckpoints {
  private final Path file;
  private final Module model;
  private final Optimizer optimizer;
  /** The best-weights file beside {@link #file} this run can name, and its epoch. */
  private String bestFile;
  private int bestFileEpoch = -1;
  /** Best-weights files this run wrote that a checkpoint may not name yet (a save failed). */
  private final List<String> written = new ArrayList<>();

  /**
   * @param resumed the run this one resumes, whose best-weights file is named again when this
   *     run writes over the checkpoint that named it, or null
   */
  PeriodicCheckpoints(Path file, Module model, Optimizer optimizer, ResumedRun resumed) {
    this.file = file;
    this.model = model;
    this.optimizer = optimizer;
    if (resumed != null && resumed.bestWeightsFileBeside(file) != null) {
      bestFile = resumed.bestWeightsFileBeside(file);
      bestFileEpoch = resumed.earlyStopping().orElseThrow().bestEpoch();
    }
  }

  /**
   * Saves the checkpoint of {@code epochs} epochs done.
   *
   * @param stopping early stopping's record, or null when the run keeps none
   * @param best the best epoch, with its weights' copy when the run restores them
   * @param plateau the plateau's record, or null
   */
  void save(int epochs, EarlyStoppingRecord stopping, BestEpoch best, PlateauRecord plateau) {
    String reference = null;
    int epoch = stopping == null ? -1 : stopping.bestEpoch();
    if (stopping != null && stopping.keepsBestWeights() && epoch >= 0 && epoch < epochs - 1) {
      if (bestFileEpoch != epoch) {
        String name = BestWeightsFile.newName(file, epoch);
        written.add(name);
        BestWeightsFile.write(file.resolveSibling(name), model, optimizer, best.copy(), epoch,
            String.valueOf(file.getFileName()));
        bestFile = name;
        bestFileEpoch = epoch;
      }
      reference = bestFile;
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(epochs));
    metadata.putAll(RecordMetadata.of(stopping, reference, plateau));
    String replaced = named(file);
    ModelCheckpoint.save(file, model, optimizer, metadata);
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
    if (!BestWeightsFile.isName(name) || name.equals(String.valueOf(file.getFileName()))) {
      return;  // never a file this class did not name
    }
    try {
      Files.deleteIfExists(file.resolveSibling(name));
    } catch (IOException e) {
      // Left behind, the file is named by no checkpoint and read by nothing: the run, whose
      // checkpoint is saved, goes on rather than fail over it.
    }
  }
}
