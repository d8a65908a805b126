package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Samplers.shaped;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.Samplers.Shaped;
import dev.chainrule.core.ClassCrossEntropy;
import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The op table's softmax rows, fused for stability: every one subtracts the log-sum-exp, so
 * logits of ±1e4 give finite values and gradients.
 */
final class SoftmaxOps {
  private SoftmaxOps() {}

  /**
   * The targets of a cross-entropy: class indices (one per row of the logits, {@code rows} and
   * {@code mass} null), or rows like the logits with each row's total mass (null when every row
   * sums to 1, where multiplying by 1 would change nothing); and the reduction.
   */
  record Targets(Tensor classes, Tensor rows, Tensor mass, Reduction reduction) {
    @Override
    public String toString() {
      return classes != null
          ? classes.shape() + " class indices, " + reduction.name().toLowerCase(Locale.ROOT)
          : rows.shape() + " targets, " + reduction.name().toLowerCase(Locale.ROOT);
    }
  }

  static final Primitive<Integer> LOG_SOFTMAX = Primitive.unary("logSoftmax",
      "y = x − log Σ eˣ along the axis; ∂x = g − e^y·Σ g along the axis",
      (ctx, axis, x) -> x.logSoftmax(axis),
      (ctx, axis, g) -> g.sub(ctx.output().exp().mul(g.sum(axis, true))),
      shaped(0, (r, s) -> {
        int axis = Inputs.reducedAxis(r, s);  // a rank-0 input's 0 or −1 too, as PyTorch's
        return new Shaped("axis " + axis, x -> x.logSoftmax(axis));
      }));

  /**
   * A primitive, not exp∘logSoftmax: one pass per row forms y, and a model's softmax outputs,
   * and the cross-entropy's rule when it is recorded for higher orders, pay for neither the
   * composition's broadcast subtraction nor its second exponential pass.
   */
  static final Primitive<Integer> SOFTMAX = Primitive.unary("softmax",
      "y = e^(x − m) / Σ e^(x − m) along the axis, m the largest x; ∂x = y ⊙ (g − Σ g ⊙ y)",
      (ctx, axis, x) -> x.softmax(axis),
      (ctx, axis, g) -> {
        Variable y = ctx.output();
        return y.mul(g.sub(g.mul(y).sum(axis, true)));
      },
      shaped(0, (r, s) -> {
        int axis = Inputs.reducedAxis(r, s);
        return new Shaped("axis " + axis, x -> x.softmax(axis));
      }));

