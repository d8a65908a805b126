package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.PlateauScheduler;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint's plateau record whose best is −∞ (a figure of −∞ came in: a validation loss the
 * run lets through when the data are finite) is written as "-Infinity", read back, and goes on in
 * a resumed run: every epoch is bad, so the rate falls each time the patience runs out. Loading
 * it was refused, as a best "no figure would improve on".
 */
class InfinitePlateauBestResumeTest {
  private static final Dataset DATA = new Dataset(
      Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}),
      Tensor.matrix(new double[][] {{1}, {0}, {1}, {0}}));

  @Test
  void aResumedRunGoesOnFromABestOfMinusInfinity() {
    PlateauReduction halving = PlateauReduction.of(0.5, 1);
    Map<String, String> metadata = new LinkedHashMap<>(ResumedRun.metadataOf(null,
        new PlateauRecord(Monitor.TRAINING_LOSS, halving,
            new PlateauScheduler.State(Double.NEGATIVE_INFINITY, 1, 0))));
    assertEquals("-Infinity", metadata.get("chainrule.plateau.best"));
    metadata.put("epoch", "2");
    ResumedRun run = ResumedRun.of(metadata, "run.safetensors");
    assertEquals(Double.NEGATIVE_INFINITY, run.plateau().orElseThrow().state().best());

    Dense model = Dense.of(2, 1, 3L);
    History rest = Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.01).build(model))
        .epochs(5).batchSize(2).seed(7)
        .reduceLearningRateOnPlateau(Monitor.TRAINING_LOSS, halving).resume(run).build()
        .fit(DATA);
    // Epoch 2's loss is the second bad epoch in a row (patience 1): halved for epoch 3; epoch 3's
    // is the first after the reduction, epoch 4's the second: halved again after the run.
    assertEquals(List.of(0.01, 0.005, 0.005), rest.learningRates());
  }
}
