package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.DType;
import dev.chainrule.core.Moments;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The op table's normalization row: standardizing over a set of axes, the core of batch and layer
 * normalization (their affine parts are a broadcast multiply and add). One fused row rather than
 * a composition of mean, variance, subtraction and division, because its rule in closed form
 * costs about half the passes over the data that the composition's rules take, and batch
 * normalization runs on every activation of a convolutional network.
 */
final class NormalizationOps {
  private NormalizationOps() {}

  /**
   * The standardized axes (distinct, non-negative) and ε; {@code observer}, if not null, is given
   * the forward's moments (a batch normalization's running statistics come from them).
   */
  record Standardized(int[] axes, double eps, Consumer<Moments> observer) {
    @Override
    public String toString() {
      return "axes " + Arrays.toString(axes) + ", eps " + eps;
    }
  }

  /**
   * The rule uses the output y and 1/√(var + ε), saved by the forward. When the rule itself is
   * recorded (a higher-order gradient), both are recomputed from the input as variables, as
   * PyTorch's rule reads the input and statistics that its double backward differentiates as
   * functions of the input: y as a new standardize node on x (the same kernel, so the same bits,
   * and this rule again for its derivatives), the scale through the same rescaling as the forward
   * where var + ε leaves the normal range (see {@link #rescaled}). The saved scale would be a
   * constant to the new graph, hiding its dependence on x; reading y would send a second-order
   * pass back through the output's node, which ran the output's gradient hooks a second time
   * (a ×2 hook on a layer normalization's output gave another Hessian than PyTorch's).
   */
  static final Primitive<Standardized> STANDARDIZE = Primitive.unary("standardize",
      "y = (x − mean(x)) / √(var(x) + ε) over the axes, var the population variance; ∂x ="
          + " (g − mean(g) − y·mean(g·y)) / √(var(x) + ε), the means over the axes, y and the"
          + " scale recomputed from x where the rule is recorded (as PyTorch's, from the input);"
          + " a group whose var + ε overflows or is subnormal is first divided by its largest"
          + " |x − mean(x)|",
      (ctx, s, x) -> {
        // The mean and the mean square from two reads of x, and y in a third, where the
        // composition below takes five and two temporaries; the same bits (see Moments).
        Moments moments = x.moments(s.axes());
        if (s.observer() != null) {
          s.observer().accept(moments);
        }
        Optional<Tensor> meanSquare = moments.meanSquare();
        if (meanSquare.isPresent()) {
          Tensor shifted = meanSquare.get().add(s.eps());
          if (!outOfRange(shifted)) {
            Tensor scale = shifted.sqrt().reciprocal();
            ctx.save(scale);
            return moments.standardized(scale);
          }
        }
        return composed(ctx, s, x, moments.mean());
      },
      (ctx, s, g) -> {
        if (!Autograd.isGradEnabled()) {
          // The first-order rule in two reads of g and y, not the seven passes of the ops
          // below; the same bits (see Moments.standardizedGradient).
          return Variable.constant(Moments.standardizedGradient(g.value(), ctx.output().value(),
              ctx.saved(0), s.axes()));
        }
        Variable y = NormalizationOps.STANDARDIZE.apply(s, ctx.input(0));
        Variable scale = recordedScale(ctx.input(0), s);
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

  /**
   * The forward as a composition, for groups whose var + ε leaves the normal range (then {@link
   * #rescaled}) or which {@link Moments} does not walk; {@code mean} is x.mean(axes, true).
   */
  private static Tensor composed(OpContext ctx, Standardized s, Tensor x, Tensor mean) {
    Tensor centred = x.sub(mean);
    Tensor squares = centred.square();
    Tensor shifted = squares.mean(s.axes(), true).add(s.eps());
    // x's size and seen by no one: in a training step (a batch normalization's) they go
    // back for the kernels after, warm, as the output's array may be one of them.
    Recycling.recycleTemporary(squares);
    Tensor divisor = divisorOutOfRange(centred, shifted, s);
    if (divisor != null) {
      return rescaled(ctx, s, centred, divisor);
    }
    Tensor scale = shifted.sqrt().reciprocal();
    ctx.save(scale);
    Tensor y = centred.mul(scale);
    Recycling.recycleTemporary(centred);
    return y;
  }

  /** Whether some group's var + ε is not a normal number of its type. */
  private static boolean outOfRange(Tensor shifted) {
    boolean wide = shifted.dtype() == DType.FLOAT64;
    return shifted.indexOutside(wide ? Double.MIN_NORMAL : Float.MIN_NORMAL,
        wide ? Double.MAX_VALUE : Float.MAX_VALUE) >= 0;
  }

  /**
   * Null where every group's var + ε is a normal number; otherwise, per group, the divisor p:
   * the largest |x − x̄| of a group whose var + ε is not (1 for the others, and for a group where
   * that largest is 0 or not finite). The squares of values past 1.8e19 in float32 (1.3e154 in
   * float64) are ∞, so the scale was 0 and every output 0 where it is about ±1 (PyTorch 1.13 gives
   * 0 in float32, NaN in float64), and at ε = 0 values near 1e-23 (1e-162) squared to 0 or a
   * subnormal: ±∞ and NaN, or 6e-6 off. Only such groups are divided: a group in range divided by
   * a tiny p would make (√ε/p)² overflow and its outputs 0. The check is one scan of the
   * per-group variances, so a normal step pays almost nothing.
   */
  private static Tensor divisorOutOfRange(Tensor centred, Tensor shifted, Standardized s) {
    if (!outOfRange(shifted)) {
      return null;
    }
    boolean wide = centred.dtype() == DType.FLOAT64;
    double smallest = wide ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    double largest = wide ? Double.MAX_VALUE : Float.MAX_VALUE;
    Tensor outOfRange = shifted.ge(smallest).mul(shifted.le(largest)).eq(0);
    Tensor peak = centred.abs().max(s.axes(), true);
    Tensor usable = outOfRange.mul(peak.gt(0)).mul(peak.lt(Double.POSITIVE_INFINITY));
    // A constant group (p = 0) or a non-finite one keeps p = 1: its 0, or its NaN at ε = 0 or
    // for a non-finite input, is what the usual pass gives.
    return Tensor.where(usable, peak, Tensor.scalar(1, centred.dtype()));
  }

  /** The divisor of {@link #divisorOutOfRange} for an input, or null where none is needed. */
  private static Tensor divisorFor(Tensor x, Standardized s) {
    Tensor centred = x.sub(x.mean(s.axes(), true));
    return divisorOutOfRange(centred, centred.square().mean(s.axes(), true).add(s.eps()), s);
  }

  /**
   * ε over the squared divisor, as (√ε / p)², not ε / p²: p² may underflow to 0, and 0·∞ at ε = 0
   * would be NaN. Undivided groups (p = 1) keep ε itself, as the usual pass adds it.
   */
  private static Tensor scaledEps(Tensor divisor, double eps) {
    Tensor scaled = divisor.reciprocal().mul(Math.sqrt(eps)).square();
    return Tensor.where(divisor.eq(1), Tensor.scalar(eps, divisor.dtype()), scaled);
  }

  /**
   * The forward with the centred values divided by their largest magnitude p first, which keeps
   * every square in range: y = u / √(mean(u²) + (√ε/p)²) with u = (x − x̄)/p; the saved scale is
   * that reciprocal over p.
   */
  private static Tensor rescaled(OpContext ctx, Standardized s, Tensor centred, Tensor divisor) {
    Tensor unit = centred.div(divisor);
    Tensor reciprocalRoot = unit.square().mean(s.axes(), true).add(scaledEps(divisor, s.eps()))
        .sqrt().reciprocal();
    ctx.save(reciprocalRoot.div(divisor));
    return unit.mul(reciprocalRoot);
  }

  /**
   * 1/√(var + ε) as a function of x, for a recorded rule, rescaled as the forward was: the
   * divisor p is data, and var(x/p)·p² = var(x), so the function is the same.
   */
  private static Variable recordedScale(Variable x, Standardized s) {
    Tensor divisor = divisorFor(x.value(), s);
    if (divisor == null) {
      return x.variance(s.axes(), true).add(s.eps()).pow(-0.5);
    }
    Variable p = Variable.constant(divisor);
    return x.div(p).variance(s.axes(), true).add(Variable.constant(scaledEps(divisor, s.eps())))
        .pow(-0.5).div(p);
  }

  static Variable standardize(Variable x, int[] axes, double eps,
      Consumer<Moments> observer) {
    checkNotNull(axes, "standardize: axes are null");
    checkArgument(axes.length > 0, "standardize: no axes given for %s", x.shape());
    checkArgument(eps >= 0 && Double.isFinite(eps), "standardize: eps must be finite and not"
        + " negative, got %s", eps);
    // wrapAxis, as every reduction: a rank-0 tensor's axis 0 or −1 is its one element.
    boolean[] seen = new boolean[Math.max(1, x.rank())];
    int[] normalized = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      int a = x.shape().wrapAxis("standardize", axes[i]);
      checkArgument(!seen[a], "standardize: axis %s repeated in %s for shape %s", axes[i],
          Arrays.toString(axes), x.shape());
      seen[a] = true;
      normalized[i] = a;
    }
    Arrays.sort(normalized);
    // Groups with no values have no mean or variance; the forward's range check refused them
    // under max's name. No groups at all (another axis empty) leave nothing to compute.
    boolean groups = true;
    for (int a = 0; a < x.rank(); a++) {
      groups &= seen[a] || x.shape().dim(a) > 0;
    }
    for (int a : normalized) {
      checkArgument(!groups || x.rank() == 0 || x.shape().dim(a) > 0, "standardize: cannot"
          + " standardize over the empty axis %s of %s (each group would have no values)", a,
          x.shape());
    }
    return STANDARDIZE.apply(new Standardized(normalized, eps, once(observer)), x);
  }

  /**
   * The observer, heard by the first forward only. The op's parameters keep it, and every later
   * run of the recorded op (a higher-order rule's recomputation of y, GradCheck.localize's
   * finite differences) would report again: localize moved a batch normalization's running
   * statistics 27 batches' worth.
   */
  private static Consumer<Moments> once(Consumer<Moments> observer) {
    if (observer == null) {
      return null;
    }
    AtomicBoolean heard = new AtomicBoolean();
    return moments -> {
      if (heard.compareAndSet(false, true)) {
        observer.accept(moments);
      }
    };
  }
}
