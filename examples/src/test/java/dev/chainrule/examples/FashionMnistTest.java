package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs only where Debian's dataset-fashion-mnist package (or a copy) is installed. */
class FashionMnistTest {
  private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void trainsOnASubsetOfTheRealData(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DATA.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed");
    Cli.Result r = Cli.run("fashion-mnist", "--limit", "6000", "--epochs", "2",
        "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    // 6,000 images and 2 epochs instead of 60,000 and 15 keep this test to seconds; that much
    // data already takes the default network past 0.78 (the full default run reaches 0.888).
    assertTrue(r.testAccuracy() >= 0.75, r.out());
    assertTrue(r.out().contains("Sneaker"), "class names in the confusion matrix: " + r.out());
  }

  @Test
  void theCnnPrintsItsSummaryAndLearnsFromAFewImages(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DATA.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed");
    Cli.Result r = Cli.run("fashion-mnist", "--model", "cnn", "--limit", "1000", "--epochs", "1",
        "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("fashion-mnist: conv 16, conv 32, dense 128 (dropout 0.25)"
        + " network (float32), 207,018 parameters; adam, lr 0.002, batch 64, 1 epoch;"), r.out());
    // The summary comes before training: each layer's output for one image.
    int summary = r.out().indexOf("(1): Conv2d(1 -> 16, kernel 3, padding 1)");
    assertTrue(summary > 0 && summary < r.out().indexOf("test accuracy"), r.out());
    assertTrue(r.out().contains("[1, 32, 7, 7]"), r.out());
    // One epoch over 1,000 images (16 steps) is far from the full run's 0.91, but a network that
    // learned nothing would stay near chance, 0.1.
    assertTrue(r.testAccuracy() >= 0.4, r.out());
  }

  /** As train refuses a label of one class: the first image alone is one class. */
  @Test
  void aLimitThatLeavesOneClassIsRefused(@TempDir Path dir) {
    assumeTrue(Files.exists(DATA.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed");
    Cli.Result r = Cli.run("fashion-mnist", "--limit", "1", "--epochs", "1", "--out",
        dir.toString());
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().startsWith("error: fashion-mnist: --limit 1 leaves 1 training image, all"
        + " of one class ("), r.err());
  }
}
