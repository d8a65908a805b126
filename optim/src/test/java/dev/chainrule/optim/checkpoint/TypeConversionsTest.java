package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load's type conversions as records, beside its lines and in their order, so that a program
 * counts them without parsing the lines (the examples' load note did, with a pattern).
 */
class TypeConversionsTest {
  @TempDir
  Path dir;

  @Test
  void halfPrecisionIntoFloat64IsOneExactRecordPerTensor() throws IOException {
    Path file = Files.write(dir.resolve("f16.safetensors"), HalfPrecisionCheckpointTest.file(
        "F16", "", new HalfPrecisionCheckpointTest.Bits("0.weight", new int[] {1, 2}, 0x3800,
            0xb400), new HalfPrecisionCheckpointTest.Bits("0.bias", new int[] {1}, 0x3000)));
    LoadReport report = ModelCheckpoint.load(file, Sequential.of(Dense.of(2, 1, 1)), null);
    assertEquals(List.of(new TypeConversion("0.weight", "F16", DType.FLOAT64, true),
        new TypeConversion("0.bias", "F16", DType.FLOAT64, true)), report.typeConversions());
    assertEquals(report.converted().size(), report.typeConversions().size(), report::toString);
  }

  /** A whole number beyond 2^24 rounds into float32: the record says it is not exact. */
  @Test
  void aRoundedWholeNumberIsNotExact() {
    Sequential source = Sequential.of(Dense.of(2, 1, 1));
    Map<String, Tensor> state = new LinkedHashMap<>(source.stateDict());
    state.put("0.weight", Tensor.of(new double[] {-3, 0x1p24 + 1}, 1, 2));
    state.put("0.bias", Tensor.vector(0.1));  // not a float32: rounded too
    Path file = dir.resolve("ints.safetensors");
    SafeTensors.writeWithInt64(file, state, Map.of(), Set.of("0.weight"));
    LoadReport report = ModelCheckpoint.load(file,
        Sequential.of(Dense.of(2, 1, 1)).to(DType.FLOAT32), null);
    assertEquals(List.of(new TypeConversion("0.weight", "I64", DType.FLOAT32, false),
        new TypeConversion("0.bias", "float64", DType.FLOAT32, false)),
        report.typeConversions());
  }

  /** The same types in the file and the model: no conversion, as no line. */
  @Test
  void theModelsOwnTypesAreNoConversion() {
    Path file = dir.resolve("same.safetensors");
    SafeTensors.write(file, Sequential.of(Dense.of(2, 1, 1)).stateDict());
    LoadReport report = ModelCheckpoint.load(file, Sequential.of(Dense.of(2, 1, 1)), null);
    assertEquals(List.of(), report.typeConversions());
    assertEquals(List.of(), report.converted());
  }
}
