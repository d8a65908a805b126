package dev.chainrule.optim.interop;

import static dev.chainrule.optim.interop.PyTorchStateDictTest.agreesWithPyTorch;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.resource;
import static dev.chainrule.optim.interop.PyTorchStateDictTest.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.core.DType;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model PyTorch 1.13 saved in half precision ({@code Sequential(Linear(4, 16), Tanh(),
 * Linear(16, 3))}, its {@code state_dict} in float16 and in bfloat16, written by
 * {@code src/test/resources/torch/half_precision.py}, which holds a float16 subnormal and a −0.0
 * too) loads into a float32 and a float64 chainrule model and computes what PyTorch computes after
 * {@code load_state_dict} of the same file into a float32 or float64 model: the logits, the mean
 * softmax cross-entropy and every gradient, for the same input.
 *
 * <p>Tolerances, relative to the largest value of each result, as in {@link PyTorchStateDictTest}:
 * both sides widen every half value exactly, so the models hold the same weights bit for bit
 * (checked below), and only the arithmetic differs. Float64 within 1e-12: summation order and the
 * last bits of tanh, a few ulps (about 1e-16 on values of order 1). Float32 within 1e-5: each side
 * rounds a few times at 6e-8 along sums of at most 16 terms, and PyTorch accumulates in float32
 * where chainrule's sums widen to float64. A weight read wrongly (a half misdecoded, bytes swapped)
 * is off by far more than either.
 */
class PyTorchHalfPrecisionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({"f16, F16, FLOAT32, 1e-5, 2.9802322387695312e-06",
      "f16, F16, FLOAT64, 1e-12, 2.9802322387695312e-06",
      "bf16, BF16, FLOAT32, 1e-5, 2.995133399963379e-06",
      "bf16, BF16, FLOAT64, 1e-12, 2.995133399963379e-06"})
  void aHalfPrecisionStateDictSavedByPyTorchGivesItsOutputsAndGradients(String suffix,
      String fileType, DType dtype, double tolerance, double smallWeight)
      throws IOException, URISyntaxException {
    JsonNode given = JSON.readTree(resource("half_precision.json").toFile());
    JsonNode expected = given.get(suffix).get(dtype.toString());
    Sequential model = PyTorchStateDictTest.model();
    model.to(dtype);
    LoadReport report = ModelCheckpoint.load(
        resource("tanh_4_16_3_" + suffix + ".safetensors"), model, null);
    List<String> names = List.of("0.weight", "0.bias", "2.weight", "2.bias");
    assertEquals(names, report.loaded());
    assertEquals(names.stream().map(n -> n + ": " + fileType + " -> " + dtype + " (exact)")
        .toList(), report.converted(), "the report names the file's type");
    assertEquals(Map.of("format", "pt"), report.metadata());
    // The weights the script set: a float16 subnormal (50 × 2⁻²⁴; bfloat16 rounds 3e-6 to a
    // normal number) and −0.0, whose sign survives.
    double[] weight = model.stateDict().get("0.weight").toArray();
    assertEquals(smallWeight, weight[0], 0, "weight [0, 0], exactly");
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(weight[5]),
        "weight [1, 1] is -0.0");

    assertEquals(4, agreesWithPyTorch(model, given, expected, dtype, tolerance),
        "PyTorch gave a gradient for every tensor of the file");
  }
}
