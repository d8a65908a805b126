package dev.chainrule.autograd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

class GraphDotTest {
  @Test
  void oneNodePerValueAndOneEdgePerInputInDataFlowOrder() {
    Variable x = Variable.constant(Tensors.ones(4, 3)).named("x");
    Variable w = Variable.parameter(Tensors.randn(Shape.of(2, 3), 1L), "W");
    Variable b = Variable.parameter(Tensors.zeros(2), "b");
    Variable loss = Variable.linear(x, w, b).tanh().sum();
    String dot = GraphDot.toDot(loss);
    assertEquals("""
        digraph chainrule {
          rankdir=LR;
          node [fontname="Helvetica", fontsize=10];
          n0 [label="x\\n[4, 3]", shape=box, style=dashed];
          n1 [label="W\\n[2, 3]", shape=box];
          n2 [label="b\\n[2]", shape=box];
          n3 [label="linear\\n[4, 2]", shape=ellipse];
          n4 [label="tanh\\n[4, 2]", shape=ellipse];
          n5 [label="sum\\n[]", shape=ellipse];
          n0 -> n3 [label="0"];
          n1 -> n3 [label="1"];
          n2 -> n3 [label="2"];
          n3 -> n4;
          n4 -> n5;
        }
        """, dot);
  }

  @Test
  void aLinearNodeWithAnActivationSaysSo() {
    Variable x = Variable.constant(Tensors.ones(4, 3));
    Variable w = Variable.parameter(Tensors.randn(Shape.of(2, 3), 1L), "W");
    String dot = GraphDot.toDot(Variable.linear(x, w, null, DenseActivation.RELU).sum());
    assertTrue(dot.contains("[label=\"linear + relu\\n[4, 2]\", shape=ellipse]"), dot);
  }

  @Test
  void normsOfValuesAndGradientsOnRequest() {
    Variable w = Variable.parameter(Tensor.vector(3, 4), "w");
    Variable loss = w.square().sum();
    // Retained: a pass that does not retain its graph frees it, links included.
    loss.backward(null, Gradients.Options.retainingGraph());
    String dot = GraphDot.toDot(loss, true);
    assertTrue(dot.contains("label=\"w\\n[2]\\n|v| = 5.000\\n|g| = 10.00\""), dot);
  }

  /** After a backward pass that freed the graph the drawing would be one node: refused. */
  @Test
  void aFreedGraphIsRefusedNotDrawnAsOneNode() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable loss = x.tanh().sum();
    loss.backward();
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> GraphDot.toDot(loss, true));
    assertEquals("toDot: the graph through 'sum' was freed by a backward pass, and a freed op"
        + " keeps no links to its inputs; draw it before, or run backward with"
        + " Gradients.Options.retainingGraph() to draw it after (with gradient norms)",
        e.getMessage());
  }

  /**
   * A new graph built on a node an earlier pass freed would be drawn with that node as a source
   * (exp with no input, its leaf gone): refused, naming the freed op, as backward refuses it.
   */
  @Test
  void aGraphOnAFreedNodeIsRefusedNotDrawnCutShort() {
    Variable x = Variable.parameter(Tensor.vector(1, 2), "x");
    Variable h = x.exp();
    h.sum().backward();
    Variable again = h.mul(2).sum();
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> GraphDot.toDot(again));
    assertEquals("toDot: the graph through 'exp' was freed by a backward pass, and a freed op"
        + " keeps no links to its inputs; draw it before, or run backward with"
        + " Gradients.Options.retainingGraph() to draw it after (with gradient norms)",
        e.getMessage());
  }
}
