package dev.chainrule.autograd;

import dev.chainrule.core.Shape;
import java.util.Locale;

/**
 * A gradient a rule returned, made its input's: summed back from the broadcast shape, then
 * converted to the input's type. Apart from the {@link Engine}, which calls it for every
 * gradient, because under anomaly detection the conversion is checked here: a finite float64
 * gradient for a float32 input may overflow there, which, found later, was blamed on a sum of
 * finite contributions at some other op.
 */
final class InputGradient {
  private InputGradient() {}

  /**
   * The gradient in its input's shape and type: summed back from the broadcast shape, then
   * converted when the op computed in another type than the input's (a float32 parameter times
   * a float64 constant; a float64 rank-0 operand of a float32 op), so that every gradient has its
   * variable's type. Summed first, in the type the op computed in, as PyTorch does: rounded to
   * float32 first, a float32 bias's gradient from float64 rows 1e8 + 1, −1e8 and 0.5 summed to
   * 0.5 instead of 1.5. With {@code gradOutput} (under anomaly detection; null otherwise), a
   * conversion that overflows is refused, naming the op and the input.
   */
  static Variable fit(OpContext ctx, int input, Variable grad, Variable x, Variable gradOutput) {
    Shape shape = x.shape();
    Variable summed;
    try {
      summed = grad.shape().equals(shape) ? grad : grad.sumTo(shape);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(String.format(Locale.ROOT, 
          "backward of '%s' returned a gradient of shape %s for input %d of shape %s",
          ctx.op().name(), grad.shape(), input, shape), e);
    }
    Variable converted = summed.to(x.dtype());
    if (gradOutput != null && converted != summed) {
      // The rule's own result was checked; a sum over broadcast axes that overflowed is named
      // as such where the engine checks the gradient this one is added to.
      AnomalyCheck.converted(ctx, input, gradOutput, grad.value(), summed.value(),
          converted.value());
    }
    return converted;
  }
}
