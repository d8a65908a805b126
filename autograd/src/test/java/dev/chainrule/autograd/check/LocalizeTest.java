package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.autograd.check.LocalizationReport.Node;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalizeTest {
  /** x³ whose rule forgot the factor 3. */
  private static final Op CUBE_WITHOUT_3 = Op.unary("cube", (ctx, x) -> x.pow(3),
      (ctx, g) -> g.mul(ctx.input(0).square()));

  private final Variable w = Variable.parameter(Tensors.randn(Shape.of(4, 3), 1L), "w");
  private final Variable b = Variable.parameter(Tensors.randn(Shape.of(4), 2L), "b");
  private final Variable x = Variable.constant(Tensors.randn(Shape.of(5, 3), 3L));

  @Test
  void aCorrectGraphHasNothingFlagged() {
    Variable loss = Variable.linear(x, w, b).tanh().logSoftmax(-1).mean();
    LocalizationReport report = GradCheck.localize(loss);
    assertTrue(report.passed(), report::toString);
    assertTrue(report.flagged().isEmpty(), report::toString);
    // linear, tanh, logSoftmax and mean (one node of its own; it was sum and div).
    assertEquals(4, report.nodes());
    assertTrue(report.toString().contains("4 nodes checked, every backward rule agrees"),
        report::toString);
  }

  /**
   * XOR's rows through a ReLU at zero biases: row (0, 0) puts every hidden unit exactly on the
   * kink. A ReLU rule that forgot a factor was reported "at a kink (not wrong)", the kink's
   * disagreement being the largest, and localize passed.
   */
  @Test
  void aWrongRuleIsFoundThoughSomeOfItsElementsSitOnAKink() {
    Variable input = Variable.constant(Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0},
        {1, 1}}));
    Variable hiddenWeight = Variable.parameter(Tensors.randn(Shape.of(4, 2), 1L));
    Variable outputWeight = Variable.parameter(Tensors.randn(Shape.of(1, 4), 2L));
    Variable loss;
    try (var fault = FaultInjection.inject("relu", Mutation.MISSING_FACTOR)) {
      Variable hidden = Variable.linear(input, hiddenWeight, null).relu();
      loss = Variable.linear(hidden, outputWeight, null).square().mean();
    }
    LocalizationReport report = GradCheck.localize(loss);
    assertFalse(report.passed(), report::toString);
    assertEquals("relu", report.culprit().orElseThrow().op(), report::toString);
    assertEquals(Finding.WRONG_DERIVATIVE, report.culprit().orElseThrow().finding());
  }

  @Test
  void theWrongNodeAloneIsNamedNotTheNodesAfterIt() {
    Variable hidden = Variable.linear(x, w, b).tanh();
    Variable cube = CUBE_WITHOUT_3.apply(hidden);
    Variable loss = cube.sigmoid().sum();
    LocalizationReport report = GradCheck.localize(loss);
    assertFalse(report.passed());
    assertEquals(1, report.flagged().size(), report::toString);
    Node culprit = report.culprit().orElseThrow();
    assertSame(cube, culprit.output());
    assertEquals("cube", culprit.op());
    assertEquals(2, culprit.position(), "after linear and tanh");
    assertEquals(List.of(Shape.of(5, 4)), culprit.inputShapes());
    assertEquals(Finding.WRONG_DERIVATIVE, culprit.finding());
    // The rule gives h², central differences 3h²: a third of the value.
    assertEquals(3, culprit.numerical() / culprit.analytical(), 1e-5);
    assertTrue(report.toString().contains("#2 cube, inputs [5, 4]: WRONG DERIVATIVE at input 0"),
        report::toString);
    assertTrue(report.toString().contains("Autograd.recordCreationSites()"),
        "says how to see where the node was created: " + report);
  }

  @Test
  void theGraphMustStillBeRecorded() {
    Variable loss = Variable.linear(x, w, b).tanh().sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GradCheck.localize(loss));
    assertEquals("localize: the graph through 'sum' was freed by a backward pass that did not"
        + " retain it, and localize checks the values each node saw; call localize before"
        + " backward, or pass Gradients.Options.retainingGraph() to backward", e.getMessage());

    Variable kept = Variable.linear(x, w, b).tanh().sum();
    kept.backward(null, Gradients.Options.retainingGraph());
    assertTrue(GradCheck.localize(kept).passed());

    IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.localize(x.tanh()));
    assertTrue(constant.getMessage().startsWith("localize: the output (constant) was not"
        + " computed by recorded ops"), constant.getMessage());
  }

  @Test
  void aValueChangedInPlaceIsRefusedByName() {
    Tensor factor = Tensor.vector(1, 2, 3, 4);
    Variable loss = Variable.linear(x, w, b).mul(Variable.parameter(factor)).sum();
    factor.scaleInPlace(2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GradCheck.localize(loss));
    assertTrue(e.getMessage().startsWith("localize: backward: input 1 of 'mul'"), e.getMessage());
  }

  @Test
  void aKinkAtTheRecordedValueIsReportedAsAKinkNotAsWrong() {
    Variable p = Variable.parameter(Tensor.vector(-1, 0, 2), "p");
    Variable loss = p.relu().mul(p).sum();
    LocalizationReport report = GradCheck.localize(loss);
    assertTrue(report.passed(), report::toString);
    Node relu = report.flagged().get(0);
    assertEquals(Finding.KINK, relu.finding(), report::toString);
    assertEquals("relu", relu.op());
    assertArrayEquals(new int[] {1}, relu.element());
    assertTrue(report.toString().contains("a finite-difference artefact (not wrong)"),
        report::toString);
  }

  @Test
  void curvatureOverTheStepIsAnArtefactNamedAsCurvatureNotAKink() {
    // log at 1e-4 with the step 1e-6: the central difference errs by 41.7 of 50,000 (h²·f‴/6),
    // beyond rtol, and falls a hundredfold per tenfold smaller step. log has no kink, and the
    // report said "at a kink".
    Variable p = Variable.parameter(Tensor.vector(1e-4, 3), "p");
    LocalizationReport report = GradCheck.localize(p.log().sum());
    assertTrue(report.passed(), report::toString);
    Node log = report.flagged().get(0);
    assertEquals(Finding.KINK, log.finding(), report::toString);
    assertTrue(log.toString().contains("a finite-difference artefact (not wrong)"),
        report::toString);
    assertTrue(log.detail().contains("curves too much"), report::toString);
    assertFalse(report.toString().contains("at a kink"), report::toString);
  }

  @Test
  void aWrongGradientForAnInputThatNeedsNoneDoesNotCount() {
    // ∂c is wrong, but c is a constant: no gradient of this graph uses it.
    Op scale = Op.of("scale", (ctx, in) -> in[0].mul(in[1]),
        (ctx, g) -> new Variable[] {g.mul(ctx.input(1)), g.neg()});
    Variable c = Variable.constant(Tensor.vector(1, 2, 3, 4));
    Variable loss = scale.apply(Variable.linear(x, w, b), c).sum();
    assertTrue(GradCheck.localize(loss).passed());
    Variable both = scale.apply(Variable.linear(x, w, b), Variable.parameter(c.value())).sum();
    assertEquals(1, GradCheck.localize(both).culprit().orElseThrow().input(), "∂c, input 1");
  }

  @Test
  void aRuleThatThrowsIsNamed() {
    Op broken = Op.unary("broken", (ctx, x) -> x.exp(), (ctx, g) -> g.sum());
    Variable loss = broken.apply(Variable.linear(x, w, b)).sum();
    Node node = GradCheck.localize(loss).culprit().orElseThrow();
    assertEquals(Finding.RULE_FAILED, node.finding());
    assertTrue(node.detail().startsWith("the rule failed: backward of 'broken' returned a"
        + " gradient of shape [] for input 0 of shape [5, 4]"), node.detail());
  }

  @Test
  void aForwardThatDrawsRandomNumbersCannotBeChecked() {
    SplittableRandom random = new SplittableRandom(5);
    Op noisy = Op.unary("noisy", (ctx, x) -> x.add(random.nextDouble()), (ctx, g) -> g);
    Variable loss = noisy.apply(Variable.linear(x, w, b)).sum();
    LocalizationReport report = GradCheck.localize(loss);
    assertEquals(Finding.NOT_REPRODUCIBLE, report.flagged().get(0).finding(), report::toString);
    assertTrue(report.passed(), "not a verdict on the rule");
  }

  @Test
  void aFloat32GraphIsCheckedInFloat64() {
    Variable w32 = Variable.parameter(w.value().to(DType.FLOAT32));
    Variable x32 = Variable.constant(x.value().to(DType.FLOAT32));
    Variable loss = Variable.linear(x32, w32, null).tanh().sum();
    assertEquals(DType.FLOAT32, loss.dtype());
    assertTrue(GradCheck.localize(loss).passed(), () -> GradCheck.localize(loss).toString());
    Variable mixed = Variable.linear(x, w, b).to(DType.FLOAT32).sigmoid().to(DType.FLOAT64).sum();
    LocalizationReport report = GradCheck.localize(mixed);
    assertTrue(report.passed(), report::toString);
    assertEquals(5, report.nodes(), "linear, to, sigmoid, to, sum");
  }

  @Test
  void aTrainedReluLayerIsNotReportedWrong() {
    // Training leaves some of a layer's 32,768 float32 pre-activations within the step of the
    // kink: the bug of #16 took those nodes for wrong rules in about 1 localize in 8.
    double[] values = Tensors.randn(Shape.of(128, 256), 5L).mul(3).toArray();
    for (int k = 0; k < 8; k++) {
      values[k * 1000] = 3e-7;
    }
    Variable preActivation = Variable.parameter(Tensor.of(values, 128, 256).to(DType.FLOAT32));
    Variable loss = preActivation.relu().sum();
    for (long seed = 0; seed < 60; seed++) {
      LocalizationReport report = GradCheck.localize(loss,
          GradCheck.Options.defaults().withSeed(seed));
      assertTrue(report.wrong().isEmpty(), report::toString);
    }
  }

  @Test
  void injectedMutationsAreFoundAtTheirNode() {
    for (Mutation mutation : Mutation.values()) {
      Variable loss;
      FaultInjection.Injection fault = FaultInjection.inject("linear", mutation);
      try (fault) {
        loss = Variable.linear(x, w, b).tanh().sum();
      }
      LocalizationReport report = GradCheck.localize(loss);
      Node culprit = report.culprit()
          .orElseThrow(() -> new AssertionError(mutation + ": " + report));
      assertSame(fault.injected().get(0), culprit.output().opContext().orElseThrow().op());
      assertEquals("linear", culprit.op());
      assertEquals(1, report.wrong().size(), report::toString);
    }
  }

  @Test
  void injectionSelectsByIndexAndEndsWithItsScope() {
    Variable loss;
    try (var fault = FaultInjection.injectAt(1, Mutation.SIGN_ERROR)) {
      loss = Variable.linear(x, w, b).tanh().exp().sum();
      assertEquals(4, fault.recorded());
      assertEquals("tanh", fault.injected().get(0).name());
    }
    assertEquals("tanh", GradCheck.localize(loss).culprit().orElseThrow().op());
    assertTrue(GradCheck.localize(Variable.linear(x, w, b).tanh().sum()).passed(),
        "recorded after the scope closed");
  }
}
