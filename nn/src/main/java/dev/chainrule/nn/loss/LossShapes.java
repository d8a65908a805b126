package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a loss reads its operands: the target matched to the prediction's shape and type (class
 * indices made one-hot rows), what a mean divides by (samples, rows of a categorical prediction,
 * outputs per sample) and the refusal of a mean over nothing.
 */
final class LossShapes {
  private LossShapes() {}

  /**
   * Refuses a loss that would divide by zero (a mean over no samples or rows, or a per-output
   * mean over no outputs): 0/0 is NaN, which says nothing about the data. NONE divides as SUM
   * does: per output, never by the samples (no samples give no losses, an empty tensor).
   */
  static void checkAverageable(String loss, Variable prediction, Reduction reduction,
      boolean perOutput) {
    checkNotNull(reduction, "%s: reduction is null", loss);
    boolean mean = reduction == Reduction.MEAN;
    long divisor = perOutput ? classes(prediction) * (mean ? samples(prediction) : 1)
        : mean ? rows(prediction) : 1;
    checkArgument(divisor > 0, "%s: prediction %s holds no values to average", loss,
        prediction.shape());
  }

  /**
   * The sum of a loss's elementwise terms: over everything for MEAN and SUM, over each sample's
   * outputs (every axis but the first) for NONE, giving [N] ([N] terms are the samples' own, a
   * scalar's its one sample's). MEAN and SUM keep the one sum they had, bit for bit.
   */
  static Variable total(Variable terms, Reduction reduction) {
    if (reduction != Reduction.NONE) {
      return terms.sum();
    }
    int[] outputAxes = new int[Math.max(0, terms.rank() - 1)];
    for (int a = 0; a < outputAxes.length; a++) {
      outputAxes[a] = a + 1;
    }
    return outputAxes.length == 0 ? terms : terms.sum(outputAxes, false);
  }

  /**
   * The sum of a categorical loss's terms [..., K]: over everything for MEAN and SUM, over each
   * row's classes for NONE, giving the prediction's shape without the class axis.
   */
  static Variable totalOfRows(Variable terms, Reduction reduction) {
    return reduction == Reduction.NONE ? terms.sum(-1, false) : terms.sum();
  }

  /**
   * A negated sum of terms with its zeros unsigned: x + 0 is x for every x but −0, which becomes
   * +0, and passes the gradient on as it is. Where every term is 0 (every row ignored, or its
   * class weighing 0) the sum is +0 and its negation −0, which a report printed as {@code
   * loss=-0.0}; PyTorch, which subtracts each term from 0, gives +0. Only where options can zero
   * every term: an unweighted loss's terms are 0 only for a certain prediction.
   */
  static Variable unsignedZeros(Variable negatedSum) {
    return negatedSum.add(0);
  }

  /**
   * The per-sample mean, the sum, or the per-sample losses as they are (NONE); the reduction was
   * checked with the loss's name.
   */
  static Variable reduce(Variable total, Variable prediction, Reduction reduction) {
    return reduction == Reduction.MEAN ? total.div(samples(prediction)) : total;
  }

  /** The shape of one class index per row: {@code shape} without its last axis (the classes). */
  static Shape withoutClasses(Shape shape) {
    return Shape.of(Arrays.copyOf(shape.dims(), shape.rank() - 1));
  }

  /**
   * The categorical losses' mean is over rows, every position but the class axis ([N, T, K] has
   * N·T), as softmaxCrossEntropy's and PyTorch's nll_loss: the negative log-likelihood of
   * log-softmax(z) must be z's softmax cross-entropy, whatever the rank.
   */
  static Variable reduceRows(Variable total, Variable prediction, Reduction reduction) {
    // NONE's total is the rows' losses already: nothing to divide.
    return reduction == Reduction.MEAN ? total.div(rows(prediction)) : total;
  }

  /** Rows of a categorical prediction [..., K]: one per position of the axes before K. */
  static int rows(Variable prediction) {
    return prediction.shape().size() / prediction.shape().dim(-1);
  }

  /** Samples: the rows of a matrix, the elements of a vector, 1 for a scalar. */
  static int samples(Variable prediction) {
    return prediction.rank() == 0 ? 1 : prediction.shape().dim(0);
  }

  /**
   * Outputs per sample, held at 2^31 once past an int: only a batch of no samples has more
   * ([0, 65536, 65536]), and its losses are none. In int the product wrapped, to 0 for that
   * batch, whose SUM (0) and NONE ([0]) were then refused as a mean over nothing.
   */
  static long classes(Variable prediction) {
    int[] dims = prediction.shape().dims();
    return AxisProducts.capped(dims, 1, dims.length);
  }

