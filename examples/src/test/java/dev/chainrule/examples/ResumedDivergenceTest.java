package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run that diverges compares its loss with the loaded model's, and says so: the message
 * called that trained model's loss "the untrained model's".
 */
class ResumedDivergenceTest {
  @TempDir
  Path dir;

  @Test
  void theReferenceIsTheModelAtTheStartOfTheRun() {
    String saved = dir.resolve("iris.st").toString();
    String out = dir.resolve("o").toString();
    assertEquals(0, Cli.run("iris", "--save", saved, "--out", out).exitCode());
    // lr 1e10 explodes the loss at the second batch, as it does from an untrained model
    // (BadDataAndRunsTest's iris --lr 1e9).
    Cli.Result r = Cli.run("iris", "--load", saved, "--lr", "1e10", "--epochs", "3", "--out",
        out);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: training diverged at epoch "), r.err());
    // The trained model's loss (0.05) is below chance's ln 3, which sets the bar and is named.
    assertTrue(r.err().contains("times the loss of a constant output at chance (1.10), which is"
        + " above the model's at the start of the run ("), r.err());
    assertFalse(r.err().contains("untrained"), r.err());
  }
}
