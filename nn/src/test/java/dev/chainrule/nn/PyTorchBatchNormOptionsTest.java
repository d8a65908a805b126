package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BatchNorm1d ([N, C] and [N, C, L]) and BatchNorm2d with a cumulative average (PyTorch's {@code
 * momentum=None}) and without running statistics ({@code track_running_stats=False}), some with
 * eps 1e-3 and no affine parameters, against PyTorch 1.13 in float64: four training batches, each
 * a forward pass, L = Σ G·y + ½ Σ y², its backward pass and an SGD step of the weight and bias,
 * then a batch in evaluation mode. Every output, input gradient, weight and bias gradient, running
 * statistic and num_batches_tracked after each batch equals PyTorch's. The numbers come from
 * {@code src/test/resources/torch/batchnorm_options.py} (run once; its docstring has the command).
 *
 * <p>Tolerance: each tensor within 1e-12 of its largest absolute value (or of 1, if that is
 * smaller). Both sides compute the same float64 means, variances and products but sum in another
 * order, a few ulps (1e-16 relative) per sum of at most 40 terms, which the normalization's
 * 1/√(σ² + ε) and four SGD steps carry on; the largest difference measured is 2.4e-14 of its
 * tensor's scale (the input gradient in evaluation mode without running statistics), so 1e-12
 * leaves a margin of 40. A wrong formula is far outside it: the exponential average in place of
 * the cumulative one moves running_mean by more than 1, and a layer without running statistics
 * that used the initial ones in evaluation mode would not even find them.
 */
class PyTorchBatchNormOptionsTest {
  private static final double TOLERANCE = 1e-12;
  private static final int TRAINING_BATCHES = 4;
  private static final double LEARNING_RATE = 0.1;
  private static final Map<String, Tensor> TORCH =
      TorchFixtures.read("/torch/batchnorm_options.txt");

  /** The chainrule layer of each case of the script. */
  private static BatchNorm layer(String name) {
    return switch (name) {
      case "1d_nc_cumulative", "1d_ncl_cumulative" ->
          BatchNorm1d.builder(3).cumulativeAverage().build();
      case "2d_cumulative" -> BatchNorm2d.builder(3).cumulativeAverage().build();
      case "2d_cumulative_eps_no_affine" ->
          BatchNorm2d.builder(3).eps(1e-3).cumulativeAverage().affine(false).build();
      case "1d_nc_no_stats", "1d_ncl_no_stats" ->
          BatchNorm1d.builder(3).trackRunningStatistics(false).build();
      case "2d_no_stats" -> BatchNorm2d.builder(3).trackRunningStatistics(false).build();
      case "1d_ncl_no_stats_eps_no_affine" ->
          BatchNorm1d.builder(3).eps(1e-3).affine(false).trackRunningStatistics(false).build();
      default -> throw new IllegalArgumentException("no case " + name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d_nc_cumulative", "1d_ncl_cumulative", "2d_cumulative",
      "2d_cumulative_eps_no_affine", "1d_nc_no_stats", "1d_ncl_no_stats", "2d_no_stats",
      "1d_ncl_no_stats_eps_no_affine"})
  void trainingBatchesThenEvaluationGivePyTorchsNumbers(String name) {
    BatchNorm norm = layer(name);
    if (norm.affine()) {
      norm.namedParameters().get("weight").value().assignInPlace(Tensor.vector(0.5, -2, 1.5));
      norm.namedParameters().get("bias").value().assignInPlace(Tensor.vector(1, 0, -1));
    }
    int compared = 0;
    for (int batch = 0; batch <= TRAINING_BATCHES; batch++) {
      String key = name + "/" + (batch < TRAINING_BATCHES ? "train" + batch : "eval");
      if (batch == TRAINING_BATCHES) {
        norm.eval();
      }
      Variable x = Variable.parameter(torch(key + "/x"));
      Variable y = norm.forward(x);
      y.mul(Variable.constant(torch(key + "/g"))).sum().add(y.square().sum().mul(0.5))
          .backward();
      compared += 2;  // x and g, read
      compared += assertClose(key + "/y", y.value()) + assertClose(key + "/x_grad", x.grad());
      if (norm.affine()) {
        Variable weight = norm.namedParameters().get("weight");
        Variable bias = norm.namedParameters().get("bias");
        compared += assertClose(key + "/weight_grad", weight.grad())
            + assertClose(key + "/bias_grad", bias.grad());
        weight.value().assignInPlace(weight.value().sub(weight.grad().mul(LEARNING_RATE)));
        bias.value().assignInPlace(bias.value().sub(bias.grad().mul(LEARNING_RATE)));
        norm.zeroGrad();
      }
      if (norm.tracksRunningStatistics()) {
        compared += assertClose(key + "/running_mean", norm.runningMean())
            + assertClose(key + "/running_var", norm.runningVar())
            + assertClose(key + "/num_batches_tracked", Tensor.scalar(norm.batchesTracked()));
      }
    }
    String prefix = name + "/";
    assertEquals(TORCH.keySet().stream().filter(k -> k.startsWith(prefix)).count(), compared,
        "every tensor PyTorch wrote for " + name + " is compared");
    Set<String> names = norm.stateDict().keySet();
    assertEquals((norm.affine() ? 2 : 0) + (norm.tracksRunningStatistics() ? 3 : 0), names.size(),
        names::toString);
    assertEquals(norm.tracksRunningStatistics(), names.containsAll(
        List.of("running_mean", "running_var", "num_batches_tracked")), names::toString);
  }

  private static Tensor torch(String key) {
    return TorchFixtures.get(TORCH, key);
  }

  /** Returns 1, the tensors compared. */
  private static int assertClose(String key, Tensor actual) {
    TorchFixtures.assertClose(TORCH, key, actual, TOLERANCE);
    return 1;
  }
}
