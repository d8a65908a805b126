package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user's op may return and read. A gradient its rule returns may be a tensor the user
 * still holds (captured by the lambda, or saved): the engine used to make it a leaf's grad and
 * add the next pass into it in place, changing the user's tensor and every later gradient. And a
 * forward that reads its context (PyTorch's "save only if a gradient is needed") must run where
 * nothing is recorded, as at inference.
 */
class UsersRuleTensorsTest {
  @Test
  void aCapturedTensorReturnedAsAGradientIsCopiedNotAccumulatedInto() {
    Tensor fixed = Tensor.vector(1, 1);
    Op inject = Op.unary("inject", (ctx, x) -> x.copy(), (ctx, g) -> Variable.constant(fixed));
    Variable x = Variable.parameter(Tensor.vector(5, 6));
    List<Double> grads = new ArrayList<>();
    for (int pass = 1; pass <= 4; pass++) {
      inject.apply(x).sum().backward();
      grads.add(x.borrowGrad().get(0));
    }
    assertEquals(List.of(1.0, 2.0, 3.0, 4.0), grads, "accumulated as PyTorch does");
    assertArrayEquals(new double[] {1, 1}, fixed.toArray(), 0, "the user's tensor is untouched");
  }

  @Test
  void aSavedTensorReturnedAsAGradientIsCopiedNotAccumulatedInto() {
    Tensor k = Tensor.vector(2, 3);
    Op dotK = Op.unary("dotK", (ctx, z) -> {
      ctx.save(k);
      return z.mul(k).sum();
    }, (ctx, g) -> Variable.constant(ctx.saved(0)).mul(g));
    Op returnsSaved = Op.unary("returnsSaved", (ctx, z) -> {
      ctx.save(k);
      return z.mul(k).sum();
    }, (ctx, g) -> Variable.constant(ctx.saved(0)));
    for (Op op : List.of(dotK, returnsSaved)) {
      Variable z = Variable.parameter(Tensor.vector(1, 1));
      Variable out = op.apply(z);
      for (int pass = 1; pass <= 3; pass++) {
        Gradients.backward(out, null, Gradients.Options.defaults().withRetainGraph());
        assertArrayEquals(new double[] {2 * pass, 3 * pass}, z.borrowGrad().toArray(), 0,
            op.name() + ", pass " + pass);
      }
      assertArrayEquals(new double[] {2, 3}, k.toArray(), 0, "the saved tensor is untouched");
    }
  }

  /** A forward that saves only what a gradient needs, as PyTorch code does. */
  private static final Op SQUARE = Op.unary("square", (ctx, x) -> {
    if (ctx.needsGrad(0)) {
      ctx.save(x);
    }
    assertEquals(1, ctx.inputCount());
    assertEquals(x, ctx.input(0).value());
    assertEquals("square", ctx.op().name());
    return x.mul(x);
  }, (ctx, g) -> g.mul(Variable.constant(ctx.saved(0))).mul(2.0));

  @Test
  void aForwardThatReadsItsContextRunsWhereNothingIsRecorded() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    Variable recorded = SQUARE.apply(w);
    recorded.sum().backward();
    assertArrayEquals(new double[] {2, 4}, w.borrowGrad().toArray(), 0);
    Variable inference;
    try (var off = Autograd.noGrad()) {
      inference = SQUARE.apply(w);
    }
    assertArrayEquals(new double[] {1, 4}, inference.value().toArray(), 0);
    assertFalse(inference.requiresGrad());
    Variable constant = SQUARE.apply(Variable.constant(Tensor.vector(3)));
    assertArrayEquals(new double[] {9}, constant.value().toArray(), 0);
  }

  /**
   * Where nothing is recorded, ctx.save keeps nothing; a forward that read back what it had just
   * saved was told "saved tensor 0 requested, 0 saved", contradicting its own save call.
   */
  @Test
  void aForwardThatReadsBackWhatItSavedIsToldNothingIsSavedWithoutAGraph() {
    Op readsBack = Op.unary("readSavedInForward", (ctx, x) -> {
      ctx.save(x);
      return ctx.saved(0).mul(2);
    }, (ctx, g) -> g.mul(2));
    Variable v = Variable.parameter(Tensor.vector(1));
    assertEquals(Tensor.vector(2), readsBack.apply(v).value(), "recorded, it reads it back");
    String message = "readSavedInForward: saved tensor 0 requested while no graph is recorded"
        + " (under Autograd.noGrad(), or no input requires a gradient), where ctx.save keeps"
        + " nothing, since no backward rule will run; a forward should compute with its own"
        + " local values, not read them back from ctx.saved";
    try (var off = Autograd.noGrad()) {
      assertEquals(message, assertThrows(IllegalStateException.class,
          () -> readsBack.apply(v)).getMessage());
    }
    assertEquals(message, assertThrows(IllegalStateException.class,
        () -> readsBack.apply(Variable.constant(Tensor.vector(1)))).getMessage());
  }

  @Test
  void needsGradNamesAnInputTheOpDoesNotHave() {
    Op asks = Op.unary("asks", (ctx, x) -> {
      ctx.needsGrad(1);
      return x.copy();
    }, (ctx, g) -> g);
    assertEquals("asks: input 1 requested, op has 1", assertThrows(
        IllegalArgumentException.class,
        () -> asks.apply(Variable.parameter(Tensor.vector(1)))).getMessage());
  }

  @Test
  void aForwardCannotReadTheOutputItIsComputing() {
    Op early = Op.unary("early", (ctx, x) -> ctx.output().value(), (ctx, g) -> g);
    for (Variable x : List.of(Variable.parameter(Tensor.vector(1)),
        Variable.constant(Tensor.vector(1)))) {
      assertEquals("early: the output is not known until forward has returned it",
          assertThrows(IllegalStateException.class, () -> early.apply(x)).getMessage());
    }
  }

  /**
   * A rule that logs the gradients it sees (to plot them later) keeps them, as PyTorch code may:
   * the engine used to hand their arrays back for reuse, and the next step overwrote the log.
   * [16, 16] so that the arrays are large enough to be recycled.
   */
  @Test
  void gradientsAUsersRuleKeepsAreNeverReused() {
    List<Tensor> given = new ArrayList<>();
    List<Tensor> returned = new ArrayList<>();
    Op tap = Op.unary("tap", (ctx, x) -> x.mul(1), (ctx, g) -> {
      given.add(g.value());
      Variable out = g.mul(1);
      returned.add(out.value());
      return out;
    });
    Variable w = Variable.parameter(dev.chainrule.core.Tensors.randn(
        dev.chainrule.core.Shape.of(16, 16), 1L));
    List<double[]> seenThen = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      w.zeroGrad();
      tap.apply(w.tanh().mul(step + 1.0)).square().sum().backward();
      seenThen.add(given.get(step).toArray());
      seenThen.add(returned.get(step).toArray());
    }
    // The tensor a rule is given may be a leaf's gradient too (add gives both its inputs one):
    // clipping that grad in place, or the next pass, must not change what the rule kept.
    Variable x = Variable.parameter(dev.chainrule.core.Tensors.ones(
        dev.chainrule.core.Shape.of(16, 16)));
    int logged = given.size();
    x.add(tap.apply(w)).sum().backward();
    double[] loggedThen = given.get(logged).toArray();
    x.grad().scaleInPlace(0.25);
    x.add(tap.apply(w)).sum().backward();
    assertArrayEquals(loggedThen, given.get(logged).toArray(), 0, "kept through clipping");
    for (int step = 0; step < 3; step++) {
      assertArrayEquals(seenThen.get(2 * step), given.get(step).toArray(), 0, "given, " + step);
      assertArrayEquals(seenThen.get(2 * step + 1), returned.get(step).toArray(), 0,
          "returned, " + step);
    }
  }

  /**
   * A rule computed on tensors cuts the recorded graph: its gradient is a constant although it
   * depends on the input, and a second derivative through it came out as silent zeros. Given a
   * recorded gradient (the square after it makes one), a linear rule's result must be recorded.
   */
  @Test
  void aRuleThatCutsTheRecordedGraphIsRefusedByName() {
    Op cube = Op.unary("cutCube", (ctx, x) -> x.mul(x).mul(x),
        (ctx, g) -> Variable.constant(g.value().mul(ctx.input(0).value().square().mul(3))));
    Variable x = Variable.parameter(Tensor.vector(1, -2));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(List.of(cube.apply(x).square().sum()), List.of(x), null,
            Gradients.Options.creatingGraph()));
    assertEquals(true, e.getMessage().startsWith("backward of 'cutCube' returned a gradient for"
        + " input 0 that is not connected to the gradient it was given"), e.getMessage());
    // First order it is right (6x⁵), and a zero derivative made from g (a step's) is no cut.
    cube.apply(x).square().sum().backward();
    assertArrayEquals(new double[] {6, -192}, x.borrowGrad().toArray(), 1e-12);
    Op step = Op.unary("step", (ctx, v) -> v.gt(0), (ctx, g) -> g.mul(0));
    Variable y = Variable.parameter(Tensor.vector(1, -2));
    Gradients.of(List.of(step.apply(y).add(y).square().sum()), List.of(y), null,
        Gradients.Options.creatingGraph());
  }

  /**
   * A rule that changes its input in place (x *= 2 to get 2x) tripped over its own change and
   * was told to "change the tensor only after backward has run"; one that scales g in place
   * changed the caller's cotangent without a word. Both are the rule's doing, and said so.
   */
  @Test
  void aRuleThatChangesItsInputOrItsGradientInPlaceIsNamed() {
    Op doubling = Op.unary("squareDoublingInput", (ctx, x) -> x.mul(x), (ctx, g) -> {
      ctx.input(0).value().scaleInPlace(2);
      return g.mul(ctx.input(0));
    });
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> doubling.apply(x).sum().backward());
    assertEquals(true, e.getMessage().startsWith("backward of 'squareDoublingInput' changed its"
        + " input 0 in place (version 0 -> 1)"), e.getMessage());

    Op scalingG = Op.unary("scalingG", (ctx, v) -> v.mul(3), (ctx, g) -> {
      g.value().scaleInPlace(3);
      return g;
    });
    Tensor cotangent = Tensor.vector(1, 1, 1);
    Variable y = Variable.parameter(Tensor.vector(1, 2, 3));
    IllegalStateException scaled = assertThrows(IllegalStateException.class,
        () -> Gradients.of(scalingG.apply(y), List.of(y), cotangent));
    assertEquals(true, scaled.getMessage().startsWith("backward of 'scalingG' changed the"
        + " gradient it was given in place"), scaled.getMessage());
  }

  /**
   * An exception from a user's lambda goes on as it is, with a note naming the op (its stack
   * shows only lambda$main$6): a forward indexing an input it was not given, a rule that throws.
   */
  @Test
  void anExceptionInAUsersForwardOrRuleNamesTheOp() {
    Op pair = Op.of("pairSum", (ctx, in) -> in[0].add(in[1]), (ctx, g) -> new Variable[] {g, g});
    ArrayIndexOutOfBoundsException e = assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> pair.apply(Variable.parameter(Tensor.vector(1))));
    assertEquals(List.of("in the forward of 'pairSum', applied to 1 input"), notes(e));

    Op failing = Op.unary("failingRule", (ctx, x) -> x.copy(), (ctx, g) -> {
      throw new IllegalArgumentException("the rule's own complaint");
    });
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> failing.apply(Variable.parameter(Tensor.vector(1))).sum().backward());
    assertEquals(List.of("in the backward rule of 'failingRule'"), notes(thrown));
    // An Error too (a failed assertion in the rule), as the forward's.
    Op asserting = Op.unary("assertingRule", (ctx, x) -> x.copy(), (ctx, g) -> {
      throw new AssertionError("the rule's own check");
    });
    AssertionError error = assertThrows(AssertionError.class,
        () -> asserting.apply(Variable.parameter(Tensor.vector(1))).sum().backward());
    assertEquals(List.of("in the backward rule of 'assertingRule'"), notes(error));
  }

  private static List<String> notes(Throwable e) {
    List<String> notes = new ArrayList<>();
    for (Throwable s : e.getSuppressed()) {
      notes.add(s.getMessage());
    }
    return notes;
  }
}
