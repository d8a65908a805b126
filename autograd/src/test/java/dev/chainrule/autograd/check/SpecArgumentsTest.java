package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.Inputs.Domain;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null in what a user writes for a spec is refused where it is written, naming the class and
 * the argument: a case with a null description or inputs threw a bare NullPointerException from
 * inside a check, and a spec of a null op was accepted and failed only when checked.
 */
class SpecArgumentsTest {
  private static final List<Tensor> INPUTS = List.of(Tensor.vector(1));
  private static final DifferentiableFunction SQUARE = in -> in.get(0).square();

  private static void assertNamed(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void aCaseNamesItsNullArgument() {
    assertNamed("OpCase: description is null (use \"\" for none)",
        () -> new OpCase(null, INPUTS, SQUARE));
    assertNamed("OpCase c: inputs are null", () -> new OpCase("c", null, SQUARE));
    assertNamed("OpCase c: input 1 is null",
        () -> new OpCase("c", Arrays.asList(Tensor.vector(1), null), SQUARE));
    assertNamed("OpCase c: function is null", () -> new OpCase("c", INPUTS, null));
    assertNamed("OpCase c: options are null", () -> new OpCase("c", INPUTS, SQUARE, null));
    // Inside a sampler, the same message comes from the spec's check, not from deep inside it.
    OpSpec spec = new OpSpec("s", true, random -> new OpCase(null, INPUTS, SQUARE));
    assertNamed("OpCase: description is null (use \"\" for none)", () -> spec.check(1, 1L));
  }

  @Test
  void aSpecOfANullOpIsRefusedWhenMadeNotWhenChecked() {
    assertNamed("OpSpec n: op is null", () -> OpSpec.unary("n", Domain.ANY, null));
    assertNamed("OpSpec n: domain is null", () -> OpSpec.unary("n", null, Variable::neg));
    assertNamed("OpSpec b: op is null", () -> OpSpec.binary("b", Domain.ANY, Domain.ANY, null));
    assertNamed("OpSpec b: right domain is null",
        () -> OpSpec.binary("b", Domain.ANY, null, Variable::mul));
  }

  @Test
  void theSamplersNameTheirNullArguments() {
    assertNamed("Samplers.elementwise: op is null", () -> Samplers.elementwise(Domain.ANY, null));
    assertNamed("Samplers.broadcasting: left domain is null",
        () -> Samplers.broadcasting(null, Domain.ANY, Variable::mul));
    assertNamed("Samplers.withScalar: op is null", () -> Samplers.withScalar(Domain.ANY, null));
    assertNamed("Samplers.shaped: sampler is null", () -> Samplers.shaped(1, null));
    assertNamed("Samplers.reduction: op is null", () -> Samplers.reduction(false, null));
    assertNamed("Samplers.oneOf: sampler 1 is null", () -> Samplers.oneOf(
        Samplers.elementwise(Domain.ANY, Variable::neg), null));
    assertNamed("Samplers.Shaped [2]: op is null", () -> new Samplers.Shaped("[2]", null));
  }

  @Test
  void aShapedSamplerRefusesARankItCannotDrawWhenMade() {
    // Accepted here, it failed only in the spec's check, as "Inputs.shape: need 0 <= minRank <=
    // maxRank, got ranks 4 to 3" (found by the audit probe of 2026-12-04).
    Samplers.ShapedSampler any = (random, shape) -> new Samplers.Shaped("", Variable::neg);
    assertEquals("Samplers.shaped: minRank must be 0 to 3 (the input's rank is drawn from minRank"
        + " to 3), got 4", assertThrows(IllegalArgumentException.class,
            () -> Samplers.shaped(4, any)).getMessage());
    assertEquals("Samplers.shaped: minRank must be 0 to 3 (the input's rank is drawn from minRank"
        + " to 3), got -1", assertThrows(IllegalArgumentException.class,
            () -> Samplers.shaped(-1, any)).getMessage());
    new OpSpec("neg", true, Samplers.shaped(3, any)).check(1, 1L);
  }
}