  /**
   * The target in the prediction's shape and type: class indices [N] become one-hot rows when the
   * loss is a classification loss and the prediction is [N, K]; targets are data, so a float32
   * model's loss is computed in float32 whatever type the labels were read in.
   */
  static Tensor matching(String loss, Variable prediction, Tensor target, boolean classIndices) {
    checkNotNull(prediction, "%s: prediction is null", loss);
    checkNotNull(target, "%s: target is null", loss);
    Shape shape = prediction.shape();
    // One output per sample is one class: its probability is 1 whatever the model says. A
    // vector [K] is one sample's K classes, its target a scalar index (PyTorch's unbatched form).
    // An empty class axis was called a single class, whose probability is 1: it has none.
    checkArgument(!classIndices || shape.rank() >= 1 && shape.dim(-1) >= 2,
        "%s: prediction %s holds %s: a classifier needs scores [N, K] (or one sample's [K]) with"
            + " K ≥ 2 (for one yes/no output use binaryCrossEntropy)", loss, shape,
        shape.rank() > 0 && shape.dim(-1) == 0 ? "no classes"
            : "a single class per sample, whose probability is always 1 and loss always 0");
    Tensor y = target;
    if (classIndices && target.shape().equals(withoutClasses(shape))) {
      TargetChecks.classIndices(loss, target, shape.dim(-1));
      y = Tensors.oneHot(target, shape.dim(-1), prediction.dtype());
    } else if (classIndices && target.shape().equals(shape)) {
      TargetChecks.distributions(loss, target);
    }
    if (!y.shape().equals(shape)) {
      throw mismatch(loss, shape, target.shape(), classIndices);
    }
    return y.dtype() == prediction.dtype() ? y : converted(loss, y, prediction.dtype());
  }

  /**
   * The refusal of a target that matches no layout of the prediction, built only when refusing:
   * its hint was concatenated on every call of the classification losses.
   */
  private static IllegalArgumentException mismatch(String loss, Shape shape, Shape target,
      boolean classIndices) {
    return new IllegalArgumentException(lenientFormat(
        "%s: prediction %s and target %s do not match%s", loss, shape, target,
        classIndices ? " (targets are class indices, the prediction's shape without the last"
            + " axis, or rows like the prediction" + classAxisHint(shape) + ")"
            : oneOutputHint(shape, target)));
  }

  /**
   * For a prediction with an axis between the rows and the classes ([N, T, K]), that the classes
   * are the last axis: PyTorch's are axis 1 ([N, K, T]), and logits in its layout with K ≠ T were
   * refused with no word of the layout (with K = T they are a different loss, silently).
   *
   * @param shape the prediction's (logits') shape
   * @return the hint, starting with "; ", or "" for fewer than 3 axes
   */
  static String classAxisHint(Shape shape) {
    if (shape.rank() < 3) {
      return "";
    }
    // Axis 1 moved last, the others in order: (0, 2, 1) for [N, K, T], (0, 2, 3, 1) for images.
    StringBuilder order = new StringBuilder("0");
    for (int axis = 2; axis < shape.rank(); axis++) {
      order.append(", ").append(axis);
    }
    return String.format(Locale.ROOT,
        "; the classes are the last axis (%s here), PyTorch's are axis 1:"
        + " logits in its layout go in as logits.permute(%s, 1)", shape.dim(-1), order);
  }

  /**
   * For a target of the prediction's shape without a last axis of size 1 (whole-number
   * regression targets [N] beside a prediction [N, 1]), the way out {@code Dataset} gives for
   * non-whole ones.
   */
  private static String oneOutputHint(Shape prediction, Shape target) {
    return prediction.rank() >= 1 && prediction.dim(-1) == 1
        && target.equals(withoutClasses(prediction))
        ? String.format(Locale.ROOT,
            " (targets go in the prediction's shape %s: reshape them, or load them"
            + " as labels of shape [N, K], e.g. [N, 1])", prediction) : "";
  }

  /**
   * The target in the prediction's type, refusing a finite element that type cannot hold: a
   * float64 target of 1e39 for a float32 prediction became an infinity, the loss Infinity, and
   * the trainer blamed a value that was not finite though every value given was (checkpoint
   * loading refuses the same case). Scanned only when the types differ.
   */
  private static Tensor converted(String loss, Tensor target, DType type) {
    int element = type == DType.FLOAT32 ? target.indexBeyondFloat32() : -1;
    if (element >= 0) {
      throw new IllegalArgumentException(lenientFormat("%s: target %s holds %s at element %s,"
          + " beyond %s's largest value %s, the prediction's type: it would be an infinity there,"
          + " not a rounded value (rescale the targets, e.g. to other units)", loss,
          target.shape(), target.flatGet(element), element, type, Float.MAX_VALUE));
    }
    return target.to(type);
  }
}
