package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradCheckTest {

  /** x³ with a backward that is wrong only at element 2 (it forgets the factor 3 there). */
  private static final Op CUBE_WRONG_AT_2 = Op.unary("cube", (ctx, x) -> x.pow(3),
      (ctx, g) -> {
        Tensor factor = Tensor.vector(3, 3, 1, 3);
        return g.mul(ctx.input(0).square()).mul(Variable.constant(factor));
      });

  @Test
  void aCorrectCompositePasses() {
    GradCheckReport report = GradCheck.check(
        in -> in.get(0).matmul(in.get(1)).tanh().sum(),
        List.of(Tensors.randn(Shape.of(3, 4), 1L), Tensors.randn(Shape.of(4, 2), 2L)));
    assertTrue(report.passed(), report::toString);
    assertEquals(Verdict.PASSED, report.verdict());
    assertEquals("full Jacobian", report.method());
    assertEquals(20, report.comparisons());
  }

  /** A function that reads its parameters itself, as a model's loss does. */
  @Test
  void parametersAreCheckedInPlaceAndRestoredBitwise() {
    Variable w = Variable.parameter(Tensors.randn(Shape.of(4, 3), 1L), "w");
    Variable c = Variable.parameter(Tensor.vector(0.5, -1, 2, 1.5), "c");
    Tensor before = w.value().copy();
    Variable x = Variable.constant(Tensors.randn(Shape.of(5, 3), 2L));
    GradCheckReport good = GradCheck.checkParameters(
        () -> Variable.linear(x, w, null).tanh().sum().add(c.square().sum()), List.of(w, c));
    assertTrue(good.passed(), good::toString);
    assertEquals(before, w.value(), "values restored bitwise");
    GradCheckReport wrong = GradCheck.checkParameters(
        () -> Variable.linear(x, w, null).tanh().sum().add(CUBE_WRONG_AT_2.apply(c).sum()),
        List.of(w, c), GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertEquals(Verdict.WRONG_DERIVATIVE, wrong.verdict(), wrong::toString);
    assertEquals("random projection", wrong.method());
    assertEquals(1, wrong.input(), "the parameter with the wrong rule");
  }

  @Test
  void aParameterCheckNamesTheParameterWhoseGradientIsWrong() {
    // "input 1" sent a reader counting through model.parameters(); a named parameter (every
    // module's are: "0.weight") is named with its shape, an unnamed one keeps its index alone.
    Variable w = Variable.parameter(Tensors.randn(Shape.of(2, 3), 1L), "w");
    Variable c = Variable.parameter(Tensor.vector(0.5, -1, 2, 1.5), "head.scale");
    Variable x = Variable.constant(Tensors.randn(Shape.of(5, 3), 2L));
    GradCheckReport wrong = GradCheck.checkParameters(
        () -> Variable.linear(x, w, null).tanh().sum().add(CUBE_WRONG_AT_2.apply(c).sum()),
        List.of(w, c));
    assertEquals("head.scale [4]", wrong.inputLabel());
    assertTrue(wrong.toString().contains("worst: input 1 (head.scale [4]) at [2], output element"
        + " 0: analytical 4.0"), wrong::toString);
    Variable unnamed = Variable.parameter(Tensor.vector(0.5, -1, 2, 1.5));
    GradCheckReport anonymous = GradCheck.checkParameters(
        () -> CUBE_WRONG_AT_2.apply(unnamed).sum(), List.of(unnamed));
    assertEquals("", anonymous.inputLabel());
    assertTrue(anonymous.toString().contains("worst: input 0 at [2]"), anonymous::toString);
  }

  @Test
  void aWrongDerivativeIsReportedWithItsPosition() {
    GradCheckReport report = GradCheck.check(in -> CUBE_WRONG_AT_2.apply(in.get(0)),
        List.of(Tensor.vector(0.5, -1, 2, 1.5)));
    assertFalse(report.passed());
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict());
    assertEquals(0, report.input());
    assertArrayEquals(new int[] {2}, report.inputIndex());
    assertEquals(2, report.outputIndex());
    assertEquals(4, report.analytical(), "the wrong rule's 1·2², exact");
    // d(x³)/dx at 2 is 12; central differences are exact for cubics up to eps² = 1e-12.
    assertEquals(12, report.numerical(), 1e-6);
    assertEquals(8, report.absError(), 1e-6);
    assertEquals(8.0 / 12, report.relError(), 1e-6);
    assertTrue(report.toString().contains("the derivative is wrong"), report::toString);
  }

  @Test
  void aKinkAtThePointIsAFiniteDifferenceArtefact() {
    // relu′(0) = 0 by choice; central differences see the average slope 1/2.
    GradCheckReport report = GradCheck.check(in -> in.get(0).relu(),
        List.of(Tensor.vector(0.0)));
    assertFalse(report.passed());
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict());
    assertTrue(report.detail().contains("a kink at the point itself"), report::toString);
  }

  /** The one-sided slopes of c·relu at 0 differ by c, small or large: a kink all the same. */
  @Test
  void aKinkOfAnyHeightIsAFiniteDifferenceArtefact() {
    for (double height : new double[] {0.25, 3}) {
      GradCheckReport report = GradCheck.check(in -> in.get(0).relu().mul(height),
          List.of(Tensor.vector(0.0)));
      assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict(), report::toString);
      assertTrue(report.detail().contains("a kink at the point itself"), report::toString);
    }
  }

  @Test
  void aKinkWithinTheStepIsAFiniteDifferenceArtefact() {
    // At x = 5e-7 the step 1e-6 straddles the kink; the step 1e-8 does not and agrees.
    GradCheckReport report = GradCheck.check(in -> in.get(0).abs(),
        List.of(Tensor.vector(5e-7)));
    assertFalse(report.passed());
    assertEquals(Verdict.FINITE_DIFFERENCE_ARTEFACT, report.verdict());
    assertTrue(report.detail().contains("agrees"), report::toString);
  }

  @Test
  void aKinkWithinTheStepOfALargeOutputIsAFiniteDifferenceArtefact() {
    // A ReLU layer's 32,768 pre-activations, a few within the step 1e-6 of the kink (as training
    // leaves some), the rest of size 100. A smaller step that steps over the kinks must resolve
    // the slope to the tolerance: each moved input x ± h·d rounds by 1e-14, which a step of 1e-8
    // turns into about 1e-4 over the layer. Weighted sums subtracted after summing left 3 of these
    // 60 projections taken for a wrong rule, h / 100 as the only smaller step 5, both 15 (#16).
    double[] values = Tensors.randn(Shape.of(128, 256), 5L).mul(100).toArray();
    for (int k = 0; k < 8; k++) {
      values[k * 1000] = 3e-7;
    }
    List<Tensor> inputs = List.of(Tensor.of(values, 128, 256));
    int kinks = 0;
    for (long seed = 0; seed < 60; seed++) {
      GradCheckReport report = GradCheck.check(in -> in.get(0).relu(), inputs,
          GradCheck.Options.defaults().withSeed(seed));
      assertTrue(report.passed() || report.verdict() == Verdict.FINITE_DIFFERENCE_ARTEFACT,
          report::toString);
      kinks += report.passed() ? 0 : 1;
    }
    assertTrue(kinks > 30, "most projections straddle a kink at 1e-6 (57 of 60): " + kinks);

    Op wrongRelu = Op.unary("relu", (ctx, x) -> x.relu(),
        (ctx, g) -> g.mul(1.01).mul(Variable.constant(ctx.input(0).value().gt(0))));
    GradCheckReport wrong = GradCheck.check(in -> wrongRelu.apply(in.get(0)), inputs);
    assertEquals(Verdict.WRONG_DERIVATIVE, wrong.verdict(), wrong::toString);
  }

  @Test
  void largeInputsAreCheckedByRandomProjections() {
    List<Tensor> inputs = List.of(Tensors.randn(Shape.of(40, 50), 3L));
    GradCheckReport good = GradCheck.check(in -> in.get(0).tanh().sum(0, false), inputs);
    assertTrue(good.passed(), good::toString);
    assertEquals("random projection", good.method());
    assertEquals(3, good.comparisons());

    Op wrongTanh = Op.unary("tanh", (ctx, x) -> x.tanh(), (ctx, g) -> g.mul(1.01)
        .mul(ctx.output().square().neg().add(1)));
    GradCheckReport bad = GradCheck.check(in -> wrongTanh.apply(in.get(0)).sum(0, false), inputs);
    assertFalse(bad.passed());
    assertEquals(Verdict.WRONG_DERIVATIVE, bad.verdict());
  }

  @Test
  void secondOrderChecksTheDerivativeOfTheGradient() {
    List<Tensor> inputs = List.of(Tensor.vector(0.5, -1, 2));
    assertTrue(GradCheck.gradGradCheck(in -> in.get(0).tanh().mul(in.get(0)), inputs).passed());
    // A backward written on raw tensors is a constant for the graph: its second derivative is
    // silently zero, which gradGradCheck exposes.
    Op flatBackward = Op.unary("square", (ctx, x) -> x.square(),
        (ctx, g) -> g.mul(Variable.constant(ctx.input(0).value().mul(2))));
    GradCheckReport report = GradCheck.gradGradCheck(in -> flatBackward.apply(in.get(0)), inputs);
    assertFalse(report.passed());
    assertEquals(Verdict.WRONG_DERIVATIVE, report.verdict());
  }

  @Test
  void bothZeroCountsAsEqual() {
    GradCheckReport report = GradCheck.check(in -> in.get(0).sign(), List.of(Tensor.vector(1)));
    assertTrue(report.passed());
    assertEquals(0, report.relError());
  }

  /** An empty input beside a non-empty one adds nothing, and no vacuous comparison is counted. */
  @Test
  void anEmptyInputBesideOthersAddsNoComparison() {
    List<Tensor> inputs = List.of(Tensors.zeros(0, 2), Tensor.vector(0.5, -1));
    DifferentiableFunction f = in -> in.get(0).reshape(-1).concat(0, in.get(1)).tanh();
    GradCheckReport full = GradCheck.check(f, inputs);
    assertTrue(full.passed(), full::toString);
    assertEquals(4, full.comparisons(), "2 outputs x 2 elements of input 1");
    GradCheckReport projected = GradCheck.check(f, inputs,
        GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertEquals("random projection", projected.method());
    assertEquals(3, projected.comparisons(), "3 projections of input 1, none of input 0");
  }

  /** A function that ignores its input has gradients of zero, and so do they. */
  @Test
  void secondOrderOfAConstantFunctionIsZero() {
    GradCheckReport report = GradCheck.gradGradCheck(
        in -> Variable.constant(Tensor.vector(1, 2)), List.of(Tensor.vector(0.5, -1, 2)));
    assertTrue(report.passed(), report::toString);
    assertEquals(0, report.analytical());
    assertEquals(0, report.numerical());
  }
}
