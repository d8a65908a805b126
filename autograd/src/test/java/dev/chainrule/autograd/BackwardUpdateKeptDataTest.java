package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A weight whose value an op of the graph keeps as data (saved, not an input: the gate of
 * gatePositive, the mask of where, a loss's target) is not updated inside its product, whose
 * rule runs before that op's reads the data: it is updated once every rule has run, to the
 * bits of a step after backward.
 */
class BackwardUpdateKeptDataTest {
  private static final double RATE = 0.1;

  /** θ ← θ − η·g, recording which way each update came. */
  private static final class Descent implements BackwardUpdate {
    final List<String> calls = new ArrayList<>();

    @Override
    public void apply(Variable parameter, Tensor gradient) {
      calls.add("apply " + parameter.name());
      parameter.value().axpyInPlace(-RATE, gradient);
    }

    @Override
    public LinearForm linearForm(Variable parameter) {
      return new LinearForm(-RATE, 1);
    }

    @Override
    public void appliedInProduct(Variable parameter) {
      calls.add("product " + parameter.name());
    }
  }

  /** Losses of w and p in which w's value is data an op keeps, w also a matmul's operand. */
  private static final List<BiFunction<Variable, Variable, Variable>> LOSSES = List.of(
      // The hunter's graph: before, w went into matmul's product, then gatePositive's rule
      // refused its changed gate ("saved tensor 0 of 'gatePositive' was modified in place").
      (w, p) -> p.gatePositive(w.value()).matmul(w).sum(),
      // where's mask, which its rule reads to route the gradient: refused the same way.
      (w, p) -> Variable.where(w.value(), p, p.neg()).matmul(w).sum(),
      // where's data as a constant input: an input, counted before too.
      (w, p) -> Variable.where(Tensor.matrix(new double[][] {{1, 0}, {0, 1}}),
          Variable.constant(w.value()), p).matmul(w).sum(),
      // A target, which squaredError saves beside x − t.
      (w, p) -> p.squaredError(w.value(), 2).add(p.matmul(w).tanh().sum()));

  private static Variable weight(String name) {
    // A 0 in it, so that the mask and the gate select.
    return Variable.parameter(Tensor.matrix(new double[][] {{0.01, -0.02}, {0, 0.04}}), name);
  }

  private static Variable other(String name) {
    return Variable.parameter(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), name);
  }

  @Test
  void aWeightAnOpKeepsAsDataIsUpdatedAfterEveryRuleAsAStepWouldUpdateIt() {
    for (int i = 0; i < LOSSES.size(); i++) {
      Variable w0 = weight("w");
      Variable p0 = other("p");
      LOSSES.get(i).apply(w0, p0).backward();
      w0.value().axpyInPlace(-RATE, w0.grad());
      p0.value().axpyInPlace(-RATE, p0.grad());
      Variable w = weight("w");
      Variable p = other("p");
      Descent descent = new Descent();
      w.updateInBackward(descent);
      p.updateInBackward(descent);

      LOSSES.get(i).apply(w, p).backward();

      // Registered w then p: the updates run in that order once the pass is over.
      assertEquals(List.of("apply w", "apply p"), descent.calls, "loss " + i);
      // The same gradients and the same axpy as the step: the same bits.
      assertArrayEquals(w0.value().toArray(), w.value().toArray(), "w, loss " + i);
      assertArrayEquals(p0.value().toArray(), p.value().toArray(), "p, loss " + i);
    }
  }

  @Test
  void aWeightOnlyItsProductReadsStillGoesIntoIt() {
    // The same graph with the gate made of another tensor: w's product is its whole gradient.
    Variable w = weight("w");
    Variable p = other("p");
    Descent descent = new Descent();
    w.updateInBackward(descent);
    p.updateInBackward(descent);

    p.gatePositive(Tensors.ones(Shape.of(2, 2))).matmul(w).sum().backward();

    assertEquals(List.of("product w", "apply p"), descent.calls);
  }
}
