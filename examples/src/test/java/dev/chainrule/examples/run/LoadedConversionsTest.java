package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.optim.checkpoint.LoadReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The load note counts every type change, whatever the tensors are named. */
class LoadedConversionsTest {
  private static LoadReport converted(String... lines) {
    return new LoadReport(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(lines),
        Map.of());
  }

  /** A colon in a name (TensorFlow's dense/kernel:0) left the tensor out of the count. */
  @Test
  void namesWithColonsAreCounted() {
    assertEquals(Optional.of("note: m.safetensors: 2 tensors stored as F16 were converted to"
        + " float64 (exact)"), LoadedConversions.note("m.safetensors", converted(
            "dense/kernel:0: F16 -> float64 (exact)", "dense/bias:0: F16 -> float64 (exact)")));
  }

  @Test
  void linesThatChangeNoTypeAreNotNoted() {
    assertEquals(Optional.empty(), LoadedConversions.note("m.safetensors",
        converted("0.weight: shape [1] taken as []")));
  }
}
