package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.TorchFixtures;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Softmax cross-entropy with class weights and label smoothing, and negative log-likelihood with
 * class weights, against PyTorch 1.13's {@code F.cross_entropy(weight=, label_smoothing=)} and
 * {@code F.nll_loss(weight=)}: class indices and probability rows, MEAN and SUM, [N, K] and a
 * sequence's [N, T, K], float64 and float32. The loss and its gradient with respect to the
 * prediction equal PyTorch's. The numbers come from {@code
 * src/test/resources/torch/cross_entropy_options.py} (run once; its docstring has the command).
 * Class 2 weighs 0 and is among the targets: a weighted mean that counted its rows, or smoothing
 * that spread unweighted mass onto it, differs from PyTorch by 10% or more.
 *
 * <p>Tolerances, of each tensor's largest absolute value (or of 1, if that is smaller): float64
 * 1e-14. Both sides form the same log-softmax and weighted sums of at most 105 terms in another
 * order, a few ulps (1e-16 relative) each; the largest difference measured is 3.3e-16 (the
 * gradient of a summed smoothed soft-target loss), so 1e-14 leaves a margin of 30. Float32 1e-6:
 * float32 rounds to 6e-8 relative, the coefficients w·((1 − ε)·y + ε/K) are rounded once here
 * (formed in float64, then converted) where PyTorch rounds each float32 product, and sums of 35
 * terms round in another order; the largest difference measured is 1.2e-7 (two ulps, the gradient
 * of a summed loss), a margin of 8. A wrong divisor is off by 14% (below).
 */
class PyTorchCrossEntropyOptionsTest {
  private static final double FLOAT64_TOLERANCE = 1e-14;
  private static final double FLOAT32_TOLERANCE = 1e-6;
  private static final Map<String, Tensor> TORCH =
      TorchFixtures.read("/torch/cross_entropy_options.txt");

  @ParameterizedTest
  @ValueSource(strings = {"ce_index_mean_weight", "ce_index_sum_weight", "ce_index_mean_smooth",
      "ce_index_sum_smooth", "ce_index_mean_both", "ce_index_sum_both", "ce_soft_mean_weight",
      "ce_soft_sum_weight", "ce_soft_mean_smooth", "ce_soft_sum_smooth", "ce_soft_mean_both",
      "ce_soft_sum_both", "ce_index_mean_both_sequence", "ce_soft_mean_both_sequence",
      "ce_index_mean_both_float32", "ce_index_sum_both_float32", "ce_soft_mean_both_float32",
      "ce_soft_sum_both_float32", "nll_index_mean_weight", "nll_index_sum_weight"})
  void lossAndGradientArePyTorchs(String name) {
    DType dtype = name.endsWith("float32") ? DType.FLOAT32 : DType.FLOAT64;
    double tolerance = dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
    CrossEntropyOptions options = CrossEntropyOptions.none()
        .withClassWeights(TORCH.get(name + "/weight"))
        .withLabelSmoothing(torch(name + "/smoothing").item());
    Reduction reduction = name.contains("_sum") ? Reduction.SUM : Reduction.MEAN;
    CrossEntropyLoss loss = (name.startsWith("nll") ? Loss.negativeLogLikelihood(options)
        : Loss.softmaxCrossEntropy(options)).withReduction(reduction);
    // float32 values were written as the doubles they widen to: converting back is exact.
    Variable input = Variable.parameter(torch(name + "/input").to(dtype));
    Variable value = loss.compute(input, torch(name + "/target"));
    value.backward();
    assertEquals(dtype, value.dtype(), name);
    assertClose(name + "/loss", value.value(), tolerance);
    assertClose(name + "/grad", input.grad(), tolerance);
  }

  /**
   * The fixture holds what the cases say: class 2 weighs 0 and is a target, so PyTorch's mean of
   * class indices is the sum over Σᵢ w_{yᵢ}, not over the N = 7 rows (which would differ by
   * more than 0.1), and its mean of soft targets is the sum over N however the classes weigh.
   * The sums are this library's, held to PyTorch's by the cases above.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ce_index_mean_weight", "ce_soft_mean_weight"})
  void theFixtureTellsTheTwoMeansApart(String name) {
    Tensor weights = torch(name + "/weight");
    assertEquals(0, weights.flatGet(2));
    double sum = CrossEntropies.softmaxCrossEntropy(Variable.constant(torch(name + "/input")),
        torch(name + "/target"), CrossEntropyOptions.none().withClassWeights(weights),
        Reduction.SUM).item();
    double mean = torch(name + "/loss").item();
    if (name.startsWith("ce_index")) {
      // Σᵢ w_{yᵢ} for classes 0 2 1 4 2 3 1: 0.5 + 0 + 2 + 3 + 0 + 1.25 + 2 = 8.75.
      assertEquals(sum / 8.75, mean, 1e-14 * sum, "weighted mean");  // as the cases' tolerance
      assertTrue(Math.abs(mean - sum / 7) > 0.1, "the plain mean would differ by far");
    } else {
      assertEquals(sum / 7, mean, 1e-14 * sum, "a soft-target mean divides by N");
    }
  }

  private static Tensor torch(String key) {
    return TorchFixtures.get(TORCH, key);
  }

  private static void assertClose(String key, Tensor actual, double tolerance) {
    TorchFixtures.assertClose(TORCH, key, actual, tolerance);
  }
}
