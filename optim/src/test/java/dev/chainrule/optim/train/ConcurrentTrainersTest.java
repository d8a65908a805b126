package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate runs on separate threads do not interfere: four trainers, each with its own model
 * (batch normalization and dropout in training mode), optimizer, listener and checkpoint file, all
 * in one folder, give bitwise the histories, weights and checkpoints of the same runs one after
 * another. The trainer's per-thread state (evaluation mode for validation, the no-grad scope, the
 * recycling scope of a step, the traceless pass's generator) is what could leak between them.
 */
class ConcurrentTrainersTest {
  private static final int RUNS = 4;

  /** Run {@code seed}'s epochs, weights and reloaded checkpoint, checkpointing into folder. */
  private static List<Object> run(int seed, Path folder) {
    Sequential model = Sequential.of(Dense.of(6, 24, seed), BatchNorm1d.of(24),
        Activation.relu(), Dropout.of(0.2, seed + 1L), Dense.of(24, 3, seed + 2L));
    Tensor x = Tensors.randn(Shape.of(96, 6), seed);
    Tensor labels = Tensor.of(new SplittableRandom(seed).doubles(96, 0, 3)
        .map(Math::floor).toArray(), 96);
    Optimizer optimizer = Adam.builder().learningRate(0.02).build(model);
    List<Object> result = new ArrayList<>();
    TrainingListener validationLosses = new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult epoch) {
        result.add(epoch.validationLoss());
      }
    };
    Path file = folder.resolve("run-" + seed + ".safetensors");
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(), optimizer).epochs(8)
        .batchSize(16).seed(seed).earlyStopping(Monitor.VALIDATION_LOSS, 3, 0)
        .restoreBestWeights(true).checkpointEvery(1, file).listener(validationLosses).build()
        .fit(new Dataset(x.slice(0, 0, 64), labels.slice(0, 0, 64)),
            new Dataset(x.slice(0, 64, 96), labels.slice(0, 64, 96)));
    result.add(history.trainLosses());
    result.add(history.bestEpoch());
    result.addAll(model.stateDict().values());
    result.addAll(optimizer.state().values());
    Sequential reloaded = Sequential.of(Dense.of(6, 24, 0), BatchNorm1d.of(24),
        Activation.relu(), Dropout.of(0.2, 0), Dense.of(24, 3, 0));
    ModelCheckpoint.load(file, reloaded);
    result.addAll(reloaded.stateDict().values());
    return result;
  }

  @Test
  void fourTrainersOnFourThreadsGiveTheRunsOfOneThread(@TempDir Path temp) throws Exception {
    Path serialFolder = Files.createDirectory(temp.resolve("serial"));
    Path sharedFolder = Files.createDirectory(temp.resolve("shared"));
    List<List<Object>> serial = new ArrayList<>();
    for (int seed = 0; seed < RUNS; seed++) {
      serial.add(run(seed, serialFolder));
    }
    ExecutorService threads = Executors.newFixedThreadPool(RUNS);
    try {
      List<Future<List<Object>>> runs = new ArrayList<>();
      for (int seed = 0; seed < RUNS; seed++) {
        int own = seed;
        runs.add(threads.submit(() -> run(own, sharedFolder)));
      }
      for (int seed = 0; seed < RUNS; seed++) {
        assertEquals(serial.get(seed), runs.get(seed).get(), "run " + seed + ", bitwise");
      }
    } finally {
      threads.shutdownNow();
    }
    // No run deleted another's best-weights file, nor left one of its own behind.
    assertEquals(names(serialFolder), names(sharedFolder));
  }

  /** The folder's file names, the random part of a best-weights file's name left out. */
  private static List<String> names(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString().replaceAll("\\.[0-9a-f]{8}\\.", "."))
          .sorted().toList();
    }
  }
}
