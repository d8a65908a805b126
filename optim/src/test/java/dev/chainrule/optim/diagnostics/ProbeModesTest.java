package dev.chainrule.optim.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.ForwardHook;
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * The activation probe used to restore only the root's mode, and train() on the root reaches every
 * child: a batch normalization frozen in evaluation mode inside a training model came back
 * training, and updated its running statistics from the next batch on. It also called each
 * layer's forward directly, past the forward hooks the network's own pass runs.
 */
class ProbeModesTest {
  @Test
  void theProbeGivesEveryModuleBackItsOwnMode() {
    BatchNorm1d frozen = BatchNorm1d.of(3);
    Dense head = Dense.of(3, 2, 2L);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), frozen, Activation.tanh(), head);
    Tensor x = Tensors.randn(Shape.of(4, 2), 3L);
    model.train();
    frozen.eval();
    assertEquals(1, ActivationProbe.snapshot(model, x).size(), "the tanh before the head");
    assertTrue(model.isTraining());
    assertFalse(frozen.isTraining(), "the frozen child stays in evaluation mode");
    assertTrue(head.isTraining());

    // The other way round: a child left training in an evaluating model stays training.
    model.eval();
    head.train();
    ActivationProbe.snapshot(model, x);
    assertFalse(model.isTraining());
    assertFalse(frozen.isTraining());
    assertTrue(head.isTraining());
  }

  @Test
  void aGradientFlowTakingItsFirstSnapshotLeavesAFrozenChildFrozen() {
    BatchNorm1d frozen = BatchNorm1d.of(3);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), frozen, Activation.relu(),
        Dense.of(3, 2, 2L));
    model.train();
    frozen.eval();
    GradientFlow.of(model, Tensors.randn(Shape.of(4, 2), 3L));
    assertTrue(model.isTraining());
    assertFalse(frozen.isTraining());
  }

  @Test
  void theProbeRunsTheLayersForwardHooks() {
    Dense first = Dense.of(2, 3, 1L);
    Sequential model = Sequential.of(first, Activation.tanh(), Dense.of(3, 2, 2L));
    int[] calls = {0};
    first.registerForwardHook((module, input, output) -> output.mul(0));
    first.registerForwardHook(ForwardHook.observer((module, input, output) -> calls[0]++));
    ActivationSnapshot hidden = ActivationProbe.snapshot(model,
        Tensors.randn(Shape.of(4, 2), 3L)).get(0);
    assertEquals(1, calls[0], "the observer ran once");
    // tanh(0) is exactly 0: with the layer's output zeroed by its hook, every value falls in the
    // bin [0, 0.05) of tanh's 40 bins over [-1, 1]; without it the 12 values spread.
    assertEquals(1.0, hidden.fractions().get(ActivationSnapshot.BINS / 2), 0.0);
  }
}
