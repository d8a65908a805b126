package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Batch normalization's cumulative average (PyTorch's {@code momentum=None}) and its layers
 * without running statistics ({@code track_running_stats=False}) by their own rules, beside the
 * comparison with PyTorch's numbers in {@link PyTorchBatchNormOptionsTest}: the builder, the
 * settings it refuses, the description, the state, the closed form of the average, evaluation
 * with the batch's statistics, the edge cases and the gradient checks in both modes.
 */
class BatchNormOptionsTest {
  /** Means of 4 to 24 values of order 1 summed in another order: a few ulps, 1e-12 is ample. */
  private static final double TOLERANCE = 1e-12;

  private static void assertRefused(String message, Executable build) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }

  @Test
  void theBuilderKeepsEveryOptionAndTheDescriptionNamesTheOnesNotDefault() {
    BatchNorm1d norm = BatchNorm1d.builder(4).eps(1e-3).cumulativeAverage().affine(false).build();
    assertEquals(4, norm.features());
    assertEquals(1e-3, norm.eps());
    assertTrue(norm.cumulativeAverage());
    assertTrue(norm.tracksRunningStatistics());
    assertFalse(norm.affine());
    assertEquals("BatchNorm1d(4, eps 0.001, cumulative average, no affine)", norm.describe());
    IllegalStateException e = assertThrows(IllegalStateException.class, norm::momentum);
    assertEquals("BatchNorm1d(4, eps 0.001, cumulative average, no affine): has no momentum, its"
        + " running statistics are a cumulative average, the n-th batch weighted 1/n",
        e.getMessage());

    BatchNorm2d plain = BatchNorm2d.builder(2).trackRunningStatistics(false).build();
    assertFalse(plain.tracksRunningStatistics());
    assertFalse(plain.cumulativeAverage());
    assertEquals("BatchNorm2d(2, no running statistics)", plain.describe());
    assertTrue(plain.toString().startsWith("BatchNorm2d(2, no running statistics)"),
        plain::toString);
    e = assertThrows(IllegalStateException.class, plain::runningMean);
    assertEquals("BatchNorm2d(2, no running statistics): has no running_mean: it keeps no running"
        + " statistics (trackRunningStatistics(false))", e.getMessage());
    assertEquals("BatchNorm2d(2, no running statistics): has no running_var: it keeps no running"
        + " statistics (trackRunningStatistics(false))",
        assertThrows(IllegalStateException.class, plain::runningVar).getMessage());
    assertEquals("BatchNorm2d(2, no running statistics): has no num_batches_tracked: it keeps no"
        + " running statistics (trackRunningStatistics(false))",
        assertThrows(IllegalStateException.class, plain::batchesTracked).getMessage());
    assertEquals("BatchNorm2d(2, no running statistics): has no momentum, it keeps no running"
        + " statistics",
        assertThrows(IllegalStateException.class, plain::momentum).getMessage());

    assertEquals("BatchNorm2d(3)", BatchNorm2d.builder(3).build().describe(), "the defaults");
    assertEquals("BatchNorm1d(3, momentum 0.5)", BatchNorm1d.of(3, 1e-5, 0.5, true).describe());
    assertEquals(0.5, BatchNorm1d.builder(3).momentum(0.5).build().momentum());
  }

  @Test
  void theBuilderRefusesSettingsThatCannotAllTakeEffect() {
    assertRefused("BatchNorm1d(3): momentum 0.5 and cumulativeAverage() exclude each other: the"
        + " cumulative average weighs the n-th batch by 1/n (PyTorch's momentum=None)",
        () -> BatchNorm1d.builder(3).momentum(0.5).cumulativeAverage().build());
    assertRefused("BatchNorm2d(8): momentum 0.1 with trackRunningStatistics(false): there are no"
        + " running statistics for it to move",
        () -> BatchNorm2d.builder(8).trackRunningStatistics(false).momentum(0.1).build());
    assertRefused("BatchNorm2d(8): cumulativeAverage() with trackRunningStatistics(false): there"
        + " are no running statistics to average",
        () -> BatchNorm2d.builder(8).cumulativeAverage().trackRunningStatistics(false).build());
    assertRefused("BatchNorm2d: features must be positive, got -1",
        () -> BatchNorm2d.builder(-1));
    assertRefused("BatchNorm1d: eps must be finite and positive, got NaN (a channel of equal"
        + " values has variance 0, and x̂ = 0/√(0 + eps))",
        () -> BatchNorm1d.builder(2).eps(Double.NaN));
    assertRefused("BatchNorm1d: momentum must lie in [0, 1], got NaN",
        () -> BatchNorm1d.builder(2).momentum(Double.NaN));
  }

  /** Batches of one size: the running statistics are the plain means of the batches'. */
  @Test
  void aCumulativeAverageIsTheMeanOfEveryBatchsStatisticsAndGoesOnFromALoadedCount() {
    BatchNorm1d norm = BatchNorm1d.builder(2).cumulativeAverage().build();
    Tensor means = Tensors.zeros(2);
    Tensor variances = Tensors.zeros(2);
    for (int b = 0; b < 3; b++) {
      Tensor x = Tensors.randn(Shape.of(5, 2, 3), 10L + b).mul(1 + b).add(2 * b);
      norm.forward(Variable.constant(x));
      means = means.add(x.mean(new int[] {0, 2}, false));
      variances = variances.add(x.variance(new int[] {0, 2}, false, true));
    }
    assertTrue(norm.runningMean().allClose(means.div(3), 0, TOLERANCE), norm::toString);
    assertTrue(norm.runningVar().allClose(variances.div(3), 0, TOLERANCE), norm::toString);
    assertEquals(3, norm.batchesTracked());

    // A count loaded from a checkpoint weighs the next batch: 1/10 after nine.
    norm.loadBuffer("num_batches_tracked", Tensor.scalar(9));
    Tensor before = norm.runningMean();
    Tensor x = Tensors.randn(Shape.of(4, 2), 13L).add(5);
    norm.forward(Variable.constant(x));
    assertTrue(norm.runningMean().allClose(before.mul(0.9).add(x.mean(0, false).mul(0.1)), 0,
        TOLERANCE), norm::toString);
    assertEquals(10, norm.batchesTracked());
  }

  @Test
  void withoutRunningStatisticsTheStateIsTheWeightsAndEvaluationUsesTheBatch() {
    Sequential model = Sequential.of(Dense.of(3, 4, 1L),
        BatchNorm1d.builder(4).trackRunningStatistics(false).build());
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"),
        List.copyOf(model.stateDict().keySet()));
    assertTrue(model.namedBuffers().isEmpty());
    assertTrue(model.counterNames().isEmpty());
    assertRefused("loadBuffer: 1.running_mean: the module at 1 (BatchNorm1d) has no buffer"
        + " running_mean (its buffers: none)",
        () -> model.loadBuffer("1.running_mean", Tensors.zeros(4)));

    Variable x = Variable.constant(Tensors.randn(Shape.of(6, 3), 2L));
    Tensor training = model.forward(x).value();
    model.eval();
    // The same computation in both modes, so the same bits; and each column standardized.
    assertEquals(training, model.forward(x).value());
    assertTrue(training.mean(0, false).abs().max().item() < TOLERANCE);
    assertTrue(model.toString().contains("(1): BatchNorm1d(4, no running statistics)"),
        model::toString);
    String summary = model.summary(Shape.of(6, 3)).toString();
    assertTrue(summary.contains("(1): BatchNorm1d(4, no running statistics)  [6, 4]        8\n"
        + "input [6, 3]; total: 24 parameters; evaluation mode"), summary);
  }

  @Test
  void withoutRunningStatisticsEvaluationRefusesOneValuePerChannelAndTakesAnEmptyBatch() {
    BatchNorm2d norm = BatchNorm2d.builder(2).trackRunningStatistics(false).build();
    norm.eval();
    assertRefused("BatchNorm2d(2, no running statistics): a batch of [1, 2, 1, 1] has one value"
        + " per channel; without running statistics evaluation normalizes with the batch's too,"
        + " and needs more than one (as in PyTorch)",
        () -> norm.forward(Variable.constant(Tensors.zeros(1, 2, 1, 1))));
    norm.train();
    assertRefused("BatchNorm2d(2, no running statistics): a batch of [1, 2, 1, 1] has one value"
        + " per channel; training needs more than one (as in PyTorch)",
        () -> norm.forward(Variable.constant(Tensors.zeros(1, 2, 1, 1))));
    // One image of several pixels has a spread, in either mode.
    assertEquals(Shape.of(1, 2, 2, 1),
        norm.forward(Variable.constant(Tensors.randn(Shape.of(1, 2, 2, 1), 3L))).shape());
    norm.eval();
    assertEquals(Shape.of(0, 2, 3, 3),
        norm.forward(Variable.constant(Tensors.zeros(0, 2, 3, 3))).shape());
  }

  /** Holding no tensor at all, the layer computes in its input's type, as an activation does. */
  @Test
  void withNeitherParametersNorStatisticsTheLayerTakesEitherType() {
    BatchNorm1d norm = BatchNorm1d.builder(3).affine(false).trackRunningStatistics(false).build();
    assertTrue(norm.stateDict().isEmpty());
    norm.to(DType.FLOAT32);
    Tensor x = Tensors.randn(Shape.of(4, 3), 5L);
    assertEquals(DType.FLOAT32, norm.forward(Variable.constant(x.to(DType.FLOAT32))).dtype());
    Tensor y = norm.forward(Variable.constant(x)).value();
    assertEquals(DType.FLOAT64, y.dtype());
    assertTrue(y.mean(0, false).abs().max().item() < TOLERANCE);
  }

  /**
   * The input's and the parameters' gradients by central differences, in training mode and in
   * evaluation mode: with a cumulative average after three batches (fixed statistics), without
   * running statistics through the batch's (each input element moves the mean and variance).
   */
  @Test
  void gradientsCheckInBothModesWithEitherOption() {
    Tensor x1 = Tensors.randn(Shape.of(4, 3, 2), 6L).mul(2).add(1);
    Tensor x2 = Tensors.randn(Shape.of(2, 3, 2, 3), 7L).mul(0.5).sub(1);
    List<BatchNorm> layers = List.of(
        BatchNorm1d.builder(3).cumulativeAverage().build(),
        BatchNorm2d.builder(3).eps(1e-3).cumulativeAverage().build(),
        BatchNorm1d.builder(3).trackRunningStatistics(false).build(),
        BatchNorm2d.builder(3).trackRunningStatistics(false).build(),
        BatchNorm1d.builder(3).affine(false).trackRunningStatistics(false).build());
    for (BatchNorm norm : layers) {
      Tensor x = norm instanceof BatchNorm1d ? x1 : x2;
      if (norm.affine()) {
        norm.namedParameters().get("weight").value().assignInPlace(Tensor.vector(0.5, -2, 1.5));
      }
      for (boolean training : new boolean[] {true, false}) {
        if (!training) {
          for (int b = 0; b < 3; b++) {
            norm.forward(Variable.constant(x.mul(1 + b)));  // still training: statistics move
          }
          norm.eval();
        }
        Map<String, Tensor> before = copies(norm.namedBuffers());
        // A weighted sum of y³: a gradient that depends on every output and on x̂ itself.
        Tensor weights = Tensors.randn(x.shape(), 8L);
        GradCheckReport input = GradCheck.check(
            in -> norm.forward(in.get(0)).pow(3).mul(Variable.constant(weights)), List.of(x));
        assertTrue(input.passed(), norm + " " + training + ": " + input);
        if (norm.affine()) {
          Variable constant = Variable.constant(x);
          GradCheckReport parameters = GradCheck.checkParameters(
              () -> norm.forward(constant).pow(3).mul(Variable.constant(weights)).sum(),
              norm.parameters());
          assertTrue(parameters.passed(), norm + " " + training + ": " + parameters);
        }
        if (!training) {
          assertEquals(before, copies(norm.namedBuffers()), "evaluation moves no statistic");
        }
      }
    }
  }

  /** The buffers' values now: namedBuffers() holds the tensors that training updates in place. */
  private static Map<String, Tensor> copies(Map<String, Tensor> buffers) {
    return buffers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().copy()));
  }
}
