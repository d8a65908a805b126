package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With updates in backward, a parameter whose gradient comes from no matrix product (here an
 * elementwise {@code w ⊙ c}) is updated through {@code BackwardUpdate.apply} alone, never asked
 * for a linear form. The step's checks must run before that update too: without them, AdamW whose
 * rate was raised to ηλ = 1.5 reaches its update kernel unchecked and fails there with a raw
 * IllegalArgumentException, not the {@link StepRefusedException} that {@link Optimizer#step()}
 * throws for that setting and a training loop tells apart; an optimizer of one's own, whose
 * update has no such guard, would update on settings its {@code checkStep} refuses.
 */
class UpdateInBackwardOutsideProductsChecksTest {
  private static final Tensor C = Tensor.of(new double[] {1, -1, 2}, 3);

  private static void pass(Variable w) {
    w.mul(Variable.constant(C)).sum().backward();
  }

  @Test
  void anUpdateReachedOnlyThroughApplyIsRefusedWithNothingChanged() {
    Variable w = Variable.parameter(Tensor.of(new double[] {1, 2, 3}, 3));
    AdamW adamW = AdamW.builder().learningRate(0.1).weightDecay(0.5).build(List.of(w));
    try (HookHandle handle = adamW.updateInBackward()) {
      adamW.setLearningRate(3); // ηλ = 3 × 0.5 = 1.5
      Tensor before = w.value().copy();
      Map<String, Tensor> state = adamW.state();
      StepRefusedException e = assertThrows(StepRefusedException.class, () -> pass(w));
      assertTrue(e.getMessage().startsWith(
          "AdamW.step: learning rate 3.0 × weight decay 0.5 = 1.5 is at least 1"), e.getMessage());
      assertEquals(before, w.value(), "no weight updated by the refused pass");
      assertEquals(state, adamW.state(), "no state changed by the refused pass");

      // The same pass at ηλ = 0.05 updates w in backward: the refusal above was the check's.
      adamW.setLearningRate(0.1);
      pass(w);
      assertNotEquals(before, w.value(), "the pass updated w through apply");
    }
  }
}
