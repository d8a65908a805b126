package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loaded model only evaluated (--epochs 0) computes its loss on the training rows, a forward
 * pass over all of them, only for the JSON line that prints it; the lines for people never
 * showed it, and stay as they were.
 */
class EvaluatedLossTest {
  @TempDir
  Path dir;

  @Test
  void theTrainingLossOfAnEvaluatedModelIsInItsJsonLine() throws IOException {
    String saved = dir.resolve("iris.st").toString();
    String out = dir.resolve("o").toString();
    Cli.Result trained = Cli.run("iris", "--save", saved, "--out", out, "--json");
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result json = Cli.run("iris", "--load", saved, "--epochs", "0", "--json", "--out", out);
    assertEquals(0, json.exitCode(), json.err());
    double loss = json.number("train_loss");
    // The saved figure is the last epoch's running mean, before its steps; the loaded model's is
    // after them: a factor of 2 either way catches another model's or another data set's loss.
    double last = trained.number("train_loss");
    assertTrue(loss > last / 2 && loss < last * 2, loss + " against " + last);
    Cli.Result people = Cli.run("iris", "--load", saved, "--epochs", "0", "--out", out);
    assertEquals(0, people.exitCode(), people.err());
    assertTrue(people.out().contains("test accuracy"), people.out());
    assertFalse(people.out().contains("NaN"), people.out());
  }
}
