package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.autograd.check.LocalizationReport.Node;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How far a node's forward, run again, may stray from what it recorded (1e-9 of the values in
 * float64, 1e-3 where float32 took part, input or output), and which options, seed and words a
 * flagged node's check reports. Found by mutation testing (issue 15).
 */
class LocalizerToleranceTest {

  /**
   * An op whose forward returns {@code level} the first time and {@code level + drift} ever after,
   * whatever its input (x·0 keeps the graph): a forward that is not quite a function of its input.
   * Its rule is right (zero), so only the rerun's difference can flag it.
   */
  private static Op drifting(double level, double drift) {
    int[] calls = {0};
    return Op.unary("drifting", (ctx, x) -> x.mul(0).add(calls[0]++ == 0 ? level : level + drift),
        (ctx, g) -> g.mul(0));
  }

  private static LocalizationReport localizeDrift(double level, double drift) {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    return GradCheck.localize(drifting(level, drift).apply(p).sum());
  }

  /** At 0 the scale is 1: a float64 rerun may differ by 1e-9, no more. */
  @Test
  void aFloat64NodeMayDifferByOneBillionthAtMost() {
    LocalizationReport atTheLimit = localizeDrift(0, 1e-9);
    assertTrue(atTheLimit.flagged().isEmpty(), atTheLimit::toString);
    LocalizationReport beyond = localizeDrift(0, 1e-6);
    assertEquals(Finding.NOT_REPRODUCIBLE, beyond.flagged().get(0).finding(), beyond::toString);
  }

  /** 1e-7 on values of 1000 is 1e-10 of them: within the bound, which scales with the values. */
  @Test
  void theBoundScalesWithTheValues() {
    LocalizationReport report = localizeDrift(1000, 1e-7);
    assertTrue(report.flagged().isEmpty(), report::toString);
  }

  /**
   * A float32 input to an op with a float64 output (a mixed-precision op that computes in its
   * input's type): its recorded value carries float32 rounding (about 6e-8 of e^0.5) that the
   * float64 rerun does not, which the float32 bound allows.
   */
  @Test
  void aFloat32InputAllowsFloat32Rounding() {
    Op widening = Op.unary("expThenWiden", (ctx, x) -> x.exp().to(DType.FLOAT64),
        (ctx, g) -> g.mul(ctx.output()));
    Variable p = Variable.parameter(Tensor.vector(0.5, 1.5).to(DType.FLOAT32));
    Variable y = widening.apply(p);
    assertEquals(DType.FLOAT64, y.dtype());
    LocalizationReport report = GradCheck.localize(y.sum());
    assertTrue(report.flagged().isEmpty(), report::toString);
  }

  /**
   * A flagged node's detail is its check's method, comparisons and step with the diagnosis, and
   * node n (counted from the inputs) is checked with seed options.seed() + n: the same check
   * made alone with that seed gives the same numbers, random projections included.
   */
  @Test
  void aFlaggedNodeReportsItsOwnCheck() {
    Op wrong = Op.unary("wrongTwice", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(3));
    Tensor value = Tensors.randn(Shape.of(40, 40), 3L);
    Variable p = Variable.parameter(value);
    GradCheck.Options options = GradCheck.Options.defaults().withSeed(11);
    Node node = GradCheck.localize(wrong.apply(p.neg()).sum(), options).culprit().orElseThrow();
    assertEquals(1, node.position(), "after neg");

    GradCheckReport alone = GradCheck.check(xs -> wrong.apply(xs.get(0)),
        List.of(value.neg()), options.withSeed(12));
    assertEquals("random projection", alone.method());
    assertEquals(String.format(Locale.ROOT, "random projection, %d comparisons, eps 1e-06; %s",
        alone.comparisons(), alone.detail()), node.detail());
    assertTrue(alone.detail().endsWith("the derivative is wrong"), alone.detail());
    assertEquals(alone.analytical(), node.analytical());
    assertEquals(alone.numerical(), node.numerical());
  }

  /** A built-in op whose row declares no options of its own is checked with the caller's. */
  @Test
  void aBuiltInNodeIsCheckedWithTheCallersOptions() {
    Variable p = Variable.parameter(Tensor.vector(0.5, -1));
    Variable loss;
    try (var fault = FaultInjection.inject("tanh", Mutation.SIGN_ERROR)) {
      loss = p.tanh().sum();
    }
    Node node = GradCheck.localize(loss, GradCheck.Options.defaults().withEps(1e-4))
        .culprit().orElseThrow();
    assertEquals("tanh", node.op());
    assertTrue(node.detail().startsWith("full Jacobian, 4 comparisons, eps 0.0001; "),
        node.detail());
  }

  /**
   * A user's op that computes in float32 from float64 inputs (mixed precision): its right rule
   * was named the culprit, its float32 rounding read as a wrong derivative at the default step.
   * It is checked at a float32 step and tolerance, where a wrong rule is still caught.
   */
  @Test
  void anOpThatNarrowsToFloat32IsCheckedAtAFloat32Step() {
    Op exp32 = Op.unary("exp32", (ctx, t) -> t.to(DType.FLOAT32).exp(),
        (ctx, g) -> g.mul(ctx.output()));
    Variable x = Variable.parameter(Tensor.vector(0.3, -0.7, 1.1));
    LocalizationReport right = GradCheck.localize(exp32.apply(x).sum());
    assertTrue(right.flagged().isEmpty(), right::toString);

    Op onePercentOff = Op.unary("onePercentOff", (ctx, t) -> t.to(DType.FLOAT32).exp(),
        (ctx, g) -> g.mul(ctx.output()).mul(0.99));
    LocalizationReport wrong = GradCheck.localize(onePercentOff.apply(x).sum());
    assertEquals(Finding.WRONG_DERIVATIVE, wrong.flagged().get(0).finding(), wrong::toString);
  }

  /**
   * A user's op that narrows to float32 is checked at the float32 step and tolerances (eps 1e-2,
   * atol 1e-4, rtol 1e-3) and, like any node, with seed options.seed() + n: the same check made
   * alone gives the same numbers, random projections included.
   */
  @Test
  void aNarrowingNodeReportsItsOwnCheckWithItsPositionsSeed() {
    Op wrong = Op.unary("exp32TimesOneAndAHalf", (ctx, t) -> t.to(DType.FLOAT32).exp(),
        (ctx, g) -> g.mul(ctx.output()).mul(1.5));
    Tensor value = Tensors.randn(Shape.of(40, 40), 3L);
    Variable p = Variable.parameter(value);
    GradCheck.Options options = GradCheck.Options.defaults().withSeed(11);
    Node node = GradCheck.localize(wrong.apply(p.neg()).sum(), options).culprit().orElseThrow();
    assertEquals(1, node.position(), "after neg");

    GradCheckReport alone = GradCheck.check(xs -> wrong.apply(xs.get(0)).to(DType.FLOAT64),
        List.of(value.neg()), options.withEps(1e-2).withTolerances(1e-4, 1e-3).withSeed(12));
    assertEquals("random projection", alone.method());
    assertEquals(String.format(Locale.ROOT, "random projection, %d comparisons, eps 0.01; %s",
        alone.comparisons(), alone.detail()), node.detail());
    assertTrue(alone.detail().endsWith("the derivative is wrong"), alone.detail());
    // Exactly: the same function at the same values along the same projections.
    assertEquals(alone.analytical(), node.analytical());
    assertEquals(alone.numerical(), node.numerical());
  }
}
