package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which gradients a backward pass must copy before making them a variable's grad: held ones are
 * recognised by identity, both while {@link HeldTensors} scans its lists and past the 64 entries
 * where it switches to identity sets; an equal tensor nobody holds is not held (copying it would
 * waste memory, not giving it would be wrong only for held ones).
 */
class HeldTensorsTest {
  /** A chain of {@code ops} multiplications from one parameter: ops + 1 nodes needing grad. */
  private static List<Variable> chain(int ops) {
    List<Variable> nodes = new ArrayList<>();
    Variable v = Variable.parameter(Tensors.ones(2));
    nodes.add(v);
    for (int i = 0; i < ops; i++) {
      v = v.mul(1.0);
      nodes.add(v);
    }
    return nodes;
  }

  private static HeldTensors held(List<Variable> nodes, List<Variable> seeds, Set<Tensor> lent) {
    GraphOrder order = GraphOrder.of(List.of(nodes.get(nodes.size() - 1)));
    return new HeldTensors(order, seeds, lent);
  }

  @Test
  void aSmallGraphsValuesAreHeldAndAnEqualCopyIsNot() {
    List<Variable> nodes = chain(3);
    HeldTensors held = held(nodes, List.of(), IdentityMap.newSet());
    for (Variable node : nodes) {
      assertTrue(held.isHeld(node.value()), "a value of the graph is held");
    }
    assertFalse(held.isHeld(nodes.get(1).value().copy()), "an equal copy is nobody's");
  }

  @Test
  void aLargeGraphsValuesAreHeldAndAnEqualCopyIsNot() {
    // 101 nodes: past the 64 the scans stop at, so the set of the graph's values answers.
    List<Variable> nodes = chain(100);
    HeldTensors held = held(nodes, List.of(), IdentityMap.newSet());
    assertTrue(held.isHeld(nodes.get(0).value()), "the leaf's value");
    assertTrue(held.isHeld(nodes.get(50).value()), "a value in the middle");
    assertTrue(held.isHeld(nodes.get(100).value()), "the output's value");
    assertFalse(held.isHeld(nodes.get(50).value().copy()), "an equal copy is nobody's");
  }

  @Test
  void seedsAndLentTensorsAreHeld() {
    List<Variable> nodes = chain(2);
    Variable seed = Variable.constant(Tensors.ones(2));
    Set<Tensor> lent = IdentityMap.newSet();
    Tensor lentTensor = Tensors.ones(2);
    lent.add(lentTensor);
    HeldTensors held = held(nodes, List.of(seed), lent);
    assertTrue(held.isHeld(seed.value()), "a seed");
    assertTrue(held.isHeld(lentTensor), "a lent tensor");
    assertFalse(held.isHeld(Tensors.ones(2)), "an equal tensor that is neither");
  }

  /** Given gradients are held from the moment they are given, before and past 64 of them. */
  @Test
  void givenTensorsAreHeldOnceGivenInAShortAndALongList() {
    HeldTensors held = held(chain(1), List.of(), IdentityMap.newSet());
    List<Tensor> given = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Tensor t = Tensors.ones(2);
      assertFalse(held.isHeld(t), "not given yet: " + i);
      held.give(t);
      given.add(t);
      assertTrue(held.isHeld(t), "just given: " + i);
    }
    for (Tensor t : given) {
      assertTrue(held.isHeld(t), "given earlier");
    }
    assertFalse(held.isHeld(Tensors.ones(2)), "never given, past the switch to a set");
  }
}
