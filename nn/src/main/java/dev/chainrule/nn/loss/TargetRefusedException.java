package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * A loss's refusal of a target value: a class index that is no class, a probability outside [0,
 * 1], a row of class probabilities that does not sum to 1. The message names the place in the
 * target tensor, e.g. {@code softmaxCrossEntropy: target 5.0 at [14] is not a class index for 3
 * classes (whole numbers 0 to 2)}; {@link #position} gives it as numbers, so that a training loop,
 * which knows which row of its data set each row of a batch is, can name that row instead ({@link
 * #messageAt}): position [14] of a shuffled batch sent its user to row 14 of the data.
 *
 * <p>An {@link IllegalArgumentException}, as the losses' other refusals of their inputs are.
 */
public final class TargetRefusedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The message up to the place, e.g. {@code softmaxCrossEntropy: target 5.0 at }. */
  private final String before;
  /** The index in the target (or in its rows, for a row's sum); the first is the batch row. */
  private final int[] position;
  /** The message after the place, e.g. {@code  is not a class index for 3 classes ...}. */
  private final String after;

  /**
   * A refusal whose message is {@code before + place + after}.
   *
   * @param before the message up to the place
   * @param place how the plain message names the position: {@code [14]}, or {@code row [3]}
   *     for a row's sum
   * @param position the offending index in the target tensor
   * @param after the rest of the message
   */
  TargetRefusedException(String before, String place, int[] position, String after) {
    super(before + place + after);
    this.before = checkNotNull(before);
    this.position = position.clone();
    this.after = checkNotNull(after);
  }

  /** A refusal naming the position as an index, {@code [14]} or {@code [14, 2]}. */
  static TargetRefusedException at(String before, int[] position, String after) {
    return new TargetRefusedException(before, Arrays.toString(position), position, after);
  }

  /**
   * The offending index in the target tensor, or for a row that is not a distribution, the row's
   * index (the target's without its last axis). With targets batched along their first axis, its
   * first element is the sample's position in the batch; empty for a scalar target (one sample).
   *
   * @return a copy of the index
   */
  public int[] position() {
    return position.clone();
  }

  /**
   * The message, naming the place otherwise, e.g. {@code messageAt("row 3737 of the training data
   * ([14] of the batch)")} gives {@code softmaxCrossEntropy: target 5.0 at row 3737 of the
   * training data ([14] of the batch) is not a class index for 3 classes (whole numbers 0 to 2)}.
   *
   * @param where what takes the place of the position, a row's ({@code row [3]} in {@code
   *     target row [3] sums to 0.5} is replaced whole, so that it reads {@code target row 3737 of
   *     ... sums to 0.5})
   * @return the message with {@code where} for the position
   */
  public String messageAt(String where) {
    checkNotNull(where, "TargetRefusedException: where is null");
    return before + where + after;
  }
}
