package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where GradCheck switches method, which comparison it reports, and what it refuses. */
class GradCheckEdgesTest {
  /** 2x whose rule claims the slope 2.25 where {@code wrong} is 1 and 2 elsewhere. */
  private static Op twiceWrongAt(Tensor wrong) {
    Tensor slope = wrong.mul(0.25).add(2);
    return Op.unary("twice", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(Variable.constant(slope)));
  }

  @Test
  void theFullJacobianUpToItsLimitThenProjections() {
    // One output, four inputs: work = 4.
    List<Tensor> inputs = List.of(Tensor.vector(1, 2, 3, 4));
    GradCheck.Options options = GradCheck.Options.defaults();
    GradCheckReport atTheLimit = GradCheck.check(in -> in.get(0).square().sum(), inputs,
        options.withFullJacobianLimit(4));
    assertEquals("full Jacobian", atTheLimit.method());
    assertEquals(4, atTheLimit.comparisons(), "one comparison per Jacobian element");
    assertEquals("random projection", GradCheck.check(in -> in.get(0).square().sum(), inputs,
        options.withFullJacobianLimit(3)).method());
  }

  @Test
  void ofEquallyBadComparisonsTheFirstIsReported() {
    // Wrong at both elements by the same amount; element 0 comes first.
    Op op = twiceWrongAt(Tensor.vector(1, 1));
    GradCheckReport report = GradCheck.check(in -> op.apply(in.get(0)),
        List.of(Tensor.vector(0, 0)), GradCheck.Options.defaults().withEps(0.5));
    assertFalse(report.passed());
    assertArrayEquals(new int[] {0}, report.inputIndex());
    assertEquals(0, report.outputIndex());
  }

  @Test
  void theWorstElementIsNamedByItsIndexInEveryAxis() {
    // Wrong only at [1, 0], flat index 3, which only division by the row length recovers.
    Op op = twiceWrongAt(Tensor.of(new double[] {0, 0, 0, 1, 0, 0, 0, 0, 0}, 3, 3));
    GradCheckReport report = GradCheck.check(in -> op.apply(in.get(0)),
        List.of(Tensors.zeros(3, 3)), GradCheck.Options.defaults().withEps(0.5));
    assertArrayEquals(new int[] {1, 0}, report.inputIndex(), report::toString);
    assertEquals(3, report.outputIndex());
  }

  @Test
  void parametersAreAllRestoredAndMustBeFloat64AndTrainable() {
    Variable w = Variable.parameter(Tensor.vector(0.5, -1), "w");
    Variable c = Variable.parameter(Tensor.vector(2, 3), "c");
    GradCheckReport report = GradCheck.checkParameters(
        () -> w.tanh().sum().add(c.square().sum()), List.of(w, c));
    assertTrue(report.passed(), report::toString);
    assertEquals(Tensor.vector(0.5, -1), w.value(), "restored bitwise");
    assertEquals(Tensor.vector(2, 3), c.value(), "the last one checked too");

    Variable narrow = Variable.parameter(Tensor.vector(1, 2).to(DType.FLOAT32));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.checkParameters(() -> narrow.sum(), List.of(narrow)));
    assertEquals("gradCheck: parameter 0 is float32; the check needs float64 (convert a model"
        + " with Module.to(DType.FLOAT64))", e.getMessage());
    // Named, as a model's parameters are, the message says which ("parameter 0" alone sent the
    // reader counting through model.parameters()), and a constant is not called float32's fault.
    Variable narrowWeight = Variable.parameter(Tensor.vector(1, 2).to(DType.FLOAT32), "0.weight");
    assertEquals("gradCheck: parameter 0 (0.weight [2]) is float32; the check needs float64"
        + " (convert a model with Module.to(DType.FLOAT64))", assertThrows(
            IllegalArgumentException.class, () -> GradCheck.checkParameters(
                () -> narrowWeight.sum(), List.of(narrowWeight))).getMessage());
    Variable fixed = Variable.constant(Tensor.vector(1, 2));
    assertEquals("gradCheck: parameter 1 requires no gradient (a constant): list the variables"
        + " that require one", assertThrows(IllegalArgumentException.class,
            () -> GradCheck.checkParameters(() -> w.sum().add(fixed.sum()), List.of(w, fixed)))
        .getMessage());

