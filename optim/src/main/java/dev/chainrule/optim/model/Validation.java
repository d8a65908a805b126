package dev.chainrule.optim.model;

/**
 * Training rows held out to choose the epoch ({@code --validation}) and when to stop choosing
 * ({@code --patience}). The epoch is chosen on rows of its own, never on the test rows: a test
 * score from the epoch that scored best on the test rows would flatter the model.
 *
 * @param fraction the share of the training rows held out, in [0, 1); 0 holds none out
 * @param patience epochs without a better validation loss before the run stops and keeps its
 *     best epoch's weights; 0 trains every epoch and keeps the last
 */
public record Validation(double fraction, int patience) {
  /** No rows held out, every epoch trained: the curves show the test rows, as before. */
  public static final Validation NONE = new Validation(0, 0);

  /**
   * Checks the ranges; the command lines turn a violation into a usage error.
   *
   * @param fraction the share of the training rows held out, in [0, 1)
   * @param patience epochs without a better validation loss before the run stops; 0 never stops
   *     early, and more than 0 needs a fraction
   * @throws IllegalArgumentException when the fraction is outside [0, 1), or the patience is
   *     negative or set without a fraction
   */
  public Validation {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "--validation must be at least 0 and below 1, got " + fraction);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("--patience must not be negative, got " + patience);
    }
    if (patience > 0 && fraction == 0) {
      throw new IllegalArgumentException("--patience needs --validation FRACTION: the epoch to"
          + " stop at is chosen on held-out training rows, as choosing it on the test rows would"
          + " flatter the test score");
    }
  }

  /**
   * Whether rows are held out.
   *
   * @return true when the fraction is positive
   */
  public boolean holdsOut() {
    return fraction > 0;
  }

  /**
   * Whether the run may stop early and keep its best epoch's weights.
   *
   * @return true when the patience is positive
   */
  public boolean stopsEarly() {
    return patience > 0;
  }
}
