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
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * The activation probe used to restore only the root's mode, and train() on the root reaches every
 * child: a batch normalization frozen in evaluation mode inside a training model came back
 * training, and updated its running statistics from the next batch on.
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
}
