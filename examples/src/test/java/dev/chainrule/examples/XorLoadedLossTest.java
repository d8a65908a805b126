package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xor --load FILE --epochs 0 --json reports the loaded model's loss on its four points, as README
 * says of every training command; it printed "train_loss":null. Such a run computes that loss (a
 * forward pass over every training row) only for the JSON line that prints it: the lines for
 * people never showed it, and stay as they were.
 */
class XorLoadedLossTest {
  @TempDir
  Path dir;

  /** A run of {@code command} saved, then its model loaded and only evaluated. */
  private record TrainedThenLoaded(Cli.Result trained, Cli.Result loaded, String saved,
      String out) {}

  private TrainedThenLoaded trainThenLoad(String command) throws IOException {
    String saved = dir.resolve(command + ".st").toString();
    String out = dir.resolve("o").toString();
    Cli.Result trained = Cli.run(command, "--save", saved, "--out", out, "--json");
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result loaded = Cli.run(command, "--load", saved, "--epochs", "0", "--json", "--out", out);
    assertEquals(0, loaded.exitCode(), loaded.err());
    return new TrainedThenLoaded(trained, loaded, saved, out);
  }

  @Test
  void evaluatingALoadedModelReportsItsTrainingLoss() throws IOException {
    TrainedThenLoaded run = trainThenLoad("xor");
    Cli.Result trained = run.trained();
    Cli.Result loaded = run.loaded();
    double loss = loaded.number("train_loss");
    assertTrue(Double.isFinite(loss) && loss > 0, loaded.out());
    // The saved run's figure is its last epoch's mean, before that epoch's step; the loaded
    // model's is after it. A converged run's last step moves the loss by a few percent at most;
    // a factor of 2 either way catches a loss of another model or another data set.
    double last = trained.number("train_loss");
    assertTrue(loss > last / 2 && loss < last * 2, loss + " against " + last);
  }

  @Test
  void theLossIsComputedForTheJsonLineAndNeverShownAsNaN() throws IOException {
    TrainedThenLoaded run = trainThenLoad("iris");
    double loss = run.loaded().number("train_loss");
    double last = run.trained().number("train_loss");
    assertTrue(loss > last / 2 && loss < last * 2, loss + " against " + last);
    Cli.Result people = Cli.run("iris", "--load", run.saved(), "--epochs", "0", "--out",
        run.out());
    assertEquals(0, people.exitCode(), people.err());
    assertTrue(people.out().contains("test accuracy"), people.out());
    assertFalse(people.out().contains("NaN"), people.out());
  }
}
