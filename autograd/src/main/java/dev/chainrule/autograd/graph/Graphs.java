package dev.chainrule.autograd.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Walks a recorded graph: the order drawings and per-node checks visit its variables in. */
public final class Graphs {
  private Graphs() {}

  /**
   * Every variable {@code output} depends on (leaves, constants and op results), each after all
   * of its inputs and each once, ending with {@code output}: a topological order from the inputs,
   * deterministic (inputs are visited in order), found without recursion so a chain of any
   * length fits. A graph freed by a backward pass that did not retain it has forgotten its
   * inputs, so the walk stops at its freed variables ({@link Variable#isFreed()}).
   *
   * @param output the variable whose graph to walk
   * @return the variables, inputs first
   */
  public static List<Variable> dataFlowOrder(Variable output) {
    checkNotNull(output, "dataFlowOrder: output is null");
    List<Variable> order = new ArrayList<>();
    Map<Variable, Boolean> seen = new IdentityHashMap<>();
    List<Variable> stack = new ArrayList<>(List.of(output));
    List<Integer> next = new ArrayList<>(List.of(0));
    seen.put(output, true);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Variable v = stack.get(top);
      List<Variable> inputs = v.inputs();
      int i = next.get(top);
      if (i < inputs.size()) {
        next.set(top, i + 1);
        if (seen.put(inputs.get(i), true) == null) {
          stack.add(inputs.get(i));
          next.add(0);
        }
      } else {
        order.add(v);
        stack.remove(top);
        next.remove(top);
      }
    }
    return order;
  }
}
