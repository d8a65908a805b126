package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Samplers.oneOf;
import static dev.chainrule.autograd.check.Samplers.reduction;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.DType;
import dev.chainrule.core.ReducedAxes;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;

/**
 * The op table's reductions, over all elements or over a set of axes. Every rule first spreads g
 * back over the reduced axes ({@link #expand}): reshaped to the kept-dimensions shape, then
 * broadcast to the input's shape. Mean and variance are primitives whose
 * forwards are core's, which keep float32 sums past float32's range finite (their rows say how).
 */
final class ReductionOps {
  private ReductionOps() {}

  /** A copy of the axes a caller gave, which must be there (all axes have their own methods). */
  static int[] checkedAxes(String op, int[] axes) {
    return checkNotNull(axes, "%s: axes are null (for all axes call %s())", op, op).clone();
  }

  /** The reduced axes (null for all) and whether they stay as size-1 axes. */
  record Axes(int[] axes, boolean keepDims) {
    static final Axes ALL = new Axes(null, false);

    @Override
    public String toString() {
      return (axes == null ? "all" : Arrays.toString(axes)) + (keepDims ? ", keepDims" : "");
    }
  }

  static final Primitive<Axes> SUM = Primitive.unary("sum",
      "y = Σ x over the axes (all when none are given); ∂x = g spread back over them",
      (ctx, r, x) -> r.axes() == null ? x.sum() : x.sum(r.axes(), r.keepDims()),
      (ctx, r, g) -> expand(g, ctx.inputShape(0), r.axes()),
      reduction(false, (x, axes, keep) -> axes == null ? x.sum() : x.sum(axes, keep)));

  /**
   * The forward is core's mean, not sum / n: a float32 sum past float32's range (five values of
   * 1e38) was ∞ before the division, where core divides it in float64 and rounds once. Elsewhere
   * the bits are sum / n's. The rule divides g by n before spreading it, the order the
   * composition's rules took, so its gradients kept their bits.
   */
  static final Primitive<Axes> MEAN = Primitive.unary("mean",
      "y = Σ x / n over the axes, as Tensor.mean (a float32 sum past float32's range divided in"
          + " float64); ∂x = g / n spread back over them",
      (ctx, r, x) -> r.axes() == null ? x.mean() : x.mean(r.axes(), r.keepDims()),
      (ctx, r, g) -> {
        Shape input = ctx.inputShape(0);
        return expand(g.div(count("mean", input, r.axes())), input, r.axes());
      },
      reduction(false, (x, axes, keep) -> axes == null ? x.mean() : x.mean(axes, keep)));

  /**
   * Max is not differentiable at a tie: the gradient is shared equally there (a subgradient). A
   * NaN maximum is held by the NaNs that made it, which share its gradient as ties do: PyTorch's
   * max() over all elements does so (evenly_distribute_backward), where x = y alone, false at
   * every NaN, made the share 0/0 and every gradient of the group NaN. Over axes the same rule
   * holds for each group; there PyTorch's amax gives the whole group NaN, as before, and its
   * max(dim), which picks one index, gives g to the first NaN alone.
   */
  static final Primitive<Axes> MAX = Primitive.unary("max",
      "y = max x over the axes, NaN if any is; ∂x = g at the maximum, shared equally among ties,"
          + " and among the NaNs where it is NaN (as PyTorch's max())",
      (ctx, r, x) -> r.axes() == null ? x.max() : x.max(r.axes(), r.keepDims()),
      (ctx, r, g) -> extremeGradient(ctx, r, g),
      reduction(true, (x, axes, keep) -> axes == null ? x.max() : x.max(axes, keep)));

  /**
   * Min's own row, not −max(−x): its rule gives the others +0, as PyTorch's min() does, where
   * max's rule between two negations gave them −0 once it selected rather than multiplied.
   */
  static final Primitive<Axes> MIN = Primitive.unary("min",
      "y = min x over the axes, NaN if any is; ∂x = g at the minimum, shared equally among ties,"
          + " and among the NaNs where it is NaN (as PyTorch's min())",
      (ctx, r, x) -> r.axes() == null ? x.min() : x.min(r.axes(), r.keepDims()),
      (ctx, r, g) -> extremeGradient(ctx, r, g),
      reduction(true, (x, axes, keep) -> axes == null ? x.min() : x.min(axes, keep)));

