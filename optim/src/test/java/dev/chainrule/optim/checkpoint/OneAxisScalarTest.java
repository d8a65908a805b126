package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 0-dimension value saved with one axis of one element (older PyTorch wrote BatchNorm's
 * {@code num_batches_tracked} so) loads as PyTorch's {@code load_state_dict} loads it, and says
 * so; one of more elements, which PyTorch would cut to its first, is refused as mis-shaped.
 */
class OneAxisScalarTest {
  private static final String COUNTER = "1.num_batches_tracked";

  private static Sequential model() {
    return Sequential.of(Dense.of(4, 6, 1), BatchNorm1d.of(6), Dense.of(6, 2, 2));
  }

  private static Map<String, Tensor> stateWithCounter(Tensor counter) {
    Map<String, Tensor> state = new LinkedHashMap<>(model().stateDict());
    state.put(COUNTER, counter);
    return state;
  }

  @Test
  void aCounterOfShapeOneLoadsAsAScalarAndTheReportSaysSo() {
    Sequential model = model();
    LoadReport report =
        ModelCheckpoint.loadStateDict(model, stateWithCounter(Tensor.vector(3)));
    assertEquals(List.of(COUNTER + ": " + StateMatch.SCALAR_WITH_ONE_AXIS), report.converted());
    Tensor loaded = model.stateDict().get(COUNTER);
    assertEquals(Shape.of(), loaded.shape());
    assertEquals(3, loaded.item());
  }

  @Test
  void moreThanOneElementIsRefusedNamingBothShapes() {
    Sequential model = model();
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadStateDict(model, stateWithCounter(Tensor.vector(3, 4))));
    assertTrue(e.getMessage().contains("mis-shaped: " + COUNTER + ": file [2] vs model []"),
        e.getMessage());
    assertEquals(0, model.stateDict().get(COUNTER).item(), "nothing loaded");
  }
}
