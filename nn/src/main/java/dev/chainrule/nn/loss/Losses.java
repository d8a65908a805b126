package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;

/**
 * The losses of classic MLP training as functions of a prediction ŷ [N, K] (or [N] for one output)
 * and a target y. Each defines a per-sample loss ℓᵢ, and {@link Reduction} averages or sums those
 * over the N samples, or gives them as they are: {@link Reduction#NONE}, a differentiable [N]
 * (the prediction's shape without the class axis for the categorical losses on [..., K]) whose
 * mean and sum are MEAN's and SUM's to rounding. PyTorch's {@code reduction='none'} is the same
 * ℓᵢ for cross_entropy and nll_loss; for mse_loss and binary_cross_entropy(_with_logits) it keeps
 * every element [N, K], and NONE here is their mean over each sample's K outputs (see {@link
 * Reduction}). Class targets may be given as indices [N] or one-hot rows [N, K]. The target is
 * converted to the prediction's type (targets are data): a float32 prediction with a float64
 * target gives a float32 loss, where PyTorch's {@code mse_loss} would promote to float64.
 *
 * <p>The categorical losses (categorical cross-entropy, softmax cross-entropy, negative
 * log-likelihood) score a prediction against a distribution over the classes, the last axis, and
 * refuse targets that are not one, naming the first offender: a class index that is not a whole
 * number in [0, K); a row entry outside [0, 1] (NaN included); a row whose sum differs from 1 by
 * more than {@value #ROW_SUM_TOLERANCE}. Soft labels (label smoothing, a teacher's probabilities)
 * are taken; a row of zeros, which would add nothing and dilute the mean, a multi-hot row, which
 * asks a softmax for two certain classes (use binary cross-entropy for labels that are not
 * exclusive), and counts or percentages are not (PyTorch takes any rows unchecked). These
 * refusals, and the binary losses' of a target outside [0, 1], are {@link TargetRefusedException}s,
 * whose position a training loop maps to its data set's row.
 */
public final class Losses {
  /**
   * log clamps probabilities to [e^−100, 1], the value PyTorch's log clamped at −100 gives (its
   * gradient there is not: see binaryCrossEntropy): 0 and 1 give finite losses.
   */
  private static final double SMALLEST_PROBABILITY = Math.exp(-100);

  /**
   * How far a target row's sum may be from 1: wide enough for rows written or normalised in
   * float32 (2^-24 ≈ 6e-8 per entry, so under 1e-4 even summed over a thousand classes at worst),
   * narrow enough that an accepted row weighs at most 0.01% more or less in the loss than a
   * distribution would. Rows that are not distributions miss by far more.
   */
  public static final double ROW_SUM_TOLERANCE = 1e-4;

  /**
   * The largest log-probability negative log-likelihood takes: log-softmax's never exceed 0, and
   * 1e-6 leaves room for the log, computed elsewhere, of a probability rounded just above 1.
   */
  public static final double LARGEST_LOG_PROBABILITY = 1e-6;

  private Losses() {}

  /**
   * The smallest probability p (or 1 − p) whose logarithm {@link #binaryCrossEntropy} and {@link
   * #categoricalCrossEntropy} take as it is, value and gradient 1/p: e^−100 in float64, below
   * which the log is clamped (value −100, gradient 0); float32's smallest normal number,
   * {@link Float#MIN_NORMAL} ≈ 1.2e-38, in float32, below which the gradient is 0 (1/p would
   * overflow float32) and, from e^−100 down, the value −100 too. A hand-derived reference that
   * does not model the clamp agrees with these losses only where every weighted logarithm's
   * argument is at least this.
   *
   * @param dtype the prediction's type
   * @return the threshold, as a double
   */
  public static double smallestExactProbability(DType dtype) {
    checkNotNull(dtype, "smallestExactProbability: dtype is null");
    return dtype == DType.FLOAT32 ? Float.MIN_NORMAL : SMALLEST_PROBABILITY;
  }

