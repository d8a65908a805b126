package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * checkFloat32's bound is relative to the float64 result's largest element. It was 1e-4 of
 * max(1, that), so an op whose values all lie below 1e-4 passed a float32 path that gave zeros.
 */
class Float32SmallValuesTest {
  /** x·{@code c} in float64 and, when {@code broken}, zeros in float32. */
  private static Op scaled(double c, boolean broken) {
    return Op.unary("scaled", (ctx, t) -> broken && t.dtype() == DType.FLOAT32
        ? Tensors.zerosLike(t) : t.mul(c), (ctx, g) -> g.mul(c));
  }

  @Test
  void aFloat32PathGivingZerosFailsAtSmallValues() {
    SpecReport report = OpSpec.unary("scaled", Inputs.Domain.ANY, scaled(1e-5, true)::apply)
        .checkFloat32(20, 42L);
    assertEquals(20, report.failures(), report::toString);
  }

  @Test
  void aRightFloat32PathPassesAtSmallValuesAndAtZeros() {
    for (double c : new double[] {1e-5, 1e-30, 0}) {
      SpecReport report = OpSpec.unary("scaled", Inputs.Domain.ANY, scaled(c, false)::apply)
          .checkFloat32(20, 42L);
      assertTrue(report.passed(), report::toString);
    }
    SpecReport broken = OpSpec.unary("scaled", Inputs.Domain.ANY, scaled(0, true)::apply)
        .checkFloat32(20, 42L);
    // x·0 and zeros agree: the float32 path computed the same value, exactly.
    assertTrue(broken.passed(), broken::toString);
    assertFalse(OpSpec.unary("scaled", Inputs.Domain.ANY, scaled(1e-30, true)::apply)
        .checkFloat32(20, 42L).passed());
  }
}
