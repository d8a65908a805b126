package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import dev.chainrule.optim.data.UnlearnableDataException.Remedy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The program names a refusal's remedies by the options the running command takes. */
class SplitRemediesTest {
  private static final UnlearnableDataException REFUSED = new UnlearnableDataException(
      Reason.ONE_VALUE, "data.csv: one value",
      List.of(Remedy.MORE_ROWS, Remedy.SMALLER_TEST_FRACTION, Remedy.ANOTHER_SEED));

  @Test
  void trainNamesEveryOption() {
    RuntimeException named = SplitRemedies.named(REFUSED, ChanceWarning.Advice.ALL);
    assertInstanceOf(Failure.class, named, "exit 1: the data decides it");
    assertEquals("data.csv: one value; give more rows, a smaller --test-fraction or another"
        + " --seed", named.getMessage());
    assertSame(REFUSED, named.getCause(), "for --verbose");
  }

  /** The built-in data sets hold out a fixed share: no --test-fraction to name. */
  @Test
  void aCommandWithoutTestFractionLeavesItOut() {
    assertEquals("data.csv: one value; give more rows or another --seed",
        SplitRemedies.named(REFUSED, new ChanceWarning.Advice(false, true)).getMessage());
  }

  @Test
  void aRefusalWithoutRemediesIsThrownAsItIs() {
    UnlearnableDataException plain = new UnlearnableDataException(Reason.NO_FEATURES, "none");
    assertSame(plain, SplitRemedies.named(plain, ChanceWarning.Advice.ALL));
  }
}
