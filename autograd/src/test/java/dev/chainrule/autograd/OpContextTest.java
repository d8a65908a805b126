package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a rule can read from its context, the indices it refuses, and a freed graph. */
class OpContextTest {
  /** The context of the last application of {@link #scale}, kept to be poked at. */
  private final AtomicReference<OpContext> kept = new AtomicReference<>();

  /** a·b that saves one tensor and hands its context to the test. */
  private final Op scale = Op.of("scale", (ctx, in) -> {
    kept.set(ctx);
    ctx.save(in[1]);
    return in[0].mul(in[1]);
  }, (ctx, g) -> new Variable[] {g.mul(Variable.constant(ctx.saved(0))), g.mul(ctx.input(0))});

  private static void assertFreed(String op, Executable call) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    assertEquals("backward: the graph through '" + op + "' was freed by an earlier backward pass,"
        + " which released its saved values; to go through a graph twice, pass"
        + " Gradients.Options.retainingGraph() to the first backward (a freed op keeps no links"
        + " to its inputs either, so a pass that meets it cannot tell whether the gradients asked"
        + " for go through it: to differentiate only what was computed after it, start from its"
        + " output's detach())", e.getMessage());
  }

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void aLiveContextGivesWhatTheForwardSawAndRefusesOtherIndices() {
    Variable a = Variable.parameter(Tensor.vector(1, 2), "a");
    Variable b = Variable.constant(Tensor.vector(3, 4));
    Variable y = scale.apply(a, b);
    OpContext ctx = kept.get();
    assertSame(a, ctx.input(0));
    assertSame(b, ctx.input(1));
    assertSame(y, ctx.output());
    assertSame(b.value(), ctx.saved(0));
    assertEquals(2, ctx.inputCount());
    assertEquals(Shape.of(2), ctx.inputShape(1));
    assertEquals(List.of(a, b), ctx.inputList());
    assertTrue(ctx.needsGrad(0));
    assertFalse(ctx.needsGrad(1));
    assertEquals("scale", ctx.op().name());
    assertFalse(ctx.isReleased());

    assertRefused("scale: saved tensor 1 requested, 1 saved", () -> ctx.saved(1));
    assertRefused("scale: saved tensor -1 requested, 1 saved", () -> ctx.saved(-1));
    assertRefused("scale: input 2 requested, op has 2", () -> ctx.input(2));
    assertRefused("scale: input -1 requested, op has 2", () -> ctx.input(-1));
    assertRefused("scale: input 2 requested, op has 2", () -> ctx.inputShape(2));
    assertRefused("scale: input -1 requested, op has 2", () -> ctx.inputShape(-1));
  }

  @Test
  void aFreedContextRefusesEveryValueItHeld() {
    Variable a = Variable.parameter(Tensor.vector(1, 2), "a");
    Variable y = scale.apply(a, Variable.constant(Tensor.vector(3, 4)));
    OpContext ctx = kept.get();
    y.sum().backward();
    assertEquals(Tensor.vector(3, 4), a.grad());
    assertTrue(ctx.isReleased());
    // The links to the inputs are dropped: a count of 0 would read as an op without inputs.
    assertFreed("scale", ctx::inputCount);
    assertFreed("scale", () -> ctx.inputShape(0));
    assertFreed("scale", () -> ctx.needsGrad(0));
    assertFreed("scale", () -> ctx.saved(0));
    assertFreed("scale", () -> ctx.input(0));
    assertFreed("scale", ctx::output);
    assertEquals("scale", ctx.op().name(), "the name stays for error messages");
  }

  @Test
  void theEngineRefusesAFreedGraphBeforeAnyRuleRuns() {
    // add's rule reads nothing from its context, so only the engine's own check can notice.
    Variable x = Variable.parameter(Tensor.scalar(1));
    Variable y = x.add(Variable.parameter(Tensor.scalar(2)));
    y.backward();
    assertFreed("add", y::backward);

    Variable retained = x.add(Variable.parameter(Tensor.scalar(2)));
    retained.backward(null, Gradients.Options.retainingGraph());
    retained.backward();
    assertEquals(Tensor.scalar(3), x.grad(), "1 from y, 1 from each pass through retained");
  }
}
