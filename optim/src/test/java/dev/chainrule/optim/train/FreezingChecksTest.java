package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * The trainer's two looks at the freezing flags, at their own level: the entry a checkpoint keeps
 * of what is frozen ({@link FrozenParameters#of}), and the refusal of a batch with nothing left to
 * train ({@link Registration#requireStillSomethingToTrain}), whose 1-based epoch and batch a
 * message reader goes by.
 */
class FreezingChecksTest {
  @Test
  void theFrozenEntryNamesTheFrozenParametersInTheModelsOrder() {
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), Dense.of(3, 1, 2L));
    assertEquals("", FrozenParameters.of(model), "nothing frozen");
    model.namedParameters().get("1.bias").requiresGrad(false);
    model.namedParameters().get("0.weight").requiresGrad(false);
    assertEquals("0.weight, 1.bias", FrozenParameters.of(model));
  }

  @Test
  void aBatchWithEveryParameterFrozenIsRefusedNamingItsPlace() {
    Dense layer = Dense.of(2, 1, 3L);
    Optimizer sgd = Sgd.builder(0.1).build(layer);
    layer.weight().requiresGrad(false);
    assertDoesNotThrow(() -> Registration.requireStillSomethingToTrain(sgd, 0, 0, 1),
        "the bias still trains");
    layer.bias().requiresGrad(false);
    String message = assertThrows(Registration.Untrainable.class,
        () -> Registration.requireStillSomethingToTrain(sgd, 1, 2, 4)).getMessage();
    assertTrue(message.startsWith("Trainer: epoch 2, batch 3 of 4: every parameter of the"
        + " optimizer (2) is frozen"), message);
  }
}
