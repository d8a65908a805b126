package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small words a new user read as wrong: a plural for one, a mode the run does not use. */
class PlainWordsTest {
  @TempDir
  Path dir;

  @Test
  void oneCaseIsSingular() {
    Cli.Result r = Cli.run("gradcheck", "--cases", "1", "--networks", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(" ops, 1 case each (first and second order)"), r.out());
  }

  /** --epochs 0 only evaluates a loaded model: its layer summary says evaluation mode. */
  @Test
  void aModelOnlyEvaluatedIsSummarisedInEvaluationMode() {
    String model = dir.resolve("iris.safetensors").toString();
    Cli.Result trained = Cli.run("iris", "--epochs", "1", "--save", model, "--out",
        dir.resolve("a").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertTrue(trained.out().contains("parameters; training mode\n"), trained.out());
    Cli.Result evaluated = Cli.run("iris", "--load", model, "--epochs", "0", "--out",
        dir.resolve("b").toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    assertTrue(evaluated.out().contains("parameters; evaluation mode\n"), evaluated.out());
    assertFalse(evaluated.out().contains("training mode"), evaluated.out());
  }
}
