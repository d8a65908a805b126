package dev.chainrule.optim.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GradientFlow promises at most SAMPLES_PER_EPOCH measured batches an epoch, but its stride was
 * rounded down: an epoch of 32 to 63 batches was measured in full (63 of 63).
 */
class GradientSamplingTest {
  /**
   * How many of an epoch's {@code batches} the flow measures: batch 0, always measured, has a
   * gradient of 1 and every other one 0, so the epoch's mean |gradient| is 1 / measured.
   */
  private static int measured(int batches) {
    Sequential model = Sequential.of(Dense.of(1, 1, 1L));
    Variable weight = model.parameters().get(0);
    GradientFlow flow = GradientFlow.of(model, Tensors.ones(1, 1));
    for (int b = 0; b < batches; b++) {
      model.zeroGrad();
      weight.sum().mul(b == 0 ? 1 : 0).backward();
      flow.onBatchEnd(new BatchResult(0, b, batches, 1, 0, -1, 1));
    }
    flow.onEpochEnd(new EpochResult(0, 0, 0, 0, 0, 0.1, 1, batches));
    double mean = flow.layers().get(0).meanAbsoluteGradient().get(0);
    return (int) Math.round(1 / mean);
  }

  @Test
  void noEpochIsMeasuredInMoreThanThePromisedBatches() {
    assertEquals(32, measured(63), "every second batch of 63: 0, 2, ..., 62");
    assertEquals(17, measured(33), "every second batch of 33");
    assertEquals(32, measured(32), "32 batches are measured in full");
    assertEquals(1, measured(1));
    for (int batches : List.of(31, 64, 65, 95, 96, 97, 1000)) {
      int measured = measured(batches);
      assertTrue(measured <= GradientFlow.SAMPLES_PER_EPOCH,
          batches + " batches: " + measured + " measured");
      // Evenly spaced with the smallest stride that keeps to the promise: more than half of it.
      assertTrue(measured > GradientFlow.SAMPLES_PER_EPOCH / 2 || batches < 32,
          batches + " batches: " + measured + " measured");
    }
  }
}