  /** Max's and min's rule: g shared among the elements equal to the output (see {@link #MAX}). */
  private static Variable extremeGradient(OpContext ctx, Axes r, Variable g) {
    Tensor x = ctx.input(0).value();
    Shape kept = keptShape(ctx.op().name(), x.shape(), r.axes());
    Tensor y = ctx.output().value().reshape(kept);
    Tensor winners = x.eq(y);
    if (y.ne(y).sum().item() > 0) {
      // Data, not differentiated. A NaN wins its group's max and min, so x's NaNs lie in the
      // groups whose result is NaN, where x = y holds nowhere.
      winners = winners.add(x.ne(x));
    }
    winners = winners.to(g.dtype());
    Tensor share = winners.div(r.axes() == null ? winners.sum().reshape(kept)
        : winners.sum(r.axes(), true));
    // Selected, not only multiplied by the share: an infinite g must leave +0 at the others, not
    // ∞·0 = NaN, and the recorded rule's own gradient must drop a NaN arriving there (PyTorch's
    // max() writes g / count into the winners alone).
    return expand(g, x.shape(), r.axes()).mul(Variable.constant(share)).gatePositive(winners);
  }

  /**
   * The rule takes the softmax over the axes as e^(x − m) / Σ e^(x − m), m the maximum, not as
   * e^(x − y): y, rounded to the output's type, is off by up to half an ulp of |y|, which e^(x − y)
   * turns into a relative error of |y|·2⁻²⁴ in float32, 3e-4 at logits near −1e4 and 3e-5 near
   * 710 (PyTorch's rule has the same error), where x − m is rounded relative to the difference
   * itself, and exact for the largest terms, whose difference to m is small. m is data: the
   * softmax does not depend on the shift, so the recorded rule differentiates the same function.
   * In a group holding +∞ the shift is its largest finite element instead: shifted by 0, a
   * finite element past exp's overflow (100 in float32, 710 in float64) gave ∞/∞ = NaN where
   * PyTorch gives 0, while shifted so, every finite element's term is at most 1 and its share
   * 0 next to the +∞'s ∞, and each +∞'s share is ∞/∞ = NaN, as PyTorch's. A group with no
   * finite element, and an all −∞ one, is shifted by 0, which gives the NaN or 0 that
   * e^(x − y) gives there.
   */
  static final Primitive<Axes> LOG_SUM_EXP = Primitive.unary("logSumExp",
      "y = log Σ eˣ over the axes, shifted by the maximum so it cannot overflow; ∂x = g·softmax(x)"
          + " over the axes, formed as e^(x − m) / Σ e^(x − m) with m the maximum",
      (ctx, r, x) -> r.axes() == null ? x.logSumExp() : x.logSumExp(r.axes(), r.keepDims()),
      (ctx, r, g) -> {
        Variable input = ctx.input(0);
        Shape kept = keptShape("logSumExp", input.shape(), r.axes());
        Tensor x = input.value();
        Tensor max = (r.axes() == null ? x.max() : x.max(r.axes(), true)).reshape(kept);
        if (max.eq(Double.POSITIVE_INFINITY).sum().item() > 0) {
          // Rare, so the extra pass costs nothing on the common path: the largest finite
          // element of each group (−∞ where there is none, replaced by 0 below).
          Tensor finite = Tensor.where(x.abs().lt(Double.POSITIVE_INFINITY), x,
              Tensor.scalar(Double.NEGATIVE_INFINITY, x.dtype()));
          Tensor finiteMax = (r.axes() == null ? finite.max() : finite.max(r.axes(), true))
              .reshape(kept);
          max = Tensor.where(max.eq(Double.POSITIVE_INFINITY), finiteMax, max);
        }
        Tensor shift = Tensor.where(max.abs().lt(Double.POSITIVE_INFINITY), max,
            Tensor.scalar(0, max.dtype()));
        Variable e = input.sub(Variable.constant(shift)).exp();
        Variable total = r.axes() == null ? e.sum() : e.sum(r.axes(), true);
        return expand(g, input.shape(), r.axes()).mul(e.div(total));
      },
      reduction(false,
          (x, axes, keep) -> axes == null ? x.logSumExp() : x.logSumExp(axes, keep)));

