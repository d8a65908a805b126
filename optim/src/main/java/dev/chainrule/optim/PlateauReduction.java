package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * When and how far a {@link PlateauScheduler} lowers the learning rate once a watched figure
 * stops improving: PyTorch's {@code ReduceLROnPlateau} settings, with its defaults. A value:
 * {@code PlateauReduction.of(0.5, 3).withCooldown(2)} prints and compares as one.
 *
 * <p>The rule, PyTorch 1.13's, after every epoch's figure x: x improves on the best so far b when
 * x &lt; b·(1 − threshold) (relative) or x &lt; b − threshold (absolute), and x &gt; b·(1 +
 * threshold) or x &gt; b + threshold for a figure where higher is better; b starts at +∞ (−∞), so
 * the first finite figure improves, and NaN never does. An epoch that does not improve is bad;
 * during a cooldown bad epochs are not counted. When more than {@code patience} epochs in a row
 * are bad, the rate η becomes max(η·factor, minRate), unless that lowers it by {@code eps} or less
 * (then it stays), and a cooldown of {@code cooldown} epochs begins.
 *
 * <p>A relative threshold scales with |b| the wrong way for a negative figure (a log-likelihood
 * loss can be one): b·(1 − threshold) lies above b, so a figure slightly worse than the best
 * counts as better, as in PyTorch. Watch such a figure with an absolute threshold.
 *
 * @param factor the factor η is multiplied by, in (0, 1)
 * @param patience bad epochs tolerated before a reduction, at least 0 (0 reduces after each)
 * @param threshold the least improvement that counts, relative or absolute, at least 0 (below 1
 *     when relative, where 1 would ask a positive loss to fall below 0)
 * @param relativeThreshold whether the threshold is relative to the best figure (PyTorch's
 *     {@code threshold_mode='rel'}) or absolute ({@code 'abs'}, as Keras's {@code min_delta})
 * @param cooldown epochs after a reduction during which bad epochs are not counted, at least 0
 * @param minRate the rate is never reduced below this, finite and at least 0
 * @param eps a reduction by this much or less is skipped, finite and at least 0
 */
public record PlateauReduction(double factor, int patience, double threshold,
    boolean relativeThreshold, int cooldown, double minRate, double eps) {
  /** PyTorch's default threshold, relative: an improvement of 0.01 % of the best counts. */
  public static final double THRESHOLD = 1e-4;
  /** PyTorch's default eps: a reduction by 10⁻⁸ or less is skipped. */
  public static final double EPS = 1e-8;

  /**
   * Checks the settings.
   *
   * @param factor the factor η is multiplied by
   * @param patience bad epochs tolerated before a reduction
   * @param threshold the least improvement that counts
   * @param relativeThreshold whether the threshold is relative
   * @param cooldown epochs after a reduction without counting
   * @param minRate the lowest rate a reduction gives
   * @param eps the largest reduction that is skipped
   */
  public PlateauReduction {
    // At 1 nothing would change; at 0 or below the rate would jump to the minimum or below 0.
    checkArgument(factor > 0 && factor < 1,
        "plateau reduction: the factor must be in (0, 1), got %s", factor);
    checkArgument(patience >= 0, "plateau reduction: the patience must not be negative, got %s",
        patience);
    // A negative threshold would count a worse figure as better; NaN would count none.
    checkArgument(threshold >= 0 && threshold < (relativeThreshold ? 1 : Double.POSITIVE_INFINITY),
        "plateau reduction: the %s threshold must be in %s, got %s",
        relativeThreshold ? "relative" : "absolute", relativeThreshold ? "[0, 1)" : "[0, ∞)",
        threshold);
    checkArgument(cooldown >= 0, "plateau reduction: the cooldown must not be negative, got %s",
        cooldown);
    checkArgument(minRate >= 0 && minRate < Double.POSITIVE_INFINITY,
        "plateau reduction: the minimum rate must be finite and non-negative, got %s", minRate);
    checkArgument(eps >= 0 && eps < Double.POSITIVE_INFINITY,
        "plateau reduction: eps must be finite and non-negative, got %s", eps);
  }

  /**
   * A reduction by {@code factor} after more than {@code patience} bad epochs, with PyTorch's
   * other defaults: relative threshold 10⁻⁴, no cooldown, minimum rate 0, eps 10⁻⁸.
   *
   * @param factor the factor η is multiplied by, in (0, 1) (PyTorch's default is 0.1)
   * @param patience bad epochs tolerated, at least 0 (PyTorch's default is 10)
   * @return the settings
   */
  public static PlateauReduction of(double factor, int patience) {
    return new PlateauReduction(factor, patience, THRESHOLD, true, 0, 0, EPS);
  }

  /**
   * These settings with a threshold relative to the best figure.
   *
   * @param newThreshold the least relative improvement that counts, in [0, 1)
   * @return the settings
   */
  public PlateauReduction withRelativeThreshold(double newThreshold) {
    return new PlateauReduction(factor, patience, newThreshold, true, cooldown, minRate, eps);
  }

  /**
   * These settings with an absolute threshold.
   *
   * @param newThreshold the least improvement that counts, finite and at least 0
   * @return the settings
   */
  public PlateauReduction withAbsoluteThreshold(double newThreshold) {
    return new PlateauReduction(factor, patience, newThreshold, false, cooldown, minRate, eps);
  }

  /**
   * These settings with a cooldown after each reduction.
   *
   * @param epochs epochs whose bad figures are not counted, at least 0
   * @return the settings
   */
  public PlateauReduction withCooldown(int epochs) {
    return new PlateauReduction(factor, patience, threshold, relativeThreshold, epochs, minRate,
        eps);
  }

  /**
   * These settings with a floor under the rate.
   *
   * @param rate the lowest rate a reduction gives, finite and at least 0
   * @return the settings
   */
  public PlateauReduction withMinRate(double rate) {
    return new PlateauReduction(factor, patience, threshold, relativeThreshold, cooldown, rate,
        eps);
  }

  /**
   * These settings with another smallest reduction.
   *
   * @param newEps a reduction by this much or less is skipped, finite and at least 0
   * @return the settings
   */
  public PlateauReduction withEps(double newEps) {
    return new PlateauReduction(factor, patience, threshold, relativeThreshold, cooldown, minRate,
        newEps);
  }

  /**
   * Whether {@code value} improves on {@code best} by more than the threshold (PyTorch's {@code
   * is_better}).
   *
   * @param value the epoch's figure
   * @param best the best figure so far, ±∞ before the first
   * @param higherIsBetter whether the figure is to be maximised (an accuracy)
   * @return whether the figure is an improvement
   */
  public boolean improves(double value, double best, boolean higherIsBetter) {
    if (higherIsBetter) {
      return relativeThreshold ? value > best * (1 + threshold) : value > best + threshold;
    }
    return relativeThreshold ? value < best * (1 - threshold) : value < best - threshold;
  }

  /**
   * The rate after a reduction of {@code rate}: max(rate·factor, minRate), or {@code rate} itself
   * when that lowers it by {@code eps} or less (or would raise it, from below the minimum).
   *
   * @param rate the current rate
   * @return the reduced rate
   */
  public double reduce(double rate) {
    double reduced = Math.max(rate * factor, minRate);
    return rate - reduced > eps ? reduced : rate;
  }
}
