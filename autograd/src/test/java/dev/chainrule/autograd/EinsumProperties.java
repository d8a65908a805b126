package dev.chainrule.autograd;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.EinsumCases.Drawn;
import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * einsum agrees with its definition ({@link NaiveEinsum}, nested loops over every label
 * assignment) on random equations ({@link EinsumCases}: diagonals, ellipses that broadcast,
 * size-1 labels, implicit outputs, one to three operands), in float64 and in float32.
 *
 * <p>The tolerance is the textbook bound on a sum of products computed in any order: an element
 * summing m terms that are products of p factors is off by at most γ(m + p) · Σ|term|, γ(n) =
 * n·u/(1 − n·u), u the unit roundoff (2⁻⁵³ or 2⁻²⁴). Twice that is allowed, so a correct plan
 * never fails however its matmuls and sums order the additions, while a wrong one (a term
 * missing, a label not broadcast, a diagonal off by one) is off by a whole term, far more. In
 * float32 the definition runs in double on the float32 inputs, which are exact there.
 */
class EinsumProperties {

  @Property(tries = 400)
  void float64AgreesWithTheDefinition(@ForAll long seed) {
    check(seed, DType.FLOAT64, 0x1p-53);
  }

  @Property(tries = 400)
  void float32AgreesWithTheDefinition(@ForAll long seed) {
    check(seed, DType.FLOAT32, 0x1p-24);
  }

  private static void check(long seed, DType dtype, double unitRoundoff) {
    SplittableRandom random = new SplittableRandom(seed);
    Drawn drawn = EinsumCases.draw(random);
    List<Tensor> values = drawn.shapes().stream()
        .map(s -> Inputs.values(random, s, ANY).to(dtype)).toList();
    Variable[] operands = values.stream().map(Variable::parameter).toArray(Variable[]::new);
    Tensor actual = Variables.einsum(drawn.equation(), operands).value();
    NaiveEinsum expected = NaiveEinsum.of(drawn.equation(), values);
    assertArrayEquals(expected.dims(), actual.shape().dims(), drawn::toString);
    assertEquals(dtype, actual.dtype(), drawn::toString);
    double n = expected.terms() + values.size();
    double gamma = n * unitRoundoff / (1 - n * unitRoundoff);
    double[] got = actual.toArray();
    for (int e = 0; e < got.length; e++) {
      double bound = 2 * gamma * expected.magnitudes()[e];
      double error = Math.abs(got[e] - expected.values()[e]);
      int element = e;
      assertTrue(error <= bound, () -> drawn + " element " + element + ": " + got[element]
          + " vs " + expected.values()[element] + " (bound " + bound + ")");
    }
  }
}
