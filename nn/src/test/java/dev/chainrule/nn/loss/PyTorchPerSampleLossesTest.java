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
 * {@link Reduction#NONE} against PyTorch 1.13's {@code reduction='none'}, from {@code
 * src/test/resources/torch/per_sample_losses.py} (run once; its docstring has the command). For
 * cross_entropy (class weights, label smoothing, a sequence's [N, T, K]) and nll_loss PyTorch's
 * 'none' is the per-row losses, ours exactly; for mse_loss and the binary cross-entropies it is
 * per element [N, K], and ours is its mean over K (sum of squares: the sum, half MSE: half the
 * sum). Each case also holds PyTorch's gradient of Σᵢ vᵢ·ℓᵢ for sample weights v of both signs.
 *
 * <p>Tolerances, of each tensor's largest absolute value (or of 1, if that is smaller), as in
 * {@link PyTorchCrossEntropyOptionsTest}: float64 1e-14, both sides forming the same logs,
 * log-softmaxes and sums of at most 4 terms in another order (a few ulps, 1e-16 relative each;
 * the largest difference measured is 2.5e-16, the gradient of the sequence's weighted, smoothed
 * cross-entropy: a margin of 40); float32 1e-6, float32's rounding (6e-8 relative) of sums in
 * another order and of coefficients rounded once here where PyTorch rounds each product (the
 * largest difference measured is 1.7e-7, a gradient of the weighted, smoothed cross-entropy: two
 * ulps, a margin of 6). A per-sample loss divided by K, or weighted rows normalised, is off by
 * 25% or more.
 */
class PyTorchPerSampleLossesTest {
  private static final double FLOAT64_TOLERANCE = 1e-14;
  private static final double FLOAT32_TOLERANCE = 1e-6;
  private static final Map<String, Tensor> TORCH =
      TorchFixtures.read("/torch/per_sample_losses.txt");

  @ParameterizedTest
  @ValueSource(strings = {"ce_index", "ce_index_both", "ce_soft_both", "ce_index_both_sequence",
      "ce_index_both_float32", "nll_index_weight", "nll_index", "mse", "sum_of_squares",
      "half_mse", "mse_float32", "bce", "bce_soft", "bce_logits", "bce_logits_soft"})
  void perSampleLossesAndTheirGradientsArePyTorchs(String name) {
    DType dtype = name.endsWith("float32") ? DType.FLOAT32 : DType.FLOAT64;
    double tolerance = dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
    Loss loss = loss(name);
    assertEquals(Reduction.NONE, loss.reduction(), name);
    // float32 values were written as the doubles they widen to: converting back is exact.
    Variable input = Variable.parameter(torch(name + "/input").to(dtype));
    Variable perSample = loss.compute(input, torch(name + "/target"));
    perSample.mul(Variable.constant(torch(name + "/sample_weights").to(dtype))).sum().backward();
    assertEquals(dtype, perSample.dtype(), name);
    assertClose(name + "/per_sample", perSample.value(), tolerance);
    assertClose(name + "/grad", input.grad(), tolerance);
  }

  /**
   * What the fixture's expected losses are made of: PyTorch's own 'none' output for the
   * categorical losses, and its mean over each sample's K outputs for MSE and the binary
   * cross-entropies (taken by the script in float64; 1e-15 for this mean's rounding here).
   */
  @ParameterizedTest
  @ValueSource(strings = {"ce_index_both", "ce_index_both_sequence", "nll_index_weight", "mse",
      "bce", "bce_logits_soft"})
  void theFixturesPerSampleLossesArePyTorchsNoneOrItsMeanOverOutputs(String name) {
    Tensor none = torch(name + "/none");
    Tensor perSample = torch(name + "/per_sample");
    if (name.startsWith("ce") || name.startsWith("nll")) {
      assertEquals(none, perSample, name);
    } else {
      assertEquals(2, none.rank(), "PyTorch's 'none' keeps every element");
      assertTrue(none.mean(-1, false).allClose(perSample, 1e-15, 0), name);
    }
  }

  private static Loss loss(String name) {
    Tensor weights = TORCH.get(name + "/weight");
    double smoothing = torch(name + "/smoothing").item();
    Loss.BuiltIn plain = switch (name.replace("_float32", "").replace("_soft", "")) {
      case "mse" -> Loss.meanSquaredError();
      case "sum_of_squares" -> Loss.sumOfSquares();
      case "half_mse" -> Loss.halfMeanSquaredError();
      case "bce" -> Loss.binaryCrossEntropy();
      case "bce_logits" -> Loss.binaryCrossEntropyWithLogits();
      default -> name.startsWith("nll") ? Loss.negativeLogLikelihood()
          : Loss.softmaxCrossEntropy();
    };
    if (weights == null && smoothing == 0) {
      return plain.withReduction(Reduction.NONE);
    }
    CrossEntropyOptions options = CrossEntropyOptions.none().withClassWeights(weights)
        .withLabelSmoothing(smoothing);
    return (plain.kind() == Loss.Kind.NEGATIVE_LOG_LIKELIHOOD
        ? Loss.negativeLogLikelihood(options) : Loss.softmaxCrossEntropy(options))
        .withReduction(Reduction.NONE);
  }

  private static Tensor torch(String key) {
    return TorchFixtures.get(TORCH, key);
  }

  private static void assertClose(String key, Tensor actual, double tolerance) {
    TorchFixtures.assertClose(TORCH, key, actual, tolerance);
  }
}
