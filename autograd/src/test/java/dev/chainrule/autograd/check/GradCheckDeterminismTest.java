package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A function that gives different values at the same point (it draws random numbers, or reads
 * state its evaluations change) is named as such, never as a wrong derivative: its central
 * differences compare different functions. Its values must agree bitwise (see
 * {@link Determinism}).
 */
class GradCheckDeterminismTest {
  private static final String NOT_DETERMINISTIC = "the function gives different values at the"
      + " same point (output element ";

  /** x times a fresh random mask of 0 and 2 (dropout with p = 1/2), with the right rule for it. */
  private static DifferentiableFunction dropout(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return in -> {
      Variable x = in.get(0);
      Tensor mask = Tensors.zeros(x.shape()).map(z -> random.nextBoolean() ? 2 : 0);
      return x.mul(Variable.constant(mask));
    };
  }

  @Test
  void aFunctionThatDrawsRandomNumbersIsNotDeterministicNotWrong() {
    GradCheckReport report = GradCheck.check(dropout(3L), List.of(Tensor.vector(0.5, -1, 2, 1)));
    assertFalse(report.passed(), report::toString);
    assertEquals(Verdict.NOT_DETERMINISTIC, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith(NOT_DETERMINISTIC), report::toString);
    assertTrue(report.detail().contains("it is not deterministic"), report::toString);
    assertTrue(report.detail().contains("Module.eval()"), report::toString);
    assertFalse(report.toString().contains("wrong"), report::toString);
    // The comparisons were made all the same: the worst one is a real element of the input.
    assertEquals("full Jacobian", report.method());
    assertEquals(16, report.comparisons());
    assertEquals(1, report.inputIndex().length, report::toString);
  }

  @Test
  void soInRandomProjectionsAndSecondOrder() {
    List<Tensor> x = List.of(Tensors.randn(Shape.of(10, 10), 1L));
    GradCheckReport projected = GradCheck.check(dropout(4L), x,
        GradCheck.Options.defaults().withFullJacobianLimit(1));
    assertEquals("random projection", projected.method());
    assertEquals(Verdict.NOT_DETERMINISTIC, projected.verdict(), projected::toString);
    DifferentiableFunction dropout = dropout(5L);
    GradCheckReport second = GradCheck.gradGradCheck(in -> dropout.apply(in).square().sum(),
        List.of(Tensor.vector(0.5, -1, 2)));
    assertEquals(Verdict.NOT_DETERMINISTIC, second.verdict(), second::toString);
  }

  /**
   * A function that reads a counter it moves: a difference of one ulp, which the comparisons
   * absorb (2.2e-16 / 2e-6 is far below atol), still fails the check. The check holds the
   * function to the same bits at the same point, as chainrule's kernels give them.
   */
  @Test
  void oneUlpIsADifference() {
    Variable p = Variable.parameter(Tensor.vector(0.5, -1));
    int[] calls = {0};
    GradCheckReport report = GradCheck.checkParameters(() -> {
      double drift = calls[0]++ == 1 ? Math.ulp(1.25) : 0;
      return p.square().sum().add(Variable.constant(Tensor.scalar(drift)));
    }, List.of(p));
    assertEquals(Verdict.NOT_DETERMINISTIC, report.verdict(), report::toString);
    assertTrue(report.detail().startsWith(NOT_DETERMINISTIC + "0: 1.25, then"
        + " 1.2500000000000002)"), report::toString);
    assertTrue(report.absError() < 1e-8, "the comparisons themselves agree: " + report);
  }

  /** A deterministic function costs one evaluation more than the comparisons and the graph. */
  @Test
  void theCheckEvaluatesTheFunctionOnceMoreAndNoMore() {
    int[] calls = {0};
    GradCheckReport report = GradCheck.check(in -> {
      calls[0]++;
      return in.get(0).tanh();
    }, List.of(Tensor.vector(0.5, -1, 2)));
    assertTrue(report.passed(), report::toString);
    // 1 recorded, 1 at the point again, 2 per element for the central differences.
    assertEquals(1 + 1 + 2 * 3, calls[0]);
  }

  /** NaN against NaN and −∞ against −∞ are the same value: the verdict stays NOT_FINITE. */
  @Test
  void theSameNonFiniteValuesAreDeterministic() {
    GradCheckReport nan = GradCheck.check(in -> in.get(0).sqrt(), List.of(Tensor.vector(-1, 4)));
    assertEquals(Verdict.NOT_FINITE, nan.verdict(), nan::toString);
    GradCheckReport pole = GradCheck.check(in -> in.get(0).log(), List.of(Tensor.vector(0, 4)));
    assertEquals(Verdict.NOT_FINITE, pole.verdict(), pole::toString);
  }

  /**
   * The element reported is the one that moved most (by |first − second|), the first of a tie,
   * a NaN against a number ahead of any finite difference; every differing element is counted.
   * Exact values: nothing here is computed but the differences of small binary fractions.
   */
  @Test
  void theElementThatMovedMostIsReportedAndEveryDifferenceCounted() {
    Determinism larger = Determinism.compare(Tensor.vector(100, 0, 5),
        Tensor.vector(100.5, 2, 5)).orElseThrow();
    assertEquals(new Determinism(1, 0, 2, 2), larger, "2 apart beats 0.5 apart");
    Determinism tie = Determinism.compare(Tensor.vector(0, 0, 7), Tensor.vector(1, -1, 7))
        .orElseThrow();
    assertEquals(new Determinism(0, 0, 1, 2), tie, "the first of equal differences");
    Determinism nan = Determinism.compare(Tensor.vector(0, 3, 0), Tensor.vector(100, Double.NaN,
        0)).orElseThrow();
    assertEquals(1, nan.element(), nan::toString);
    assertEquals(2, nan.differing());
    assertTrue(Determinism.compare(Tensor.vector(Double.NaN, 0.0), Tensor.vector(Double.NaN, -0.0))
        .isEmpty(), "NaN equals NaN and 0.0 equals -0.0");
  }

  @Test
  void outputsOfDifferentShapesAreRefused() {
    int[] calls = {0};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(in -> calls[0]++ == 0 ? in.get(0) : in.get(0).sum(),
            List.of(Tensor.vector(1, 2))));
    assertTrue(e.getMessage().startsWith("gradCheck: the function gives outputs of different"
        + " shapes at the same point ([2], then [])"), e.getMessage());
  }

  /**
   * An op that gives its recorded value when localize runs it again, and random values after:
   * the node's own check sees it, and localize lists it as not reproducible, not as wrong.
   */
  @Test
  void localizeListsANodeItsCheckFoundNotDeterministicAsNotReproducible() {
    SplittableRandom random = new SplittableRandom(9);
    int[] calls = {0};
    Op late = Op.unary("lateNoise",
        (ctx, x) -> calls[0]++ < 2 ? x.mul(1) : x.add(random.nextDouble()), (ctx, g) -> g);
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    LocalizationReport report = GradCheck.localize(late.apply(x).sum());
    assertTrue(report.passed(), "not a verdict on the rule: " + report);
    LocalizationReport.Node node = report.flagged().get(0);
    assertEquals("lateNoise", node.op(), report::toString);
    assertEquals(Finding.NOT_REPRODUCIBLE, node.finding(), report::toString);
    assertArrayEquals(new int[0], node.element());
    assertTrue(node.detail().startsWith("its check found that " + NOT_DETERMINISTIC),
        report::toString);
  }
}
