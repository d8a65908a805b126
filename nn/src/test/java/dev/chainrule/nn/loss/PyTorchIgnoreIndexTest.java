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
 * Softmax cross-entropy and negative log-likelihood with an ignore index, against PyTorch 1.13's
 * {@code F.cross_entropy(ignore_index=)} and {@code F.nll_loss(ignore_index=)}: without and with
 * class weights and label smoothing, MEAN, SUM and NONE (whose gradient is that of the rows'
 * losses times a drawn cotangent), [N, K] and a sequence's [N, T, K], float64 and float32, an
 * index outside the classes (−100, PyTorch's default, twice among 7 targets) and one inside (class
 * 1). The numbers come from the ignore cases of {@code
 * src/test/resources/torch/cross_entropy_options.py}.
 *
 * <p>Tolerances as {@link PyTorchCrossEntropyOptionsTest}'s, of each tensor's largest absolute
 * value (or of 1): float64 1e-14, float32 1e-6, for the same reasons (the same log-softmax and
 * weighted sums in another order; float32's coefficients rounded once here). The largest
 * differences measured are 3.0e-16 in float64 (the gradient through NONE's rows) and 6.5e-8 in
 * float32 (a NONE row's loss, about one ulp): margins of 33 and 15. Counting the ignored rows
 * in a mean's divisor is off by 3.6 % or more (below).
 */
class PyTorchIgnoreIndexTest {
  private static final double FLOAT64_TOLERANCE = 1e-14;
  private static final double FLOAT32_TOLERANCE = 1e-6;
  private static final Map<String, Tensor> TORCH =
      TorchFixtures.read("/torch/cross_entropy_options.txt");

  @ParameterizedTest
  @ValueSource(strings = {"ce_ignore_mean", "ce_ignore_sum", "ce_ignore_none",
      "ce_ignore_mean_weight", "ce_ignore_sum_weight", "ce_ignore_none_weight",
      "ce_ignore_mean_smooth", "ce_ignore_none_smooth", "ce_ignore_mean_both",
      "ce_ignore_sum_both", "ce_ignore_none_both", "ce_ignore_class_mean_both",
      "ce_ignore_mean_both_sequence", "ce_ignore_none_both_sequence",
      "ce_ignore_mean_both_float32", "ce_ignore_sum_both_float32", "ce_ignore_none_both_float32",
      "nll_ignore_mean", "nll_ignore_mean_weight", "nll_ignore_sum_weight",
      "nll_ignore_none_weight"})
  void lossAndGradientArePyTorchs(String name) {
    DType dtype = name.endsWith("float32") ? DType.FLOAT32 : DType.FLOAT64;
    double tolerance = dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
    Reduction reduction = name.contains("_sum") ? Reduction.SUM
        : name.contains("_none") ? Reduction.NONE : Reduction.MEAN;
    Variable input = Variable.parameter(torch(name + "/input").to(dtype));
    Variable value = loss(name).withReduction(reduction)
        .compute(input, torch(name + "/target"));
    Variable scalar = reduction != Reduction.NONE ? value
        : value.mul(Variable.constant(torch(name + "/cotangent").to(dtype))).sum();
    scalar.backward();
    assertEquals(dtype, value.dtype(), name);
    assertClose(name + "/loss", value.value(), tolerance);
    assertClose(name + "/grad", input.grad(), tolerance);
    // An ignored row has no gradient at all, not one within the tolerance of 0.
    Tensor ignored = torch(name + "/target").eq(ignoreIndex(name));
    Tensor rows = input.grad().abs().sum(-1, false).to(DType.FLOAT64);
    assertEquals(0, rows.mul(ignored).sum().item(), 0, name + ": ignored rows' gradients");
    assertTrue(ignored.sum().item() >= 2, "the case ignores rows");
  }

  /**
   * The fixture holds what the cases say: PyTorch's mean is the sum over the rows not ignored
   * (5 of 7), over their Σ w_y with weights (6.75), not over all 7 rows (29 % and 3.6 % off, far
   * beyond the tolerance). The sums are this library's, held to PyTorch's by the cases above.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ce_ignore_mean", "ce_ignore_mean_weight"})
  void theFixtureDividesByTheRowsThatCount(String name) {
    double sum = loss(name).withReduction(Reduction.SUM)
        .compute(Variable.constant(torch(name + "/input")), torch(name + "/target")).item();
    double mean = torch(name + "/loss").item();
    // Targets 0 −100 1 4 2 −100 3: 5 rows count; with weights 0.5 + 2 + 3 + 0 + 1.25 = 6.75.
    double divisor = name.endsWith("weight") ? 6.75 : 5;
    assertEquals(sum / divisor, mean, 1e-14 * sum, name);  // as the cases' tolerance
    assertTrue(Math.abs(mean - sum / 7) > 0.03 * mean, "counting every row would differ by far");
  }

  private static CrossEntropyLoss loss(String name) {
    CrossEntropyOptions options = CrossEntropyOptions.none()
        .withLabelSmoothing(torch(name + "/smoothing").item())
        .withIgnoreIndex(ignoreIndex(name));
    Tensor weights = TORCH.get(name + "/weight");
    options = weights == null ? options : options.withClassWeights(weights);
    return name.startsWith("nll") ? Loss.negativeLogLikelihood(options)
        : Loss.softmaxCrossEntropy(options);
  }

  private static int ignoreIndex(String name) {
    return (int) torch(name + "/ignore").item();
  }

  private static Tensor torch(String key) {
    return TorchFixtures.get(TORCH, key);
  }

  private static void assertClose(String key, Tensor actual, double tolerance) {
    TorchFixtures.assertClose(TORCH, key, actual, tolerance);
  }
}
