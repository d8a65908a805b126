package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GraphOrder against the walk it replaced (lists, boxed positions and an IdentityHashMap, kept
 * here as the reference): the same order, node for node, on random graphs with shared inputs,
 * constants, several roots and a chain deeper than the walk's first stack.
 */
class GraphOrderTest {
  @Test
  void sameOrderAsTheReferenceWalkOnRandomGraphs() {
    for (long seed = 0; seed < 60; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Variable> nodes = new ArrayList<>();
      int leaves = 1 + random.nextInt(4);
      for (int i = 0; i < leaves; i++) {
        nodes.add(Variable.parameter(Tensor.scalar(i + 1)));
      }
      nodes.add(Variable.constant(Tensor.scalar(7)));
      int ops = 1 + random.nextInt(seed % 3 == 0 ? 80 : 12);
      for (int i = 0; i < ops; i++) {
        Variable a = nodes.get(random.nextInt(nodes.size()));
        Variable b = nodes.get(random.nextInt(nodes.size()));
        nodes.add(random.nextBoolean() ? a.add(b) : a.mul(b).tanh());
      }
      List<Variable> roots = new ArrayList<>();
      int rootCount = 1 + random.nextInt(3);
      for (int i = 0; i < rootCount; i++) {
        roots.add(nodes.get(nodes.size() - 1 - random.nextInt(Math.min(nodes.size(), 6))));
      }
      List<Variable> expected = reference(roots);
      GraphOrder graph = GraphOrder.of(roots);
      List<Variable> actual = nodes(graph);
      assertEquals(expected.size(), actual.size(), "seed " + seed);
      for (int i = 0; i < expected.size(); i++) {
        assertSame(expected.get(i), actual.get(i), "seed " + seed + ", position " + i);
      }
      assertLinksArePositions(graph);
    }
  }

  @Test
  void aChainLongerThanTheFirstStackIsOrderedOutputFirst() {
    Variable x = Variable.parameter(Tensor.scalar(0.5));
    List<Variable> chain = new ArrayList<>(List.of(x));
    for (int i = 0; i < 100; i++) {
      chain.add(chain.get(i).mul(1.01));
    }
    List<Variable> order = nodes(GraphOrder.of(List.of(chain.get(100))));
    assertEquals(101, order.size());
    for (int i = 0; i <= 100; i++) {
      assertSame(chain.get(100 - i), order.get(i), "position " + i);
    }
  }

  /**
   * Every input's link is its position, after its op's; inputs without a gradient link to -1; and
   * positionOf finds every node where it is.
   */
  private static void assertLinksArePositions(GraphOrder graph) {
    List<Variable> order = nodes(graph);
    for (int p = 0; p < order.size(); p++) {
      Variable node = order.get(p);
      assertEquals(p, graph.positionOf(node));
      OpContext ctx = node.creator();
      for (int j = 0; ctx != null && j < ctx.inputCount(); j++) {
        Variable input = ctx.inputAt(j);
        int link = graph.inputPosition(p, j);
        if (input.requiresGrad()) {
          assertSame(input, order.get(link), "input " + j + " of position " + p);
          assertTrue(link > p, "an input before its op");
        } else {
          assertEquals(-1, link);
        }
      }
    }
    assertEquals(-1, graph.positionOf(Variable.parameter(Tensor.scalar(1))));
  }

  private static List<Variable> nodes(GraphOrder graph) {
    List<Variable> nodes = new ArrayList<>();
    for (int p = 0; p < graph.size(); p++) {
      nodes.add(graph.node(p));
    }
    return nodes;
  }

  /** The engine's walk before GraphOrder, unchanged. */
  private static List<Variable> reference(List<Variable> roots) {
    List<Variable> postOrder = new ArrayList<>();
    Map<Variable, Boolean> visited = new IdentityHashMap<>();
    List<Variable> stack = new ArrayList<>();
    List<Integer> nextInput = new ArrayList<>();
    for (Variable root : roots) {
      if (!root.requiresGrad() || visited.put(root, Boolean.TRUE) != null) {
        continue;
      }
      stack.add(root);
      nextInput.add(0);
      while (!stack.isEmpty()) {
        int top = stack.size() - 1;
        Variable node = stack.get(top);
        int next = nextInput.get(top);
        OpContext ctx = node.creator();
        if (ctx != null && next < ctx.inputCount()) {
          nextInput.set(top, next + 1);
          Variable input = ctx.inputAt(next);
          if (input.requiresGrad() && visited.put(input, Boolean.TRUE) == null) {
            stack.add(input);
            nextInput.add(0);
          }
        } else {
          postOrder.add(node);
          stack.remove(top);
          nextInput.remove(top);
        }
      }
    }
    List<Variable> order = new ArrayList<>(postOrder.size());
    for (int i = postOrder.size() - 1; i >= 0; i--) {
      order.add(postOrder.get(i));
    }
    return order;
  }

  /**
   * A gradient asked of one leaf runs only the rules on its paths: exp(a)'s, beside exp(b) in the
   * sum, does not run, so it does not free what a later backward through it reads (its output,
   * here). Both orders of the sum's operands, as the walk puts either branch first. Exact: the
   * derivative of exp is the value it saved.
   */
  @Test
  void aRuleThatLeadsToNoWantedVariableDoesNotRun() {
    for (boolean aFirst : new boolean[] {true, false}) {
      Variable a = Variable.parameter(Tensor.vector(0.5, -1));
      Variable b = Variable.parameter(Tensor.vector(2, 3));
      Variable ea = a.exp();
      Variable eb = b.exp();
      Variable loss = (aFirst ? ea.add(eb) : eb.add(ea)).sum();
      List<Variable> db = Gradients.of(List.of(loss), List.of(b), null,
          Gradients.Options.defaults());
      assertEquals(eb.value(), db.get(0).value(), "first " + (aFirst ? "a" : "b"));
      ea.sum().backward();
      assertEquals(ea.value(), a.grad(), "exp(a)'s rule still has its saved output");
    }
  }
}
