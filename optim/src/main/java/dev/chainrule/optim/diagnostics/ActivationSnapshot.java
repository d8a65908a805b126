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
 * @param fractions [B] the share of all activation values in each bin; they sum to 1
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
   * @param values [N, U] the activations of U units for N inputs, all finite
   * @return the snapshot
   */
  public static ActivationSnapshot of(String layer, Activation.Kind activation, Tensor values) {
    checkArgument(values.rank() == 2 && values.size() > 0,
        "activation snapshot: %s: values must be [N, U] and not empty, got %s", layer,
        values.shape());
    Tensor flat = values.reshape(values.size());
    double[] range = range(activation, flat);
    double width = (range[1] - range[0]) / BINS;
    // Bin i holds [low + i·width, low + (i+1)·width); the top value goes into the last bin.
    Tensor bin = flat.sub(range[0]).div(width).map(Math::floor).maximum(Tensor.scalar(0))
        .minimum(Tensor.scalar(BINS - 1));
    Tensor counts = Tensors.zeros(BINS).indexAdd(0, bin, Tensors.ones(flat.size()));
    Tensor centres = Tensors.linspace(range[0] + width / 2, range[1] - width / 2, BINS);
    return new ActivationSnapshot(layer, activation, centres, counts.div(flat.size()),
        saturated(activation, flat), deadUnits(activation, values));
  }

  /** The histogram's range: a bounded function's own range, otherwise the values' range. */
  private static double[] range(Activation.Kind activation, Tensor flat) {
    switch (activation) {
      case SIGMOID:
        return new double[] {0, 1};
      case TANH:
        return new double[] {-1, 1};
      default:
        double low = flat.min().item();
        double high = flat.max().item();
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
