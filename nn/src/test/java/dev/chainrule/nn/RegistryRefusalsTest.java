package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Refusals of registration and of {@link Module#loadBuffer} that once misled. A transposed tie
 * ({@code Dense.sharing(enc.weight().transpose(0, 1), b)}) printed the whole weight into the
 * message and left the way to tie through a transpose unsaid; a buffer path that names a
 * parameter said "BatchNorm1d has no buffer weight", naming neither the path nor what it was.
 */
class RegistryRefusalsTest {
  /** A model whose layers sit under "body", as a model of one's own holds them. */
  private static final class Holder extends Module {
    private final Module body;

    Holder(Module body) {
      this.body = registerModule("body", body);
    }

    @Override
    public Variable forward(Variable x) {
      return body.forward(x);
    }
  }

  private static String refusal(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void aTransposedTieIsNamedByItsOpAndShapeWithTheWayToMakeIt() {
    Dense enc = Dense.of(7, 4, 1L);
    String message = refusal(() -> Dense.sharing(enc.weight().transpose(0, 1),
        Tensors.zeros(7).to(enc.weight().dtype())));
    assertEquals("parameter weight: a value computed by permute (shape [7, 4]) is not a"
        + " parameter (a leaf made by Variable.parameter, frozen or not): a module holds the"
        + " parameter itself, not a value computed from it; to use a parameter transposed (a tie"
        + " through w.transpose(0, 1)), write a Module of one's own that registers w and calls"
        + " Variable.linear(x, w.transpose(0, 1), b) in its forward", message);
    assertFalse(message.contains(String.valueOf(enc.weight().value().flatGet(0))),
        "no value of the tensor: " + message);
  }

  @Test
  void aConstantIsNamedWithHowToMakeAParameter() {
    Variable table = Variable.constant(Tensors.ones(3, 2));
    assertEquals("parameter weight: a constant (shape [3, 2]) is not a parameter (a leaf"
        + " made by Variable.parameter, frozen or not): make it with Variable.parameter(tensor), or"
        + " share another module's parameter itself (embedding.weight())",
        refusal(() -> Dense.sharing(table, null)));
  }

  @Test
  void aParameterPathGivenToLoadBufferIsCalledAParameter() {
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), BatchNorm1d.of(4));
    Module outer = new Holder(model);
    assertEquals("loadBuffer: body.1.weight is a parameter of the module at body.1"
        + " (BatchNorm1d), not a buffer: set a parameter's value with"
        + " model.namedParameters(false).get(\"body.1.weight\").value().assignInPlace(value), or"
        + " load a file or a state dict with ModelCheckpoint.loadMatching or loadStateDict",
        refusal(() -> outer.loadBuffer("body.1.weight", Tensors.ones(4))));
    // The way the message gives works, and reaches the layer's own weight.
    outer.namedParameters(false).get("body.1.weight").value().assignInPlace(
        Tensors.ones(4).to(model.dtype()));
    assertEquals(Tensors.ones(4).to(model.dtype()),
        model.stateDict().get("1.weight"));
  }

  @Test
  void aModulePathOrAnAbsentNameIsNamedWithTheWholePath() {
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), BatchNorm1d.of(4));
    assertEquals("loadBuffer: 1 is a module of this Sequential, not a buffer: give the path of"
        + " one of its buffers", refusal(() -> model.loadBuffer("1", Tensors.ones(4))));
    String absent = refusal(() -> model.loadBuffer("1.running_average", Tensors.ones(4)));
    assertTrue(absent.startsWith("loadBuffer: 1.running_average: the module at 1 (BatchNorm1d)"
        + " has no buffer running_average (its buffers: running_mean, running_var,"
        + " num_batches_tracked)"), absent);
    Tensor value = Tensors.ones(4).to(model.dtype());
    model.loadBuffer("1.running_var", value);
    assertEquals(value, model.stateDict().get("1.running_var"), "a buffer's path still loads");
  }
}
