package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Samplers.oneOf;
import static dev.chainrule.autograd.check.Samplers.reduction;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.ReducedAxes;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;

/**
 * The op table's reductions, over all elements or over a set of axes. Every rule first spreads g
 * back over the reduced axes ({@link #expand}): reshaped to the kept-dimensions shape, then
 * broadcast to the input's shape. Mean, min and variance are compositions.
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

  static final OpEntry MEAN = OpEntry.composite("mean",
      "y = Σ x / n over the axes, computed as sum(x) / n; ∂x = g / n spread back over them",
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
      (ctx, r, g) -> {
        Tensor x = ctx.input(0).value();
        Shape kept = keptShape("max", x.shape(), r.axes());
        Tensor y = ctx.output().value().reshape(kept);
        Tensor winners = x.eq(y);
        if (y.ne(y).sum().item() > 0) {
          // Data, not differentiated. A NaN wins its group's max, so x's NaNs lie in the groups
          // whose maximum is NaN, where x = y holds nowhere.
          winners = winners.add(x.ne(x));
        }
        winners = winners.to(g.dtype());
        Tensor share = winners.div(r.axes() == null ? winners.sum().reshape(kept)
            : winners.sum(r.axes(), true));
        return expand(g, x.shape(), r.axes()).mul(Variable.constant(share));
      },
      reduction(true, (x, axes, keep) -> axes == null ? x.max() : x.max(axes, keep)));

  static final OpEntry MIN = OpEntry.composite("min",
      "y = min x over the axes, computed as −max(−x), NaN if any is; ∂x = g at the minimum,"
          + " shared equally among ties, and among the NaNs where it is NaN (as PyTorch's min())",
      reduction(true, (x, axes, keep) -> axes == null ? x.min() : x.min(axes, keep)));

  /**
   * The rule takes the softmax over the axes as e^(x − m) / Σ e^(x − m), m the maximum, not as
   * e^(x − y): y, rounded to the output's type, is off by up to half an ulp of |y|, which e^(x − y)
   * turns into a relative error of |y|·2⁻²⁴ in float32, 3e-4 at logits near −1e4 and 3e-5 near
   * 710 (PyTorch's rule has the same error), where x − m is rounded relative to the difference
   * itself, and exact for the largest terms, whose difference to m is small. m is data: the
   * softmax does not depend on the shift, so the recorded rule differentiates the same function;
   * an infinite m (an all −∞ group, or a +∞) is replaced by 0, which gives the NaN or 0 that
   * e^(x − y) gave there.
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
        Tensor shift = Tensor.where(max.abs().lt(Double.POSITIVE_INFINITY), max,
            Tensor.scalar(0, max.dtype()));
        Variable e = input.sub(Variable.constant(shift)).exp();
        Variable total = r.axes() == null ? e.sum() : e.sum(r.axes(), true);
        return expand(g, input.shape(), r.axes()).mul(e.div(total));
      },
      reduction(false,
          (x, axes, keep) -> axes == null ? x.logSumExp() : x.logSumExp(axes, keep)));

  static final OpEntry VARIANCE = OpEntry.composite("variance",
      "y = Σ (x − x̄)² / d over the axes with d = n − 1 when unbiased, else n, computed as"
          + " (Σ(x − m)² − c) / d with m = mean(x) and the constant c = (Σ(x − m))²/n, which"
          + " takes out the rounding of m; ∂x = 2g·(x − x̄) / d",
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

  static Variable variance(Variable x, int[] axes, boolean keepDims, boolean unbiased) {
    int n = count("variance", x.shape(), axes);
    // Refused only where a group exists: with another axis empty the result is empty, as
    // PyTorch's.
    checkArgument(!unbiased || n > 1 || keptShape("variance", x.shape(), axes).size() == 0,
        "variance: the unbiased variance needs at least 2 values per group, %s has %s over the"
            + " reduced axes", x.shape(), n);
    Variable mean = axes == null ? x.mean().reshape(keptShape("variance", x.shape(), null))
        : x.mean(axes, true);
    // The corrected two-pass formula of Tensor.variance (core's Reductions.variance says why;
    // unlike it, float32 squares past float32's range stay ∞ here, as before):
    // the mean, rounded to the data's type, is off by some δ that adds n·δ² to the squares, and
    // the offset Σ(x − mean) = n·δ takes it back out. Without it a float32 variance of data far
    // from 0 (64 values of spread 0.01 around 1e5) was 1.7 % too large, where Tensor.variance
    // and PyTorch's var are exact to float32. As a function of x the offset is 0 everywhere, so
    // its correction is a constant to every order of derivative: the rule is the plain formula's.
    Variable deviations = x.sub(mean);
    Variable squares = sum(deviations.square(), axes, keepDims);
    Tensor offset = axes == null ? deviations.value().sum()
        : deviations.value().sum(axes, keepDims);
    Tensor squared = squares.value();
    // Held to the squares' sum, which it cannot exceed but by rounding (a constant group's 0
    // would come out −ulp), and left out where that sum overflowed (∞ − ∞ would be NaN, and
    // the uncorrected ∞ is the answer, as NumPy's and PyTorch's).
    Tensor correction = Tensor.where(squared.lt(Double.POSITIVE_INFINITY),
        offset.mul(offset.div(n)).minimum(squared), Tensors.zerosLike(squared));
    return squares.sub(Variable.constant(correction)).div(unbiased ? n - 1 : n);
  }

  private static Variable sum(Variable x, int[] axes, boolean keepDims) {
    return axes == null ? x.sum() : x.sum(axes, keepDims);
  }

  /** The gradient of a reduced value, spread back over the axes that were reduced. */
  static Variable expand(Variable g, Shape input, int[] axes) {
    Shape kept = keptShape("reduce", input, axes);
    Variable reshaped = g.shape().equals(kept) ? g : g.reshape(kept);
    return reshaped.shape().equals(input) ? reshaped : reshaped.broadcastTo(input);
  }

  /**
   * min x over the axes as −max(−x), the axes checked under min's own name first (max would
   * name itself in a message about the caller's min).
   */
  static Variable min(Variable x, int[] axes, boolean keepDims) {
    Shape kept = keptShape("min", x.shape(), axes);
    for (int axis = 0; axis < x.rank(); axis++) {
      checkArgument(x.shape().dim(axis) > 0 || kept.dim(axis) == 0,
          "min: cannot reduce the empty axis %s of %s", axis, x.shape());
    }
    Variable negated = x.neg();
    return (axes == null ? negated.max() : negated.max(axes, keepDims)).neg();
  }

  /**
   * The input's shape with the reduced axes set to 1 (null axes: all), the axes checked naming
   * {@code op}: mean, variance and min are built on sum and max, which refused a repeated axis as
   * "sum: ..." or "max: ...". A rank-0 shape takes axis 0 or −1, as core's reductions do.
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