  /**
   * √(Σ x²) has an infinite slope where every element of a group is 0, so composed of square,
   * sum and sqrt its gradient there is 0·∞ = NaN: a WGAN-GP penalty on a ReLU critic with every
   * unit off at a point made every weight's gradient NaN. The rule gives the subgradient 0 there,
   * as PyTorch's norm (where y is 0, x is zeros, or float64 values below 1.5e-162 whose squares
   * underflow: their 0 is PyTorch's too): x / y, with y replaced by 1 where it is 0 so that the
   * division cannot give NaN, and 0 chosen there by a mask, so that the rule is constant in x
   * there and its own derivative 0, as |x|'s second derivative at 0 (x / 1 gave 1; PyTorch's
   * is NaN). y stays a recorded variable in the rule, so its derivatives of every order are the
   * formula's elsewhere. A
   * float32 norm sums its squares in float64 and rounds once: float32 squares pass float32's
   * range from 1.8e19 on (PyTorch 1.13's float32 norm of 1e20 is ∞); a float64 one overflows
   * past 1.3e154, as PyTorch's.
   */
  static final Primitive<Axes> NORM = Primitive.unary("norm",
      "y = √(Σ x²) over the axes, the Euclidean norm (float32 summed in float64); ∂x = g·x / y,"
          + " 0 where y = 0 (as PyTorch's norm)",
      (ctx, r, x) -> {
        Tensor squares = x.dtype() == DType.FLOAT32 ? x.to(DType.FLOAT64).square() : x.square();
        Tensor total = r.axes() == null ? squares.sum() : squares.sum(r.axes(), r.keepDims());
        return total.sqrt().to(x.dtype());
      },
      (ctx, r, g) -> {
        Variable x = ctx.input(0);
        Shape kept = keptShape("norm", x.shape(), r.axes());
        Variable y = ctx.output().reshape(kept);
        Tensor zero = y.value().eq(0);
        Variable nonZero = Variable.where(zero, Variable.constant(Tensor.scalar(1, y.dtype())), y);
        Variable direction = Variable.where(zero,
            Variable.constant(Tensor.scalar(0, y.dtype())), x.div(nonZero));
        return expand(g, x.shape(), r.axes()).mul(direction);
      },
      reduction(Inputs.Domain.AWAY_FROM_ZERO,
          (x, axes, keep) -> axes == null ? x.norm() : x.norm(axes, keep)));

  /** A variance's reduced axes (null for all, population only), keepDims and divisor. */
  record VarianceAxes(int[] axes, boolean keepDims, boolean unbiased) {
    VarianceAxes {
      checkArgument(axes != null || !unbiased, "variance: the unbiased variance over all"
          + " elements takes every axis, not null");
    }

    @Override
    public String toString() {
      return new Axes(axes, keepDims) + (unbiased ? ", unbiased" : "");
    }
  }

