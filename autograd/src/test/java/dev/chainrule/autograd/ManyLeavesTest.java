package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graphs past the sizes where the engine stops scanning and uses identity sets (more than eight
 * inputs to one op, more than 64 gradients kept): the same answers, and no two variables sharing
 * one grad tensor.
 */
class ManyLeavesTest {
  private static final int LEAVES = 200;

  private static List<Variable> leaves() {
    List<Variable> leaves = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      leaves.add(Variable.parameter(Tensor.vector(i, -i)));
    }
    return leaves;
  }

  /** add gives both inputs the one gradient tensor: each leaf must still get its own grad. */
  @Test
  void aChainOfAddsGivesEveryLeafAGradOfItsOwn() {
    List<Variable> leaves = leaves();
    Variable total = leaves.get(0);
    for (int i = 1; i < LEAVES; i++) {
      total = total.add(leaves.get(i));
    }
    total.mul(3.0).sum().backward();
    leaves.get(0).borrowGrad().scaleInPlace(0); // must change no other leaf's grad
    for (int i = 1; i < LEAVES; i++) {
      assertEquals(Tensor.vector(3, 3), leaves.get(i).borrowGrad(), "leaf " + i);
    }
  }

  /** One op of many inputs (concat and stack): every part's gradient, each its own tensor. */
  @Test
  void oneOpOfManyInputsGivesEachPartItsGradient() {
    List<Variable> leaves = leaves();
    Variable joined = Variables.concat(0, leaves.toArray(Variable[]::new));
    Variable stacked = Variables.stack(0, leaves.toArray(Variable[]::new));
    joined.square().sum().add(stacked.sum()).backward();
    for (int i = 0; i < LEAVES; i++) {
      // d/dx (x² summed) = 2x, plus 1 from the stack's sum.
      assertEquals(Tensor.vector(2.0 * i + 1, -2.0 * i + 1), leaves.get(i).borrowGrad(),
          "leaf " + i);
    }
    leaves.get(1).borrowGrad().scaleInPlace(0);
    assertEquals(Tensor.vector(5, -3), leaves.get(2).borrowGrad());
  }

  /** A user's op of many inputs returning one of its inputs as a gradient: copied, not lent. */
  @Test
  void aUsersOpOfManyInputsThatReturnsAnInputIsCopied() {
    List<Variable> leaves = leaves();
    Tensor[] values = leaves.stream().map(Variable::value).toArray(Tensor[]::new);
    Op first = Op.of("first", (ctx, in) -> in[0].copy(), (ctx, g) -> {
      Variable[] grads = new Variable[ctx.inputCount()];
      for (int i = 0; i < grads.length; i++) {
        grads[i] = ctx.input(i); // x as its own gradient: a wrong rule, but the user's tensor
      }
      return grads;
    });
    first.apply(leaves.toArray(Variable[]::new)).sum().backward();
    leaves.get(5).borrowGrad().scaleInPlace(0);
    assertEquals(Tensor.vector(5, -5), values[5], "the leaf's value is untouched");
    assertEquals(Tensor.vector(6, -6), leaves.get(6).borrowGrad());
  }

  /**
   * Past the scan limits (70 leaves, a graph of more than 64 nodes) a gradient a user's rule
   * made is copied into each grad, not adopted: the rule may keep it (GradientMemoryTest), and
   * here it does.
   */
  @Test
  void pastTheScanLimitsAUsersRulesGradientsAreCopied() {
    List<Tensor> made = new ArrayList<>();
    Op doubled = Op.unary("doubled", (ctx, t) -> t.mul(2), (ctx, g) -> {
      Variable gradient = g.mul(2);
      made.add(gradient.value());
      return gradient;
    });
    List<Variable> leaves = new ArrayList<>();
    Variable total = null;
    for (int i = 0; i < 70; i++) {
      Variable leaf = Variable.parameter(Tensors.ones(Recycling.MIN_ELEMENTS));
      leaves.add(leaf);
      Variable term = doubled.apply(leaf).sum();
      total = total == null ? term : total.add(term);
    }
    total.backward();
    assertEquals(70, made.size());
    for (Variable leaf : leaves) {
      Tensor grad = leaf.borrowGrad();
      assertTrue(made.stream().noneMatch(t -> t == grad), "copied, not adopted");
      assertEquals(Tensors.full(grad.shape(), 2.0, grad.dtype()), grad);
    }
  }
}
