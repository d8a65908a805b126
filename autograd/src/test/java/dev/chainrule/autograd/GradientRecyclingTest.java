package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine hands back only gradients no one reads again ({@link GradientTable}): repeated
 * steps, whose forward passes reuse the arrays the previous backward recycled, give exactly the
 * gradients of a pass that recycles nothing, and every gradient a caller keeps stays intact.
 */
class GradientRecyclingTest {
  private static final int BATCH = 64;
  private static final int WIDTH = 32;

  /**
   * Every way two holders can share a gradient: a bias broadcast over the batch (summed back),
   * a value read twice (its gradients summed), add handing one tensor to both of its inputs, a
   * ReLU gate, a matrix product's two sides. Each tensor has ≥ Recycling.MIN_ELEMENTS elements.
   */
  private static Variable loss(List<Variable> params, Variable x, Variable[] hidden) {
    Variable h = x.matmul(params.get(0)).add(params.get(1)).relu();
    hidden[0] = h;
    Variable twice = h.mul(h).add(h);
    Variable out = twice.matmul(params.get(2)).tanh();
    return out.add(out.square()).sum();
  }

  /** Weights of 32 × 32 and a bias of 32, in {@code dtype}: the same every call. */
  static List<Variable> parameters(DType dtype) {
    return List.of(
        Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 1L).mul(0.3).to(dtype)),
        Variable.parameter(Tensors.randn(Shape.of(WIDTH), 2L).mul(0.1).to(dtype)),
        Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 3L).mul(0.3).to(dtype)));
  }

  @Test
  void repeatedStepsGiveTheGradientsOfAPassThatRecyclesNothing() {
    for (DType dtype : DType.values()) {
      List<Variable> params = parameters(dtype);
      for (int step = 0; step < 4; step++) {
        Variable x = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 10L + step).to(dtype));
        Variable[] hidden = new Variable[1];
        // Recording the backward pass as a graph makes its gradients values of that graph, which
        // the engine never recycles: the reference.
        List<Variable> inputs = new ArrayList<>(params);
        inputs.add(null);
        Variable referenceLoss = loss(params, x, hidden);
        inputs.set(3, hidden[0]);
        List<Variable> reference = Gradients.of(List.of(referenceLoss), inputs, null,
            Gradients.Options.creatingGraph());

        params.forEach(Variable::zeroGrad);
        Variable loss = loss(params, x, hidden);
        hidden[0].retainGrad();
        loss.backward();
        for (int i = 0; i < params.size(); i++) {
          assertEquals(reference.get(i).value(), params.get(i).grad(),
              dtype + " step " + step + " parameter " + i + " (bitwise: the same kernels)");
        }
        assertEquals(reference.get(3).value(), hidden[0].grad(), "a retained intermediate");
        for (Variable p : params) {
          p.value().axpyInPlace(-0.1, p.grad());
        }
      }
    }
  }

  @Test
  void gradientsTheCallerKeepsSurviveLaterPasses() {
    List<Variable> params = parameters(DType.FLOAT64);
    Variable x = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 4L));
    Variable[] hidden = new Variable[1];
    Variable first = loss(params, x, hidden);
    List<Variable> kept = Gradients.of(List.of(first), List.of(hidden[0], params.get(1)), null,
        Gradients.Options.defaults());
    List<Tensor> copies = kept.stream().map(g -> g.value().copy()).toList();

    // Later passes of the same sizes draw on the pool the first one filled.
    for (int again = 0; again < 3; again++) {
      params.forEach(Variable::zeroGrad);
      loss(params, x.mul(again + 2.0), hidden).backward();
    }
    assertEquals(copies.get(0), kept.get(0).value(), "∂loss/∂hidden given to the caller");
    assertEquals(copies.get(1), kept.get(1).value(), "∂loss/∂bias given to the caller");
    assertEquals(first.value(), loss(params.stream().map(p -> Variable.constant(p.value()))
        .toList(), x, new Variable[1]).value(), "the parameters were not touched either");
  }

  /**
   * x·2 read twice, times a broadcast b, through exp and sum; n elements, enough to be tracked.
   * Walking it back, five tensors die: sum's expanded seed once exp's rule ran (1); exp's output
   * gradient once mul's rule ran (2), and mul's gradient for b, summed to b's shape (3); that for
   * v once add's rule ran, as add hands the same tensor to both its inputs, both u, and the second
   * replaces it by a sum (4); the sum once u's rule ran (5). x's gradient is wanted.
   */
  private static Variable fiveDeadGradients(Variable x, Variable b) {
    Variable u = x.mul(2);
    return u.add(u).mul(b).exp().sum();
  }

  @Test
  void aBackwardPassHandsBackExactlyTheGradientsNoOneReads() {
    int n = 2 * Recycling.MIN_ELEMENTS;
    Variable x = Variable.parameter(Tensors.randn(Shape.of(n), 6L).mul(0.01));
    Variable b = Variable.parameter(Tensor.vector(0.5));
    Recycling.clear(); // room for all five, whatever earlier tests left in this thread's pool
    long before = Recycling.recycledCount();
    fiveDeadGradients(x, b).backward();
    assertEquals(5, Recycling.recycledCount() - before);

    before = Recycling.recycledCount();
    Gradients.of(List.of(fiveDeadGradients(x, b)), List.of(x, b), null,
        Gradients.Options.creatingGraph());
    assertEquals(0, Recycling.recycledCount() - before,
        "gradients recorded as a graph are values of it: never recycled");

    x.zeroGrad(); // else the pass's gradient for x, added into x's, would be handed back too
    before = Recycling.recycledCount();
    x.mul(2).exp().sum().backward(null, Gradients.Options.retainingGraph());
    assertEquals(2, Recycling.recycledCount() - before, "a retained graph still recycles its"
        + " gradients (sum's seed expanded, exp's output gradient), which it does not save");
  }

  /**
   * Zeros that stand for an absent gradient (a derivative linked to its input, see {@link
   * DerivativeLinks}) die once a real gradient replaces them, and go back like any other dead
   * gradient: the pass through the link hands back exactly one tensor more than the same pass
   * with the derivative as a plain constant. With exp's branch first in the sum the link's rule
   * runs before exp's, so its zeros reach x first. (The link's own gradient is not counted: a
   * rule outside the built-in ones may keep what it is given.)
   */
  @Test
  void zerosStandingForAnAbsentGradientAreHandedBackOnceReplaced() {
    int n = 2 * Recycling.MIN_ELEMENTS;
    long[] recycled = new long[2];
    for (int linked = 0; linked < 2; linked++) {
      Variable x = Variable.parameter(Tensors.randn(Shape.of(n), 6L).mul(0.01));
      Variable g = Gradients.of(List.of(x.mul(3).sum()), List.of(x), null,
          Gradients.Options.creatingGraph()).get(0);
      assertEquals("constant derivative", g.opName(), "3 does not depend on x: linked");
      Variable derivative = linked == 1 ? g : Variable.constant(g.value());
      Variable loss = x.exp().sum().add(derivative.sum());
      Recycling.clear();
      long before = Recycling.recycledCount();
      loss.backward();
      recycled[linked] = Recycling.recycledCount() - before;
      // Exact: exp's rule multiplies its saved output by a gradient of ones.
      assertEquals(x.value().exp(), x.grad(), "the zeros replaced, not added to");
    }
    assertEquals(recycled[0] + 1, recycled[1], "the stand-in zeros, once exp's gradient came");
  }
}
