package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Gradients#of} on a graph an earlier pass freed. The pass runs only the rules toward the
 * inputs asked for, and a freed node has lost its inputs, so nothing led to an input below it:
 * it was called "not used to compute the outputs" (untrue), and under allowUnused given zeros
 * without a word (a wrong answer). PyTorch 1.13 says "Trying to backward through the graph a
 * second time". The message now names the freed op and how to keep a graph.
 */
class GradientsOfFreedGraphTest {
  private final Variable x = Variable.parameter(Tensor.vector(1, 2), "x");
  private final Variable w = Variable.parameter(Tensor.vector(3, 4), "w");
  private final Variable b = x.mul(w).exp();

  @Test
  void anInputBelowAFreedNodeIsNotCalledUnused() {
    Gradients.of(b.sum(), x);  // frees exp and mul
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(b.sum(), w));
    assertTrue(e.getMessage().contains("the graph through 'exp' was freed by an earlier"
        + " backward pass"), e.getMessage());
    assertTrue(e.getMessage().contains("pass Gradients.Options.retainingGraph() to the first"
        + " backward"), e.getMessage());
  }

  /**
   * A gradient that does not go through the freed node is refused all the same (the node lost
   * the links that would tell), as the message says, with the way out: PyTorch keeps the links
   * and answers. Differentiating from the freed node's output detached answers here too.
   */
  @Test
  void aGradientPastTheFreedNodeIsRefusedWithTheWayOut() {
    Variable h = x.exp();
    h.sum().backward();  // frees exp
    Variable v = Variable.parameter(Tensor.vector(3, 4), "v");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(h.mul(v).sum(), v));
    assertTrue(e.getMessage().endsWith("to differentiate only what was computed after it, start"
        + " from its output's detach())"), e.getMessage());
    assertTrue(Gradients.of(h.detach().mul(v).sum(), v).get(0).value()
        .allClose(x.value().exp(), 1e-15, 0), "exact up to exp's rounding");
  }

  /**
   * The freed node's own output as the only input asked for: it cannot lie below itself, so its
   * gradient is complete without its lost inputs, and PyTorch 1.13 answers too. Asked together
   * with anything else, that other input might lie below it: refused.
   */
  @Test
  void theFreedNodesOwnOutputAloneIsAnswered() {
    Variable h = x.exp();
    h.sum().backward();  // frees exp
    Variable gradient = Gradients.of(h.mul(Variable.constant(Tensor.scalar(2))).sum(), h).get(0);
    assertEquals(Tensor.vector(2, 2), gradient.value(), "∂(Σ 2h)/∂h = 2, exactly");
    assertTrue(assertThrows(IllegalStateException.class, () -> Gradients.of(h.sum(), h, x))
        .getMessage().contains("the graph through 'exp' was freed"));
  }

  /** A freed node above the one asked for still stops the pass: the gradient goes through it. */
  @Test
  void aFreedNodeAboveTheSoleInputIsRefused() {
    Variable h = x.exp();
    Variable g = h.exp();
    g.sum().backward();  // frees both exps
    assertTrue(assertThrows(IllegalStateException.class, () -> Gradients.of(g.sum(), h))
        .getMessage().contains("the graph through 'exp' was freed"));
  }

  @Test
  void allowUnusedGivesNoZerosForIt() {
    Gradients.of(b.sum(), x);
    assertTrue(
        assertThrows(IllegalStateException.class, () -> Gradients.of(List.of(b.sum()), List.of(w),
                null, Gradients.Options.defaults().withAllowUnused()))
            .getMessage().startsWith("backward: the graph through 'exp' was freed by an earlier"
            + " backward pass, which released its saved values; to go through a"
            + " graph twice, pass "));
  }

  /**
   * An input reached by a live path as well as below the freed node: the pass once skipped the
   * freed node's branch and gave w the live path's ones alone, without the exp(x·w)·x term.
   */
  @Test
  void anInputAlsoReachedByALivePathGetsNoPartialGradient() {
    Gradients.of(b.sum(), x);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(b.sum().add(w.sum()), w));
    assertTrue(e.getMessage().contains("the graph through 'exp' was freed by an earlier"
        + " backward pass"), e.getMessage());
  }

  /**
   * The engine's walks meet a node an earlier pass freed as a leaf, where the public {@link
   * OpContext#inputCount} refuses it: a recorded gradient holding a freed graph's output (here
   * from a user's rule), which no pass differentiates through, is still linked to its input and
   * returned. Had the walk that links it counted through inputCount, this call would have named
   * the freed 'exp'.
   */
  @Test
  void aRecordedGradientHoldingAFreedGraphsOutputIsWalkedPast() {
    b.sum().backward();  // frees exp and mul
    Op scaled = Op.unary("scaled", (ctx, in) -> in.mul(b.value()), (ctx, g) -> g.mul(b));
    Variable z = Variable.parameter(Tensor.vector(5, 6), "z");
    Variable dz = Gradients.of(List.of(scaled.apply(z).sum()), List.of(z), null,
        Gradients.Options.creatingGraph()).get(0);
    assertEquals(b.value(), dz.value(), "g·b with g = 1: exactly b");
    assertTrue(
        assertThrows(IllegalStateException.class, () -> b.opContext().orElseThrow().inputCount())
            .getMessage().startsWith("backward: the graph through 'exp' was freed by an earlier"
            + " backward pass, which released its saved values; to go through a"
            + " graph twice, pass "));
  }

  /** The nodes a failing call's own pass freed are not blamed: the input is unused. */
  @Test
  void anUnusedInputOfALiveGraphIsStillUnused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(b.sum(), x, Variable.parameter(Tensor.vector(5), "z")));
    assertTrue(e.getMessage().startsWith("gradients: input 1 ('z', leaf, shape [1]) is not used"
        + " to compute the outputs"), e.getMessage());
  }
}
