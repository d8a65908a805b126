package dev.chainrule.optim.interop;

import static dev.chainrule.optim.interop.PyTorchStateDictTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.CheckpointMismatchException;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.checkpoint.TensorListing;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files of the types besides the floats, written by {@code src/test/resources/torch/more_types.py}
 * from PyTorch 1.13's tensors (and NumPy's, for the unsigned types and 8-bit floats PyTorch 1.13
 * lacks), read as PyTorch converts them. Every comparison is exact (tolerance 0): each of these
 * values is a float64 (the whole numbers) or float32 (the 8-bit floats) value, and PyTorch's
 * conversion into a float32 model rounds to nearest, as chainrule's does.
 */
class PyTorchMoreTypesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode expected() throws IOException, URISyntaxException {
    return JSON.readTree(resource("more_types.json").toFile());
  }

  /** A value the script wrote with float.hex(), or "nan", "-nan", "inf", "-inf". */
  private static double value(JsonNode node) {
    return switch (node.asText()) {
      case "nan" -> Double.NaN;
      case "-nan" -> -Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(node.asText());
    };
  }

  private static double[] values(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(value(v)));
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void everyIntegerTypeAndBoolReadAsPyTorchConvertsThemAndAComplexTensorIsLeftOut()
      throws IOException, URISyntaxException {
    Path file = resource("more_types.safetensors");
    Checkpoint checkpoint = SafeTensors.read(file);
    JsonNode values = expected().get("more_types").get("values");
    List<String> names = new ArrayList<>();
    values.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("i8", "i16", "i32", "i64", "u8", "mask", "u16", "u32", "u64", "w"),
        names);
    assertEquals(names, List.copyOf(checkpoint.tensors().keySet()), "all but the C64 tensor");
    for (String name : names) {
      Tensor t = checkpoint.tensor(name);
      assertEquals(name.equals("w") ? DType.FLOAT32 : DType.FLOAT64, t.dtype(), name);
      // Exact: the extremes of each type (I32 and U32 min and max, 2^53 for I64 and U64).
      double[] expected = values(values.get(name));
      double[] actual = t.toArray();
      assertEquals(expected.length, actual.length, name);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 0, name + " element " + i);
      }
    }
    assertEquals(Shape.of(1, 3), checkpoint.tensor("mask").shape());
    assertEquals(Map.of("i8", "I8", "i16", "I16", "i32", "I32", "i64", "I64", "u8", "U8", "mask",
        "BOOL", "u16", "U16", "u32", "U32", "u64", "U64", "w", "F32"), checkpoint.fileTypes());

    assertEquals(List.of(new TensorListing.Entry("phase", "C64", Shape.of(2), 16)),
        checkpoint.unreadable());
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> checkpoint.tensor("phase"));
    assertEquals(CheckpointException.Rule.UNSUPPORTED_DTYPE, e.rule());
    assertEquals(file + ": unsupported dtype: tensor \"phase\" has dtype C64 (shape [2]);"
        + " chainrule reads BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32,"
        + " F64, I64 and U64 only", e.getMessage());
  }

  /**
   * PyTorch's load_state_dict(strict=False) of an int32 weight and a bool bias into a float32 and
   * a float64 Linear copies them with conversion (2^31 − 1 and 2^24 + 1 round to nearest in
   * float32; True is 1.0) and reports the uint8 and complex64 tensors it has no place for as
   * unexpected: loadMatching does the same, naming the conversions.
   */
  @ParameterizedTest
  @CsvSource({"FLOAT32, 'I32 -> float32 (rounded to nearest: 2147483647 at element 0 becomes"
      + " 2147483648; float32 holds every whole number only to 2^24)'",
      "FLOAT64, I32 -> float64 (exact)"})
  void anInt32WeightAndABoolBiasLoadAsPyTorchLoadsThem(DType dtype, String weightConversion)
      throws IOException, URISyntaxException {
    JsonNode torch = expected().get("linear_int32_bool").get(dtype.toString());
    Sequential model = Sequential.of(Dense.of(5, 1, 0L));
    model.to(dtype);
    LoadReport report = ModelCheckpoint.loadMatching(
        resource("linear_int32_bool.safetensors"), model);
    assertEquals(List.of("0.weight", "0.bias"), report.loaded());
    assertEquals(List.of("table", "phase"), report.unexpected(), torch.get("unexpected")
        .toString());
    assertEquals(List.of(), report.unreadable());
    assertEquals(List.of("0.weight: " + weightConversion,
        "0.bias: BOOL -> " + dtype + " (exact)"), report.converted());
    for (String name : List.of("0.weight", "0.bias")) {
      double[] expected = values(torch.get("parameters").get(name));
      double[] actual = model.stateDict().get(name).toArray();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 0, name + " element " + i + " as PyTorch loads it");
      }
    }
    // Strict, as PyTorch's strict load, the tensors the model lacks are refused, the complex
    // one among them.
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(resource("linear_int32_bool.safetensors"), model, null));
    assertEquals("linear_int32_bool.safetensors: checkpoint does not match the model:"
        + " unexpected: table, phase", e.getMessage());
  }

  /**
   * All 256 bit patterns of each 8-bit float against the script's values, computed without
   * chainrule's decoder (E5M2 by NumPy's float16, E4M3 by its formula): the same float32 bits,
   * and a NaN of the same sign where the value is a NaN.
   */
  @ParameterizedTest
  @CsvSource({"e4m3, F8_E4M3, 2, 0", "e5m2, F8_E5M2, 6, 2"})
  void everyFloat8BitPatternIsTheFloat32ItStandsFor(String name, String fileType, int nans,
      int infinities) throws IOException, URISyntaxException {
    Checkpoint checkpoint = SafeTensors.read(resource("float8.safetensors"));
    assertEquals(fileType, checkpoint.fileTypes().get(name));
    Tensor t = checkpoint.tensor(name);
    assertEquals(DType.FLOAT32, t.dtype());
    double[] expected = values(expected().get("float8").get(name));
    float[] actual = t.toFloatArray();
    assertEquals(256, expected.length);
    int nanCount = 0;
    int infinityCount = 0;
    for (int bits = 0; bits < 256; bits++) {
      String what = String.format(Locale.ROOT, "%s 0x%02x", fileType, bits);
      if (Double.isNaN(expected[bits])) {
        nanCount++;
        assertTrue(Float.isNaN(actual[bits]), what + " is NaN, got " + actual[bits]);
        assertEquals(bits >= 0x80, Float.floatToRawIntBits(actual[bits]) < 0, what + "'s sign");
      } else {
        infinityCount += Double.isInfinite(expected[bits]) ? 1 : 0;
        assertEquals(Float.floatToRawIntBits((float) expected[bits]),
            Float.floatToRawIntBits(actual[bits]), what + " (" + expected[bits] + ")");
      }
    }
    assertEquals(nans, nanCount, "NaN patterns: E4M3 S.1111.111 only; E5M2 S.11111.{01,10,11}");
    assertEquals(infinities, infinityCount, "infinities: E5M2 S.11111.00 only");
  }
}
