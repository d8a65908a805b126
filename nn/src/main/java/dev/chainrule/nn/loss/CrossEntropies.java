package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Softmax cross-entropy and negative log-likelihood with {@link CrossEntropyOptions}: class
 * weights w [K] and label smoothing ε, as PyTorch 1.13's {@code F.cross_entropy(weight=,
 * label_smoothing=)} and {@code F.nll_loss(weight=)} compute them. With targets tᵢ = (1 − ε)·yᵢ +
 * ε/K (yᵢ the one-hot row of a class index, or the given row of probabilities),
 *
 * <pre>
 *   ℓᵢ = −Σₖ w_k·tᵢₖ·log pᵢₖ       (p = softmax(z), or the given probabilities' logs for NLL)
 * </pre>
 *
 * <p>SUM adds the ℓᵢ. MEAN divides their sum by a count that depends on the targets, as PyTorch's
 * does:
 *
 * <ul>
 *   <li>class indices: by Σᵢ w_{yᵢ}, the weights of the rows' own classes (the weighted mean;
 *       N without weights). Smoothing's share, −ε/K·Σₖ w_k log pᵢₖ per row, is divided by the
 *       same Σᵢ w_{yᵢ} (aten's {@code cross_entropy_loss_label_smoothing}), so the formula above
 *       is the whole loss;
 *   <li>rows of probabilities: by N, the number of rows, whatever the weights (aten's {@code
 *       cross_entropy_loss_prob_target}): a row has no one class whose weight it could count.
 * </ul>
 *
 * <p>NONE gives the ℓᵢ, the logits' shape without the class axis, undivided: with class weights
 * each row is w_{yᵢ}·(its unweighted loss) (smoothing's share weighted per class), PyTorch's
 * {@code reduction='none'} exactly. Their sum is SUM; their mean is MEAN for soft targets and for
 * class indices without weights, while the weighted mean is Σᵢ ℓᵢ / Σᵢ w_{yᵢ}.
 *
 * <p>An ignore index ({@link CrossEntropyOptions#withIgnoreIndex}, PyTorch's {@code
 * ignore_index}) takes the rows whose class-index target equals it out of all three: they add
 * nothing to the sum, a MEAN divides by the other rows (Σ w_{yᵢ} over them, with weights), and
 * NONE gives them 0, with no gradient. A MEAN whose rows are all ignored (or, with weights, all
 * ignored or weighing 0) is refused, where PyTorch gives NaN; rows of probabilities take no
 * ignore index.
 *
 * <p>So weights scale a soft-target loss as they scale a summed one, while the weighted mean of
 * class indices is invariant to scaling all weights, and is computed with the largest at 1, so
 * that weights of 1e38 or 1e-45 in float32 give the loss of weights of 1, and each row's
 * coefficient w_{yᵢ}/Σⱼ w_{yⱼ} is formed in float64, at most 1, so that a class weighing 1e-39
 * of the largest in float32 gets the subnormal gradients PyTorch gives it, and a batch of its
 * rows alone the plain mean's. Where the loss scales with the weights (SUM, NONE, rows of
 * probabilities), weights the prediction's type cannot carry are refused: a positive weight
 * below its smallest normal number, or a largest weight that summed over the rows passes its
 * range. Both are built from the library's ops (the
 * fused, stable {@link Variable#softmaxCrossEntropy(Tensor, Reduction)} over rows of w_k·tᵢₖ),
 * so gradients, and gradients of gradients, are the ops' own. The classes are the last axis:
 * logits [N, T, K] take indices [N, T] and their mean counts N·T rows (PyTorch puts the classes
 * on axis 1). Without weights or smoothing these are {@link Losses#softmaxCrossEntropy} and
 * {@link Losses#negativeLogLikelihood} exactly.
 */
public final class CrossEntropies {
  private CrossEntropies() {}

  /**
   * Softmax cross-entropy from logits with class weights and label smoothing (see {@link
   * CrossEntropies} for the formula and what MEAN divides by).
   *
   * @param logits unnormalised scores [N, K] (or [..., K]), K ≥ 2
   * @param target class indices [N] (the logits' shape without the last axis), or rows of
   *     probabilities like the logits
   * @param options the weights (one per class), ε and ignore index
   * @param reduction how the per-row losses are combined
   * @return the loss, a scalar graph node (the per-row losses for NONE)
   * @throws IllegalArgumentException naming softmaxCrossEntropy when the weights are not one per
   *     class, the shapes differ, there are fewer than 2 classes or no rows to average, a target
   *     is neither a class nor the ignore index or its row not a distribution, a mean of class
   *     indices would divide by 0 (every row ignored or its class weighing 0), an ignore index
   *     comes with rows of probabilities, or a weight is one the prediction's type cannot carry
   *     (above)
   */
  public static Variable softmaxCrossEntropy(Variable logits, Tensor target,
      CrossEntropyOptions options, Reduction reduction) {
    String loss = "softmaxCrossEntropy";
    checkNotNull(options, "%s: options are null", loss);
    if (options.isNone()) {
      return Losses.softmaxCrossEntropy(logits, target, reduction);
    }
    checkNotNull(logits, "%s: prediction is null", loss);
    checkArgument(logits.rank() > 0 && logits.shape().dim(-1) >= 2, "%s: logits %s hold fewer"
        + " than 2 classes: a classifier needs at least 2 (for one yes/no output use"
        + " binaryCrossEntropyWithLogits)", loss, logits.shape());
    Weighting weighting = Weighting.of(loss, logits, target, options, reduction);
    // An ignored row's logits are selected out, not only its coefficients zeroed: the fused
    // op's 0·log p of a row of −∞ (a masked position) is NaN, where PyTorch leaves the row out.
    Variable z = weighting.keptRows() == null ? logits : Variable.where(weighting.keptRows(),
        logits, Variable.constant(Tensors.zeros(Shape.scalar(), logits.dtype())));
    // The fused op sums; its per-row form is composed (PerSampleLosses), the same formula.
    Variable total = LossShapes.unsignedZeros(reduction == Reduction.NONE
        ? PerSampleLosses.softmaxCrossEntropyRows(z, weighting.coefficients())
        : z.softmaxCrossEntropy(weighting.coefficients(), Reduction.SUM));
    return weighting.divisor() == 1 ? total : total.div(weighting.divisor());
  }

  /**
   * Negative log-likelihood of log-probabilities with class weights, PyTorch's {@code
   * nll_loss(weight=)}, and label smoothing, which PyTorch's {@code nll_loss} does not take: here
   * it is defined so that of {@link Variable#logSoftmax(int) log-softmax(z)} this is {@link
   * #softmaxCrossEntropy} of z with the same options, as without them.
   *
   * @param logProbability log-probabilities [N, K] (or [..., K]), K ≥ 2
   * @param target class indices [N], or rows of probabilities like the prediction
   * @param options the weights (one per class), ε and ignore index
   * @param reduction how the per-row losses are combined
   * @return the loss, a scalar graph node (the per-row losses for NONE)
   * @throws IllegalArgumentException naming negativeLogLikelihood as {@link
   *     #softmaxCrossEntropy} does, and for a log-probability above 0
   */
  public static Variable negativeLogLikelihood(Variable logProbability, Tensor target,
      CrossEntropyOptions options, Reduction reduction) {
    String loss = "negativeLogLikelihood";
    checkNotNull(options, "%s: options are null", loss);
    if (options.isNone()) {
      return Losses.negativeLogLikelihood(logProbability, target, reduction);
    }
    Weighting weighting = Weighting.of(loss, logProbability, target, options, reduction);
    PredictionChecks.logProbabilities(loss, logProbability.value());
    Tensor c = weighting.coefficients();
    // Selected, not multiplied, where a class weighs nothing: 0·(−∞), a masked class's
    // log-probability, is NaN (as in Losses.negativeLogLikelihood).
    Variable terms = Variable.where(c, logProbability.mul(Variable.constant(c)),
        Variable.constant(Tensors.zeros(Shape.scalar(), logProbability.dtype())));
    Variable total = LossShapes.unsignedZeros(LossShapes.totalOfRows(terms, reduction).neg());
    return weighting.divisor() == 1 ? total : total.div(weighting.divisor());
  }

  /**
   * What a mean of class indices divides by, Σᵢ w_{yᵢ} with the largest weight at 1 (as the
   * loss computes it), over the rows an ignore index leaves (their count without weights), for
   * weighing batches' means against each other: finite and exact to rounding for weights of
   * any scale, where the weights' own sum overflowed at 1e308.
   *
   * @param target class indices that {@link #softmaxCrossEntropy} took
   * @param weights the class weights, not all 0, or null for none
   * @param options the options, whose ignore index (if any) leaves rows out
   * @param prediction the prediction the loss took with the target
   * @return the sum, 0 when every row that counts weighs 0 or every row is ignored
   */
  static double meanDivisor(Tensor target, Tensor weights, CrossEntropyOptions options,
      Tensor prediction) {
    IgnoredRows ignored = options.ignoreIndex().isEmpty() ? null
        : IgnoredRows.of("meanWeight", prediction.shape(), target,
            options.ignoreIndex().getAsInt());
    if (weights == null) {
      return ignored == null ? target.size() : ignored.keptCount();
    }
    Tensor perRow = atLargestOne(weights).take(0, ignored == null ? target : ignored.classes());
    return (ignored == null ? perRow : perRow.mul(ignored.kept())).sum().item();
  }

  /**
   * Refuses class weights further apart than a trainer that sums a weighted mean in parts
   * carries in {@code dtype}: a class weighing less than the type's smallest normal number as a
   * share of the largest weight. Such parts (Spark's shards) are summed losses weighted by the
   * shares, which refuse a weight below the smallest normal number (the type holds it with fewer
   * significant digits, or as 0, so its rows would be weighed wrongly), so Spark calls this
   * before any part is computed. The weighted mean itself, and so {@code Trainer}, takes such
   * weights, as PyTorch does: it divides each row's weight by the batch's sum in float64, before
   * the type holds it, so its gradients stay finite.
   *
   * @param loss the loss, for the message
   * @param weights the class weights, not all 0
   * @param dtype the type the loss is computed in
   * @throws IllegalArgumentException naming the loss, the class, its share of the largest, why a
   *     trainer summing parts cannot weigh it, and the factor within which the weights must lie
   */
  public static void requireWeightRatio(String loss, Tensor weights, DType dtype) {
    Tensor share = atLargestOne(weights);
    double smallest = dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    for (int k = 0; k < share.size(); k++) {
      double w = share.flatGet(k);
      if (w != 0 && w < smallest) {
        throw new IllegalArgumentException(loss + ": class " + k + " weighs " + w + " of the"
            + " largest class weight, below the smallest normal " + dtype + " number, "
            + smallest + ", which " + dtype + " holds only with fewer significant digits, or"
            + " as 0, so a trainer that sums the loss in parts weighted by the classes' shares"
            + " (Spark's shards) would weigh the class wrongly: weigh the classes within a factor"
            + " of " + 1 / smallest + " of each other");
      }
    }
  }

  /** The weights over their largest, which a weighted mean of class indices does not see. */
  private static Tensor atLargestOne(Tensor weights) {
    return weights.div(weights.max().item());
  }

  /**
   * The rows w_k·tᵢₖ the loss weighs −log pᵢₖ by, in the prediction's type, and what the sum is
   * divided by (1 for SUM and for NONE, whose rows PyTorch's 'none' leaves undivided too).
   */
  private record Weighting(Tensor coefficients, double divisor, Tensor keptRows) {
    static Weighting of(String loss, Variable prediction, Tensor target,
        CrossEntropyOptions options, Reduction reduction) {
      checkNotNull(prediction, "%s: prediction is null", loss);
      checkNotNull(target, "%s: target is null", loss);
      // Ignored rows become class 0 to pass the class check, and are zeroed below.
      IgnoredRows ignored = options.ignoreIndex().isPresent()
          ? IgnoredRows.of(loss, prediction.shape(), target, options.ignoreIndex().getAsInt())
          : null;
      Tensor rows = LossShapes.matching(loss, prediction,
          ignored == null ? target : ignored.classes(), true);
      LossShapes.checkAverageable(loss, prediction, reduction, false);
      int classes = prediction.shape().dim(-1);
      Tensor weights = options.classWeights();
      checkArgument(weights == null || weights.size() == classes, "%s: %s class weights for"
          + " a prediction %s of %s classes: give one weight per class", loss,
          weights == null ? 0 : weights.size(), prediction.shape(), classes);
      Tensor wide = rows.to(DType.FLOAT64);
      if (ignored != null) {
        wide = wide.mul(ignored.keptColumn());
      }
      boolean indices = !target.shape().equals(prediction.shape());
      boolean weightedMean = indices && weights != null && reduction == Reduction.MEAN;
      // A weighted mean of class indices does not change when every weight is scaled, so it is
      // computed with the largest weight at 1: weights of 1e38 (or 1e-45) in float32 then give
      // the loss of weights of 1, where Σ w·ℓ overflowed (or the weights underflowed) to NaN.
      if (weightedMean) {
        weights = atLargestOne(weights);
      }
      if (weights != null && !weightedMean) {
        requireRepresentable(loss, weights, prediction, reduction);
      }
      double epsilon = options.labelSmoothing();
      Tensor smoothed = epsilon == 0 ? wide : wide.mul(1 - epsilon).add(epsilon / classes);
      Tensor coefficients = weights == null ? smoothed : smoothed.mul(weights);
      if (ignored != null && epsilon != 0) {
        // Smoothing's ε/K would give an ignored (all-0) row mass again.
        coefficients = coefficients.mul(ignored.keptColumn());
      }
      double divisor = 1;
      if (reduction == Reduction.MEAN) {
        divisor = weightedMean ? wide.mul(weights).sum().item()
            : ignored != null ? ignored.keptCount() : LossShapes.rows(prediction);
        if (!(divisor > 0)) {
          throw new NothingCountedException(loss + ": " + nothingCounts(wide, ignored,
              options) + ", so the " + (weightedMean ? "weighted " : "") + "mean would divide"
              + " by 0: " + (ignored != null && ignored.keptCount() == 0
                  ? "train on batches that hold a row to count" : "give those classes weight")
              + ", or sum (Reduction.SUM)");
        }
        if (weightedMean) {
          // Divided here, in float64, not after the sum in the prediction's type: a batch whose
          // rows all weigh 1e-39 of the largest class divides by N·1e-39, whose reciprocal
          // float32 cannot hold (the gradients were ∞ and NaN), while w/Σw is at most 1.
          coefficients = coefficients.div(divisor);
          divisor = 1;
        }
      }
      return new Weighting(coefficients.to(prediction.dtype()), divisor,
          ignored == null ? null : ignored.keptColumn());
    }

    /** Why a mean has nothing to divide by: every row ignored, or weighing 0. */
    private static String nothingCounts(Tensor oneHot, IgnoredRows ignored,
        CrossEntropyOptions options) {
      String index = ignored == null ? "" : "the ignore index " + options.ignoreIndex().getAsInt();
      if (ignored != null && ignored.keptCount() == 0) {
        return "every target is " + index;
      }
      return "every target's class weighs 0 (classes " + presentClasses(oneHot) + ")"
          + (ignored == null ? "" : " or is " + index);
    }

    /**
     * Refuses weights the prediction's type cannot carry through a loss that scales with them
     * (SUM, NONE, rows of probabilities): a positive weight below its smallest normal number,
     * which the type holds with fewer significant digits or as 0 (in float32 1e-45 became
     * 1.4e-45 and 1e-300 became 0, weighing its rows 40% too much or not at all), or a largest
     * weight that over
     * the rows summed (one row for NONE) passes the type's range: a bound for losses of order 1
     * per row, which a sum of larger losses can still pass.
     */
    private static void requireRepresentable(String loss, Tensor weights, Variable prediction,
        Reduction reduction) {
      DType dtype = prediction.dtype();
      double smallest = dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
      double largest = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
      for (int k = 0; k < weights.size(); k++) {
        double w = weights.flatGet(k);
        if (w != 0 && w < smallest) {
          throw new IllegalArgumentException(loss + ": class " + k + "'s weight " + w + " is"
              + " below the smallest normal " + dtype + " number, " + smallest + ", which "
              + dtype + " holds only with fewer significant digits, or as 0, so its rows would be"
              + " weighed wrongly: scale the weights up");
        }
      }
      // A bound for losses of order 1 per row, not a guarantee: a row's −log p can reach 100s.
      double rows = reduction == Reduction.NONE ? 1 : Math.max(1, LossShapes.rows(prediction));
      double max = weights.max().item();
      checkArgument(max <= largest / rows, "%s: class weight %s%s passes the range of %s: the"
          + " %s would be infinite; scale the weights down", loss, max,
          rows == 1 ? "" : " over " + (long) rows + " rows", dtype,
          reduction == Reduction.NONE ? "rows' losses" : "summed loss");
    }

    /** The classes some target row holds, for the message. */
    private static List<Integer> presentClasses(Tensor oneHot) {
      Tensor counts = oneHot.reshape(-1, oneHot.shape().dim(-1)).sum(0, false);
      List<Integer> present = new ArrayList<>();
      for (int k = 0; k < counts.size(); k++) {
        if (counts.flatGet(k) > 0) {
          present.add(k);
        }
      }
      return present;
    }
  }
}
