package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/** {@link Module#requiresGrad(boolean)}: freezing part of a model, PyTorch's requires_grad_. */
class FrozenModuleTest {

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 1, 2L));
  }

  @Test
  void aFrozenLayerGetsNoGradientsAndTheRestTheirUsualOnes() {
    Sequential frozenBody = model();
    Sequential reference = model();
    Dense body = (Dense) frozenBody.layers().get(0);
    assertSame(body, body.requiresGrad(false));
    Variable x = Variable.constant(Tensor.matrix(new double[][] {{0.5, -1}, {2, 0.25}}));
    frozenBody.forward(x).square().sum().backward();
    reference.forward(x).square().sum().backward();
    assertNull(body.weight().grad());
    assertNull(body.bias().grad());
    Dense head = (Dense) frozenBody.layers().get(2);
    Dense referenceHead = (Dense) reference.layers().get(2);
    assertEquals(referenceHead.weight().grad(), head.weight().grad(),
        "bit for bit: the head's gradient does not depend on whether the body is trained");
    assertEquals(referenceHead.bias().grad(), head.bias().grad());
  }

  @Test
  void unfreezingTheModelMakesEveryParameterTrainableAgain() {
    Sequential model = model();
    model.requiresGrad(false);
    assertTrue(model.parameters().stream().noneMatch(Variable::requiresGrad));
    model.requiresGrad(true);
    assertTrue(model.parameters().stream().allMatch(Variable::requiresGrad));
    model.forward(Variable.constant(Tensors.ones(1, 2))).sum().backward();
    assertTrue(model.parameters().stream().allMatch(p -> p.grad() != null));
  }

  /** Counted, saved and converted as before: frozen is not gone. */
  @Test
  void aFrozenParameterStaysInTheCountsTheStateAndConversions() {
    Sequential model = model();
    ((Module) model.layers().get(0)).requiresGrad(false); // the body, Dense(2 -> 3): 9
    assertEquals(13, model.parameterCount());
    assertTrue(model.toString().endsWith("total: 13 parameters (9 frozen); training mode"),
        model.toString());
    Summary summary = model.summary(Shape.of(1, 2));
    assertEquals(13, summary.parameters());
    assertEquals(9, summary.frozen());
    assertTrue(summary.toString().endsWith("input [1, 2]; total: 13 parameters (9 frozen);"
        + " training mode"), summary.toString());
    assertEquals(4, model.stateDict().size(), "both layers' weight and bias are saved");
    model.to(DType.FLOAT32);
    assertFalse(model.parameters().get(0).requiresGrad(), "conversion keeps a parameter frozen");
    assertTrue(model.parameters().get(2).requiresGrad());
    assertEquals(DType.FLOAT32, model.parameters().get(0).dtype());
  }

  /** A frozen parameter made elsewhere is a parameter a module may register, and share. */
  @Test
  void aFrozenParameterCanBeRegistered() {
    Variable table = Variable.parameter(Tensor.matrix(new double[][] {{1, 2}}), "table");
    table.requiresGrad(false);
    Module holder = new Module() {
      final Variable shared = registerParameter("shared", table);

      @Override
      public Variable forward(Variable input) {
        return input.mul(shared);
      }
    };
    assertEquals(1, holder.parameters().size());
    assertNotNull(holder.stateDict().get("shared"));
  }

  /**
   * Summary's components grew a frozen count; a caller of the five-argument constructor (the
   * program's own, for an evaluation-only run) no longer compiled, and a count of more frozen
   * scalars than there are was taken and printed.
   */
  @Test
  void aSummaryIsMadeWithoutAFrozenCountAsBeforeAndRefusesOneAboveTheTotal() {
    Sequential model = model();
    model.children().get("0").requiresGrad(false);
    Summary summary = model.summary(Shape.of(1, 2));
    assertEquals(9, summary.frozen(), "the body's 3 x 2 weight and 3 biases");
    Summary unfrozen = new Summary(summary.input(), summary.rows(), summary.parameters(),
        summary.buffers(), summary.mode());
    assertEquals(0, unfrozen.frozen());
    assertFalse(unfrozen.toString().contains("frozen"), unfrozen.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Summary(summary.input(), summary.rows(), summary.parameters(), 14, 0,
            "training"));
    assertEquals("Summary: 14 frozen parameter scalars of 13; the frozen are some of the"
        + " parameters (0 to 13)", e.getMessage());
  }
}
