package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression no better than a constant is warned about, as a classifier at chance is: targets
 * drawn independently of the features gave R² −0.036 and no word. With --json, "at_chance" says
 * so for a regression too.
 */
class RegressionAtChanceTest {
  @TempDir
  Path dir;

  private Path csv(String name, boolean noise) throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 100; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      double y = noise ? random.nextGaussian() : 2 * a - b;
      text.append(a).append(',').append(b).append(',').append(y).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void targetsTheFeaturesDoNotPredictAreWarnedAbout() throws IOException {
    Cli.Result r = Cli.run("train", "--csv", csv("noise.csv", true).toString(), "--label", "y",
        "--task", "regression", "--json", "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    // Noise: the R² of this seed's run is below 0 (any value ≤ 0 is the case under test).
    assertTrue((Double) json.get("test_r2") <= 0, json.toString());
    assertEquals(Boolean.TRUE, json.get("at_chance"), json.toString());
    assertTrue(r.err().contains("warning: test R² "), r.err());
    assertTrue(r.err().contains(" is no better than 0, the score of always predicting the test"
        + " targets' mean: the network learned nothing it can use; the features may not predict"
        + " the target at all; if they should, look at the gradient pictures (vanishing"
        + " gradients?) and try another --lr or --activation"), r.err());
  }

  @Test
  void aLineTheNetworkLearnedIsNotAtChance() throws IOException {
    Cli.Result r = Cli.run("train", "--csv", csv("line.csv", false).toString(), "--label", "y",
        "--task", "regression", "--json", "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(Boolean.FALSE, r.json().get("at_chance"), r.out());
    assertFalse(r.err().contains("no better than 0"), r.err());
  }
}
