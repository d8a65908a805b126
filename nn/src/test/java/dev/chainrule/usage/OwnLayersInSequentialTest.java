package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * A {@link Layer} of one's own in a {@link Sequential} (a lambda, a method reference, an {@code
 * Activation.of} function, a class implementing {@code Layer}) is no module and registers
 * nothing, so a layer or parameter it uses is refused by {@code checkRegistered}, as the same
 * layer in a module's field or captured by an anonymous module is. The check once read only
 * modules' fields, and the Sequential's child that gives such a layer its position is the
 * library's: a {@code Dense} a lambda layer used was never stepped by an optimizer built from the
 * model (its gradient piling up), left out of checkpoints, and a {@code Dropout} it used still
 * dropped after {@code eval()}, all without a word.
 */
class OwnLayersInSequentialTest {
  private static final String ADVICE = "a Layer in a Sequential registers nothing, so write one"
      + " that uses a layer or a parameter as a Module of yours that registers it"
      + " (registerModule, registerParameter) and put that module in the Sequential";

  /** A layer class of one's own that keeps a layer in a field. */
  static final class Scaled implements Layer {
    private final Dense inner = Dense.of(4, 4, 7L);

    @Override
    public Variable forward(Variable x) {
      return inner.forward(x).mul(2);
    }
  }

  @Test
  void aDenseAMethodReferenceLayerUsesIsRefusedByItsPlace() {
    Dense hidden = Dense.of(4, 4, 5L);
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), (Layer) hidden::forward,
        Dense.of(4, 1, 2L));
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    assertEquals("checkRegistered: Sequential.layers[1] (captured by a lambda) holds a Dense"
        + " that the model does not register; a module or parameter held only in a field of a"
        + " Layer that is not a Module is not trained, saved or converted and train()/eval()"
        + " does not reach it: " + ADVICE, e.getMessage());
  }

  @Test
  void aDropoutAndAParameterInActivationFunctionsOfANestedSequentialAreRefused() {
    Dropout drop = Dropout.of(0.5, 3L);
    Variable gain = Variable.parameter(Tensors.ones(4), "gain");
    Sequential model = Sequential.of(
        Sequential.of(Dense.of(3, 4, 1L), Activation.of("noisy", v -> drop.forward(v.relu()))),
        Activation.of("gained", v -> v.mul(gain)), Dense.of(4, 1, 2L));
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    assertEquals("checkRegistered: '0' Sequential.layers[1].function (captured by a lambda)"
        + " holds a Dropout that the model does not register; Sequential.layers[1].function"
        + " (captured by a lambda) holds a parameter [4] that the model does not register; a"
        + " module or parameter held only in a field of a Layer that is not a Module is not"
        + " trained, saved or converted and train()/eval() does not reach it: " + ADVICE,
        e.getMessage());
  }

  @Test
  void aLayerClassOfOnesOwnAndAnAnonymousLayerAreReadAsModulesAre() {
    BatchNorm1d norm = BatchNorm1d.of(4);
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), new Scaled(), new Layer() {
      @Override
      public Variable forward(Variable x) {
        return norm.forward(x);
      }
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    assertEquals("checkRegistered: '1' Scaled.inner holds a Dense that the model does not"
        + " register; captured variable norm of '2' <anonymous Layer in OwnLayersInSequentialTest"
        + ".aLayerClassOfOnesOwnAndAnAnonymousLayerAreReadAsModulesAre> holds a BatchNorm1d that"
        + " the model does not register; a module or parameter held only in a field or a captured"
        + " variable of a Layer that is not a Module is not trained, saved or converted and"
        + " train()/eval() does not reach it: " + ADVICE, e.getMessage());
  }

  @Test
  void statelessLayersAndLayersTheModelRegistersPass() {
    Dense shared = Dense.of(4, 4, 5L);
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), shared,
        Activation.of("centred", v -> v.sub(v.mean())), (Layer) shared::forward,
        Activation.tanh(), (Layer) v -> v.mul(2));
    assertDoesNotThrow(model::checkRegistered);
  }

  @Test
  void aBufferALambdaLayerKeepsIsRefusedByToWithAdviceForALayer() {
    BatchNorm1d norm = BatchNorm1d.of(4);
    Tensor mean = norm.namedBuffers().get("running_mean");
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), norm, (Layer) v -> v.sub(
        Variable.constant(mean)));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.to(DType.FLOAT32));
    assertEquals("Module.to(FLOAT32): Sequential.layers[2] (captured by a lambda) holds the"
        + " buffer 1.running_mean, which becomes a FLOAT32 copy of this FLOAT64 tensor: read it"
        + " where it is used from the module that registered it ('1', with"
        + " buffer(\"running_mean\")), or with namedBuffers().get(\"1.running_mean\") instead"
        + " of keeping it in a Layer, which is no module. A field that kept the registered tensor"
        + " would go on with the old one, in the old type, and what the module writes into it"
        + " would reach no stateDict() or checkpoint", e.getMessage());
  }
}
