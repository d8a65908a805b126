package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What GradCheck refuses: a check that would compare nothing (its report could only say PASSED
 * about a gradient nobody looked at), settings no comparison can use, and nulls, each with a
 * message naming the operation and the value.
 */
class GradCheckRefusalsTest {
  private static final DifferentiableFunction TANH = in -> in.get(0).tanh();

  private static String refused(Class<? extends RuntimeException> type, Executable call) {
    return assertThrows(type, call).getMessage();
  }

  @Test
  void aCheckThatComparesNothingIsRefused() {
    assertEquals("gradCheck: no inputs to check", refused(IllegalArgumentException.class,
        () -> GradCheck.check(in -> Variable.constant(Tensor.scalar(1)), List.of())));
    assertEquals("gradCheck: every one of the inputs has no elements (shapes [[0, 2]]): there is"
        + " nothing to compare", refused(IllegalArgumentException.class,
            () -> GradCheck.check(in -> in.get(0).reshape(-1).tanh(),
                List.of(Tensors.zeros(0, 2)))));
    assertEquals("gradCheck: the function's output (shape [0]) has no elements: there is nothing"
        + " to compare", refused(IllegalArgumentException.class,
            () -> GradCheck.check(in -> in.get(0).reshape(-1).slice(0, 0, 0),
                List.of(Tensor.vector(1, 2)))));
    // Refused before the function runs: an empty list is the caller's mistake, whatever f does.
    assertEquals("gradCheck: no parameters to check", refused(IllegalArgumentException.class,
        () -> GradCheck.checkParameters(() -> {
          throw new AssertionError("the function ran");
        }, List.of())));
    Variable empty = Variable.parameter(Tensors.zeros(0));
    assertEquals("gradCheck: every one of the parameters has no elements (shapes [[0]]): there"
        + " is nothing to compare", refused(IllegalArgumentException.class,
            () -> GradCheck.checkParameters(() -> empty.sum(), List.of(empty))));
  }

  /** The first gradients have the inputs' size, so an empty f would compare zeros with zeros. */
  @Test
  void aSecondOrderCheckOfAnEmptyOutputIsRefused() {
    assertEquals("gradGradCheck: the function's output (shape [0]) has no elements: there is"
        + " nothing to compare", refused(IllegalArgumentException.class,
            () -> GradCheck.gradGradCheck(in -> in.get(0).slice(0, 0, 0),
                List.of(Tensor.vector(1, 2)))));
    assertEquals("gradGradCheck: no inputs to check", refused(IllegalArgumentException.class,
        () -> GradCheck.gradGradCheck(TANH, List.of())));
  }

  @Test
  void stepsAndTolerancesMustBeFiniteAndPositive() {
    GradCheck.Options options = GradCheck.Options.defaults();
    for (double eps : new double[] {Double.POSITIVE_INFINITY, Double.NaN, 0, -1e-6}) {
      assertEquals("GradCheck.Options: eps must be finite and > 0, got " + eps,
          refused(IllegalArgumentException.class, () -> options.withEps(eps)));
    }
    for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1}) {
      assertEquals("GradCheck.Options: atol must be finite and >= 0, got " + bad,
          refused(IllegalArgumentException.class, () -> options.withTolerances(bad, 1e-5)));
      assertEquals("GradCheck.Options: rtol must be finite and >= 0, got " + bad,
          refused(IllegalArgumentException.class, () -> options.withTolerances(1e-6, bad)));
    }
    assertEquals("GradCheck.Options: fullJacobianLimit must be >= 0, got -1",
        refused(IllegalArgumentException.class, () -> options.withFullJacobianLimit(-1)));
    assertEquals("GradCheck.Options: projections must be > 0, got 0",
        refused(IllegalArgumentException.class, () -> new GradCheck.Options(1e-6, 0, 0, 0, 0, 0)));
    assertEquals(0, options.withTolerances(0, 0).atol(), "zero tolerances stay allowed");
  }

  @Test
  void nullsAreNamed() {
    List<Tensor> x = List.of(Tensor.vector(1, 2));
    assertEquals("gradCheck: the function returned null",
        refused(NullPointerException.class, () -> GradCheck.check(xs -> null, x)));
    assertEquals("gradGradCheck: the function returned null",
        refused(NullPointerException.class, () -> GradCheck.gradGradCheck(xs -> null, x)));
    assertEquals("gradCheck: the function returned null", refused(NullPointerException.class,
        () -> GradCheck.checkParameters(() -> null, List.of(Variable.parameter(x.get(0))))));
    assertEquals("gradGradCheck: options are null",
        refused(NullPointerException.class, () -> GradCheck.gradGradCheck(TANH, x, null)));
    List<Tensor> withNull = Arrays.asList(Tensor.vector(1), null);
    assertEquals("gradCheck: input 1 is null",
        refused(NullPointerException.class, () -> GradCheck.check(TANH, withNull)));
    assertEquals("gradGradCheck: input 1 is null",
        refused(NullPointerException.class, () -> GradCheck.gradGradCheck(TANH, withNull)));
  }

  /** A node of an empty slice has no gradient element to be wrong: not a failed rule. */
  @Test
  void localizePassesOverANodeWithNothingToCompare() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = x.slice(0, 1, 1).tanh().concat(0, x.square()).sum();
    LocalizationReport report = GradCheck.localize(y);
    assertEquals(5, report.nodes(), "slice, tanh, square, concat, sum");
    assertEquals(List.of(), report.flagged(), report::toString);
  }
}
