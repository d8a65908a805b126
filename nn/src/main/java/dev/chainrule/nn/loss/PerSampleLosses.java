package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Locale;

/**
 * The losses whose reduced forms are fused autograd ops (squared error, softmax cross-entropy),
 * with their per-sample forms ({@link Reduction#NONE}) composed from the ops' own differentiable
 * pieces: the fused ops give one number, and a per-row op would be a second forward, rule and
 * catalogue spec for values a few nodes already give, gradients of any order included. MEAN and
 * SUM stay on the fused ops, bit for bit as before; NONE's sum (and mean) equal theirs to rounding
 * (the same terms added per sample first).
 */
final class PerSampleLosses {
  private PerSampleLosses() {}

  /**
   * Σ (y − ŷ)² divided by {@code perSample} and, for MEAN, by the samples: one fused node ({@link
   * Variable#squaredError}), where the composition was five. NONE sums each sample's squares
   * (every axis but the first) and divides them by {@code perSample}.
   */
  static Variable squaredErrors(String loss, Variable prediction, Tensor target,
      Reduction reduction, double perSample) {
    Tensor y = LossShapes.matching(loss, prediction, target, false);
    checkNotNull(reduction, "%s: reduction is null", loss);
    double divisor = perSample * (reduction == Reduction.MEAN ? LossShapes.samples(prediction) : 1);
    checkArgument(divisor > 0, "%s: prediction %s holds no values to average", loss,
        prediction.shape());
    if (reduction != Reduction.NONE) {
      return prediction.squaredError(y, divisor);
    }
    Variable sums = LossShapes.total(prediction.sub(Variable.constant(y)).square(), reduction);
    return perSample == 1 ? sums : sums.div(perSample);
  }

  /**
   * The per-row softmax cross-entropies of logits [..., K] against rows of coefficients c (one-hot
   * or soft targets, or class weights times smoothed targets), the logits' type:
   * ℓᵢ = −Σₖ cᵢₖ·log softmax(z)ᵢₖ = Σₖ cᵢₖ·lseᵢ − Σₖ cᵢₖ·zᵢₖ, the fused op's formula per row,
   * through log-softmax (stable for any finite logits, as the op is). A class c gives 0 adds 0,
   * even where its log-probability is −∞ (a masked logit), as in the op.
   */
  static Variable softmaxCrossEntropyRows(Variable logits, Tensor coefficients) {
    return LossShapes.totalOfRows(weighed(logits.logSoftmax(-1), coefficients), Reduction.NONE)
        .neg();
  }

  /**
   * {@link Losses#softmaxCrossEntropy} under NONE, its targets checked there: class indices
   * become one-hot rows, rows are taken in the logits' type; any other shape, or logits with no
   * class axis, is refused in the fused op's words.
   */
  static Variable softmaxCrossEntropy(Variable logits, Tensor target) {
    Shape shape = logits.shape();
    checkArgument(shape.rank() >= 1, "softmaxCrossEntropy: logits %s need a class axis", shape);
    int classes = shape.dim(-1);
    Tensor rows;
    if (target.shape().equals(shape)) {
      rows = target.to(logits.dtype());
    } else {
      if (!target.shape().equals(LossShapes.withoutClasses(shape))) {
        throw targetsRefused(shape, target.shape());
      }
      rows = Tensors.oneHot(target, classes, logits.dtype());
    }
    return softmaxCrossEntropyRows(logits, rows);
  }

  /**
   * The refusal of softmaxCrossEntropy's targets that are neither class indices nor rows.
   *
   * @param shape the logits' shape
   * @param target the targets' shape
   * @return the exception to throw
   */
  static IllegalArgumentException targetsRefused(Shape shape, Shape target) {
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "softmaxCrossEntropy: logits %s and"
        + " targets %s do not match: targets are class indices (the logits' shape without the"
        + " last axis) or rows like the logits%s", shape, target,
        LossShapes.classAxisHint(shape)));
  }

  /**
   * v·y where the target y weighs v, and 0 where it does not: 0·(±∞) is NaN, which would make
   * the whole loss NaN for an entry no target counts. Selected, so no gradient flows there.
   */
  static Variable weighed(Variable v, Tensor y) {
    return Variable.where(y, v.mul(Variable.constant(y)),
        Variable.constant(Tensors.zeros(Shape.scalar(), v.dtype())));
  }
}