  /**
   * The forward is core's variance: its corrected two-pass formula (Reductions.variance says why)
   * and, where float32 squares pass float32's range though the variance need not (±1.5e19, or a
   * constant group of 1e38, whose float32 mean was ∞ as well), float64 rounded once. Composed of
   * mean, sub, square and sum it was ∞ there, and its gradient NaN.
   *
   * <p>The rule is the formula 2g·(x − x̄)/d written in rows, so it has derivatives of every
   * order. The deviations x − m from the rounded mean m are off by m's rounding δ, up to 40 % of
   * a float32 deviation of 0.01 around 1e5; their own mean, δ, is taken back out (as data:
   * as a function of x, mean(x − x̄) is 0, so this is a constant to every order of derivative),
   * as the composition's rules did through the mean's gradient. A non-finite δ (a deviation that
   * overflowed) is left out: ∞ − ∞ would turn the deviations' ±∞ into NaN. g is divided by d
   * first and the factor 2 comes last, so only a gradient past the type's range overflows.
   */
  static final Primitive<VarianceAxes> VARIANCE = Primitive.unary("variance",
      "y = Σ (x − x̄)² / d over the axes with d = n − 1 when unbiased, else n, as"
          + " Tensor.variance (the corrected two-pass formula, in float64 where float32 squares"
          + " pass float32's range); ∂x = 2g·(x − x̄) / d",
      (ctx, v, x) -> v.axes() == null ? x.variance()
          : x.variance(v.axes(), v.keepDims(), v.unbiased()),
      (ctx, v, g) -> {
        Variable x = ctx.input(0);
        int n = count("variance", x.shape(), v.axes());
        Variable deviations = x.sub(v.axes() == null ? x.mean() : x.mean(v.axes(), true));
        Tensor values = deviations.value();
        Tensor offset = v.axes() == null ? values.mean() : values.mean(v.axes(), true);
        Tensor finite = Tensor.where(offset.abs().lt(Double.POSITIVE_INFINITY), offset,
            Tensors.zerosLike(offset));
        Variable centred = deviations.sub(Variable.constant(finite));
        return expand(g.div(v.unbiased() ? n - 1 : n), x.shape(), v.axes()).mul(centred).mul(2);
      },
      oneOf(reduction(false, (x, axes, keep) -> axes == null ? x.variance()
              : x.variance(axes, keep)),
          unbiasedVariance()));

  /** Unbiased variance over axes that hold at least two values. */
  private static OpSpec.Sampler unbiasedVariance() {
    return random -> {
      Shape shape = Inputs.shape(random, 1, 3);
      int axis = random.nextInt(shape.rank());
      int[] dims = shape.dims();
      dims[axis] = random.nextInt(2, 4);
      Shape drawn = Shape.of(dims);
      boolean keep = random.nextBoolean();
      return new OpCase(drawn + " axis " + axis + " unbiased keep " + keep,
          List.of(Inputs.values(random, drawn, Inputs.Domain.ANY)),
          in -> in.get(0).variance(new int[] {axis}, keep, true));
    };
  }

  /** The variance row applied, its arguments checked under variance's name first. */
  static Variable variance(Variable x, int[] axes, boolean keepDims, boolean unbiased) {
    int n = count("variance", x.shape(), axes);
    // Refused only where a group exists: with another axis empty the result is empty, as
    // PyTorch's.
    checkArgument(!unbiased || n > 1 || keptShape("variance", x.shape(), axes).size() == 0,
        "variance: the unbiased variance needs at least 2 values per group, %s has %s over the"
            + " reduced axes", x.shape(), n);
    return VARIANCE.apply(new VarianceAxes(axes, keepDims, unbiased), x);
  }

  /** The gradient of a reduced value, spread back over the axes that were reduced. */
  static Variable expand(Variable g, Shape input, int[] axes) {
    Shape kept = keptShape("reduce", input, axes);
    Variable reshaped = g.shape().equals(kept) ? g : g.reshape(kept);
    return reshaped.shape().equals(input) ? reshaped : reshaped.broadcastTo(input);
  }

  /**
   * The input's shape with the reduced axes set to 1 (null axes: all), the axes checked naming
   * {@code op}: mean and variance check theirs before they are recorded. A rank-0 shape takes
   * axis 0 or −1, as core's reductions do.
   */
  static Shape keptShape(String op, Shape shape, int[] axes) {
    return reduced(op, shape, axes).kept();
  }

  private static ReducedAxes reduced(String op, Shape shape, int[] axes) {
    return axes == null ? ReducedAxes.all(shape) : ReducedAxes.of(op, shape, axes);
  }

  /**
   * How many elements each reduced value summarises: the product of the reduced sizes, not size
   * / kept size, as a kept axis of 0 made that 0/1 (variance over axis 1 of [0, 3] counted 0
   * values per group, not 3).
   */
  static int count(String op, Shape shape, int[] axes) {
    return (int) reduced(op, shape, axes).groupSize();
  }
}
