package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * A user's rule that changes a tensor its forward saved, or its op's output, in place. The
 * engine noted the versions of the rule's inputs and gradient only, and the context checks a
 * saved tensor as a rule reads it: a rule that read it first and changed it after returned a
 * gradient computed from the changed value (2x + 1 for 2x: [-2, 1.6, 5] at x = [-1.5, 0.3, 2]
 * instead of [-3, 0.6, 4]) with no error, under anomaly detection too, and a second pass through
 * the retained graph blamed the caller for a change "after the forward pass". A rule that changed
 * its output changed the caller's result without a word. Both are now refused, naming the rule.
 */
class UsersRuleInPlaceTest {
  /** x², its rule reading the 2x it saved, then adding 1 to it in place. */
  private static final Op CHANGES_SAVED = Op.unary("mutSaved", (ctx, t) -> {
    ctx.save(t.mul(2));
    return t.square();
  }, (ctx, g) -> {
    Tensor s = ctx.saved(0);
    Variable grad = g.mul(Variable.constant(s.copy()));
    s.addInPlace(Tensors.onesLike(s));
    return grad;
  });

  private static final String SAVED_CHANGED = "backward of 'mutSaved' changed its saved tensor 0"
      + " in place (version 0 -> 1): the gradient it computed from it, and every later pass"
      + " through a retained graph, would read a value the forward did not save; compute into a"
      + " new tensor (Tensor.copy() first, or Variable ops)";

  @Test
  void aRuleThatChangesASavedTensorAfterReadingItIsNamed() {
    Variable x = Variable.parameter(Tensor.vector(-1.5, 0.3, 2));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CHANGES_SAVED.apply(x).sum().backward());
    assertEquals(SAVED_CHANGED, e.getMessage());
    assertNull(x.grad(), "the pass failed before any grad() changed");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable y = Variable.parameter(Tensor.vector(-1.5, 0.3, 2));
      assertEquals(SAVED_CHANGED, assertThrows(IllegalStateException.class,
          () -> CHANGES_SAVED.apply(y).sum().backward()).getMessage(), "under anomaly detection");
    }
  }

  /**
   * The hunter's rule: it multiplies by the saved tensor after changing it, so the gradient is
   * wrong in this very pass; it reads the changed tensor through a Variable, not ctx.saved, and
   * so passed the context's check. A retained graph's second pass would blame the caller.
   */
  @Test
  void aRuleThatComputesFromTheSavedTensorItChangedIsNamedNotTheCaller() {
    Op changesThenUses = Op.unary("mutSaved", (ctx, t) -> {
      ctx.save(t.mul(2));
      return t.square();
    }, (ctx, g) -> {
      Tensor s = ctx.saved(0);
      s.addInPlace(Tensors.onesLike(s));
      return g.mul(Variable.constant(s));
    });
    Variable x = Variable.parameter(Tensor.vector(-1.5, 0.3, 2));
    Variable out = changesThenUses.apply(x).sum();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.backward(out, null, Gradients.Options.defaults().withRetainGraph()));
    assertEquals(SAVED_CHANGED, e.getMessage());
  }

  /** A rule that changes the saved tensor and then reads it: its own change, not the caller's. */
  @Test
  void aRuleThatTripsOverItsOwnChangeToASavedTensorIsNamed() {
    Op changesThenReads = Op.unary("mutSaved", (ctx, t) -> {
      ctx.save(t.mul(2));
      return t.square();
    }, (ctx, g) -> {
      ctx.saved(0).addInPlace(Tensors.onesLike(ctx.saved(0)));
      return g.mul(Variable.constant(ctx.saved(0)));
    });
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> changesThenReads.apply(Variable.parameter(Tensor.vector(1, 2))).sum().backward());
    assertEquals(SAVED_CHANGED, e.getMessage());
    assertTrue(e.getCause().getMessage().contains("was modified in place after the forward"
        + " pass"), "the context's own refusal, kept as the cause");
  }

  /**
   * eˣ, its rule adding 1 to the output it reads: the gradient was e^x + 1 and the caller's y
   * changed from [1, e] to [2, e + 1] without a word.
   */
  @Test
  void aRuleThatChangesItsOutputIsNamed() {
    Op changesOutput = Op.unary("uexpMutOut", (ctx, t) -> t.exp(), (ctx, g) -> {
      Tensor y = ctx.output().value();
      Variable grad = g.mul(Variable.constant(y.copy()));
      y.addInPlace(Tensors.onesLike(y));
      return grad;
    });
    Variable x = Variable.parameter(Tensor.vector(0, 1));
    Variable y = changesOutput.apply(x);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> y.sum().backward());
    assertEquals("backward of 'uexpMutOut' changed its output in place (version 0 -> 1): the"
        + " caller holds it as the forward pass's result, and other rules read it; compute into"
        + " a new tensor (Tensor.copy() first, or Variable ops)", e.getMessage());
    assertNull(x.grad(), "the pass failed before any grad() changed");
  }

  /** A rule that leaves them alone, reading both, still runs: 2x·g from the saved 2x. */
  @Test
  void aRuleThatOnlyReadsItsSavedTensorAndOutputRuns() {
    Op reads = Op.unary("reads", (ctx, t) -> {
      ctx.save(t.mul(2));
      return t.square();
    }, (ctx, g) -> g.mul(Variable.constant(ctx.saved(0))).add(ctx.output().mul(0)));
    Variable x = Variable.parameter(Tensor.vector(-1.5, 0.3, 2));
    reads.apply(x).sum().backward();
    // 2x, one product each and an added 0: exact.
    assertEquals(Tensor.vector(-3, 0.6, 4), x.grad());
  }

  /**
   * An input changed in place before the forward pass (an optimizer's step) is no change by the
   * rule: the versions compared are those the rule began with.
   */
  @Test
  void anInputChangedBeforeTheForwardPassIsNoChangeOfTheRule() {
    Op doubled = Op.unary("doubled", (ctx, t) -> t.mul(2), (ctx, g) -> g.mul(2));
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    x.value().scaleInPlace(3);  // version 1 before anything is recorded
    doubled.apply(x).sum().backward();
    assertEquals(Tensor.vector(2, 2), x.grad(), "exact: 1·2");
  }
}
