package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.Inputs.Domain;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A user's op or rule that throws on a sampled case is a failed check in {@link OpSpec#check}'s
 * report, as a rule with wrong values is: a backward returning a gradient of shape [1, 3] for a
 * [3, 3] input stopped the check with an IllegalStateException ("OpSpec ...: the case ... threw:
 * ..."), though the contract is a report whose {@code passed()} a test asserts. What is wrong
 * with the spec itself is still thrown.
 */
class OpSpecThrowingCasesTest {
  /** Doubles its input; its rule sums the gradient's rows, a [1, 3] gradient for [3, 3]. */
  private static final Op ROW_SUMMED = Op.unary("rowSummed", (ctx, x) -> x.mul(2),
      (ctx, g) -> g.sum(0, true).mul(2));

  private static OpCase square(RandomGenerator random) {
    return new OpCase("[3, 3]", List.of(Tensor.matrix(new double[][] {
        {random.nextDouble(), 1, 2}, {3, 4, 5}, {6, 7, 8}})), in -> ROW_SUMMED.apply(in.get(0)));
  }

  @Test
  void aGradientOfTheWrongShapeIsAFailedCaseNamedInTheReport() {
    SpecReport report = new OpSpec("rowSummed", false, OpSpecThrowingCasesTest::square)
        .check(3, 7L);
    assertFalse(report.passed(), report::toString);
    assertEquals(3, report.cases());
    assertEquals(3, report.failures(), "every case throws");
    assertEquals("rowSummed [3, 3]: threw: backward of 'rowSummed' returned a gradient of shape"
        + " [1, 3] for input 0 of shape [3, 3]", report.firstFailure());
    assertTrue(report.toString().startsWith("rowSummed: 3 of 3 checks FAILED (3 cases); first:"
        + " rowSummed [3, 3]: threw: "), report::toString);
  }

  @Test
  void anOpThatThrowsOnSomeCasesFailsThoseAndChecksTheOthers() {
    // Sums over axis 1, which a sampled input of rank 0 or 1 lacks; inputs of rank 2 or 3 pass.
    SpecReport report = OpSpec.unary("sumAxis1", Domain.ANY, x -> x.sum(1, false))
        .firstOrderOnly().check(40, 7L);
    assertFalse(report.passed(), report::toString);
    assertEquals(40, report.checks(), "the run went on past the first throw");
    assertTrue(report.failures() > 0 && report.failures() < 40,
        "some ranks have axis 1 and some do not: " + report);
    assertTrue(report.firstFailure().startsWith("sumAxis1 "), report::toString);
    assertTrue(report.firstFailure().contains(": threw: "), report::toString);
    assertTrue(report.worst().contains(": threw: "), "a throw is the worst case: " + report);
  }

  @Test
  void aRuleThatCannotBeDifferentiatedAgainFailsTheSecondOrderWithTheRemedy() {
    Op once = Op.unary("once", (ctx, t) -> t.exp(),
        (ctx, g) -> g.mul(Variable.constant(ctx.output().value()))).firstOrderOnly();
    SpecReport report = OpSpec.unary("once", Domain.ANY, once::apply).check(2, 7L);
    assertEquals(4, report.checks());
    assertEquals(2, report.failures(), "the second-order checks: " + report);
    assertTrue(report.firstFailure().contains(" (second order): threw: "), report::toString);
    assertTrue(report.firstFailure().endsWith("(an op whose rule cannot be differentiated again"
        + " needs the spec declared firstOrderOnly())"), report::toString);
    assertTrue(OpSpec.unary("once", Domain.ANY, once::apply).firstOrderOnly().check(2, 7L)
        .passed());
  }

  /**
   * The remedy "declared firstOrderOnly()" used to follow every exception of a second-order case;
   * a rule that narrows to float32, which gradGradCheck refuses for its rounding, is not one that
   * cannot be differentiated again, and the advice misled.
   */
  @Test
  void aSecondOrderCaseThatThrowsForAnotherReasonGetsNoFirstOrderOnlyAdvice() {
    Op narrowing = Op.unary("narrowing", (ctx, t) -> t.mul(2),
        (ctx, g) -> g.mul(2).to(dev.chainrule.core.DType.FLOAT32));
    SpecReport report = OpSpec.unary("narrowing", Domain.ANY, narrowing::apply).check(2, 7L);
    assertEquals(2, report.failures(), "the second-order checks: " + report);
    assertTrue(report.firstFailure().contains(" (second order): threw: gradGradCheck: the"
        + " function computes in float32 inside"), report::toString);
    assertFalse(report.firstFailure().contains("firstOrderOnly()"), report::toString);
  }

  @Test
  void checkFloat32ReportsAThrowingCaseToo() {
    SpecReport report = new OpSpec("rowSummed", false, OpSpecThrowingCasesTest::square)
        .checkFloat32(2, 7L);
    assertEquals(2, report.failures(), report::toString);
    assertTrue(report.firstFailure().startsWith("rowSummed [3, 3] (float32): threw: backward of"
        + " 'rowSummed' returned a gradient of shape [1, 3]"), report::toString);
  }

  @Test
  void misuseOfTheSpecIsStillThrown() {
    OpSpec spec = new OpSpec("rowSummed", false, OpSpecThrowingCasesTest::square);
    assertEquals("OpSpec rowSummed: need at least one case, got 0",
        assertThrows(IllegalArgumentException.class, () -> spec.check(0, 7L)).getMessage());
    assertEquals("OpSpec rowSummed: generator is null", assertThrows(NullPointerException.class,
        () -> spec.check(1, (RandomGenerator) null)).getMessage());
    OpSpec nothing = new OpSpec("nothing", false, random -> null);
    assertEquals("OpSpec nothing: the sampler returned null",
        assertThrows(NullPointerException.class, () -> nothing.check(1, 7L)).getMessage());
  }
}
