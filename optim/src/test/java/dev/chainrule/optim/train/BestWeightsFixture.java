package dev.chainrule.optim.train;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the tests of best-weights files share: a folder's file names, the file a checkpoint names,
 * a save's metadata, and an epoch offered to {@link BestEpoch} after a step's change of weights.
 */
final class BestWeightsFixture {
  private BestWeightsFixture() {}

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
