package dev.chainrule.optim.interop;

import static dev.chainrule.optim.interop.PyTorchStateDictTest.describe;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.resource;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.BatchNorm2d;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.checkpoint.CheckpointMismatchException;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State dicts PyTorch 1.13 saved of batch normalization's two options (written by {@code
 * src/test/resources/torch/batchnorm_options_checkpoints.py}, whose docstring has the models and
 * the command) load into the same models composed in chainrule, which then compute PyTorch's
 * numbers: a {@code BatchNorm1d(track_running_stats=False)}, whose file holds its weight and bias
 * only, and a {@code BatchNorm2d(momentum=None)}, whose cumulative average goes on from the count
 * the file carries. A layer that keeps running statistics refuses a file without them, a layer
 * without refuses a file with them, and chainrule's checkpoint has PyTorch's names and no more.
 *
 * <p>Tolerance 1e-12 of each result's largest value, or of 1 where that is smaller, as in {@link
 * PyTorchStateDictTest}: float64 on both sides, the same sums in another order (a few ulps),
 * amplified at most by the normalization's 1/σ of order 1 here. The floor of 1: the bias of the
 * Linear layer before a normalization by batch statistics has a gradient of exactly 0 (the
 * normalization removes any shift), which both sides compute as rounding noise of 1e-17.
 * Statistics of the wrong batch or a missed 1/n weight move the values at order 1e-1.
 */
class PyTorchBatchNormOptionsCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-12;

  static Sequential withoutRunningStatistics() {
    return Sequential.of(Dense.of(3, 4, 1L),
        BatchNorm1d.builder(4).trackRunningStatistics(false).build(), Activation.tanh(),
        Dense.of(4, 2, 2L));
  }

  static Sequential withCumulativeAverage() {
    return Sequential.of(Conv2d.builder(1, 2, 3).padding(1).build(),
        BatchNorm2d.builder(2).cumulativeAverage().build(), Activation.relu(), Flatten.of(),
        Dense.of(32, 3, 3L));
  }

  @Test
  void aBatchNormWithoutRunningStatisticsLoadsPyTorchsWeightsAndBiasAndGivesItsNumbers()
      throws IOException, URISyntaxException {
    Sequential model = withoutRunningStatistics();
    Path file = resource("bn_no_running_stats_f64.safetensors");
    LoadReport report = ModelCheckpoint.load(file, model, null);
    assertTrue(report.isExactMatch(), report::toString);
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"),
        report.loaded());
    assertTrue(report.converted().isEmpty(), report::toString);
    model.eval();  // batch statistics all the same
    assertMatches(JSON.readTree(resource("bn_no_running_stats_f64.json").toFile()), model);
  }

  @Test
  void aCumulativeAverageLoadsItsCountAndGoesOnAsPyTorchsDoes()
      throws IOException, URISyntaxException {
    JsonNode expected = JSON.readTree(resource("bn_cumulative_f64.json").toFile());
    Sequential model = withCumulativeAverage();
    LoadReport report = ModelCheckpoint.load(resource("bn_cumulative_f64.safetensors"), model,
        null);
    assertTrue(report.isExactMatch(), report::toString);
    BatchNorm2d norm = (BatchNorm2d) model.layers().get(1);
    assertEquals(3, norm.batchesTracked());
    model.eval();
    assertMatches(expected, model);

    model.train();
    try (Autograd.Scope scope = Autograd.noGrad()) {
      model.forward(Variable.constant(tensor(expected.get("next_input"))));
    }
    assertEquals(expected.get("next_num_batches_tracked").asLong(), norm.batchesTracked());
    // The fourth batch weighted 1/4: with a count of 0 it would replace the statistics whole.
    assertClose("running_mean", tensor(expected.get("next_running_mean")), norm.runningMean(),
        TOLERANCE);
    assertClose("running_var", tensor(expected.get("next_running_var")), norm.runningVar(),
        TOLERANCE);
  }

  @Test
  void aFileWithoutRunningStatisticsIsRefusedByALayerThatKeepsThemAndTheOtherWayRound(
      @TempDir Path folder) throws URISyntaxException {
    Sequential tracking = Sequential.of(Dense.of(3, 4, 1L), BatchNorm1d.of(4), Activation.tanh(),
        Dense.of(4, 2, 2L));
    Path file = resource("bn_no_running_stats_f64.safetensors");
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(file, tracking, null));
    assertEquals(List.of("1.running_mean", "1.running_var"), e.report().missing());
    assertTrue(e.getMessage().endsWith("checkpoint does not match the model: missing:"
        + " 1.running_mean, 1.running_var"), e.getMessage());

    Path withStatistics = folder.resolve("tracking.safetensors");
    ModelCheckpoint.save(withStatistics, tracking, null, Map.of());
    e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(withStatistics, withoutRunningStatistics(), null));
    assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"),
        e.report().unexpected());
  }

  @Test
  void chainrulesCheckpointsHavePyTorchsNamesShapesAndTypes(@TempDir Path folder)
      throws URISyntaxException {
    Path ours = folder.resolve("no_stats.safetensors");
    ModelCheckpoint.save(ours, withoutRunningStatistics(), null, Map.of());
    assertEquals(describe(SafeTensors.list(resource("bn_no_running_stats_f64.safetensors"))),
        describe(SafeTensors.list(ours)));
    ours = folder.resolve("cumulative.safetensors");
    ModelCheckpoint.save(ours, withCumulativeAverage(), null, Map.of());
    assertEquals(describe(SafeTensors.list(resource("bn_cumulative_f64.safetensors"))),
        describe(SafeTensors.list(ours)));
  }

  /** Evaluation-mode logits, mean softmax cross-entropy and every parameter's gradient. */
  private static void assertMatches(JsonNode expected, Sequential model) {
    Variable logits = model.forward(Variable.constant(tensor(expected.get("input"))));
    assertClose("logits", tensor(expected.get("logits")), logits.value(), TOLERANCE);
    Variable loss = Loss.softmaxCrossEntropy().compute(logits, tensor(expected.get("labels")));
    assertClose("loss", Tensor.scalar(expected.get("mean_softmax_cross_entropy").asDouble()),
        loss.value(), TOLERANCE);
    loss.backward();
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("gradients")
        .properties().iterator();
        it.hasNext(); checked++) {
      Map.Entry<String, JsonNode> gradient = it.next();
      assertClose("gradient of " + gradient.getKey(), tensor(gradient.getValue()),
          model.namedParameters().get(gradient.getKey()).grad(), TOLERANCE);
    }
    assertEquals(model.namedParameters().size(), checked, "a gradient for every parameter");
  }

  private static void assertClose(String what, Tensor expected, Tensor actual, double tolerance) {
    double largest = expected.abs().max().item();
    // Its check allows tolerance · max(largest, MIN_NORMAL); this one tolerance · max(largest, 1).
    PyTorchStateDictTest.assertClose(what, expected, actual,
        tolerance * Math.max(largest, 1) / Math.max(largest, Double.MIN_NORMAL));
  }
}
