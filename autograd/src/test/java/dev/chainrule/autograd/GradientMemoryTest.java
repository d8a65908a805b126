package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a backward pass keeps and what it lets go, and who owns the gradients it leaves. */
class GradientMemoryTest {

  @Test
  void backwardFreesTheActivationsEvenWhileTheLossIsKept() throws InterruptedException {
    Variable w = Variable.parameter(Tensors.randn(Shape.of(256, 256), 1L));
    Variable hidden = w.tanh();
    WeakReference<Tensor> activation = new WeakReference<>(hidden.value());
    Variable loss = hidden.square().sum();
    hidden = null;
    loss.backward();
    for (int i = 0; i < 50 && activation.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(activation.get(), "the tanh activation is unreachable once backward ran");
    assertTrue(loss.isFreed());
    assertTrue(loss.inputs().isEmpty(), "a freed op forgets its inputs");
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("was freed by an earlier backward pass"), e.getMessage());
  }

  /**
   * The same when a weight is updated inside its gradient's product: the pass offers each rule
   * its product updates through the rule's context, and that offer (which knows the pass's whole
   * graph) is withdrawn once the rule returns, so a kept loss holds no activation through it.
   */
  @Test
  void aPassThatUpdatesInAProductFreesTheActivationsToo() throws InterruptedException {
    Variable w = Variable.parameter(Tensors.randn(Shape.of(64, 64), 1L));
    List<String> products = new ArrayList<>();
    BackwardUpdate descent = new BackwardUpdate() {
      @Override
      public void apply(Variable parameter, Tensor gradient) {
        parameter.value().axpyInPlace(-0.01, gradient);
      }

      @Override
      public LinearForm linearForm(Variable parameter) {
        return new LinearForm(-0.01, 1);
      }

      @Override
      public void appliedInProduct(Variable parameter) {
        products.add("w");
      }
    };
    try (HookHandle update = w.updateInBackward(descent)) {
      Variable hidden = Variable.constant(Tensors.randn(Shape.of(8, 64), 2L)).matmul(w).tanh();
      WeakReference<Tensor> activation = new WeakReference<>(hidden.value());
      Variable loss = hidden.square().sum();
      hidden = null;
      loss.backward();
      assertEquals(List.of("w"), products, "matmul's rule computed the update into w");
      for (int i = 0; i < 50 && activation.get() != null; i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertNull(activation.get(), "the tanh activation is unreachable once backward ran");
    }
  }

  @Test
  void aRetainedGraphKeepsItsInputs() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    Variable loss = w.square().sum();
    loss.backward(null, Gradients.Options.retainingGraph());
    assertEquals(1, loss.inputs().size());
    loss.backward();
    assertEquals(Tensor.vector(4, 8), w.grad(), "two passes accumulate 2w twice");
  }

  @Test
  void oneGradientTensorReachingTwoParametersIsNotShared() {
    Variable a = Variable.parameter(Tensor.vector(1, 2));
    Variable b = Variable.parameter(Tensor.vector(3, 4));
    a.add(b).backward(Tensor.vector(5, 6));
    assertNotSame(a.grad(), b.grad(), "add hands both inputs one tensor; each grad is its own");
    a.grad().scaleInPlace(0);
    assertEquals(Tensor.vector(5, 6), b.grad());
  }

  @Test
  void theSeedIsNeverAdoptedAsAGradient() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Tensor seed = Tensor.vector(1, 1);
    x.mul(1.0).backward(seed);
    x.grad().scaleInPlace(3);
    assertEquals(Tensor.vector(1, 1), seed, "the caller's seed is untouched");
  }

  @Test
  void aRuleReturningAValueOfTheGraphDoesNotLendItToTheGradient() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    Variable other = Variable.constant(Tensor.vector(3, 4));
    // A custom op whose rule hands back its second input as the first input's gradient.
    Op leaky = Op.of("leaky", (ctx, in) -> in[0].mul(in[1]),
        (ctx, g) -> new Variable[] {ctx.input(1), null});
    leaky.apply(w, other).sum().backward();
    w.grad().scaleInPlace(0);
    assertEquals(Tensor.vector(3, 4), other.value(), "clipping a gradient must not edit a value");
  }

  /**
   * A gradient a user's rule returns is copied into the grad, whatever its size: the rule may
   * keep it (to log it), and the next pass adds into the grad in place. PyTorch steals such a
   * tensor only when its reference count says nobody else holds it, which Java cannot tell.
   * The library's rules return tensors nobody keeps, and their gradients are adopted as they
   * are (a layer's weight gradient is megabytes).
   */
  @Test
  void aGradientAUsersRuleReturnsIsCopiedForTheRuleMayKeepIt() {
    Tensor[] computed = new Tensor[1];
    Op doubled = Op.unary("doubled", (ctx, t) -> t.mul(2), (ctx, g) -> {
      Variable gradient = g.mul(2);
      computed[0] = gradient.value();
      return gradient;
    });
    for (Variable w : List.of(Variable.parameter(Tensors.ones(Recycling.MIN_ELEMENTS)),
        Variable.parameter(Tensor.vector(1, 2)))) {
      doubled.apply(w).sum().backward();
      Tensor kept = computed[0];
      assertNotSame(kept, w.grad());
      doubled.apply(w).sum().backward();
      assertEquals(Tensors.full(w.shape(), 4.0, w.dtype()), w.grad(), "accumulated");
      assertEquals(Tensors.full(w.shape(), 2.0, w.dtype()), kept, "the kept gradient is as it was");
    }
  }

  @Test
  void aRuleReturningItsOwnOutputDoesNotLendItToTheGradient() {
    // e^x's rule written as "the output", which is right only when g = 1 (as it is here).
    Op exp = Op.unary("lazyExp", (ctx, t) -> t.exp(), (ctx, g) -> ctx.output());
    Variable w = Variable.parameter(Tensor.scalar(0));
    Variable first = exp.apply(w);
    first.backward();
    exp.apply(w).backward();
    assertEquals(Tensor.scalar(1), first.value(), "accumulating the second pass left it alone");
    assertEquals(Tensor.scalar(2), w.grad());
  }
}
