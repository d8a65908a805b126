package dev.chainrule.autograd.graph;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the computation graph behind a variable as Graphviz DOT text: one node per value, labelled
 * with its name or op and its shape (and, if asked, the L2 norms of its value and gradient), and
 * one edge per input, in data-flow order. Parameters are boxes, constants dashed boxes, op results
 * ellipses. Render with {@code dot -Tpng graph.dot -o graph.png}. A graph any of whose ops a
 * backward pass has freed ({@link Variable#isFreed()}) is refused, not drawn cut short.
 */
public final class GraphDot {
  private GraphDot() {}

  /**
   * The graph with shapes only.
   *
   * @param output the variable to differentiate (or to draw the graph of)
   * @return the graph in Graphviz DOT
   */
  public static String toDot(Variable output) {
    return toDot(output, false);
  }

  /**
   * The graph, with value and gradient norms when {@code norms} is set.
   *
   * @param output the variable to differentiate (or to draw the graph of)
   * @param norms whether each node also shows its value's norm
   * @return the graph in Graphviz DOT
   * @throws IllegalStateException if a backward pass that did not retain its graph freed any op
   *     the drawing would show, naming the lowest such op
   */
  public static String toDot(Variable output, boolean norms) {
    checkNotNull(output, "toDot: output is null");
    List<Variable> order = Graphs.dataFlowOrder(output);
    // A freed node has forgotten its inputs, so the drawing would end at it as if it were a
    // source: one node for a freed output, a graph cut short for a new one built on a freed node.
    // The walk puts inputs first, so the one named is the lowest freed node.
    for (Variable v : order) {
      checkState(!v.isFreed(), "toDot: the graph through '%s' was freed by a backward pass, and"
          + " a freed op keeps no links to its inputs; draw it before, or run backward with"
          + " Gradients.Options.retainingGraph() to draw it after (with gradient norms)",
          v.opName());
    }
    Map<Variable, Integer> ids = new IdentityHashMap<>();
    StringBuilder dot = new StringBuilder("digraph chainrule {\n  rankdir=LR;\n"
        + "  node [fontname=\"Helvetica\", fontsize=10];\n");
    for (Variable v : order) {
      int id = ids.size();
      ids.put(v, id);
      dot.append(String.format(Locale.ROOT,
          "  n%d [label=\"%s\", shape=%s%s];%n", id, label(v, norms),
          v.isLeaf() ? "box" : "ellipse", !v.isLeaf() || v.requiresGrad() ? "" : ", style=dashed"));
    }
    for (Variable v : order) {
      List<Variable> inputs = v.inputs();
      for (int i = 0; i < inputs.size(); i++) {
        dot.append(String.format(Locale.ROOT,
            "  n%d -> n%d%s;%n", ids.get(inputs.get(i)), ids.get(v),
            inputs.size() > 1 ? " [label=\"" + i + "\"]" : ""));
      }
    }
    return dot.append("}\n").toString();
  }

  private static String label(Variable v, boolean norms) {
    StringBuilder text = new StringBuilder();
    if (v.name() != null) {
      text.append(escape(v.name())).append("\\n");
    }
    if (!v.isLeaf() || v.name() == null) {
      text.append(escape(v.opLabel())).append("\\n");
    }
    text.append(v.shape());
    if (norms) {
      text.append(String.format(Locale.ROOT, "\\n|v| = %.4g", norm(v.value())));
      Tensor grad = v.borrowGrad();
      if (grad != null) {
        text.append(String.format(Locale.ROOT, "\\n|g| = %.4g", norm(grad)));
      }
    }
    return text.toString();
  }

  private static double norm(Tensor t) {
    return Math.sqrt(t.square().sum().item());
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
