package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value the graph saved for backward and then changed in place makes backward fail, naming the
 * op and the tensor; changes the graph does not depend on, or that come after backward, are fine.
 */
class InPlaceSafetyTest {
  private static final String ADVICE = "; its backward rule needs the values the forward pass saw."
      + " Change a copy (Tensor.copy()) instead, or change the tensor only after backward has run";

  @Test
  void theIssuesCase_aFactorScaledAfterTheForwardPassFailsInsteadOfGiving200() {
    Variable p = Variable.parameter(Tensor.vector(1, 2, 3));
    Tensor factor = Tensor.vector(2, 4, 6);
    Variable loss = p.mul(Variable.constant(factor)).sum();
    factor.scaleInPlace(100);  // before this check, backward gave 200, 400, 600

    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals("backward: input 1 of 'mul' (shape [3]) was modified in place after the forward"
        + " pass (version 0 -> 1)" + ADVICE, e.getMessage());
    assertNull(p.grad(), "a failed backward adds nothing to grad()");
  }

  @Test
  void aParameterChangedBetweenForwardAndBackwardIsNamed() {
    Variable w = Variable.parameter(Tensor.vector(1, 2, 3), "w");
    w.value().scaleInPlace(2);  // changes before the forward pass are fine: versions are relative
    Variable x = Variable.parameter(Tensor.vector(4, 5, 6));
    Variable loss = w.mul(x).sum();
    w.value().axpyInPlace(-0.1, Tensors.ones(3));  // an optimizer step too early

    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals("backward: input 0 of 'mul' ('w', shape [3]) was modified in place after the"
        + " forward pass (version 1 -> 2)" + ADVICE, e.getMessage());
  }

  @Test
  void anOutputChangedInPlaceIsCaughtWhenTheRuleReadsIt() {
    Variable x = Variable.parameter(Tensor.vector(0, 1));
    Variable y = x.exp();  // exp's rule is g·y: it reads its output
    y.value().assignInPlace(Tensor.vector(5, 5));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertEquals("backward: the output of 'exp' (shape [2]) was modified in place after the"
        + " forward pass (version 0 -> 1)" + ADVICE, e.getMessage());
  }

  @Test
  void savedTensorsAreChecked_aUsersOpAndTheBuiltInTargetsAndIndices() {
    Op scaleBy = Op.unary("scaleBy", (ctx, x) -> {
      Tensor factor = Tensor.vector(3, 3);
      ctx.save(factor);
      return x.mul(factor);
    }, (ctx, g) -> g.mul(Variable.constant(ctx.saved(0))));
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = scaleBy.apply(x);
    assertEquals(Tensor.vector(3, 3), Gradients.of(List.of(y.sum()), List.of(x), null,
        Gradients.Options.retainingGraph()).get(0).value(), "unchanged, the rule works");

    Tensor targets = Tensor.matrix(new double[][] {{1, 0}, {0, 1}});
    Variable logits = Variable.parameter(Tensors.zeros(2, 2));
    Variable loss = logits.softmaxCrossEntropy(targets, Reduction.MEAN);
    targets.assignInPlace(Tensor.matrix(new double[][] {{0, 1}, {1, 0}}));  // a reused batch buffer
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals("backward: saved tensor 0 of 'softmaxCrossEntropy' (shape [2, 2]) was modified in"
        + " place after the forward pass (version 0 -> 1)" + ADVICE, e.getMessage());

    // Class indices too: the backward reads them where the forward found them.
    Tensor classes = Tensor.vector(0, 1);
    Variable byClass = Variable.parameter(Tensors.zeros(2, 2)).softmaxCrossEntropy(classes);
    classes.assignInPlace(Tensor.vector(1, 1));
    e = assertThrows(IllegalStateException.class, byClass::backward);
    assertEquals("backward: saved tensor 1 of 'softmaxCrossEntropy' (shape [2]) was modified in"
        + " place after the forward pass (version 0 -> 1)" + ADVICE, e.getMessage());

    Tensor index = Tensor.vector(0, 0);
    Variable picked = Variable.parameter(Tensor.vector(1, 2, 3)).take(0, index);
    index.assignInPlace(Tensor.vector(2, 1));
    e = assertThrows(IllegalStateException.class, () -> picked.sum().backward());
    assertTrue(e.getMessage().startsWith("backward: saved tensor 0 of 'take' (shape [2])"),
        e.getMessage());
  }

