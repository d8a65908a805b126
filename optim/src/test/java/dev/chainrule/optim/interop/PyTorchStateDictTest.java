package dev.chainrule.optim.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.checkpoint.TensorListing;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model written by PyTorch 1.13 ({@code Sequential(Linear(4, 16), Tanh(), Linear(16, 3))}, its
 * {@code state_dict} saved as safetensors, in float64 and float32) loads into the same chainrule
 * model, which then computes PyTorch's logits, mean softmax cross-entropy and gradients; and a
 * chainrule checkpoint of that model has the names, shapes and types of PyTorch's file, so PyTorch
 * loads it with {@code load_state_dict}.
 *
 * <p>Tolerances: float64 within 1e-12 of the largest value of each result. Both sides evaluate the
 * same products and tanh in float64, so they differ by summation order and the last bits of tanh,
 * a few ulps (about 1e-16 on values of order 1); a layout mix-up (a transposed weight) changes
 * values at order 1. Float32 within 1e-5 relative to the largest value: each side rounds a few
 * times at 6e-8 along sums of at most 16 terms, and PyTorch accumulates in float32 where
 * chainrule's sums widen to float64.
 */
class PyTorchStateDictTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path resource(String name) throws URISyntaxException {
    return Path.of(PyTorchStateDictTest.class.getResource("/torch/" + name).toURI());
  }

  static Sequential model() {
    return Sequential.of(Dense.of(4, 16, 0L), Activation.tanh(), Dense.of(16, 3, 0L));
  }

  @ParameterizedTest
  @CsvSource({"f64, FLOAT64, 1e-12", "f32, FLOAT32, 1e-5"})
  void aStateDictSavedByPyTorchReproducesItsOutputsAndGradients(String suffix, DType dtype,
      double tolerance) throws IOException, URISyntaxException {
    JsonNode expected = JSON.readTree(resource("tanh_4_16_3_" + suffix + ".json").toFile());
    Sequential model = model();
    model.to(dtype);
    LoadReport report = ModelCheckpoint.load(
        resource("tanh_4_16_3_" + suffix + ".safetensors"), model, null);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), report.loaded());
    assertTrue(report.converted().isEmpty(), "each tensor loads in its own type: " + report);
    assertEquals(Map.of("format", "pt"), report.metadata());

    assertEquals(4, agreesWithPyTorch(model, expected, expected, dtype, tolerance),
        "PyTorch gave a gradient for every tensor of the file");
  }

  @ParameterizedTest
  @CsvSource({"f64, FLOAT64", "f32, FLOAT32"})
  void aChainruleCheckpointHasPyTorchsNamesLayoutsAndTypes(String suffix, DType dtype,
      @TempDir Path folder) throws URISyntaxException {
    Path ours = folder.resolve("model.safetensors");
    ModelCheckpoint.save(ours, model().to(dtype));
    assertEquals(describe(SafeTensors.list(resource("tanh_4_16_3_" + suffix + ".safetensors"))),
        describe(SafeTensors.list(ours)));
  }

  /** Name, type and shape of every tensor, by name. */
  static Map<String, String> describe(TensorListing listing) {
    return listing.tensors().stream().collect(Collectors.toMap(TensorListing.Entry::name,
        e -> e.dtype() + " " + e.dims()));
  }

  /** A JSON number, or nested arrays of numbers, as a float64 tensor. */
  static Tensor tensor(JsonNode node) {
    List<Integer> dims = new ArrayList<>();
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      dims.add(n.size());
    }
    List<Double> values = new ArrayList<>();
    collect(node, values);
    return Tensor.of(values.stream().mapToDouble(Double::doubleValue).toArray(),
        dims.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void collect(JsonNode node, List<Double> values) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, values));
    } else {
      values.add(node.asDouble());
    }
  }

  /**
   * Runs {@code model} on the recorded input and holds its logits, mean softmax cross-entropy
   * and every recorded gradient to PyTorch's, each within {@code tolerance} of its largest value.
   *
   * @param given the recorded {@code input} and {@code labels}
   * @param expected PyTorch's {@code logits}, {@code mean_softmax_cross_entropy} and {@code
   *     gradients} by parameter name
   * @return how many gradients were compared
   */
  static int agreesWithPyTorch(Module model, JsonNode given, JsonNode expected, DType dtype,
      double tolerance) {
    Tensor input = tensor(given.get("input")).to(dtype);
    Tensor labels = tensor(given.get("labels"));
    Variable logits = model.forward(Variable.constant(input));
    assertEquals(dtype, logits.dtype());
    assertClose("logits", tensor(expected.get("logits")), logits.value(), tolerance);
    Variable loss = Loss.softmaxCrossEntropy().compute(logits, labels);
    assertClose("loss", Tensor.scalar(expected.get("mean_softmax_cross_entropy").asDouble()),
        loss.value(), tolerance);
    loss.backward();
    Iterator<Map.Entry<String, JsonNode>> gradients = expected.get("gradients").properties()
        .iterator();
    int checked = 0;
    while (gradients.hasNext()) {
      Map.Entry<String, JsonNode> gradient = gradients.next();
      Tensor actual = model.namedParameters().get(gradient.getKey()).grad();
      assertEquals(dtype, actual.dtype());
      assertClose("gradient of " + gradient.getKey(), tensor(gradient.getValue()), actual,
          tolerance);
      checked++;
    }
    return checked;
  }

  static void assertClose(String what, Tensor expected, Tensor actual, double tolerance) {
    assertEquals(expected.shape(), actual.shape(), what);
    double scale = Math.max(expected.abs().max().item(), Double.MIN_NORMAL);
    double gap = actual.to(DType.FLOAT64).sub(expected).abs().max().item();
    assertTrue(gap <= tolerance * scale, () -> String.format(Locale.ROOT,
        "%s: off by %.3g, allowed %.3g"
        + " (%s of the largest value %.3g)%nPyTorch %s%nchainrule %s", what, gap,
        tolerance * scale, tolerance, scale, expected, actual));
  }
}
