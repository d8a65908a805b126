package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.Function;

/**
 * The options of a {@link BatchNorm1d} or {@link BatchNorm2d}, PyTorch's keyword arguments, with
 * PyTorch's defaults: ε 1e-5 ({@code eps}), momentum 0.1, affine, running statistics kept.
 * {@link #cumulativeAverage()} is PyTorch's {@code momentum=None} and {@link
 * #trackRunningStatistics trackRunningStatistics(false)} its {@code track_running_stats=False}.
 * Settings that would have no effect together are refused by {@link #build()}, naming the layer
 * and the values, rather than one of them being quietly ignored as PyTorch does: a momentum with
 * the cumulative average, and a momentum or the cumulative average without running statistics.
 *
 * @param <T> the layer built
 */
public final class BatchNormBuilder<T extends BatchNorm> {
  private final String kind;
  private final int features;
  private final Function<BatchNormBuilder<T>, T> make;
  private double eps = BatchNorm.DEFAULT_EPS;
  /** Null until given: the refusals below need to tell a given momentum from the default. */
  private Double momentum;
  private boolean cumulativeAverage;
  private boolean affine = true;
  private boolean runningStatistics = true;

  BatchNormBuilder(String kind, int features, Function<BatchNormBuilder<T>, T> make) {
    checkArgument(features > 0, "%s: features must be positive, got %s", kind, features);
    this.kind = kind;
    this.features = features;
    this.make = make;
  }

  /**
   * ε, added to the variance before its square root.
   *
   * @param value finite and positive (at 0 a channel of equal values would give 0/0)
   * @return this builder
   */
  public BatchNormBuilder<T> eps(double value) {
    checkArgument(value > 0 && Double.isFinite(value), "%s: eps must be finite and positive, got"
        + " %s (a channel of equal values has variance 0, and x̂ = 0/√(0 + eps))", kind, value);
    this.eps = value;
    return this;
  }

  /**
   * The weight of each training batch's statistics in the running ones: r ← (1 − m)·r + m·s.
   *
   * @param value in [0, 1]
   * @return this builder
   */
  public BatchNormBuilder<T> momentum(double value) {
    checkArgument(value >= 0 && value <= 1, "%s: momentum must lie in [0, 1], got %s", kind,
        value);
    this.momentum = value;
    return this;
  }

  /**
   * Running statistics that are the plain average of every training batch's so far, PyTorch's
   * {@code momentum=None}: the n-th batch (counted by {@code num_batches_tracked}, which a
   * checkpoint carries on) is weighted 1/n, r ← (1 − 1/n)·r + s/n.
   *
   * @return this builder
   */
  public BatchNormBuilder<T> cumulativeAverage() {
    this.cumulativeAverage = true;
    return this;
  }

  /**
   * Whether the layer has {@code weight} and {@code bias} (PyTorch's {@code affine}).
   *
   * @param withParameters false for none: the output is the standardized input
   * @return this builder
   */
  public BatchNormBuilder<T> affine(boolean withParameters) {
    this.affine = withParameters;
    return this;
  }

  /**
   * Whether the layer keeps {@code running_mean}, {@code running_var} and {@code
   * num_batches_tracked} (PyTorch's {@code track_running_stats}). Without them it has no buffers
   * at all, its state dict holds {@code weight} and {@code bias} only, and it normalizes with the
   * batch's statistics in evaluation mode too, as PyTorch does: its evaluation output then
   * depends on the rest of the batch.
   *
   * @param keep false for none
   * @return this builder
   */
  public BatchNormBuilder<T> trackRunningStatistics(boolean keep) {
    this.runningStatistics = keep;
    return this;
  }

  /**
   * The layer.
   *
   * @return the layer, with weight 1, bias 0, running mean 0 and running variance 1
   * @throws IllegalArgumentException for settings that cannot all take effect
   */
  public T build() {
    String layer = kind + "(" + features + ")";
    checkArgument(!(momentum != null && cumulativeAverage), "%s: momentum %s and"
        + " cumulativeAverage() exclude each other: the cumulative average weighs the n-th batch"
        + " by 1/n (PyTorch's momentum=None)", layer, momentum);
    checkArgument(runningStatistics || momentum == null, "%s: momentum %s with"
        + " trackRunningStatistics(false): there are no running statistics for it to move", layer,
        momentum);
    checkArgument(runningStatistics || !cumulativeAverage, "%s: cumulativeAverage() with"
        + " trackRunningStatistics(false): there are no running statistics to average", layer);
    // Every tensor the layer holds has one element per feature; with none (no affine parameters,
    // no running statistics) any count works, as in PyTorch. Past an array, the factory's own
    // refusal ("ones: [2147483647] holds ...") named no layer.
    if (affine) {
      ParameterSizes.checkFits(layer, "a weight of " + features, features);
    } else if (runningStatistics) {
      ParameterSizes.checkFits(layer, "running statistics of " + features, features);
    }
    return make.apply(this);
  }

  String kind() {
    return kind;
  }

  int features() {
    return features;
  }

  double epsValue() {
    return eps;
  }

  /** The momentum of an exponential average, NaN when there is none to keep. */
  double momentumValue() {
    if (cumulativeAverage || !runningStatistics) {
      return Double.NaN;
    }
    return momentum == null ? BatchNorm.DEFAULT_MOMENTUM : momentum;
  }

  boolean isCumulativeAverage() {
    return cumulativeAverage;
  }

  boolean isAffine() {
    return affine;
  }

  boolean keepsRunningStatistics() {
    return runningStatistics;
  }
}
