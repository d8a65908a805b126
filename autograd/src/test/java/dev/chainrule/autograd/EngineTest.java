package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

  @Test
  void chainRuleThroughAComposition() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3), "x");
    x.mul(x).sum().backward();
    assertEquals(Tensor.vector(2, 4, 6), x.grad());
  }

  @Test
  void aValueUsedTwiceReceivesTheSumOfItsGradients() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable y = x.mul(x).add(x).add(x.exp());
    y.sum().backward();
    assertTrue(x.grad().allClose(Tensor.vector(1, 2, 3).mul(2).add(1)
        .add(Tensor.vector(1, 2, 3).exp()), 1e-15, 0));
  }

  @Test
  void broadcastGradientsAreSummedBackToTheInputShape() {
    Variable x = Variable.parameter(Tensors.ones(2, 3));
    Variable row = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable scalar = Variable.parameter(Tensor.scalar(2));
    x.mul(row).add(scalar).sum().backward();
    assertEquals(Tensor.vector(2, 2, 2), row.grad());
    assertEquals(Tensor.scalar(6), scalar.grad());
    assertEquals(Tensor.matrix(new double[][] {{1, 2, 3}, {1, 2, 3}}), x.grad());
  }

  /**
   * Leaves' gradients change only once the whole pass has succeeded: a rule that throws after
   * the linear rule computed the weight's gradient leaves the accumulated gradient as it was, so
   * a caller who catches the error does not go on with half a step's gradients. (This is why no
   * product writes into a leaf's gradient with β = 1 during the pass.)
   */
  @Test
  void aFailedPassLeavesEveryGradientAsItWas() {
    Op broken = Op.unary("broken", (ctx, v) -> v.mul(1), (ctx, g) -> {
      throw new IllegalStateException("broken rule");
    });
    Variable x = Variable.parameter(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}));
    Variable w = Variable.parameter(Tensor.matrix(new double[][] {{0.5, -1}}));
    Variable.linear(x, w, null).sum().backward();
    Tensor before = w.grad().copy();
    Tensor xBefore = x.grad().copy();
    Variable failing = Variable.linear(broken.apply(x), w, null).sum();
    assertEquals("broken rule",
        assertThrows(IllegalStateException.class, failing::backward).getMessage());
    assertEquals(before, w.grad(), "the weight's gradient, computed before the failure");
    assertEquals(xBefore, x.grad());
  }

  @Test
  void gradientsAccumulateUntilZeroed() {
    Variable x = Variable.parameter(Tensor.scalar(3));
    x.square().backward();
    x.square().backward();
    assertEquals(Tensor.scalar(12), x.grad());
    x.zeroGrad();
    assertNull(x.grad());
    x.square().backward();
    assertEquals(Tensor.scalar(6), x.grad());
  }

  @Test
  void aChainOfAHundredThousandOpsDoesNotOverflowTheStack() {
    Variable x = Variable.parameter(Tensor.scalar(1));
    Variable y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(0.5);
    }
    y.backward();
    assertEquals(Tensor.scalar(1), x.grad());
    assertEquals(50_001, y.item());
  }

  @Test
  void backwardTwiceThroughAFreedGraphSaysWhatHappenedAndHowToKeepIt() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable loss = x.exp().sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("freed by an earlier backward pass"), e.getMessage());
    assertTrue(e.getMessage().contains("Gradients.Options.retainingGraph()"), e.getMessage());

    Variable kept = x.exp().sum();
    x.zeroGrad();
    kept.backward(null, Gradients.Options.retainingGraph());
    kept.backward();
    assertTrue(x.grad().allClose(Tensor.vector(1, 2).exp().mul(2), 1e-15, 0));
  }

  @Test
  void clearErrorsForMisuse() {
    Variable x = Variable.parameter(Tensors.ones(2, 3));
    IllegalArgumentException nonScalar =
        assertThrows(IllegalArgumentException.class, () -> x.exp().backward());
    assertEquals("backward: the output has shape [2, 3], not a scalar; pass a gradient of that"
        + " shape (backward(gradOutput))", nonScalar.getMessage());

    IllegalArgumentException noGrad = assertThrows(IllegalArgumentException.class,
        () -> Variable.constant(Tensors.ones(2)).sum().backward());
    assertEquals("backward: the output (constant) does not require a gradient: no value it was"
        + " computed from is a parameter that requires one (a frozen one, requiresGrad(false),"
        + " does not), it was computed under Autograd.noGrad() or from a"
        + " detach()ed variable, or it is a gradient taken without Options.creatingGraph()",
        noGrad.getMessage());

    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> x.exp().backward(Tensors.ones(3)));
    assertEquals("backward: gradient of shape [3] does not match output of shape [2, 3]",
        shape.getMessage());

    IllegalArgumentException op = assertThrows(IllegalArgumentException.class,
        () -> x.matmul(Variable.parameter(Tensors.ones(2, 3))));
    assertEquals("matmul: [2, 3] x [2, 3]: inner dimensions differ (3 vs 2)", op.getMessage());
  }

  @Test
  void noGradScopesRecordNothingAndRestoreTheMode() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    try (var outer = Autograd.noGrad()) {
      Variable y = w.mul(w);
      assertFalse(y.requiresGrad());
      assertTrue(y.isLeaf());
      try (var inner = Autograd.enableGrad()) {
        assertTrue(w.mul(w).requiresGrad());
      }
      assertFalse(Autograd.isGradEnabled());
    }
    assertTrue(Autograd.isGradEnabled());
  }

  @Test
  void functionalGradientsLeaveGradUntouched() {
    Variable a = Variable.parameter(Tensor.scalar(2), "a");
    Variable b = Variable.parameter(Tensor.scalar(5), "b");
    Variable unused = Variable.parameter(Tensor.vector(1, 1), "unused");
    List<Variable> grads = Gradients.of(a.mul(b), a, b);
    assertEquals(Tensor.scalar(5), grads.get(0).value());
    assertEquals(Tensor.scalar(2), grads.get(1).value());
    assertNull(a.grad());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(a.mul(b), a, unused));
    assertTrue(e.getMessage().startsWith("gradients: input 1 ('unused', leaf, shape [2]) is not"
        + " used"), e.getMessage());
    List<Variable> withZeros = Gradients.of(List.of(a.mul(b)), List.of(a, unused), null,
        Gradients.Options.defaults().withAllowUnused());
    assertEquals(Tensors.zeros(2), withZeros.get(1).value());
  }

  @Test
  void retainGradKeepsAnIntermediateGradientAndDetachCutsTheGraph() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable hidden = x.mul(3).retainGrad();
    Variable cut = hidden.detach();
    hidden.sum().add(cut.square().sum()).backward();
    assertEquals(Tensor.vector(1, 1), hidden.grad());
    assertEquals(Tensor.vector(3, 3), x.grad(), "nothing flows through the detached branch");
  }

  @Test
  void customOpsAreCheckedByTheEngine() {
    Op wrongShape = Op.unary("wrongShape", (ctx, x) -> x.mul(2),
        (ctx, g) -> Variable.constant(Tensors.ones(5)));
    Variable x = Variable.parameter(Tensors.ones(2, 3));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> wrongShape.apply(x).sum().backward());
    assertEquals("backward of 'wrongShape' returned a gradient of shape [5] for input 0 of shape"
        + " [2, 3]", e.getMessage());

    Op firstOrder = Op.unary("onceOnly", (ctx, v) -> v.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2)))).firstOrderOnly();
    // As PyTorch's once_differentiable: recording the gradient works, differentiating it refuses.
    Variable y = firstOrder.apply(x).sum();
    Variable recorded = Gradients.of(List.of(y), List.of(x), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensors.full(Shape.of(2, 3), 2), recorded.value());
    IllegalStateException higher = assertThrows(IllegalStateException.class,
        () -> recorded.sum().backward());
    assertEquals("backward: op 'onceOnly' does not support higher-order gradients (its backward"
        + " rule is not differentiable), and a gradient recorded through it with createGraph is"
        + " being differentiated", higher.getMessage());
    assertEquals(Tensors.full(Shape.of(2, 3), 2), Gradients.of(firstOrder.apply(x).sum(), x)
        .get(0).value(), "first order still works");
    // Declared first order only, a built-in op keeps its label and its row in the table.
    Op exp = x.exp().opContext().orElseThrow().op();
    Op once = exp.firstOrderOnly();
    assertEquals(exp.label(), once.label());
    assertEquals(exp.tableEntry(), once.tableEntry());
    assertTrue(exp.supportsHigherOrder() && !once.supportsHigherOrder());
  }

  @Test
  void aFirstOrderOnlyOpRefusesOnlyTheSecondDerivativesThatGoThroughIt() {
    Op onceOnly = Op.unary("onceOnly", (ctx, v) -> v.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2)))).firstOrderOnly();
    Variable a = Variable.parameter(Tensor.vector(1, 2));
    Variable b = Variable.parameter(Tensor.vector(3, -1));
    Variable loss = onceOnly.apply(a).sum().add(b.pow(3).sum());
    List<Variable> grads = Gradients.of(List.of(loss), List.of(a, b), null,
        Gradients.Options.creatingGraph());
    grads.get(1).sum().backward(); // d/db of Σ 3b² is 6b: exact in float64
    assertEquals(Tensor.vector(18, -6), b.grad());
    // a's gradient, recorded through onceOnly's rule, is the one that refuses.
    assertTrue(assertThrows(IllegalStateException.class, () -> grads.get(0).sum().backward())
        .getMessage().startsWith("backward: op 'onceOnly' does not support higher-order"));
    // The incoming gradient depends on w, so d/dw of the recorded gradient needs onceOnly's rule.
    Variable w = Variable.parameter(Tensor.vector(2, 2));
    Variable dA = Gradients.of(List.of(onceOnly.apply(a).mul(w).sum()), List.of(a), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(Tensor.vector(4, 8), dA.value(), "2a·w");
    assertTrue(assertThrows(IllegalStateException.class, () -> dA.sum().backward())
        .getMessage().startsWith("backward: op 'onceOnly' does not support higher-order gradients"
        + " (its backward rule is not differentiable), and a gradient"
        + " recorded through it with createGraph "));
  }

  /** A pass that throws part way has freed the nodes it went through; the retry says so. */
  @Test
  void aRetryAfterAFailedPassIsNotBlamedOnASecondPass() {
    boolean[] fail = {true};
    Op flaky = Op.unary("flaky", (ctx, t) -> t.mul(3.0), (ctx, g) -> {
      if (fail[0]) {
        throw new IllegalArgumentException("flaky rule");
      }
      return g.mul(3.0);
    });
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    Variable loss = flaky.apply(w.tanh()).sum();
    assertEquals("flaky rule",
        assertThrows(IllegalArgumentException.class, loss::backward).getMessage());
    fail[0] = false;
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals("backward: the graph through 'sum' was freed by an earlier backward pass that"
        + " failed part way (its exception went to its caller), which released the saved values"
        + " of the ops it had gone through; to retry a pass that may fail, pass"
        + " Gradients.Options.retainingGraph() to it", e.getMessage());
    assertNull(w.grad(), "nothing was accumulated");

    Variable retained = flaky.apply(w.tanh()).sum();
    fail[0] = true;
    assertEquals("flaky rule",
        assertThrows(IllegalArgumentException.class,
            () -> retained.backward(null, Gradients.Options.retainingGraph())).getMessage());
    fail[0] = false;
    retained.backward();
    assertEquals(3 * (1 - Math.pow(Math.tanh(2), 2)), w.grad().get(1), 1e-15, "3·tanh′(2)");
  }

  /**
   * A user's op is labelled by its name in drawings, says when it is declared first order only,
   * and a LambdaOp built as not differentiable twice reports so.
   */
  @Test
  void aUsersOpsLabelNameAndOrder() {
    Op square = Op.unary("mySquare", (ctx, v) -> v.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2))));
    assertEquals("mySquare", square.label());
    assertEquals(square + " (first order only)", square.firstOrderOnly().toString());
    assertTrue(square.supportsHigherOrder());
    Op.LambdaOp built = (Op.LambdaOp) square;
    assertFalse(new Op.LambdaOp("once", built.forwardRule(), built.backwardRule(), false)
        .supportsHigherOrder());
  }
}
