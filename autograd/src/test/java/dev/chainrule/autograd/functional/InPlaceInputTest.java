package dev.chainrule.autograd.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A function that changes its input in place is refused, and the caller's tensor is left as it
 * was: the leaves were the caller's tensors, so the Jacobian of x ↦ (2x)² written that way came
 * out diag(4x) at the doubled values (the derivative is 8x), and the caller's x was doubled.
 */
class InPlaceInputTest {
  @Test
  void aFunctionChangingItsInputIsRefusedAndTheCallersTensorIsUntouched() {
    Tensor mine = Tensor.vector(1, 2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Functional.jacobian(x -> {
          x.value().scaleInPlace(2);
          return x.square();
        }, mine));
    assertEquals("jacobian: the function changed input 0 ([3]) in place; the derivatives are"
        + " taken at the values given, so compute on a copy of the input instead (as PyTorch"
        + " refuses an in-place change to a leaf that requires a gradient)", e.getMessage());
    assertEquals(Tensor.vector(1, 2, 3), mine);
  }
}
