package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a run's loss counts as standing still, and what the warning says. */
class LossStallTest {
  @Test
  void aLossThatStoodStillGetsAWarningNamingTheLearningRate() {
    Optional<String> warning = LossStall.warning(history(0.7003, 0.7003 - 1e-9, 0.7003), 1e-12);
    assertTrue(warning.isPresent());
    assertEquals("warning: the training loss did not move in 3 epochs (0.700300, then 0.700300):"
        + " unless the model was already trained, the learning rate 1e-12 is far too small (or"
        + " the gradients vanish: see the gradient pictures); try a larger --lr", warning.get());
  }

  @Test
  void aLossThatMovedJustOverTheThresholdGetsNone() {
    // 2e-6 relative: twice the threshold, still far below any real training's change.
    assertEquals(Optional.empty(), LossStall.warning(history(1.0, 1.0 - 2e-6), 0.1));
    assertTrue(LossStall.warning(history(1.0, 1.0 - 0.5e-6), 0.1).isPresent());
  }

  @Test
  void nothingToJudgeGetsNone() {
    assertEquals(Optional.empty(), LossStall.warning(null, 0.1), "no epochs run");
    assertEquals(Optional.empty(), LossStall.warning(history(0.7), 0.1), "one epoch");
    assertEquals(Optional.empty(), LossStall.warning(history(0.0, 0.0), 0.1), "already solved");
    assertEquals(Optional.empty(), LossStall.warning(history(Double.NaN, Double.NaN), 0.1));
  }

  @Test
  void theJsonFlagIsNullWithoutTwoEpochsToCompare() {
    // xor --load x20.safetensors --epochs 0 --json said "loss_stalled":false: nothing trained.
    Map<String, Object> none = new LinkedHashMap<>();
    LossStall.addTo(none, null);
    assertTrue(none.containsKey("loss_stalled"));
    assertNull(none.get("loss_stalled"));
    Map<String, Object> one = new LinkedHashMap<>();
    LossStall.addTo(one, history(0.7));
    assertNull(one.get("loss_stalled"), "one epoch: no change to judge");
    Map<String, Object> still = new LinkedHashMap<>();
    LossStall.addTo(still, history(0.7, 0.7));
    assertEquals(Boolean.TRUE, still.get("loss_stalled"));
    Map<String, Object> moved = new LinkedHashMap<>();
    LossStall.addTo(moved, history(0.7, 0.3));
    assertEquals(Boolean.FALSE, moved.get("loss_stalled"));
  }

  /**
   * A run whose weights got no gradient is not sent to a larger --lr, nor, when its network
   * refuses --activation ({@code --model cnn}), to another activation.
   */
  @Test
  void deadUnitsAreSentToAnotherStartOfTheNetworksOwnOptions() {
    Sequential model = Sequential.of(Dense.of(2, 1, 1L));
    GradientFlow flow = GradientFlow.of(model, Tensors.zeros(4, 2));
    // A loss that does not depend on the weight: its gradient is exactly 0.
    model.forward(Variable.constant(Tensors.zeros(4, 2))).sum().mul(0.0).backward();
    flow.onBatchEnd(new BatchResult(0, 0, 1, 4, 0.7, -1, 1, 4));
    flow.onEpochEnd(new EpochResult(0, 0.7, 0.5, Double.NaN, Double.NaN, 0.1, 0.01, 4));
    String stood = "warning: the training loss did not move in 2 epochs (0.700000, then"
        + " 0.700000): every weight's gradient was exactly 0 in the last epoch, so no learning"
        + " rate moves them (dead units: a ReLU whose input is negative for every sample passes"
        + " no gradient); try ";
    assertEquals(Optional.of(stood + "another --seed, more --hidden units or another"
        + " --activation"), LossStall.warning(history(0.7, 0.7), 0.1, flow));
    assertEquals(Optional.of(stood + "another --seed or more --hidden units"),
        LossStall.warning(history(0.7, 0.7), 0.1, flow, false, false));
    assertEquals(Optional.of("another --seed, more --hidden units or another --activation"),
        LossStall.advice(history(0.7, 0.7), flow));

    // A gradient that reached the weight is no dead unit: the rate is the advice again.
    Sequential live = Sequential.of(Dense.of(2, 1, 1L));
    GradientFlow moving = GradientFlow.of(live, Tensors.zeros(4, 2));
    live.forward(Variable.constant(Tensors.ones(4, 2))).sum().backward();
    moving.onBatchEnd(new BatchResult(0, 0, 1, 4, 0.7, -1, 1, 4));
    moving.onEpochEnd(new EpochResult(0, 0.7, 0.5, Double.NaN, Double.NaN, 0.1, 0.01, 4));
    assertEquals(Optional.of("a larger --lr"), LossStall.advice(history(0.7, 0.7), moving));
  }

  private static History history(double... losses) {
    List<EpochResult> epochs = new ArrayList<>();
    for (int e = 0; e < losses.length; e++) {
      epochs.add(new EpochResult(e, losses[e], 0.5, Double.NaN, Double.NaN, 0.1, 0.01, 4));
    }
    return new History(epochs, false, losses.length - 1);
  }
}