  /**
   * Through log-sum-exps, never the logarithm of a probability, so any finite logits give finite
   * values and gradients. Since ℓᵢ = Σₖ yᵢₖ·lseᵢ − Σₖ yᵢₖ·zᵢₖ = −Σₖ yᵢₖ·(zᵢₖ − lseᵢ), one
   * log-softmax pass gives the loss for any rows of targets (as PyTorch's log-softmax and
   * negative log-likelihood), and its output is what the backward's softmax is the exponential
   * of. Against class indices ({@link ClassCrossEntropy}) the forward makes the softmax itself,
   * with ℓᵢ = lseᵢ − zᵢ,cᵢ, and saves it for the backward.
   */
  static final Primitive<Targets> SOFTMAX_CROSS_ENTROPY = Primitive.unary("softmaxCrossEntropy",
      "ℓᵢ = Σₖ yᵢₖ · log Σₖ e^zᵢₖ − Σₖ yᵢₖ·zᵢₖ per row i, summed or averaged over the n rows;"
          + " ∂z = g·(softmax(z)·Σₖ yₖ − y), divided by n for the mean (softmax(z) − y for one-hot"
          + " rows)",
      (ctx, t, z) -> {
        if (t.classes() != null) {
          // The softmax is this op's own, born in a scope of its own: it goes back for reuse
          // at once when nothing is recorded, else when backward releases the context.
          ClassCrossEntropy.Forward forward;
          try (Recycling.Scope scope = Recycling.open()) {
            forward = ClassCrossEntropy.forward(z, t.classes());
            if (!ctx.isRecording()) {
              scope.recycle(forward.probabilities());
            }
          }
          ctx.saveOwn(forward.probabilities());
          ctx.save(t.classes());
          double n = t.reduction() == Reduction.MEAN ? rows(z.shape()) : 1;
          // Converted as an op's result is: a float32 loss past float32's range is ∞, as in
          // PyTorch, where the factory Tensor.scalar(v, FLOAT32) would refuse it.
          return Tensor.scalar(forward.total() / n).to(z.dtype());
        }
        Tensor logProbabilities = z.logSoftmax(-1);
        ctx.save(t.rows(), logProbabilities);
        Tensor total = logProbabilities.mul(t.rows()).sum().neg();
        if (Double.isNaN(total.item())) {
          // A class no target weighs may have log-probability −∞ (a masked logit of −∞; in
          // float32 a logit whose distance to the largest overflows), and 0·(−∞) is NaN: the loss
          // of one-hot rows was NaN where that of the same classes as indices is finite. Exactly
          // those terms are 0 (a NaN logit stays NaN, even in a row weighing no class); chosen
          // again only after a NaN, so the usual step pays one comparison.
          Tensor unweighedMinusInfinity =
              logProbabilities.eq(Double.NEGATIVE_INFINITY).mul(t.rows().eq(0));
          total = Tensor.where(unweighedMinusInfinity, Tensors.zeros(Shape.scalar(), z.dtype()),
              logProbabilities.mul(t.rows())).sum().neg();
        }
        return t.reduction() == Reduction.MEAN ? total.div(rows(z.shape())) : total;
      },
      (ctx, t, g) -> {
        int n = t.reduction() == Reduction.MEAN ? rows(ctx.inputShape(0)) : 1;
        if (!Autograd.isGradEnabled() && t.classes() != null) {
          // softmax − one-hot, scaled, in one new array; the forward made the softmax.
          return Variable.constant(
              ClassCrossEntropy.gradient(ctx.saved(0), ctx.saved(1), g.value().item() / n));
        }
        if (!Autograd.isGradEnabled()) {
          // A first-order pass (every training step) records nothing, so it works on tensors:
          // softmax(z) as the exponential of the forward's log-softmax (no row maxima or sums
          // again), then − y and the scalar g/n in place: one array, where the rule below makes
          // five.
          Tensor p = ctx.saved(1).exp();
          if (t.mass() != null) {
            p = p.mul(t.mass());
          }
          return Variable.constant(
              p.axpyInPlace(-1, ctx.saved(0)).scaleInPlace(g.value().item() / n));
        }
        // Recorded for higher orders: softmax as a function of z.
        Variable p = ctx.input(0).softmax(-1);
        Tensor targets = t.classes() != null
            ? Tensors.oneHot(ctx.saved(1), p.shape().dim(-1), p.dtype())
            : ctx.saved(0);
        return (t.mass() == null ? p : p.mul(Variable.constant(t.mass())))
            .sub(Variable.constant(targets)).mul(n == 1 ? g : g.div(n));
      },
      random -> {
        Shape shape = Inputs.shape(random, 1, 3);
        // The op's two reductions (it refuses NONE), drawn as before NONE existed.
        Reduction reduction = random.nextInt(2) == 0 ? Reduction.MEAN : Reduction.SUM;
        int classes = shape.dim(-1);
        Shape rowShape = Shape.of(Arrays.copyOf(shape.dims(), shape.rank() - 1));
        Tensor indices = Inputs.indices(random, rowShape, classes);
        Tensor target = switch (random.nextInt(3)) {
          case 0 -> indices;
          case 1 -> Tensors.oneHot(indices, classes);
          default -> Inputs.values(random, shape, Inputs.Domain.POSITIVE);
        };
        return new OpCase(shape + " targets " + target.shape() + " " + reduction,
            List.of(Inputs.values(random, shape, ANY)),
            in -> in.get(0).softmaxCrossEntropy(target, reduction));
      });