  /**
   * RSS, the sum of squared errors: ℓᵢ = Σₖ (yᵢₖ − ŷᵢₖ)².
   *
   * @param prediction the model's outputs [N, K] (or [N])
   * @param target the targets, the shape of the prediction
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   */
  public static Variable sumOfSquares(Variable prediction, Tensor target, Reduction reduction) {
    return PerSampleLosses.squaredErrors("sumOfSquares", prediction, target, reduction, 1);
  }

  /**
   * Mean squared error: ℓᵢ = (1/K)·Σₖ (yᵢₖ − ŷᵢₖ)², so MEAN averages over all elements, as
   * PyTorch's {@code mse_loss}; SUM adds the ℓᵢ, which is PyTorch's {@code reduction='sum'}
   * divided by K (PyTorch's summed {@code mse_loss} is {@link #sumOfSquares}).
   *
   * @param prediction the model's outputs [N, K] (or [N])
   * @param target the targets, the shape of the prediction
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   */
  public static Variable meanSquaredError(Variable prediction, Tensor target,
      Reduction reduction) {
    checkNotNull(prediction, "meanSquaredError: prediction is null");
    return PerSampleLosses.squaredErrors("meanSquaredError", prediction, target, reduction,
        LossShapes.classes(prediction));
  }

  /**
   * Half mean squared error, the notes' J = 1/(2N)·Σᵢ Σₖ (yᵢₖ − ŷᵢₖ)²: ℓᵢ = ½·Σₖ (…)².
   *
   * @param prediction the model's outputs [N, K] (or [N])
   * @param target the targets, the shape of the prediction
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   */
  public static Variable halfMeanSquaredError(Variable prediction, Tensor target,
      Reduction reduction) {
    return PerSampleLosses.squaredErrors("halfMeanSquaredError", prediction, target, reduction, 2);
  }

  /**
   * Binary cross-entropy on probabilities p: ℓᵢ = −(1/K)·Σₖ [y·log p + (1 − y)·log(1 − p)], with
   * each probability clamped to at least e^−100 inside the log so that p = 0 or 1 stays finite.
   * The values are PyTorch's (it clamps the logs at −100); the gradients are PyTorch's only
   * where p(1 − p) is at least 10⁻¹², on purpose. PyTorch's rule, (p − y)/max(p(1 − p), 10⁻¹²),
   * caps the divisor, so wherever p, or 1 − p, is below about 10⁻¹² its gradient is not the
   * derivative of its loss. Here, from e^−100 ≈ 3.7e-44 up, the gradient is the exact
   * −y/p + (1 − y)/(1 − p): at p = 10⁻¹³ against y = 1 it is −10¹³, PyTorch's about −10¹²; after
   * a float64 sigmoid at z = −90 against y = 1, ∂ℓ/∂z is the exact σ(z) − y = −1 here and
   * −8·10⁻²⁸ in PyTorch, whose cap leaves a saturated sigmoid almost no gradient. Below
   * e^−100, where the clamp holds (p, or 1 − p, below it; p = 0 or 1 among them), that term's
   * gradient is 0, as with Keras's clipped logs, where PyTorch's gives up to ±10¹² per element
   * (−10¹² at p = 0 against y = 1): a sigmoid's output gets there only where its own derivative
   * is below e^−100, so through a sigmoid both are negligible, and the difference shows for
   * probabilities made some other way, which then learn nothing from the clamped terms (and
   * with a soft target at p below e^−100, or 1 − p below it, the other term's gradient alone
   * points away from the minimum: give such probabilities to {@link
   * #binaryCrossEntropyWithLogits} as logits). At p = 0 with y = 0 (or p = 1 with y = 1)
   * the loss is 0 and nothing is clamped: the gradient is the exact one-sided derivative,
   * 1/(1 − p) = 1 per K there (−1/p = −1 at p = 1), where PyTorch's rule gives 0/10⁻¹² = 0, so a
   * descent step takes a free probability out of [0, 1], and the next call refuses it; one made
   * by a sigmoid or a softmax never gets there. In float32 the log p term's gradient is 0 for
   * every p below float32's smallest normal number, 1.2e-38, not only below e^−100 (1/p would
   * overflow float32), the value still PyTorch's. Outside [0, 1] the terms turn negative, so such
   * predictions are refused, as PyTorch refuses them, and so are such targets, which are no
   * probabilities (PyTorch 1.13 accepts them and returns a number); a NaN prediction passes (the
   * loss is NaN, which a trainer reports as divergence). MEAN is PyTorch's; SUM adds the ℓᵢ,
   * PyTorch's sum divided by K.
   *
   * @param probability predicted probabilities in [0, 1]
   * @param target the targets, the shape of the prediction, in [0, 1]
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   * @throws IllegalArgumentException naming binaryCrossEntropy when the shapes differ, there is
   *     nothing to average, or a prediction or target lies outside [0, 1] (naming it)
   */
  public static Variable binaryCrossEntropy(Variable probability, Tensor target,
      Reduction reduction) {
    String loss = "binaryCrossEntropy";
    Tensor y = LossShapes.matching(loss, probability, target, false);
    LossShapes.checkAverageable(loss, probability, reduction, true);
    PredictionChecks.probabilities(loss, probability.value(), "sigmoid",
        "binaryCrossEntropyWithLogits");
    TargetChecks.probabilities(loss, target);
    Variable logP = clampedLog(probability);
    Variable logQ = clampedLog(probability.neg().add(1));
    Variable terms = logP.mul(Variable.constant(y))
        .add(logQ.mul(Variable.constant(y.neg().add(1))));
    Variable perSample = LossShapes.total(terms, reduction).neg()
        .div(LossShapes.classes(probability));
    return LossShapes.reduce(perSample, probability, reduction);
  }

