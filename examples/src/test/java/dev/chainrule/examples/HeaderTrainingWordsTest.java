package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's first line shows the training it does: with {@code --epochs 0} it showed "adam, lr
 * 0.02, batch 16, 0 epochs", settings such a run refuses as options and does not use; and xor's
 * said "1 epochs".
 */
class HeaderTrainingWordsTest {
  @TempDir
  Path dir;

  @Test
  void aRunThatOnlyEvaluatesShowsNoTrainingSettings() {
    String saved = dir.resolve("iris.st").toString();
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--save", saved, "--out",
        dir.resolve("a").toString()).exitCode());
    Cli.Result r = Cli.run("iris", "--load", saved, "--epochs", "0", "--out",
        dir.resolve("b").toString());
    assertEquals(0, r.exitCode(), r.err());
    String header = r.lines().get(0);
    assertTrue(header.matches("iris: .* parameters; evaluation only \\(--epochs 0\\); 111"
        + " training and 39 test samples"), header);
  }

  @Test
  void xorCountsOneEpochInTheSingular() {
    Cli.Result r = Cli.run("xor", "--epochs", "1", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.lines().get(0).endsWith("; adam, lr 0.1, batch 4, 1 epoch"), r.lines().get(0));
  }
}
