package dev.chainrule.optim.interop;

import static dev.chainrule.optim.interop.PyTorchStateDictTest.agreesWithPyTorch;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.describe;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.resource;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.AvgPool2d;
import dev.chainrule.nn.BatchNorm2d;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.LayerNorm;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A small CNN written by PyTorch 1.13 (conv, BatchNorm2d, ReLU, max pooling, conv, ReLU, average
 * pooling, flatten, Linear, LayerNorm, Dropout, Linear on 8×8 images), its whole
 * {@code state_dict} saved as safetensors with BatchNorm's running statistics after five training
 * batches, loads into the same model composed in chainrule, which then computes PyTorch's
 * evaluation-mode logits, loss and parameter gradients; and chainrule's checkpoint of that model
 * lists the same names, shapes and types (the counter as I64), so PyTorch loads it back.
 *
 * <p>Tolerances as in {@link PyTorchStateDictTest}: float64 within 1e-12 of each result's largest
 * value (both sides compute the same sums in another order: a few ulps, amplified at most by
 * LayerNorm's 1/σ of order 1 here); float32 within 1e-5 relative (sums of at most 36 terms rounded
 * at 6e-8 on each side, and chainrule widens its sums). A wrong layout, a missed running statistic
 * or Dropout left on changes values at order 1e-1 or more.
 */
class PyTorchCnnTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file's architecture, composed in chainrule with PyTorch's defaults and positions. */
  static Sequential model() {
    return Sequential.of(
        Conv2d.builder(1, 4, 3).padding(1).build(),
        BatchNorm2d.of(4),
        Activation.relu(),
        MaxPool2d.of(2),
        Conv2d.of(4, 6, 3, 1L),
        Activation.relu(),
        AvgPool2d.of(2),
        Flatten.of(),
        Dense.of(6, 8, 2L),
        LayerNorm.of(8),
        Dropout.of(0.5, 3L),
        Dense.of(8, 3, 4L));
  }

  @ParameterizedTest
  @CsvSource({"f64, FLOAT64, 1e-12", "f32, FLOAT32, 1e-5"})
  void aCnnSavedByPyTorchReproducesItsEvaluationOutputsAndGradients(String suffix, DType dtype,
      double tolerance) throws IOException, URISyntaxException {
    JsonNode expected = JSON.readTree(resource("cnn_8x8_" + suffix + ".json").toFile());
    Sequential model = model();
    model.to(dtype);
    LoadReport report = ModelCheckpoint.load(resource("cnn_8x8_" + suffix + ".safetensors"),
        model, null);
    assertTrue(report.isExactMatch(), report::toString);
    assertTrue(report.loaded().containsAll(List.of("1.running_mean", "1.running_var",
        "1.num_batches_tracked")), report::toString);
    assertTrue(report.converted().isEmpty(), "each tensor loads in its own type: " + report);
    BatchNorm2d norm = (BatchNorm2d) model.layers().get(1);
    assertEquals(5, norm.batchesTracked(), "five training batches set the running statistics");
    assertEquals(dtype, norm.runningMean().dtype());

    model.eval();
    assertEquals(model.namedParameters().size(),
        agreesWithPyTorch(model, expected, expected, dtype, tolerance),
        "a gradient for every parameter");
    assertEquals(5, norm.batchesTracked(), "evaluation leaves the running statistics alone");
  }

  @ParameterizedTest
  @CsvSource({"f64, FLOAT64", "f32, FLOAT32"})
  void aChainruleCheckpointOfTheCnnHasPyTorchsNamesLayoutsAndTypes(String suffix, DType dtype,
      @TempDir Path folder) throws URISyntaxException {
    Path ours = folder.resolve("cnn.safetensors");
    Sequential model = model();
    model.to(dtype);
    model.forward(Variable.constant(Tensor.of(new double[2 * 64], 2, 1, 8, 8).to(dtype)));
    ModelCheckpoint.save(ours, model, null, Map.of());
    assertEquals(describe(SafeTensors.list(resource("cnn_8x8_" + suffix + ".safetensors"))),
        describe(SafeTensors.list(ours)));
    Sequential reloaded = model();
    reloaded.to(dtype);
    ModelCheckpoint.load(ours, reloaded, null);
    BatchNorm2d norm = (BatchNorm2d) reloaded.layers().get(1);
    assertEquals(1, norm.batchesTracked(), "one training batch, saved as I64 and read back");
    assertEquals(((BatchNorm2d) model.layers().get(1)).runningVar(), norm.runningVar());
    assertFalse(norm.runningVar().equals(Tensors.ones(4).to(dtype)),
        "the batch moved the running variance away from its start");
  }
}
