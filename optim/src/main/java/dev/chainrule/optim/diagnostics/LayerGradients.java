package dev.chainrule.optim.diagnostics;

import java.util.List;

/**
 * The gradient statistics of one layer's weight matrix, one value per epoch.
 *
 * @param layer "layer 1" for the weight nearest the input, then "layer 2" and so on
 * @param parameter the weight's dotted name in the model, such as {@code 0.weight}
 * @param meanAbsoluteGradient mean over the weight's entries of |∂loss/∂w|, averaged over the
 *     epoch's sampled batches
 * @param gradientToWeightRatio ‖∂loss/∂W‖ / ‖W‖ (Frobenius norms), averaged likewise: the relative
 *     size of a plain gradient step before the learning rate scales it
 */
public record LayerGradients(String layer, String parameter, List<Double> meanAbsoluteGradient,
    List<Double> gradientToWeightRatio) {
  /**
   * Copies the lists, so the record stays as it was made.
   *
   * @param gradientToWeightRatio a value per epoch
   * @param layer "layer 1" for the weight nearest the input, then "layer 2" and so on
   * @param meanAbsoluteGradient a value per epoch
   * @param parameter the weight's dotted name in the model
   */
  public LayerGradients {
    meanAbsoluteGradient = List.copyOf(meanAbsoluteGradient);
    gradientToWeightRatio = List.copyOf(gradientToWeightRatio);
  }
}
