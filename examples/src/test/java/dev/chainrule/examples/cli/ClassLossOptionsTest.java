package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** --class-weights and --label-smoothing as a command reads them, and their refusals. */
class ClassLossOptionsTest {
  @Command(name = "fit")
  static final class Fit {
    @Mixin
    ClassLossOptions loss;
    @Spec
    CommandSpec spec;
  }

  private static ClassLoss resolve(int epochs, String... args) {
    Fit fit = new Fit();
    new CommandLine(fit).parseArgs(args);
    return fit.loss.resolve(fit.spec, epochs);
  }

  private static String refusal(int epochs, String... args) {
    return assertThrows(ParameterException.class, () -> resolve(epochs, args)).getMessage();
  }

  @Test
  void neitherOptionIsThePlainLoss() {
    ClassLoss plain = resolve(5);
    assertEquals(ClassLoss.NONE, plain);
    assertTrue(plain.isNone());
  }

  @Test
  void theWeightsAreARuleOrOnePerClass() {
    assertEquals(new ClassLoss(ClassLoss.BALANCED, null, 0), resolve(5, "--class-weights",
        " Balanced "));
    assertEquals(new ClassLoss(ClassLoss.GIVEN, List.of(1.0, 4.5), 0),
        resolve(5, "--class-weights", "1, 4.5"));
    ClassLoss smoothedOnly = resolve(5, "--class-weights", "NONE", "--label-smoothing", "0.1");
    assertEquals(new ClassLoss(null, null, 0.1), smoothedOnly);
    assertFalse(smoothedOnly.isNone(), "smoothing alone changes the loss");
    assertFalse(resolve(5, "--class-weights", "balanced").isNone());
  }

  @Test
  void aRunThatTrainsNothingTakesNeither() {
    assertEquals("--label-smoothing sets the training loss; --epochs 0 trains nothing, it"
        + " evaluates --load's model", refusal(0, "--label-smoothing", "0.1"));
    assertEquals("--class-weights, --label-smoothing set the training loss; --epochs 0 trains"
        + " nothing, it evaluates --load's model",
        refusal(0, "--class-weights", "balanced", "--label-smoothing", "0.1"));
    assertEquals(ClassLoss.NONE, resolve(0));
  }

  @Test
  void valuesThatAreNoWeightsOrNoEpsilonAreRefusedAsTyped() {
    assertEquals("--label-smoothing must lie in [0, 1), got 1 (ε mixes (1 − ε)·one-hot with ε/K;"
        + " at 1 the labels would count for nothing)", refusal(5, "--label-smoothing", "1"));
    assertEquals("--class-weights: weight -2 is not a positive number; each class's weight"
        + " scales its share of the loss", refusal(5, "--class-weights", "1,-2"));
  }
}
