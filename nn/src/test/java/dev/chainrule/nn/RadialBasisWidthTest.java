package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** RadialBasis widths at the ends of float64's range, and one beyond it. */
class RadialBasisWidthTest {
  @Test
  void anInfiniteWidthIsRefused() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> new RadialBasis(2, 2, Double.POSITIVE_INFINITY, 1L)).getMessage();
    assertTrue(message.startsWith("RadialBasis: sigma must be finite and positive, got Infinity"),
        message);
  }

  @Test
  void aWidthWhoseSquareUnderflowsStillGivesOneAtTheCentreAndZeroAway() {
    // σ = 1e-170: σ² is 0 in float64, and ‖x − c‖²/(−σ²) was 0/(−0) = NaN at the centre.
    RadialBasis narrow = new RadialBasis(2, 1, 1e-170, 3L);
    Tensor centre = narrow.centres().value();
    Tensor y = narrow.forward(Variable.constant(centre.concat(0, centre.add(1e-3))))
        .value();
    // Exact: exp(−0) = 1 at the centre; away from it d/σ/σ overflows to ∞ and exp(−∞) = 0.
    assertEquals(1, y.get(0, 0));
    assertEquals(0, y.get(1, 0));
  }
}
