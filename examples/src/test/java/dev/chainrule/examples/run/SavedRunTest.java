package dev.chainrule.examples.run;

import static dev.chainrule.examples.run.LoadedFiles.described;
import static dev.chainrule.examples.run.LoadedFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.optim.model.HeldOutRows;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What a loaded file says of its run, read leniently: an entry that is none says nothing. */
class SavedRunTest {
  private static OptionalDouble fraction(String text) {
    return SavedRun.validationFraction(file(Map.of(HeldOutRows.METADATA_KEY, text)));
  }

  @Test
  void theShareHeldOutIsAFractionBelowOne() {
    assertEquals(OptionalDouble.of(0.2), fraction("0.2"));
    assertEquals(OptionalDouble.of(0), fraction("0"));
    assertEquals(OptionalDouble.empty(), fraction("1"));
    assertEquals(OptionalDouble.empty(), fraction("-0.1"));
    assertEquals(OptionalDouble.empty(), fraction("a fifth"));
    assertEquals(OptionalDouble.empty(), fraction("NaN"));
    assertEquals(OptionalDouble.empty(), SavedRun.validationFraction(file(Map.of())));
  }

  @Test
  void theHiddenWidthsAreEveryDenseLayersButTheLast() {
    // Iris's 4-3-3 network: Dense 4→3, ReLU, Dense 3→3.
    assertEquals(List.of(3),
        SavedRun.hiddenWidths(described(true, Map.of()).description().layers()));
  }
}
