package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
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

  /** A learnable scale of shape [], shared by two paths when {@code shared} is given. */
  private static final class Scaled extends Module {
    Scaled(Variable shared) {
      registerParameter("s", shared != null ? shared : Variable.parameter(Tensor.scalar(1)));
    }

    @Override
    public Variable forward(Variable input) {
      return input;
    }
  }

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
  void aScalarParameterTakesOneOfShapeOne() {
    Scaled model = new Scaled(null);
    LoadReport report = ModelCheckpoint.loadStateDict(model, Map.of("s", Tensor.vector(2.5)));
    assertEquals(List.of("s: " + StateMatch.SCALAR_WITH_ONE_AXIS), report.converted());
    assertEquals(Shape.of(), model.parameters().get(0).shape());
    assertEquals(2.5, model.parameters().get(0).value().item());
  }

  @Test
  void tiedPathsHoldingOneValueAsShapeOneAndAsScalarAgree() {
    Variable shared = Variable.parameter(Tensor.scalar(1));
    Sequential model = Sequential.of(new Scaled(shared), new Scaled(shared));
    ModelCheckpoint.loadStateDict(model, Map.of("0.s", Tensor.scalar(5), "1.s", Tensor.vector(5)));
    assertEquals(5, shared.value().item());
    CheckpointMismatchException differing = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadStateDict(model,
            Map.of("0.s", Tensor.scalar(5), "1.s", Tensor.vector(6))));
    assertTrue(differing.getMessage().contains("1.s: its value differs from 0.s's"),
        differing.getMessage());
    // The first path's own value of two elements is mis-shaped, and named so: not reshaped
    // to compare with the second's (which threw from inside).
    CheckpointMismatchException misshaped = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadStateDict(model,
            Map.of("0.s", Tensor.vector(5, 6), "1.s", Tensor.vector(5))));
    assertTrue(misshaped.getMessage().contains("0.s: file [2] vs model []"),
        misshaped.getMessage());
  }

  @Test
  void moreThanOneElementIsRefusedNamingBothShapesAndNothingLoads() {
    Sequential model = model();
    double[] weight = model.stateDict().get("0.weight").toArray();
    Map<String, Tensor> state = stateWithCounter(Tensor.vector(3, 4));
    state.put("0.weight", Tensors.zeros(6, 4));
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.loadStateDict(model, state));
    assertTrue(e.getMessage().contains("mis-shaped: " + COUNTER + ": file [2] vs model []"),
        e.getMessage());
    assertArrayEquals(weight, model.stateDict().get("0.weight").toArray(), "nothing loaded");
  }
}
