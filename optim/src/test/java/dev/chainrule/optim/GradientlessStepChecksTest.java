package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plain {@link Optimizer#step()} runs its checks before anything, even when no parameter has
 * a gradient (a batch that reached no parameter, a frozen model): {@code step()}'s contract. Were
 * the checks skipped there, AdamW at ηλ = 1.5 would count the step, and a per-step schedule would
 * go on from a step taken on settings that {@code step()} refuses whenever a gradient is present.
 */
class GradientlessStepChecksTest {
  @Test
  void aStepWithNoGradientIsRefusedAndNotCounted() {
    Variable w = Variable.parameter(Tensor.of(new double[] {1, 2, 3}, 3));
    AdamW adamW = AdamW.builder().learningRate(0.1).weightDecay(0.5).build(List.of(w));
    adamW.setLearningRate(3); // ηλ = 1.5
    StepRefusedException e = assertThrows(StepRefusedException.class, adamW::step);
    assertTrue(e.getMessage().startsWith(
        "AdamW.step: learning rate 3.0 × weight decay 0.5 = 1.5 is at least 1"), e.getMessage());
    assertEquals(0, adamW.stepCount(), "the refused step is not counted");
    assertEquals(Tensor.of(new double[] {1, 2, 3}, 3), w.value());

    adamW.setLearningRate(0.1); // the same gradientless step passes its checks and counts
    adamW.step();
    assertEquals(1, adamW.stepCount());
  }
}
