package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A state dict built by hand with a null in it is refused by name, the model untouched. */
class LoadStateDictNullsTest {
  @Test
  void aNullValueIsNamed() {
    Dense model = Dense.of(2, 1, 1L);
    Tensor before = model.weight().value().copy();
    Map<String, Tensor> state = new HashMap<>(model.stateDict());
    state.put("bias", null);
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.loadStateDict(model, state));
    assertEquals("loadStateDict: the value of bias is null", e.getMessage());
    assertEquals(before, model.weight().value(), "nothing loaded");
  }

  @Test
  void aNullNameIsNamedAsSuch() {
    Dense model = Dense.of(2, 1, 1L);
    Map<String, Tensor> state = new HashMap<>(model.stateDict());
    state.put(null, Tensor.scalar(1));
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.loadStateDict(model, state));
    assertEquals("loadStateDict: a name is null", e.getMessage());
  }
}
