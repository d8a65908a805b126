package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The op table's normalization row: standardizing over a set of axes, the core of batch and layer
 * normalization (their affine parts are a broadcast multiply and add). One fused row rather than
 * a composition of mean, variance, subtraction and division, because its rule in closed form
 * costs about half the passes over the data that the composition's rules take, and batch
 * normalization runs on every activation of a convolutional network.
 */
final class NormalizationOps {
  private NormalizationOps() {}

  /** The standardized axes (distinct, non-negative) and ε. */
  record Standardized(int[] axes, double eps) {
    @Override
    public String toString() {
      return "axes " + Arrays.toString(axes) + ", eps " + eps;
    }
  }

  /**
   * The rule uses 1/√(var + ε), saved by the forward. When the rule itself is recorded (a
   * higher-order gradient), the saved value would be a constant to the new graph, hiding its
   * dependence on x; it is then recomputed from the input as variables.
   */
  static final Primitive<Standardized> STANDARDIZE = Primitive.unary("standardize",
      "y = (x − mean(x)) / √(var(x) + ε) over the axes, var the population variance; ∂x ="
          + " (g − mean(g) − y·mean(g·y)) / √(var(x) + ε), the means over the axes",
      (ctx, s, x) -> {
        Tensor centred = x.sub(x.mean(s.axes(), true));
        Tensor scale = centred.square().mean(s.axes(), true).add(s.eps()).sqrt().reciprocal();
        ctx.save(scale);
        return centred.mul(scale);
      },
      (ctx, s, g) -> {
        Variable y = ctx.output();
        Variable scale = Autograd.isGradEnabled()
            ? ctx.input(0).variance(s.axes(), true).add(s.eps()).pow(-0.5)
            : Variable.constant(ctx.saved(0));
        Variable projection = g.mul(y).mean(s.axes(), true);
        return g.sub(g.mean(s.axes(), true)).sub(y.mul(projection)).mul(scale);
      },
      random -> {
        // Values at least 0.1 apart, so a group's variance is never tiny and the slopes stay
        // moderate; ε from the layers' default to 1.
        Shape shape = Inputs.shape(random, 1, 3);
        int[] axes = Inputs.axes(random, shape);
        int[] used = axes.length == 0 ? new int[] {-1} : axes;
        double eps = new double[] {1e-5, 1e-3, 0.1, 1}[random.nextInt(4)];
        return new OpCase(shape + " axes " + Arrays.toString(used) + " eps " + eps,
            List.of(Inputs.distinct(random, shape)), in -> in.get(0).standardize(used, eps));
      });

  static Variable standardize(Variable x, int[] axes, double eps) {
    checkNotNull(axes, "standardize: axes are null");
    checkArgument(axes.length > 0, "standardize: no axes given for %s", x.shape());
    checkArgument(eps >= 0 && Double.isFinite(eps), "standardize: eps must be finite and not"
        + " negative, got %s", eps);
    boolean[] seen = new boolean[x.rank()];
    int[] normalized = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      int a = x.shape().normalizeAxis("standardize", axes[i]);
      checkArgument(!seen[a], "standardize: axis %s repeated in %s for shape %s", axes[i],
          Arrays.toString(axes), x.shape());
      seen[a] = true;
      normalized[i] = a;
    }
    Arrays.sort(normalized);
    return STANDARDIZE.apply(new Standardized(normalized, eps), x);
  }
}
