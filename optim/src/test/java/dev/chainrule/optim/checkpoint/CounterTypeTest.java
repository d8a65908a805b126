package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counter ({@code num_batches_tracked}) is saved as I64 by PyTorch and chainrule, and loads
 * into the model's float64 without a line in the report, as every file's does. One the file
 * holds in another type (a file another tool converted to F32 throughout) loaded without a line
 * too, where the running statistics beside it, converted the same way, were named.
 */
class CounterTypeTest {
  private static final String COUNTER = "1.num_batches_tracked";

  @TempDir
  Path dir;

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 3, 1), BatchNorm1d.of(3));
  }

  @Test
  void aCounterSavedAsI64LoadsWithoutALine() {
    Path file = dir.resolve("i64.safetensors");
    ModelCheckpoint.save(file, model(), null, Map.of());
    assertEquals("I64", SafeTensors.read(file).fileTypes().get(COUNTER));
    LoadReport report = ModelCheckpoint.load(file, model());
    assertEquals(List.of(), report.converted());
    assertEquals(List.of(), report.typeConversions());
  }

  @Test
  void aCounterSavedInAnotherTypeIsNamedAsOtherConversionsAre() {
    Map<String, Tensor> state = new LinkedHashMap<>(model().stateDict());
    state.put(COUNTER, Tensor.scalar(3).to(DType.FLOAT32));
    Path file = dir.resolve("f32.safetensors");
    SafeTensors.write(file, state);
    assertEquals("F32", SafeTensors.read(file).fileTypes().get(COUNTER));
    Sequential model = model();
    LoadReport report = ModelCheckpoint.load(file, model);
    assertEquals(List.of(COUNTER + ": float32 -> float64 (exact)"), report.converted());
    assertEquals(List.of(new TypeConversion(COUNTER, "float32", DType.FLOAT64, true)),
        report.typeConversions());
    assertTrue(report.isExactMatch(), "a conversion is no mismatch");
    assertEquals(3, model.stateDict().get(COUNTER).item(), "exact: a whole number");
  }

  /** Saved with one axis (older PyTorch) and in F32: both changes are named, shape first. */
  @Test
  void aCounterOfOneAxisInAnotherTypeNamesBothChanges() {
    Map<String, Tensor> state = new LinkedHashMap<>(model().stateDict());
    state.put(COUNTER, Tensor.vector(4).to(DType.FLOAT32));
    LoadReport report = ModelCheckpoint.loadStateDict(model(), state);
    assertEquals(List.of(COUNTER + ": " + StateMatch.SCALAR_WITH_ONE_AXIS,
        COUNTER + ": float32 -> float64 (exact)"), report.converted());
  }
}
