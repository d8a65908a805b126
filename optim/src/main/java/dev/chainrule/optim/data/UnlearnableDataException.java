package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Data that reads correctly but cannot give a meaningful model or score: refused before training,
 * because a run on it would end with an accuracy of 1.0 for one class, a NaN score for an empty
 * test part, or hundreds of "classes" made from a real-valued column. {@link #reason()} tells
 * callers which case it is, so a program can add advice in its own terms.
 */
public final class UnlearnableDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the data cannot be learned. */
  public enum Reason {
    /** No feature column is left (only the label, or every other column dropped). */
    NO_FEATURES,
    /** Too few rows to hold out a test part and still train. */
    TOO_FEW_ROWS,
    /** A single class, or a regression target with a single value: nothing to learn. */
    ONE_VALUE,
    /** Class labels that look like measurements: many distinct numbers, few rows each. */
    CONTINUOUS_LABEL,
    /** Class labels that look like names or ids: many distinct texts, mostly one row each. */
    IDENTIFYING_LABEL,
    /** Every feature holds one value in all rows: no input tells one label from another. */
    CONSTANT_FEATURES,
    /** A regression target whose values standardisation would merge (an extreme outlier). */
    UNRESOLVED_TARGET
  }

  /** Why. */
  private final Reason reason;

  /**
   * The data is refused for {@code reason}, explained by {@code message}.
   *
   * @param message the one line for people
   * @param reason why the data cannot be learned
   */
  public UnlearnableDataException(Reason reason, String message) {
    super(message);
    this.reason = checkNotNull(reason, "reason is null");
  }

  /**
   * Which of the refusals this is.
   *
   * @return why the data cannot be learned
   */
  public Reason reason() {
    return reason;
  }
}
