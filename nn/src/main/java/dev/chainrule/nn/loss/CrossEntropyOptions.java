package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * What PyTorch's {@code nn.CrossEntropyLoss(weight=, label_smoothing=, ignore_index=)} adds to a
 * cross-entropy: a weight per class, label smoothing and a target value whose rows are ignored,
 * for {@link CrossEntropies} and {@link CrossEntropyLoss}. Made from {@link #none()} with the
 * withers:
 *
 * <pre>{@code
 * CrossEntropyOptions options = CrossEntropyOptions.none()
 *     .withClassWeights(1, 4, 0.5).withLabelSmoothing(0.1);
 * }</pre>
 *
 * <p>Weights are checked here, once, where a mistake is made: each must be finite and at least 0
 * (a negative weight rewards a wrong answer without bound, an infinite one makes the loss ∞ or
 * NaN whatever the logits), and not all 0 (the loss would be 0, or 0/0 for a weighted mean). A
 * class of weight 0 is allowed, as in PyTorch: its rows count for nothing. The smoothing ε lies
 * in [0, 1): PyTorch takes ε = 1 too, where every target becomes the uniform row and the labels
 * are ignored altogether, which is no training on the data.
 *
 * <p>An ignore index i ({@link #withIgnoreIndex}) is PyTorch's {@code ignore_index}: a row whose
 * class-index target is i adds no loss and no gradient, a MEAN divides by the other rows (by
 * their Σ w_y under class weights), smoothing skips it too, and {@code NONE} gives it a
 * loss of 0. Any int may be it: −100 as PyTorch's, 255 as segmentation masks', or a class in [0,
 * K) that should not be learned. The one difference from PyTorch: there is none by default,
 * where PyTorch's default is −100. A target outside [0, K) is refused unless it is the index
 * asked for, so that a stray −100 (or a label off by one) is named rather than silently left
 * out of the loss. The index applies to class-index targets only: rows of probabilities with an
 * ignore index are refused (PyTorch refuses them for an index ≥ 0; its −100 is always set, so it
 * cannot refuse that one).
 *
 * @param classWeights one weight per class [K] in float64, or null for none (every class 1)
 * @param labelSmoothing ε: targets become (1 − ε)·y + ε/K
 * @param ignoreIndex the class-index target whose rows are ignored, or empty for none
 */
public record CrossEntropyOptions(Tensor classWeights, double labelSmoothing,
    OptionalInt ignoreIndex) {
  private static final CrossEntropyOptions NONE =
      new CrossEntropyOptions(null, 0, OptionalInt.empty());

  /**
   * Checks the weights and ε and keeps the weights as a float64 vector.
   *
   * @param classWeights one weight per class [K], or null for none
   * @param labelSmoothing ε in [0, 1)
   * @param ignoreIndex the target whose rows are ignored, or empty for none (not null)
   * @throws IllegalArgumentException naming the first weight that is negative, infinite or NaN,
   *     weights that are not a vector of at least 2 classes or are all 0, or ε outside [0, 1)
   */
  public CrossEntropyOptions {
    checkNotNull(ignoreIndex, "cross-entropy options: ignore index is null (OptionalInt.empty()"
        + " for none)");
    checkArgument(labelSmoothing >= 0 && labelSmoothing < 1, "cross-entropy options: label"
        + " smoothing %s is not in [0, 1) (ε mixes (1 − ε)·target with ε/K; at 1 the labels"
        + " would count for nothing)", labelSmoothing);
    if (classWeights != null) {
      checkArgument(classWeights.rank() == 1 && classWeights.size() >= 2, "cross-entropy"
          + " options: class weights %s should be a vector of one weight per class (at least"
          + " 2)", classWeights.shape());
      // A copy of its own: tensors can be changed in place, and the loss must not change.
      classWeights = classWeights.dtype() == DType.FLOAT64 ? classWeights.copy()
          : classWeights.to(DType.FLOAT64);
      int bad = classWeights.indexOutside(0, Double.MAX_VALUE);
      if (bad >= 0) {
        throw new IllegalArgumentException("cross-entropy options: class weight "
            + classWeights.flatGet(bad) + " of class " + bad + " is not finite and ≥ 0 (a"
            + " weight scales its class's share of the loss)");
      }
      checkArgument(classWeights.max().item() > 0, "cross-entropy options: every class weight"
          + " is 0, so every loss would be 0 (and a weighted mean 0/0)");
    }
  }

  /**
   * The options without an ignore index, as they were made before there was one.
   *
   * @param classWeights one weight per class [K], or null for none
   * @param labelSmoothing ε in [0, 1)
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public CrossEntropyOptions(Tensor classWeights, double labelSmoothing) {
    this(classWeights, labelSmoothing, OptionalInt.empty());
  }

  /**
   * No weights, no smoothing and no ignore index: the plain cross-entropy.
   *
   * @return the options that change nothing
   */
  public static CrossEntropyOptions none() {
    return NONE;
  }

  /**
   * These options with a weight per class.
   *
   * @param weights one weight per class, finite and at least 0, not all 0
   * @return the options with them
   * @throws IllegalArgumentException as the constructor does
   */
  public CrossEntropyOptions withClassWeights(double... weights) {
    checkNotNull(weights, "cross-entropy options: class weights are null");
    return withClassWeights(Tensor.vector(weights));
  }

  /**
   * These options with a weight per class.
   *
   * @param weights one weight per class [K], finite and at least 0, not all 0; null for none
   * @return the options with them
   * @throws IllegalArgumentException as the constructor does
   */
  public CrossEntropyOptions withClassWeights(Tensor weights) {
    return new CrossEntropyOptions(weights, labelSmoothing, ignoreIndex);
  }

  /**
   * These options with label smoothing ε.
   *
   * @param epsilon ε in [0, 1); 0 for none
   * @return the options with it
   * @throws IllegalArgumentException when ε is outside [0, 1) or NaN
   */
  public CrossEntropyOptions withLabelSmoothing(double epsilon) {
    return new CrossEntropyOptions(classWeights, epsilon, ignoreIndex);
  }

  /**
   * These options with an ignore index: rows whose class-index target is {@code index} count for
   * nothing (no loss, no gradient, not in a mean's divisor; 0 under NONE), PyTorch's {@code
   * ignore_index}. Unlike PyTorch there is none unless asked for (see the class comment).
   *
   * @param index the target value to ignore, any int (−100 is PyTorch's default)
   * @return the options with it
   */
  public CrossEntropyOptions withIgnoreIndex(int index) {
    return new CrossEntropyOptions(classWeights, labelSmoothing, OptionalInt.of(index));
  }

  /**
   * These options without an ignore index: every target must be a class.
   *
   * @return the options without one
   */
  public CrossEntropyOptions withoutIgnoreIndex() {
    return new CrossEntropyOptions(classWeights, labelSmoothing, OptionalInt.empty());
  }

  /**
   * Whether these options change nothing (no weights, ε = 0, no ignore index): the loss is then
   * the plain one.
   *
   * @return whether there are neither weights nor smoothing nor an ignore index
   */
  public boolean isNone() {
    return classWeights == null && labelSmoothing == 0 && ignoreIndex.isEmpty();
  }

  /**
   * The weights, a copy (the options keep their own, which nothing changes in place).
   *
   * @return the weights [K] in float64, or null without weights
   */
  @Override
  public Tensor classWeights() {
    return classWeights == null ? null : classWeights.copy();
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "no options";
    }
    String weights = classWeights == null
        ? ""
        : "class weights " + Arrays.toString(classWeights.toArray());
    String smoothing = labelSmoothing == 0 ? "" : "label smoothing " + labelSmoothing;
    String ignore = ignoreIndex.isEmpty() ? "" : "ignore index " + ignoreIndex.getAsInt();
    return String.join(", ", Stream.of(weights, smoothing, ignore)
        .filter(part -> !part.isEmpty()).toList());
  }
}