  /**
   * Binary cross-entropy on logits z, stable for any z: ℓᵢ = (1/K)·Σₖ [softplus(z) − y·z], which
   * equals the probability form at p = σ(z); its gradient is (σ(z) − y)/K per sample. With hard
   * targets (every y 0 or 1) each term is softplus((1 − 2y)·z), the same function, so that a
   * confident right answer keeps its small loss and gradient, e^−|z| to rounding, where
   * softplus(z) − z and σ(z) − 1 cancel: in float64 at z = 20 they lost 3·10⁻⁷ of the loss, 10
   * times PyTorch's error, and in float32 from z = 15 on they were 0. An infinite logit gives the
   * loss's limit: 0 for z = +∞ with y = 1 and z = −∞ with y = 0, +∞ against any other target
   * (z = −∞ with y = 0.5), where PyTorch 1.13 gives NaN at z = +∞ with y = 1 and at z = −∞. MEAN
   * is PyTorch's; SUM adds the ℓᵢ, PyTorch's sum divided by K.
   *
   * @param logits unnormalised scores [N, K] (or [N] for binary)
   * @param target the targets, the shape of the prediction, in [0, 1]
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   * @throws IllegalArgumentException naming binaryCrossEntropyWithLogits when the shapes differ,
   *     there is nothing to average, or a target lies outside [0, 1] (naming it)
   */
  public static Variable binaryCrossEntropyWithLogits(Variable logits, Tensor target,
      Reduction reduction) {
    String loss = "binaryCrossEntropyWithLogits";
    Tensor y = LossShapes.matching(loss, logits, target, false);
    LossShapes.checkAverageable(loss, logits, reduction, true);
    TargetChecks.probabilities(loss, target);
    Variable terms;
    if (y.indexNotClass(2) < 0) {
      // softplus(z) for y = 0, softplus(−z) = softplus(z) − z for y = 1, each computed as itself
      // (no difference of nearly equal numbers): exact for any z, ±∞ included.
      terms = logits.mul(Variable.constant(y.mul(-2).add(1))).softplus();
    } else {
      // softplus(z) − y·z for z ≤ 0 and the same function as softplus(−z) + (1 − y)·z for z > 0,
      // so no form meets ∞ − ∞: at z = +∞ with y = 0.3 softplus(z) − y·z was NaN where the loss,
      // 0.7·∞, is infinite (PyTorch's too); at z = −∞, −y·z is +∞ and softplus(z) 0. Each form is
      // smooth with the derivative σ(z) − y, and the selection passes no gradient to the other.
      // Weighed, not multiplied: z·y at z = ±∞ and a weight of 0 would be NaN.
      Variable positive =
          logits.neg().softplus().add(PerSampleLosses.weighed(logits, y.neg().add(1)));
      Variable nonPositive = logits.softplus().sub(PerSampleLosses.weighed(logits, y));
      terms = Variable.where(logits.value().gt(0), positive, nonPositive);
    }
    return LossShapes.reduce(LossShapes.total(terms, reduction).div(LossShapes.classes(logits)),
        logits, reduction);
  }

