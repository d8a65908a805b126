package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.autograd.check.LocalizationReport.Node;
import dev.chainrule.core.Tensor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node whose output holds NaN (√x at a negative element) is run again before its check: NaN
 * again at the same elements is the same forward (NaN − NaN alone would read as "not
 * reproducible"), and the rest of the output is compared as any other; a forward that changes
 * its finite elements is still caught.
 */
class LocalizeNotANumberTest {
  /** √x with a rule of {@code c}/√x, and 0 where x ≤ 0 (NaN there in forward). */
  private static Op sqrt(double c) {
    return Op.unary("sqrt", (ctx, t) -> t.sqrt(), (ctx, g) -> g.mul(Variable.constant(
        ctx.input(0).value().map(v -> v > 0 ? c / Math.sqrt(v) : 0))));
  }

  private static Node only(LocalizationReport report) {
    assertEquals(1, report.nodes(), report::toString);
    assertEquals(1, report.flagged().size(), report::toString);
    return report.flagged().get(0);
  }

  private static Variable x() {
    return Variable.parameter(Tensor.vector(-1, 1, 4, 9));
  }

  @Test
  void aWrongRuleBesideNaNIsWrong() {
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = sqrt(0.25).apply(x());
    }
    Node node = only(GradCheck.localize(out));
    assertEquals(Finding.WRONG_DERIVATIVE, node.finding(), node::toString);
  }

  @Test
  void aRightRuleBesideNaNIsNotFiniteNotIrreproducible() {
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = sqrt(0.5).apply(x());
    }
    Node node = only(GradCheck.localize(out));
    assertEquals(Finding.NOT_FINITE, node.finding(), node::toString);
  }

  @Test
  void aForwardThatChangesItsFiniteElementsIsCaughtBesideNaN() {
    // Each run adds one more than the last: 1 apart from what was recorded wherever x ≥ 0.
    AtomicInteger runs = new AtomicInteger();
    Op drifting = Op.unary("drifting", (ctx, t) -> t.sqrt().add(runs.incrementAndGet()),
        (ctx, g) -> g.mul(Variable.constant(
            ctx.input(0).value().map(v -> v > 0 ? 0.5 / Math.sqrt(v) : 0))));
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = drifting.apply(x());
    }
    Node node = only(GradCheck.localize(out));
    assertEquals(Finding.NOT_REPRODUCIBLE, node.finding(), node::toString);
    // The first run again is found by itself, not by the check's own second evaluation; the
    // drift is exactly 1 (whole numbers added to values below 10 round exactly enough for %.3g).
    assertTrue(node.detail().startsWith("run again at its recorded inputs its forward differs"
        + " from the recorded output by up to 1.00:"), node::toString);
  }

  /**
   * A forward that held NaN where it was recorded and a number there when run again (here 0, as
   * the rest of the output is unchanged) is not the same forward: NaNs are compared by place
   * before the rest is, and a NaN that went away is a difference, however the numbers agree.
   */
  @Test
  void aNaNThatGoesAwayOnTheRerunIsNotReproducible() {
    AtomicInteger runs = new AtomicInteger();
    // √x when recorded, √relu(x) ever after: NaN at x = −1 the first time only. The rule is
    // √relu(x)'s, so the check of the rerun alone finds nothing wrong.
    Op vanishing = Op.unary("vanishing",
        (ctx, t) -> runs.getAndIncrement() == 0 ? t.sqrt() : t.relu().sqrt(),
        (ctx, g) -> g.mul(Variable.constant(
            ctx.input(0).value().map(v -> v > 0 ? 0.5 / Math.sqrt(v) : 0))));
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = vanishing.apply(x());
    }
    Node node = only(GradCheck.localize(out));
    assertEquals(Finding.NOT_REPRODUCIBLE, node.finding(), node::toString);
    // Not "by up to NaN": the NaNs' places are what differs.
    assertTrue(node.detail().startsWith("run again at its recorded inputs its forward differs"
        + " from the recorded output in where it holds NaN:"), node::toString);
  }

  /**
   * A forward whose finite elements moved once, between the recording and the rerun, and never
   * again: the check that follows sees the same values every time, finds only the NaN and says
   * NOT_FINITE, which must not hide that the node's recorded output is not what it computes.
   */
  @Test
  void aForwardThatMovedOnceBesideNaNIsNotReproducible() {
    AtomicInteger runs = new AtomicInteger();
    Op movedOnce = Op.unary("movedOnce",
        (ctx, t) -> t.sqrt().add(runs.getAndIncrement() == 0 ? 0 : 1),
        (ctx, g) -> g.mul(Variable.constant(
            ctx.input(0).value().map(v -> v > 0 ? 0.5 / Math.sqrt(v) : 0))));
    Variable out;
    try (var scope = Autograd.enableGrad()) {
      out = movedOnce.apply(x());
    }
    Node node = only(GradCheck.localize(out));
    assertEquals(Finding.NOT_REPRODUCIBLE, node.finding(), node::toString);
    // Exactly 1 apart (√1, √4 and √9 are whole, and adding 1 to them is exact).
    assertTrue(node.detail().startsWith("run again at its recorded inputs its forward differs"
        + " from the recorded output by up to 1.00:"), node::toString);
  }
}
