package dev.chainrule.optim.train;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What the tests of best-weights files share: the runs' early stopping, a folder's file names,
 * the file a checkpoint names, a save's metadata, an epoch offered to {@link BestEpoch} after a
 * step's change of weights, and a checkpoint that names a best-weights file.
 */
final class BestWeightsFixture {
  /** Early stopping that keeps the best weights, patient enough to checkpoint past the best. */
  static final UnaryOperator<Trainer.Builder> STOPS =
      b -> b.earlyStopping(Monitor.VALIDATION_LOSS, 6, 0).restoreBestWeights(true);

  private BestWeightsFixture() {}

  /**
   * A run's parts after {@link #afterTwoEpochs}: its checkpoints and the best-weights file the
   * checkpoint names.
   */
  record SavedRun(Sequential model, Optimizer sgd, BestEpoch best,
      PeriodicCheckpoints checkpoints, String named) {}

  /**
   * Two epochs, the first the best, then a checkpoint to {@code file}: its weights are the second
   * epoch's, so it names a best-weights file beside it with the first's.
   */
  static SavedRun afterTwoEpochs(Path file) {
    Sequential model = ResumedRecordsTest.model(0);
    Optimizer sgd = Sgd.builder(0.1).build(model);
    BestEpoch best = new BestEpoch(Monitor.VALIDATION_LOSS, 0, true, model, sgd);
    offer(best, model, 0, 1.0);
    offer(best, model, 1, 2.0);
    PeriodicCheckpoints checkpoints = new PeriodicCheckpoints(file, model, sgd, null);
    checkpoints.save(epochs(2), best.record(1, 0, 6), best, false, null);
    return new SavedRun(model, sgd, best, checkpoints, named(file));
  }

  /** The names of the files in {@code dir}, sorted. */
  static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> listed = Files.list(dir)) {
      return new TreeSet<>(listed.map(p -> p.getFileName().toString()).toList());
    }
  }

  /** The best-weights file {@code checkpoint}'s metadata names, or null. */
  static String named(Path checkpoint) {
    return SafeTensors.list(checkpoint).metadata().get(RecordMetadata.BEST_WEIGHTS_FILE);
  }

  /** A save's own metadata: the epochs done. */
  static Map<String, String> epochs(int done) {
    return Map.of(ModelCheckpoint.EPOCH_KEY, Integer.toString(done));
  }

  /**
   * Offers an epoch of this validation loss, after changing the weights as a step would: the
   * third parameter of {@link ResumedRecordsTest#model}'s network holds {@code epoch + 1}.
   */
  static void offer(BestEpoch best, Sequential model, int epoch, double loss) {
    model.parameters().get(2).value().assignInPlace(Tensor.matrix(new double[][] {{epoch + 1.0}}));
    best.offer(new EpochResult(epoch, 1, Double.NaN, loss, Double.NaN, 0.1, 0, 64), false);
  }
}