  /**
   * Categorical cross-entropy on probabilities: ℓᵢ = −Σₖ yᵢₖ·log pᵢₖ (log clamped as above).
   * The classes are the last axis: probabilities [N, T, K] (a sequence's steps) take class
   * indices [N, T], and MEAN averages over the N·T rows, as {@link #softmaxCrossEntropy} does.
   *
   * @param probability predicted probabilities in (0, 1), [N, K] (or [..., K]) with K ≥ 2
   * @param target the targets: one-hot (or soft) rows like the prediction, or class indices [N]
   *     (the prediction's shape without the last axis)
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   * @throws IllegalArgumentException naming categoricalCrossEntropy when the shapes differ, there
   *     are fewer than 2 classes or no samples to average, a target is not a class or its row
   *     not a distribution (see {@link Losses}), or a prediction's row is not one (a sigmoid's
   *     outputs, which this loss would drive to 1 and score 0)
   */
  public static Variable categoricalCrossEntropy(Variable probability, Tensor target,
      Reduction reduction) {
    Tensor y = LossShapes.matching("categoricalCrossEntropy", probability, target, true);
    LossShapes.checkAverageable("categoricalCrossEntropy", probability, reduction, false);
    PredictionChecks.probabilities("categoricalCrossEntropy", probability.value(), "softmax",
        "softmaxCrossEntropy");
    PredictionChecks.distributions("categoricalCrossEntropy", probability.value());
    Variable total = LossShapes.totalOfRows(clampedLog(probability).mul(Variable.constant(y)),
        reduction).neg();
    return LossShapes.reduceRows(total, probability, reduction);
  }

  /**
   * Softmax cross-entropy from logits, fused and stable: ℓᵢ = Σₖ yᵢₖ · log Σₖ e^zᵢₖ − Σₖ yᵢₖ zᵢₖ,
   * which is −Σₖ yᵢₖ log softmax(z)ᵢₖ for any targets (the log-sum-exp counts once for one-hot
   * rows). With one-hot targets and MEAN its gradient is (softmax(z) − y)/N. The same op as
   * {@link Variable#softmaxCrossEntropy(Tensor, Reduction)}, with the same targets: class indices
   * [N] or rows [N, K]. One class is refused: its softmax is 1 whatever the logits, so the loss
   * would be 0 and teach nothing. The classes are the last axis, a sequence's logits [N, T, K]
   * with targets [N, T]; PyTorch's are axis 1 ([N, K, T]): logits in its layout go in as {@code
   * logits.permute(0, 2, 1)}. When K = T its layout is not refused (the shapes match), but scored
   * across the wrong axis, a different loss.
   *
   * @param logits unnormalised scores [N, K], K ≥ 2
   * @param target the targets: class indices [N], or one-hot (or soft) rows [N, K]
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   * @throws IllegalArgumentException naming softmaxCrossEntropy when the shapes differ, there
   *     are fewer than 2 classes or no rows to average, or a target is not a class or its row not
   *     a distribution (see {@link Losses})
   */
  public static Variable softmaxCrossEntropy(Variable logits, Tensor target, Reduction reduction) {
    checkNotNull(logits, "softmaxCrossEntropy: prediction is null");
    checkArgument(logits.rank() == 0 || logits.shape().dim(-1) >= 2,
        "softmaxCrossEntropy: logits %s hold %s: a classifier needs at least 2 classes (for one"
            + " yes/no output use binaryCrossEntropyWithLogits)", logits.shape(),
        logits.rank() > 0 && logits.shape().dim(-1) == 0 ? "no classes"
            : "a single class, whose softmax is always 1 and loss always 0");
    checkNotNull(target, "softmaxCrossEntropy: target is null");
    Shape shape = logits.shape();
    if (shape.rank() > 0 && target.shape().equals(shape)) {
      TargetChecks.distributions("softmaxCrossEntropy", target);
    } else if (shape.rank() > 0
        && target.shape().equals(LossShapes.withoutClasses(shape))) {
      TargetChecks.classIndices("softmaxCrossEntropy", target, shape.dim(-1));
    } else if (shape.rank() > 0) {
      // Refused here rather than by the op, to say where the classes are (PyTorch's layout).
      throw PerSampleLosses.targetsRefused(shape, target.shape());
    }
    return reduction == Reduction.NONE ? PerSampleLosses.softmaxCrossEntropy(logits, target)
        : logits.softmaxCrossEntropy(target, reduction);
  }

