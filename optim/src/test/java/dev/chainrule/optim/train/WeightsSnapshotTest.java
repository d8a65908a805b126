package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy a best-weights file is written from, named as a checkpoint names the model's state. */
class WeightsSnapshotTest {
  @Test
  void aLayerUsedTwiceHasItsCopiedStateUnderBothPaths() {
    // The same batch normalization at "0" and "2": stateDict names its parameters and running
    // statistics under both paths, namedBuffers under the first alone.
    BatchNorm1d norm = BatchNorm1d.of(2);
    Sequential model = Sequential.of(norm, Dense.of(2, 2, 1L), norm);
    model.call(Variable.constant(Tensors.randn(Shape.of(8, 2), 2L)));
    Map<String, Tensor> atCopy = new LinkedHashMap<>();
    model.stateDict().forEach((path, t) -> atCopy.put(path, t.copy()));
    WeightsSnapshot snapshot = WeightsSnapshot.of(model, null);
    // The running statistics move on after the copy: the snapshot keeps the values it took.
    model.call(Variable.constant(Tensors.randn(Shape.of(8, 2), 3L).mul(Tensor.scalar(5))));
    assertFalse(atCopy.get("2.running_var").allClose(norm.stateDict().get("running_var"), 0, 0),
        "the second pass moved the statistics");

    Map<String, Tensor> named = snapshot.stateDict(model);
    assertEquals(model.stateDict().keySet(), named.keySet());
    assertTrue(named.containsKey("2.running_mean") && named.containsKey("2.weight"),
        named::toString);
    // Exact: copies are bit for bit.
    atCopy.forEach((path, value) -> assertTrue(value.allClose(named.get(path), 0, 0), path));
  }
}