  @Test
  void aSquaredErrorsTargetChangedBeforeARecordedBackwardIsRefused() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3));
    Tensor target = Tensors.zeros(3);
    Variable loss = x.squaredError(target, 1);
    target.addInPlace(Tensor.vector(10, 10, 10));  // the next batch, in the same buffer
    // The recorded rule reads the target, and read the new one: −18, −16, −14 where 2, 4, 6 is.
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Gradients.of(
        List.of(loss), List.of(x), null, Gradients.Options.retainingGraph().withCreateGraph()));
    assertEquals("backward: saved tensor 1 of 'squaredError' (shape [3]) was modified in place"
        + " after the forward pass (version 0 -> 1)" + ADVICE, e.getMessage());
    // The first-order rule reads the difference the forward pass made: still right.
    assertEquals(Tensor.vector(2, 4, 6), Gradients.of(loss, x).get(0).value());
  }

  @Test
  void valuesNoRuleReadsMayChange() {
    Variable a = Variable.parameter(Tensor.vector(1, 2));
    Tensor b = Tensor.vector(3, 4);
    Variable sum = a.add(Variable.constant(b)).reshape(2, 1);  // add and reshape read no values
    b.scaleInPlace(10);
    a.value().scaleInPlace(10);
    sum.sum().backward();
    assertEquals(Tensor.vector(1, 1), a.grad());
  }

  @Test
  void optimizerStepsAfterBackwardAndGradientAccumulationNeverTrip() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    Variable x = Variable.constant(Tensor.vector(3, 4));
    for (int step = 0; step < 3; step++) {
      Variable loss = w.mul(x).square().sum();
      loss.backward();
      w.value().axpyInPlace(-0.01, w.grad());  // the walked graph is released: no complaint
      w.zeroGrad();
    }
    // accumulation across passes adds into the grad() buffer in place; no graph holds that buffer
    w.mul(x).sum().backward();
    w.mul(x).sum().backward();
    assertEquals(Tensor.vector(6, 8), w.grad());

    Variable loss = w.mul(x).sum();
    loss.backward();
    w.value().scaleInPlace(2);
    IllegalStateException freed = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(freed.getMessage().contains("freed by an earlier backward pass"),
        "a released graph says it was freed, not that a value changed: " + freed.getMessage());
  }

  @Test
  void aRetainedGraphWalkedAgainAfterAStepIsRefused() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    Variable loss = w.square().sum();
    loss.backward(null, Gradients.Options.retainingGraph());
    w.value().axpyInPlace(-0.1, w.grad());
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    // square is x·x: the rule of mul reads its second input first
    assertTrue(e.getMessage().startsWith("backward: input 1 of 'mul' ('w', shape [2]) was"
        + " modified in place after the forward pass (version 0 -> 1)"), e.getMessage());
  }

  @Test
  void higherOrderGradientsSeeTheSameChecks() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable dx = Gradients.of(List.of(x.pow(3).sum()), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);  // 3x², recorded
    x.value().scaleInPlace(2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(dx.sum(), x));
    assertTrue(e.getMessage().contains("of 'pow'"), e.getMessage());
  }

  /** An op's own forward that scales its input is named as the culprit, not a later change. */
  @Test
  void aForwardThatChangesItsInputIsRefusedByName() {
    Op doubling = Op.unary("doubling", (ctx, x) -> x.scaleInPlace(2),
        (ctx, g) -> g.mul(2));
    Variable p = Variable.parameter(Tensor.vector(1, 2, 3));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> doubling.apply(p));
    assertEquals("doubling: the forward changed its input 0 (shape [3]) in place (version 0 ->"
        + " 1); a forward must leave its inputs as they were and return a new tensor (work on"
        + " x.copy(), or use the operations that return one); unless another thread changed it"
        + " while the forward ran (an optimizer stepping the same parameters: a module and its"
        + " optimizer train on one thread at a time)", e.getMessage());
    // Unrecorded too: the caller's value is changed all the same.
    Variable constant = Variable.constant(Tensor.vector(1, 2, 3));
    assertTrue(assertThrows(IllegalStateException.class, () -> doubling.apply(constant))
        .getMessage().startsWith("doubling: the forward changed its input 0 (shape [3]) in place"
        + " (version 0 -> 1); a forward must leave its inputs as they were"
        + " and return a new tensor (work on "));
    try (var scope = Autograd.noGrad()) {
      assertTrue(assertThrows(IllegalStateException.class, () -> doubling.apply(p))
          .getMessage().startsWith("doubling: the forward changed its input 0 (shape [3]) in place"
          + " (version 1 -> 2); a forward must leave its inputs as they were"
          + " and return a new tensor (work on "));
    }
  }

  /**
   * A forward that saved a tensor and then changed it itself was told the tensor was "modified
   * in place after the forward pass", sending its author to look for a change that is not there.
   */
  @Test
  void aSavedTensorTheForwardItselfChangedIsBlamedOnTheForward() {
    Op selfChanging = Op.unary("selfMod", (ctx, x) -> {
      Tensor t = x.copy();
      ctx.save(t);
      t.scaleInPlace(2);
      return t;
    }, (ctx, g) -> g.mul(Variable.constant(ctx.saved(0)).mul(0).add(2)));
    Variable v = Variable.parameter(Tensor.vector(1, 2));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> selfChanging.apply(v).sum().backward());
    assertEquals("backward: saved tensor 0 of 'selfMod' (shape [2]) was changed in place by the"
        + " op's own forward after it saved it (version 0 at ctx.save, 1 when the forward"
        + " returned, 1 now); its backward rule reads what was saved. Save the tensor once its"
        + " value is final (call ctx.save after the change), or save a copy (Tensor.copy())",
        e.getMessage());
    // Saved once final, the same op runs; changed after the forward, the old message stands.
    Tensor[] kept = new Tensor[1];
    Op savingLate = Op.unary("saveLate", (ctx, x) -> {
      Tensor t = x.copy();
      t.scaleInPlace(2);
      ctx.save(t);
      kept[0] = t;
      return t;
    }, (ctx, g) -> g.mul(Variable.constant(ctx.saved(0)).mul(0).add(2)));
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    savingLate.apply(w).sum().backward();
    assertEquals(Tensor.vector(2, 2), w.grad());
    Variable later = savingLate.apply(Variable.parameter(Tensor.vector(1, 2))).sum();
    kept[0].scaleInPlace(3);
    assertEquals("backward: saved tensor 0 of 'saveLate' (shape [2]) was modified in place after"
        + " the forward pass (version 1 -> 2)" + ADVICE,
        assertThrows(IllegalStateException.class, later::backward).getMessage());
  }
}
