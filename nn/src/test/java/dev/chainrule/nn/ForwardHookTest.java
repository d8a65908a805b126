package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forward hooks on modules ({@link Module#registerForwardHook}), as PyTorch's {@code
 * register_forward_hook}: called after each {@link Module#call} with the module, its input and
 * its output, and what they return is the output from then on.
 */
class ForwardHookTest {
  private static final Tensor X = Tensor.matrix(new double[][] {{1, -2, 0.5}, {0, 3, -1}});

  @Test
  void aHookSeesTheModuleItsInputAndItsOutputAfterEachCall() {
    Dense dense = Dense.of(3, 2, 1L);
    List<Object[]> calls = new ArrayList<>();
    dense.registerForwardHook(ForwardHook.observer((m, in, out) ->
        calls.add(new Object[] {m, in, out})));
    Variable x = Variable.constant(X);
    Variable y = dense.call(x);
    assertEquals(1, calls.size());
    assertSame(dense, calls.get(0)[0]);
    assertSame(x, calls.get(0)[1]);
    assertSame(y, calls.get(0)[2], "an observer leaves the output as it is");
    dense.forward(x);
    assertEquals(1, calls.size(), "forward called directly runs no hook, as in PyTorch");
    dense.call(x);
    assertEquals(2, calls.size());
  }

  /** A replacement is the output downstream, and gradients flow through it. */
  @Test
  void aReplacedOutputIsWhatTheNextLayerAndTheGradientsSee() {
    Sequential plain = Sequential.of(Dense.of(3, 4, 1L), Activation.tanh(), Dense.of(4, 1, 2L));
    Sequential doubled = Sequential.of(Dense.of(3, 4, 1L), Activation.tanh(), Dense.of(4, 1, 2L));
    doubled.children().get("1").registerForwardHook((m, in, out) -> out.mul(2));
    Variable a = plain.forward(Variable.constant(X));
    Variable b = doubled.forward(Variable.constant(X));
    // The last layer is w·(2h) + c where plain has w·h + c: b − c = 2(a − c), up to the rounding
    // of adding and taking off c (values of order 1: a few 1e-16; a missing hook is off by 100 %).
    Tensor bias = plain.namedParameters().get("2.bias").value();
    assertTrue(b.value().sub(bias).allClose(a.value().sub(bias).mul(2), 1e-12, 1e-12));
    a.sum().backward();
    b.sum().backward();
    // ∂/∂w of w·(2h) is 2h: twice the plain model's, to rounding (factors of two are exact).
    assertEquals(plain.namedParameters().get("2.weight").grad().mul(2),
        doubled.namedParameters().get("2.weight").grad());
    assertEquals(plain.namedParameters().get("0.weight").grad().mul(2),
        doubled.namedParameters().get("0.weight").grad(), "and everything below the hook");
  }

  @Test
  void hooksRunInRegistrationOrderAndRemovedOnesDoNot() {
    Dense dense = Dense.of(3, 2, 1L);
    List<String> order = new ArrayList<>();
    HookHandle first = dense.registerForwardHook((m, in, out) -> {
      order.add("first");
      return out.add(1);
    });
    dense.registerForwardHook((m, in, out) -> {
      order.add("second");
      return out.mul(3);
    });
    Variable x = Variable.constant(X);
    Tensor plain = dense.forward(x).value();
    assertEquals(plain.add(1).mul(3), dense.call(x).value(), "(y + 1)·3: the second sees y + 1");
    assertEquals(List.of("first", "second"), order);
    first.remove();
    first.remove();
    assertEquals(plain.mul(3), dense.call(x).value());
    try (HookHandle scoped = dense.registerForwardHook((m, in, out) -> out.neg())) {
      assertEquals(plain.mul(-3), dense.call(x).value());
    }
    assertEquals(plain.mul(3), dense.call(x).value());
  }

  /**
   * In a Sequential a Dense layer and the ReLU after it run as one node, unless either has a
   * hook: then each hook sees its own layer's output (the Dense one its pre-activation), and the
   * model computes the same bits as the fused pair.
   */
  @Test
  void hookedLayersOfAFusedPairSeeTheirOwnOutputsAndTheModelTheSameValues() {
    Tensor x = Tensors.randn(Shape.of(16, 3), 5L);
    for (DType dtype : DType.values()) {
      Sequential fused = Sequential.of(Dense.of(3, 8, 1L), Activation.relu(), Dense.of(8, 2, 2L))
          .to(dtype);
      Sequential hooked = Sequential.of(Dense.of(3, 8, 1L), Activation.relu(),
          Dense.of(8, 2, 2L)).to(dtype);
      List<Tensor> outputs = new ArrayList<>();
      for (Module layer : hooked.children().values()) {
        layer.registerForwardHook(ForwardHook.observer((m, in, out) -> outputs.add(out.value())));
      }
      Variable a = fused.forward(Variable.constant(x.to(dtype)));
      Variable b = hooked.forward(Variable.constant(x.to(dtype)));
      assertEquals(3, outputs.size(), "one output per layer: the pair was not fused");
      assertTrue(outputs.get(0).lt(0).sum().item() > 0, "the Dense hook sees negatives");
      assertEquals(outputs.get(0).relu(), outputs.get(1));
      assertEquals(a.value(), b.value(), dtype + ": bitwise, as the fusion promises");
      a.sum().backward();
      b.sum().backward();
      assertEquals(fused.parameters().get(0).grad(), hooked.parameters().get(0).grad());
    }
  }

  /** What a hook keeps stays as it was: a hooked model hands no activation back for reuse. */
  @Test
  void capturedActivationsAreNeverHandedBackForReuse() {
    Sequential model = Sequential.of(Dense.of(4, 32, 1L), Activation.relu(), Dense.of(32, 16, 2L),
        Activation.tanh(), Dense.of(16, 1, 3L));
    assertTrue(model.keepsNoForwardValues());
    List<Variable> kept = new ArrayList<>();
    HookHandle hook = model.children().get("2").registerForwardHook(
        ForwardHook.observer((m, in, out) -> kept.add(in)));  // the 150 × 32 ReLU output
    assertFalse(model.keepsNoForwardValues(), "a hook may keep what it sees");
    Variable output = model.forward(Variable.constant(Tensors.randn(Shape.of(150, 4), 7L)));
    Tensor copy = kept.get(0).value().copy();
    output.tanh().square().sum().backward();
    for (int step = 0; step < 3; step++) {  // later steps write into whatever the pool gives
      model.forward(Variable.constant(Tensors.randn(Shape.of(150, 4), step))).sum().backward();
    }
    assertEquals(copy, kept.get(0).value());
    hook.remove();
    assertTrue(model.keepsNoForwardValues(), "no hook, nothing kept");
  }

  @Test
  void aSummaryRunsTheHooksOnItsPassOfZeros() {
    Sequential model = Sequential.of(Dense.of(3, 4, 1L), Activation.relu());
    List<Shape> shapes = new ArrayList<>();
    model.children().get("0").registerForwardHook(ForwardHook.observer((m, in, out) ->
        shapes.add(out.shape())));
    model.summary(Shape.of(5, 3));
    assertEquals(List.of(Shape.of(5, 4)), shapes);
  }

  @Test
  void nullHooksAndReplacementsThatCannotBeTheOutputAreRefused() {
    Dense dense = Dense.of(3, 2, 1L);
    assertEquals("Dense(3 -> 2): registerForwardHook: hook is null", assertThrows(
        NullPointerException.class, () -> dense.registerForwardHook(null)).getMessage());
    assertEquals("ForwardHook.observer: observer is null", assertThrows(
        NullPointerException.class, () -> ForwardHook.observer(null)).getMessage());
    Variable x = Variable.constant(X);
    HookHandle none = dense.registerForwardHook((m, in, out) -> null);
    assertTrue(assertThrows(IllegalStateException.class, () -> dense.call(x))
        .getMessage().contains("returned null; a hook returns the output to continue with"));
    none.remove();
    HookHandle wrongShape = dense.registerForwardHook((m, in, out) -> out.sum());
    assertTrue(assertThrows(IllegalStateException.class, () -> dense.call(x))
        .getMessage().contains("returned an output of shape [] and type float64 for an output of"
        + " shape [2, 2]"));
    wrongShape.remove();
    dense.registerForwardHook((m, in, out) -> out.to(DType.FLOAT32));
    assertTrue(assertThrows(IllegalStateException.class, () -> dense.call(x))
        .getMessage().contains("returned an output of shape [2, 2] and type float32 for an output"
        + " of shape [2, 2] and type float64"));
  }

  @Test
  void aTracelessPassRunsTheHooksAndSaysItIsRunning() {
    Dense dense = Dense.of(3, 2, 1L);
    List<Boolean> traceless = new ArrayList<>();
    dense.registerForwardHook(ForwardHook.observer((m, in, out) ->
        traceless.add(TracelessPass.running())));
    Sequential model = Sequential.of(dense);
    TracelessPass.run(model, () -> model.call(Variable.constant(X)));
    model.call(Variable.constant(X));
    assertEquals(List.of(true, false), traceless);
  }

  @Test
  void aHookThatChangesTheOutputInPlaceIsRefused() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook((m, in, out) -> {
      out.value().scaleInPlace(0);
      return out;
    });
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> dense.call(Variable.constant(X)));
    assertTrue(e.getMessage().contains("forward hook 1 of 1")
        && e.getMessage().contains("changed the module's output in place")
        && e.getMessage().contains("out.mul(mask)"), e.getMessage());
  }

  @Test
  void aHookThatChangesTheInputInPlaceIsRefused() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook((m, in, out) -> {
      in.value().scaleInPlace(2);
      return out;
    });
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> dense.call(Variable.constant(X.copy())));
    assertTrue(e.getMessage().contains("changed the module's input in place"), e.getMessage());
  }

  @Test
  void aHookThatThrowsIsNamedInANote() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook((m, in, out) -> {
      throw new ArithmeticException("the hook's own");
    });
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> dense.call(Variable.constant(X)));
    assertEquals("the hook's own", e.getMessage(), "the hook's exception goes on as it is");
    assertEquals(1, e.getSuppressed().length);
    assertTrue(e.getSuppressed()[0].getMessage().startsWith("in ")
        // This test is in the library's package, so the site is the first frame outside it.
        && e.getSuppressed()[0].getMessage().contains("forward hook 1 of 1 (registered at "),
        e.getSuppressed()[0].getMessage());
  }

  @Test
  void whereNoGraphIsRecordedAHookMayChangeTheOutputInPlace() {
    Dense dense = Dense.of(3, 2, 1L);
    dense.registerForwardHook((m, in, out) -> {
      out.value().scaleInPlace(0);
      return out;
    });
    try (var noGraph = dev.chainrule.autograd.Autograd.noGrad()) {
      // No gradient to mislead: the changed output is the output (as in predict).
      assertEquals(0.0, dense.call(Variable.constant(X)).value().abs().sum().item());
    }
  }
}
