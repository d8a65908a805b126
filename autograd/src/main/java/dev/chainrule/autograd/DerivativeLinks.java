package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Links each gradient that {@link Gradients#of} recorded ({@code createGraph}) to the input it is
 * the derivative of, where the recorded graph does not. Such a derivative is still a function of
 * the input, constant in it where the graph shows no path: a function linear in the input (2x's
 * derivative), or one whose rules read the input's values only as masks (ReLU's, max's), so that
 * a ReLU network's gradient with respect to its input depends on the weights alone in the graph.
 * Differentiated again by the input it gives zeros, as PyTorch's does where its rule keeps the
 * input in the graph (relu's reads its output); unlinked, the next pass refused the input as
 * "not used to compute the outputs", and a penalty on it left the input's {@code grad()} null.
 *
 * <p>The input itself gets no gradient through the link (PyTorch's derivative of a function
 * linear in its input has no history to send one into): the link's rule returns none, and the
 * engine lets zeros stand for it ({@link GradientTable#addAbsent}), which any gradient replaces.
 * A leaf, or a variable asked for, receives those zeros; a node reached by them alone does not
 * run its rule, whose arithmetic would turn them into NaN where it is singular (sqrt's g/(2√y)
 * at y = 0 gave y.grad NaN where PyTorch gives y's other gradients alone).
 *
 * <p>Known difference: PyTorch's rules for relu, abs and leaky ReLU read their output, so their
 * derivative stays connected to the input and a pass through it sends real zeros on into the
 * input's history: a hook below the input that does not map 0 to 0 (g + 1) runs there and not
 * here, and a sqrt below turns those zeros into NaN there and not here. A leaf that only such
 * zero paths reach, with no link (the derivative's input not asked for, as in the double-vjp
 * trick for a Jacobian-vector product), keeps a null {@code grad()} where PyTorch's gets zeros.
 */
final class DerivativeLinks {
  private static final Op LINK = new Link();

  private DerivativeLinks() {}

  /**
   * The gradients, each linked to its input when that input requires a gradient and the
   * gradient does not reach it in the recorded graph: its own graph, for another gradient's
   * reaching the input (a ReLU network's input gradient beside its weights', whose graphs hold
   * the input) made whether a penalty on this one gave the input zeros or left its {@code grad()}
   * null depend on which other inputs were asked for.
   *
   * @param inputs the variables differentiated by
   * @param gradients their recorded gradients, in the same order
   * @return the gradients, linked where needed
   */
  static List<Variable> linked(List<Variable> inputs, List<Variable> gradients) {
    // One walk over the recorded graphs of all the gradients, as a backward pass walks them: an
    // input it does not reach, no gradient reaches. Only an input it reaches, beside other
    // gradients, costs a walk of its own gradient's graph: with n such inputs up to n times the
    // pass that recorded them (a second-order use, whose next pass costs as much again).
    GraphOrder recorded = GraphOrder.of(gradients);
    List<Variable> linked = new ArrayList<>(gradients.size());
    for (int i = 0; i < inputs.size(); i++) {
      Variable input = inputs.get(i);
      Variable gradient = gradients.get(i);
      boolean unlinked = input.requiresGrad() && (recorded.positionOf(input) < 0
          || gradients.size() > 1 && GraphOrder.of(List.of(gradient)).positionOf(input) < 0);
      linked.add(unlinked ? LINK.apply(gradient, input) : gradient);
    }
    return linked;
  }

  /**
   * The link's op: the derivative's value and its gradient, and no gradient for the input whose
   * next derivative it is: the engine takes that null, from this op alone, as the input's absent
   * gradient (users' rules must return one for every input that requires it).
   */
  record Link() implements Op {
    @Override
    public String name() {
      return "constant derivative";
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... inputs) {
      return inputs[0];
    }

    @Override
    public Variable[] backward(OpContext ctx, Variable g) {
      return new Variable[] {ctx.needsGrad(0) ? g : null, null};
    }
  }
}
