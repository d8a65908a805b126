package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.DType;
import dev.chainrule.core.Moments;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A training batch normalization takes its running statistics from the standardization's own
 * moments, handed to an observer by the forward: once per forward, however often the recorded op
 * runs again afterwards (a second-order rule recomputes y; GradCheck.localize re-runs each node
 * for its finite differences, and moved the running statistics 27 batches' worth when every run
 * reported).
 */
class BatchNormObserverTest {
  @ParameterizedTest
  @EnumSource(DType.class)
  void localizingAGradientLeavesTheRunningStatisticsAsTheForwardLeftThem(DType dtype) {
    BatchNorm1d norm = BatchNorm1d.of(3);
    norm.to(dtype);
    Tensor x = Tensors.randn(Shape.of(4, 3), 7, dtype);
    Variable y = norm.call(Variable.parameter(x));
    Map<String, Tensor> before = norm.namedBuffers();
    assertTrue(GradCheck.localize(y.mul(y).sum()).passed());
    Map<String, Tensor> after = norm.namedBuffers();
    assertEquals(before.keySet(), after.keySet());
    for (String name : before.keySet()) {
      assertEquals(before.get(name), after.get(name), name);
    }
    assertEquals(1, norm.batchesTracked());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theObserverHearsTheForwardOnceThroughSecondOrderGradients(DType dtype) {
    List<Moments> heard = new ArrayList<>();
    Variable x = Variable.parameter(Tensors.randn(Shape.of(5, 4), 11, dtype));
    Variable y = x.standardize(new int[] {0}, 1e-5, heard::add);
    Variable loss = y.mul(y).mul(x).sum();
    Variable gradient = Gradients.of(List.of(loss), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    gradient.sum().backward();
    assertEquals(1, heard.size());
  }
}