  /**
   * The fused cross-entropy of softmax(logits) along the last axis against class indices (the
   * logits' shape without the class axis) or rows of probabilities (the logits' shape, one-hot or
   * not); targets are data, taken in the logits' type.
   */
  static Variable softmaxCrossEntropy(Variable logits, Tensor target, Reduction reduction) {
    checkNotNull(target, "softmaxCrossEntropy: targets are null");
    checkNotNull(reduction, "softmaxCrossEntropy: reduction is null");
    Shape shape = logits.shape();
    checkArgument(shape.rank() >= 1, "softmaxCrossEntropy: logits %s need a class axis", shape);
    // A row of no classes has no probabilities to be a distribution over; said as such, where it
    // was "no values to average" even under a sum.
    checkArgument(shape.dim(-1) > 0, "softmaxCrossEntropy: logits %s have no classes (the last"
        + " axis is empty)", shape);
    // One node with a scalar output and a scalar-gradient rule: per-row losses would be another
    // op (forward, rule, spec). nn's losses compose them from log-softmax, whose rule is checked.
    checkArgument(reduction != Reduction.NONE, "softmaxCrossEntropy: the fused op sums or"
        + " averages the rows' losses (Reduction.MEAN or SUM), not NONE: for the per-row losses"
        + " use Losses.softmaxCrossEntropy (nn), or −Σ y·logSoftmax(-1) along the last axis");
    // A mean over no rows is 0/0: NaN, which says nothing about the data.
    checkArgument(shape.size() > 0 || reduction == Reduction.SUM,
        "softmaxCrossEntropy: logits %s hold no values to average", shape);
    if (!target.shape().equals(shape)) {
      checkArgument(target.shape().equals(Shape.of(Arrays.copyOf(shape.dims(), shape.rank() - 1))),
          "softmaxCrossEntropy: logits %s and targets %s do not match: targets are class indices"
              + " (the logits' shape without the last axis) or rows like the logits", shape,
          target.shape());
      return SOFTMAX_CROSS_ENTROPY.apply(new Targets(target, null, null, reduction), logits);
    }
    // Negative weights would make the loss negative and unbounded below; NaN says nothing, and
    // an infinite weight makes the loss ∞ or NaN whatever the logits.
    String why = ": target rows are one-hot or soft probabilities";
    int bad = target.indexOutside(0, Double.MAX_VALUE);
    if (bad >= 0) {
      throw new IllegalArgumentException("softmaxCrossEntropy: target " + target.flatGet(bad)
          + " at " + Arrays.toString(target.shape().unravel(bad)) + " is not a class probability"
          + " (finite and ≥ 0)" + why);
    }
    Tensor rows = target.to(logits.dtype());
    // A float64 weight past float32's range became ∞ in float32 logits' type. A target already in
    // the logits' type is the tensor just checked: no second pass over it.
    bad = target.dtype() == logits.dtype() ? -1 : rows.indexOutside(0, Double.MAX_VALUE);
    if (bad >= 0) {
      throw new IllegalArgumentException("softmaxCrossEntropy: target " + target.flatGet(bad)
          + " at " + Arrays.toString(target.shape().unravel(bad)) + " is past the range of "
          + logits.dtype() + ", the logits' type" + why);
    }
    Tensor mass = rows.sum(-1, true);
    // Finite weights may still sum past the type's range (two of 1e308 in float64): the row's
    // mass scales the softmax in the gradient, which is then ∞ or NaN whatever the logits.
    int overflow = mass.indexOutside(0, Double.MAX_VALUE);
    if (overflow >= 0) {
      int[] row = Arrays.copyOf(mass.shape().unravel(overflow), shape.rank() - 1);
      throw new IllegalArgumentException("softmaxCrossEntropy: target "
          + (row.length == 0 ? "row" : "row " + Arrays.toString(row)) + " sums to "
          + wideSum(target, overflow) + ", past the range of " + logits.dtype() + why);
    }
    boolean oneHot = mass.ne(1).sum().item() == 0;
    return SOFTMAX_CROSS_ENTROPY.apply(
        new Targets(null, rows, oneHot ? null : mass, reduction), logits);
  }

  /**
   * The sum of a row that overflowed the logits' type, as given and in float64, for the message: a
   * float32 row's 6e38 says more than its ∞.
   */
  private static double wideSum(Tensor target, int row) {
    return target.to(DType.FLOAT64).sum(-1, true).flatGet(row);
  }

  /** Rows of logits: all elements over the class count (1 for a single row of shape [K]). */
  private static int rows(Shape logits) {
    return logits.size() / Math.max(1, logits.dim(-1));
  }
}
