package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.SavedOptimizer;
import dev.chainrule.optim.checkpoint.TypeConversion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The load note counts every type change, whatever the tensors are named. */
class LoadedConversionsTest {
  /** A report with these lines and these conversions as records, as a load makes it. */
  private static LoadReport converted(List<String> lines, TypeConversion... records) {
    return new LoadReport(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), lines,
        Map.of(), List.of(records));
  }

  /** A colon in a name (TensorFlow's dense/kernel:0) left the tensor out of the count. */
  @Test
  void namesWithColonsAreCounted() {
    assertEquals(Optional.of("note: m.safetensors: 2 tensors stored as F16 were converted to"
        + " float64 (exact)"), LoadedConversions.note("m.safetensors", converted(List.of(
            "dense/kernel:0: F16 -> float64 (exact)", "dense/bias:0: F16 -> float64 (exact)"),
            new TypeConversion("dense/kernel:0", "F16", DType.FLOAT64, true),
            new TypeConversion("dense/bias:0", "F16", DType.FLOAT64, true))));
  }

  @Test
  void linesThatChangeNoTypeAreNotNoted() {
    assertEquals(Optional.empty(), LoadedConversions.note("m.safetensors",
        converted(List.of("0.weight: shape [1] taken as []"))));
  }

  /**
   * The note counts the report's records, not its lines read back (a name here reads as a
   * conversion of its own), in groups in the order first met.
   */
  @Test
  void theNoteCountsTheRecords() {
    String odd = "x: F16 -> float32 (exact)";
    assertEquals(Optional.of("note: m.safetensors: 1 tensor stored as float64 was converted to"
        + " float32 (rounded to nearest); 2 tensors stored as I64 were converted to float32"
        + " (exact)"), LoadedConversions.note("m.safetensors", converted(List.of(
            odd + ": float64 -> float32 (rounded to nearest)", "a: I64 -> float32 (exact)",
            "b: I64 -> float32 (exact)"),
            new TypeConversion(odd, "float64", DType.FLOAT32, false),
            new TypeConversion("a", "I64", DType.FLOAT32, true),
            new TypeConversion("b", "I64", DType.FLOAT32, true))));
  }

  /**
   * A continued optimizer state converted to the run's type is noted, exact or rounded: 0.1 is
   * no float32 value, 0.5 and 0.25 are; a step count the optimizer keeps as it was is no change.
   */
  @Test
  void anOptimizerStateConvertedToTheRunsTypeIsNotedRoundedOrExact() {
    Tensor rounded = Tensor.of(new double[] {0.1, 0.25}, 2);
    Tensor exact = Tensor.of(new double[] {0.5, 0.25}, 2);
    Map<String, Tensor> saved = Map.of("0.exp_avg", rounded, "0.exp_avg_sq", exact, "1.exp_avg",
        exact, "0.step", Tensor.scalar(3));
    Map<String, Tensor> kept = Map.of("0.exp_avg", rounded.to(DType.FLOAT32), "0.exp_avg_sq",
        exact.to(DType.FLOAT32), "1.exp_avg", exact.to(DType.FLOAT32), "0.step",
        Tensor.scalar(3));
    assertEquals(Optional.of("note: m.st: 1 optimizer state tensor stored as float64 was"
        + " converted to float32 (rounded to nearest); 2 optimizer state tensors stored as"
        + " float64 were converted to float32 (exact)"),
        LoadedConversions.stateNote("m.st", new SavedOptimizer(null, null, saved), kept));
    assertEquals(Optional.empty(),
        LoadedConversions.stateNote("m.st", new SavedOptimizer(null, null, kept), kept));
  }
}