  /**
   * Negative log-likelihood of log-probabilities: ℓᵢ = −Σₖ yᵢₖ·log pᵢₖ (= −log p of the class).
   * The classes are the last axis, and MEAN averages over the rows, all the other positions, so
   * that of {@link Variable#logSoftmax(int) log-softmax(z)} it is {@link #softmaxCrossEntropy} of
   * z.
   *
   * @param logProbability log-probabilities [N, K] (or [..., K]), K ≥ 2
   * @param target the targets: one-hot (or soft) rows like the prediction, or class indices [N]
   *     (the prediction's shape without the last axis)
   * @param reduction how the per-sample losses are combined
   * @return the loss, a scalar graph node ([N] per-sample losses for NONE)
   * @throws IllegalArgumentException naming negativeLogLikelihood when the shapes differ, there
   *     are fewer than 2 classes or no samples to average, or a target is not a class or its row
   *     not a distribution (see {@link Losses})
   */
  public static Variable negativeLogLikelihood(Variable logProbability, Tensor target,
      Reduction reduction) {
    Tensor y = LossShapes.matching("negativeLogLikelihood", logProbability, target, true);
    LossShapes.checkAverageable("negativeLogLikelihood", logProbability, reduction, false);
    PredictionChecks.logProbabilities("negativeLogLikelihood", logProbability.value());
    // A masked class's log-probability is −∞ (PyTorch's nll_loss picks the target's entry).
    Variable terms = PerSampleLosses.weighed(logProbability, y);
    return LossShapes.reduceRows(LossShapes.totalOfRows(terms, reduction).neg(), logProbability,
        reduction);
  }

  /**
   * log max(p, e^−100), computed in float64 whatever p's type and given back in p's: in float32
   * e^−100 is a denormal whose reciprocal overflows, so the log's gradient at a clamped element
   * (a sigmoid's exact 1, a softmax's exact 0) was ∞, and the clamp's zero times ∞ made every
   * parameter's gradient NaN. In float64 the clamped element's gradient is 0 and the value −100,
   * PyTorch's. For a float32 probability the gradient is that of a log clamped at float32's
   * smallest normal number instead, the value kept: 1/p, given back in float32, overflowed for p
   * from 3.7e-44 to 2.9e-39 (a float32 sigmoid's outputs near −88 among them) and made the
   * gradient −∞.
   */
  private static Variable clampedLog(Variable p) {
    Variable wide = p.to(DType.FLOAT64);
    Variable log = wide.clamp(SMALLEST_PROBABILITY, Double.POSITIVE_INFINITY).log();
    double exact = smallestExactProbability(p.dtype());
    if (exact != SMALLEST_PROBABILITY) {
      Variable differentiable = wide.clamp(exact, Double.POSITIVE_INFINITY).log();
      log = differentiable.add(Variable.constant(log.value().sub(differentiable.value())));
    }
    return log.to(p.dtype());
  }
}
