package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.Inputs.Domain;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The spec builders users call for their own ops: a binary spec checks both orders, firstOrderOnly
 * drops the second, withOptions replaces the tolerances, and each sampled case is named after its
 * spec. Found by mutation testing (issue 15): the op table calls these only while it is built.
 */
class OpSpecApiTest {
  // Built per test, not in a static field: a class initializer runs before PIT's mutant is in.
  private final OpSpec product = OpSpec.binary("product", Domain.ANY, Domain.ANY, Variable::mul);

  @Test
  void aBinarySpecChecksFirstAndSecondOrder() {
    SpecReport report = product.check(20, 7);
    assertTrue(report.passed(), report::toString);
    assertEquals(20, report.cases());
    assertEquals(40, report.checks(), "a first- and a second-order check per case");
  }

  @Test
  void firstOrderOnlyDropsTheSecondOrder() {
    SpecReport report = product.firstOrderOnly().check(20, 7);
    assertTrue(report.passed(), report::toString);
    assertEquals(20, report.checks());
  }

  /** Zero tolerances: finite differences are never exact, so every case fails. */
  @Test
  void withOptionsReplacesTheTolerances() {
    SpecReport report =
        product.withOptions(GradCheck.Options.defaults().withTolerances(0, 0)).check(5, 7);
    assertFalse(report.passed(), report::toString);
  }

  @Test
  void sampledCasesAreNamedAfterTheirSpec() {
    OpCase c = product.sample(new SplittableRandom(7));
    assertTrue(c.description().startsWith("product "), c.description());
    OpSpec unary = OpSpec.unary("negation", Domain.ANY, Variable::neg);
    assertTrue(unary.sample(new SplittableRandom(7)).description().startsWith("negation "));
  }

  @Test
  void checkFloat32PassesAnOpThatKeepsItsTypeAndFailsOneThatWidens() {
    SpecReport report = product.checkFloat32(20, 7);
    assertTrue(report.passed(), report::toString);
    assertEquals(20, report.checks(), "one comparison per case");
    // A float64 constant made inside (Tensors.ones is float64 by default) widens a float32 op.
    OpSpec widening = OpSpec.unary("plusOne", Domain.ANY,
        x -> x.add(Variable.constant(Tensors.ones(x.shape()))));
    SpecReport widened = widening.checkFloat32(5, 7);
    assertEquals(5, widened.failures(), widened::toString);
    assertTrue(widened.firstFailure().contains("the value is float64 for float32 inputs"),
        widened::toString);
    assertFalse(widened.toString().contains("NaN"), "no difference was measured: "
        + widened);
    // A rule whose float32 path differs from its float64 one (a factor lost in one type).
    Op halfInFloat32 = Op.unary("scaled", (ctx, x) -> x.mul(2), (ctx, g) ->
        g.mul(g.dtype() == DType.FLOAT32 ? 1 : 2));
    SpecReport dropped = OpSpec.unary("scaled", Domain.ANY, halfInFloat32::apply)
        .checkFloat32(5, 7);
    assertEquals(5, dropped.failures(), dropped::toString);
    assertTrue(dropped.firstFailure().contains("the gradient of input 0 differs from float64's"),
        dropped::toString);
  }

  /**
   * A gradient that is NaN in float64 too was reported as "differs from float64's: float32
   * tensor([NaN]) against tensor([NaN])", which read as a float32 defect; it is the rule's.
   */
  @Test
  void aGradientThatIsNaNInBothTypesIsSaidToBeNotFiniteInEither() {
    Op nanRule = Op.unary("nanGrad", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(Double.NaN));
    SpecReport report = OpSpec.unary("nanGrad", Domain.ANY, nanRule::apply).checkFloat32(3, 7);
    assertEquals(3, report.failures(), report::toString);
    assertTrue(report.firstFailure().contains("the gradient of input 0 is not finite in either"
        + " type (float32 tensor("), report::toString);
    assertTrue(report.firstFailure().contains("): the op's or its rule's doing at this case, not"
        + " the float32 path's; check() examines the rule"), report::toString);
    assertFalse(report.firstFailure().contains("differs from float64's"), report::toString);
  }

  /**
   * The float32 comparison's measure, max |r₃₂ − r₆₄| / max(1, max |r₆₄|): for 4x the values
   * agree exactly (its float32 inputs widened are float64's), and the gradients differ by the
   * cotangent's rounding to float32 times 4, which is recomputed here. Exact (tolerance 0): both
   * sides compute the same differences, times a power of two, divided by the same scale.
   */
  @Test
  void theFloat32ComparisonMeasuresTheGradientsScaledDifference() {
    OpCase times4 = new OpCase("4x", List.of(Tensors.randn(Shape.of(8), 3)),
        in -> in.get(0).mul(4));
    long seed = 11;
    Tensor c64 = Tensors.randn(Shape.of(8), Tensors.seeded(seed), DType.FLOAT64);
    Tensor c32 = Tensors.randn(Shape.of(8), Tensors.seeded(seed), DType.FLOAT32);
    double scale = 4 * c64.map(Math::abs).max().item();
    assertTrue(scale > 1, "a scale other than 1, so dividing by it shows");
    double expected = 4 * c32.to(DType.FLOAT64).sub(c64).map(Math::abs).max().item() / scale;
    assertTrue(expected > 0, "the cotangent loses bits in float32");
    Float32Agreement.Result result = Float32Agreement.check(times4, seed);
    assertTrue(result.passed(), result::toString);
    assertEquals(expected, result.error(), 0.0);
  }

  /**
   * A float32 path that gives its value another shape than float64's (an axis more) differs from
   * it, whatever the numbers: there is no difference to measure, and none is printed.
   */
  @Test
  void aFloat32ValueOfAnotherShapeDiffersFromFloat64s() {
    OpSpec reshaping = OpSpec.unary("anAxisMoreIn32", Domain.ANY,
        x -> x.dtype() == DType.FLOAT32 ? x.unsqueeze(0) : x);
    SpecReport report = reshaping.checkFloat32(3, 7);
    assertEquals(3, report.failures(), report::toString);
    assertTrue(report.firstFailure().contains("the value differs from float64's: float32"),
        report::toString);
  }
}
