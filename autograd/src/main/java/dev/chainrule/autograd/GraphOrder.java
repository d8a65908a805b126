package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The order a backward pass walks a graph in: every variable that requires a gradient and is
 * reachable from the roots, each before the inputs of its op (reverse post-order of a depth-first
 * walk). The walk is iterative, so a chain of any length fits in a fixed stack.
 *
 * <p>Plain arrays rather than lists of variables and boxed positions: a small network's graph has
 * about a dozen nodes, and the walk is paid on every training step.
 */
final class GraphOrder {
  private GraphOrder() {}

  /** Outputs first: a variable comes before every variable its op read. */
  static List<Variable> of(List<Variable> roots) {
    Map<Variable, Boolean> visited = new IdentityMap<>();
    Variable[] stack = new Variable[16];
    int[] nextInput = new int[16];
    Variable[] postOrder = new Variable[16];
    int count = 0;
    for (int r = 0; r < roots.size(); r++) { // indexed: an iterator per pass shows in a small step
      Variable root = roots.get(r);
      if (!root.requiresGrad() || visited.put(root, Boolean.TRUE) != null) {
        continue;
      }
      stack[0] = root;
      nextInput[0] = 0;
      int depth = 1;
      while (depth > 0) {
        int top = depth - 1;
        Variable node = stack[top];
        OpContext ctx = node.creator();
        int next = nextInput[top];
        if (ctx != null && next < ctx.inputCount()) {
          nextInput[top] = next + 1;
          Variable input = ctx.inputAt(next);
          if (input.requiresGrad() && visited.put(input, Boolean.TRUE) == null) {
            if (depth == stack.length) {
              stack = Arrays.copyOf(stack, 2 * depth);
              nextInput = Arrays.copyOf(nextInput, 2 * depth);
            }
            stack[depth] = input;
            nextInput[depth] = 0;
            depth++;
          }
        } else {
          if (count == postOrder.length) {
            postOrder = Arrays.copyOf(postOrder, 2 * count);
          }
          postOrder[count++] = node;
          stack[top] = null;
          depth--;
        }
      }
    }
    Variable[] order = new Variable[count];
    for (int i = 0; i < count; i++) {
      order[i] = postOrder[count - 1 - i];
    }
    return Arrays.asList(order);
  }
}
