package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;

/** The op table's squared-error row: a regression loss as one node, as PyTorch's mse_loss. */
final class ErrorOps {
  private ErrorOps() {}

  /** The data a prediction is held against, in the prediction's type, and the sum's divisor. */
  record Target(Tensor values, double divisor) {
    @Override
    public String toString() {
      return values.shape() + " targets, sum / " + divisor;
    }
  }

  /**
   * A primitive, not the composition: a mean squared error composed is five nodes (the
   * subtraction's addition of the negated target, a product, a sum and two divisions), each
   * recorded, walked and differentiated every step, which on XOR's 2-2-1 network was a quarter
   * of the step. Fused, the forward keeps x − t for the rule, and the first-order rule is one
   * scaled copy of it.
   */
  static final Primitive<Target> SQUARED_ERROR = Primitive.unary("squaredError",
      "y = Σ (x − t)² / d over every element, for data t like x and a divisor d > 0;"
          + " ∂x = g · 2(x − t) / d",
      (ctx, t, x) -> {
        Tensor difference = x.sub(t.values());
        // The target too, for the recorded rule: saving notes its version, so that rule refuses
        // a target changed in place before backward, as PyTorch's mse_loss does, where it read
        // the changed values without a word. The first-order rule reads only the difference,
        // made before any change, and stays right.
        ctx.save(difference, t.values());
        return difference.square().sum().div(t.divisor());
      },
      (ctx, t, g) -> {
        if (!Autograd.isGradEnabled()) {
          // A first-order pass records nothing: the saved difference, scaled, is the gradient.
          return Variable.constant(ctx.saved(0).mul(2 * g.value().item() / t.divisor()));
        }
        // Recorded for higher orders: x − t as a function of x.
        return ctx.input(0).sub(Variable.constant(ctx.saved(1))).mul(g.mul(2 / t.divisor()));
      },
      random -> {
        Shape shape = Inputs.shape(random);
        Tensor target = Inputs.values(random, shape, ANY);
        double divisor = new double[] {1, 2, 6.5}[random.nextInt(3)];
        return new OpCase(shape + " targets, sum / " + divisor,
            List.of(Inputs.values(random, shape, ANY)),
            in -> in.get(0).squaredError(target, divisor));
      });

  static Variable squaredError(Variable prediction, Tensor target, double divisor) {
    checkNotNull(target, "squaredError: target is null");
    checkArgument(target.shape().equals(prediction.shape()),
        "squaredError: prediction %s and target %s differ in shape", prediction.shape(),
        target.shape());
    checkArgument(divisor > 0 && Double.isFinite(divisor),
        "squaredError: divisor must be positive and finite, got %s", divisor);
    return SQUARED_ERROR.apply(new Target(target.to(prediction.dtype()), divisor), prediction);
  }
}