    Variable x = Variable.parameter(Tensor.vector(1, 2));
    IllegalArgumentException f32 = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.checkParameters(() -> x.to(DType.FLOAT32).sum(), List.of(x)));
    assertTrue(f32.getMessage().startsWith("gradCheck: the function computes in float32"),
        f32.getMessage());
    // Second derivatives too: the first gradients are float64 whatever f computes in, so the
    // output's type is what tells (a correct float32 exp read as a wrong derivative before).
    IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.gradGradCheck(in -> in.get(0).to(DType.FLOAT32).exp(),
            List.of(Tensor.vector(0.1, 0.2))));
    // Refused for its output's type, up front: not as a backward rule that narrows inside,
    // which is what the first gradients' graph would show later, with advice about rules.
    assertTrue(second.getMessage().startsWith("gradGradCheck: the function computes in float32"
        + " (its output is float32)"), second.getMessage());
    // A rule returning float32 for a float64 input: the engine widens its gradient, so the first
    // order passes within the rounding, and only the first gradients' graph shows the narrowing,
    // which the rule made, not a model: the advice names the rule.
    Op narrowingRule = Op.unary("narrowingRule", (ctx, t) -> t.exp(),
        (ctx, g) -> g.mul(ctx.output()).to(DType.FLOAT32));
    IllegalArgumentException ofRule = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.gradGradCheck(in -> narrowingRule.apply(in.get(0)),
            List.of(Tensor.vector(0.1, 0.2))));
    assertTrue(ofRule.getMessage().startsWith("gradGradCheck: the function computes in float32"
        + " inside ('to' gives a float32 [2]"), ofRule.getMessage());
    assertTrue(ofRule.getMessage().contains("make each backward rule return gradients of its"
        + " inputs' types"), ofRule.getMessage());
  }

  /**
   * A function computed off the graph (from its input's value) has first gradients of 0, which
   * agree with themselves to every order: gradGradCheck passed x², so computed, where check
   * fails it. A function that truly is constant still passes.
   */
  @Test
  void gradGradCheckFailsAFunctionOffTheGraph() {
    GradCheckReport detached = GradCheck.gradGradCheck(
        in -> Variable.constant(in.get(0).value().square()), List.of(Tensor.vector(1.5, -2)));
    assertFalse(detached.passed(), detached::toString);
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, detached.verdict(),
        detached::toString);
    assertTrue(detached.detail().contains("gradGradCheck: the function's output is not"
        + " connected to its inputs in the graph"), detached::toString);
    assertTrue(detached.detail().endsWith("and its first derivatives are wrong already"),
        detached::toString);
    // Off the graph and within atol (1e-10·x: central differences of 1e-10 against the
    // engine's 0): the first order could not be judged, and the note says so, not "wrong".
    GradCheckReport tiny = GradCheck.gradGradCheck(
        in -> Variable.constant(in.get(0).value().mul(1e-10)), List.of(Tensor.vector(1.5, -2)));
    assertEquals(GradCheckReport.Verdict.INCONCLUSIVE, tiny.verdict(), tiny::toString);
    assertTrue(tiny.detail().endsWith("and its first derivatives could not be judged already"),
        tiny::toString);
    GradCheckReport constant = GradCheck.gradGradCheck(
        in -> Variable.constant(Tensor.vector(3, 4)), List.of(Tensor.vector(1.5, -2)));
    assertTrue(constant.passed(), constant::toString);
  }

  @Test
  void aRuleBuiltFromConstantsIsToldWhyItsSecondDerivativeIsZero() {
    // Right at first order (3x²), but computed from the input's value as a constant.
    Op cube = Op.unary("cube", (ctx, x) -> x.pow(3),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().square().mul(3))));
    List<Tensor> at = List.of(Tensor.vector(1.5, -2));
    assertTrue(GradCheck.check(in -> cube.apply(in.get(0)), at).passed());
    GradCheckReport second = GradCheck.gradGradCheck(in -> cube.apply(in.get(0)), at);
    assertEquals(GradCheckReport.Verdict.WRONG_DERIVATIVE, second.verdict(), second::toString);
    assertTrue(second.detail().contains("the engine's second derivative is exactly 0 there; a"
        + " backward rule that builds its gradient from constants"), second::toString);
    assertTrue(second.detail().contains("or declare the op firstOrderOnly()"), second::toString);
  }

  @Test
  void aCaseKnowsWhetherItBroadcastsOrHasAScalar() {
    DifferentiableFunction f = in -> in.get(0);
    assertTrue(new OpCase("", List.of(Tensors.ones(2, 3), Tensors.ones(3)), f).broadcasts());
    assertFalse(new OpCase("", List.of(Tensors.ones(3), Tensors.ones(3)), f).broadcasts());
    assertFalse(new OpCase("", List.of(Tensors.ones(3)), f).broadcasts());
    assertTrue(new OpCase("", List.of(Tensors.ones(3), Tensor.scalar(1)), f).hasScalarInput());
    assertFalse(new OpCase("", List.of(Tensors.ones(3), Tensors.ones(1)), f).hasScalarInput());
    OpCase strict = new OpCase("", List.of(Tensors.ones(3)), f)
        .withOptions(GradCheck.Options.defaults().withTolerances(0, 0));
    assertEquals(0, strict.options().atol());
  }

  @Test
  void aSpecNeedsAtLeastOneCase() {
    OpSpec spec = new OpSpec("id", false, r -> new OpCase("", List.of(Tensors.ones(2)),
        in -> in.get(0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> spec.check(0, 1L));
    assertEquals("OpSpec id: need at least one case, got 0", e.getMessage());
    assertEquals(1, spec.check(1, 1L).cases());
    // Its float32 comparison likewise.
    IllegalArgumentException f32 = assertThrows(IllegalArgumentException.class,
        () -> spec.checkFloat32(0, 1L));
    assertEquals("OpSpec id: need at least one case, got 0", f32.getMessage());
    assertEquals(1, spec.checkFloat32(1, 1L).cases());
  }
}
