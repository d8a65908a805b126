package dev.chainrule.optim.diagnostics;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;

/**
 * The distribution of one hidden layer's activations over a batch of inputs, at one moment of
 * training.
 *
 * @param layer "hidden 1" for the activation nearest the input, then "hidden 2" and so on
 * @param activation the layer's activation function
 * @param binCentres [B] the centre of each histogram bin, increasing
 * @param fractions [B] the share of the finite activation values in each bin; they sum to 1
 *     (all 0 when no value is finite, as in a network that diverged)
 * @param saturated for sigmoid and tanh, the share of values within 1% of the function's range
 *     of a bound (where the derivative is at most about 4% of its peak and gradients vanish); NaN
 *     for other activations
 * @param deadUnits for ReLU, the share of units that output 0 for every input of the batch (they
 *     pass no gradient and cannot recover); NaN for other activations
 */
public record ActivationSnapshot(String layer, Activation.Kind activation, Tensor binCentres,
    Tensor fractions, double saturated, double deadUnits) {
  /** Histogram bins. */
  public static final int BINS = 40;

  /**
   * The statistics of {@code values}.
   *
   * @param layer the layer's name
   * @param activation the function that produced the values
   * @param values [N, U] the activations of U units for N inputs; values that are not finite
   *     (a network that diverged) are left out of the histogram
   * @return the snapshot
   */
  public static ActivationSnapshot of(String layer, Activation.Kind activation, Tensor values) {
    checkArgument(values.rank() == 2 && values.size() > 0,
        "activation snapshot: %s: values must be [N, U] and not empty, got %s", layer,
        values.shape());
    Tensor flat = values.reshape(values.size());
    Tensor finite = flat.map(v -> Double.isFinite(v) ? 1 : 0);
    double finiteCount = finite.sum().item();
    double[] range = range(activation, flat.map(v -> Double.isFinite(v) ? v : Double.NaN),
        finiteCount);
    double width = (range[1] - range[0]) / BINS;
    // Bin i holds [low + i·width, low + (i+1)·width); the top value goes into the last bin.
    // A value that is not finite goes to bin 0 with weight 0.
    Tensor bin = flat.map(v -> Double.isFinite(v) ? v : range[0]).sub(range[0]).div(width)
        .map(Math::floor).maximum(Tensor.scalar(0)).minimum(Tensor.scalar(BINS - 1));
    Tensor counts = Tensors.zeros(BINS).indexAdd(0, bin, finite);
    Tensor centres = Tensors.linspace(range[0] + width / 2, range[1] - width / 2, BINS);
    return new ActivationSnapshot(layer, activation, centres,
        finiteCount > 0 ? counts.div(finiteCount) : counts,
        saturated(activation, flat), deadUnits(activation, values));
  }

  /**
   * The histogram's range: a bounded function's own range, otherwise the range of the finite
   * values ({@code flat} has NaN in place of the others).
   */
  private static double[] range(Activation.Kind activation, Tensor flat, double finiteCount) {
    switch (activation) {
      case SIGMOID:
        return new double[] {0, 1};
      case TANH:
        return new double[] {-1, 1};
      default:
        if (finiteCount == 0) {
          return new double[] {-0.5, 0.5};
        }
        double low = flat.map(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v).min().item();
        double high = flat.map(v -> Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v).max().item();
        return high > low ? new double[] {low, high} : new double[] {low - 0.5, low + 0.5};
    }
  }

  private static double saturated(Activation.Kind activation, Tensor flat) {
    return switch (activation) {
      case SIGMOID -> flat.lt(0.01).add(flat.gt(0.99)).mean().item();
      case TANH -> flat.abs().gt(0.98).mean().item();
      default -> Double.NaN;
    };
  }

  private static double deadUnits(Activation.Kind activation, Tensor values) {
    return activation == Activation.Kind.RELU ? values.max(0, false).le(0).mean().item()
        : Double.NaN;
  }
}
