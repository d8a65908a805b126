package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that older versions of the program saved, loaded by this one. Under src/test/resources
 * /older, each named by the commit of main whose examples/target/chainrule.jar wrote it:
 * {@code iris-211ee653.safetensors} by {@code iris --epochs 30 --save F} (1 December 2026, before
 * files recorded their epoch count), {@code iris-0e725dde.safetensors} by {@code iris --epochs 5
 * --validation 0.2 --save F} (2 December, an epoch count but not the 21 rows held out). Both
 * trained on further without a word: from epoch 1 with a new run's batch orders, and on the rows
 * held out for validation.
 */
class OlderFilesTest {
  @TempDir
  Path dir;

  private String copy(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/older/" + name)) {
      Files.copy(in, file);
    }
    return file.toString();
  }

  private String out(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void aFileWithoutItsEpochCountEvaluatesAsItsVersionDidAndTrainsOnWithANote()
      throws IOException {
    String file = copy("iris-211ee653.safetensors");
    Cli.Result evaluated = Cli.run("iris", "--load", file, "--epochs", "0", "--json", "--out",
        out("a"));
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    // 211ee653 printed 0.06330436716170723 for this command; the margin is for another
    // matrix-product backend's order of sums over 111 rows, far below a changed weight's effect.
    assertEquals(0.06330436716170723, evaluated.number("train_loss"), 1e-12);
    assertEquals(36.0 / 39, evaluated.number("test_accuracy"), 0.0, "36 of 39, as then");
    assertFalse(evaluated.err().contains("note:"), "nothing trains: " + evaluated.err());

    Cli.Result trained = Cli.run("iris", "--load", file, "--epochs", "2", "--out", out("b"));
    assertEquals(0, trained.exitCode(), trained.err());
    assertTrue(trained.out().contains("note: iris-211ee653.safetensors records no count of the"
        + " epochs its weights trained (no \"epoch\" metadata"), trained.out());
    assertTrue(trained.out().contains("this run numbers its epochs from 1"), trained.out());
    assertTrue(trained.out().contains("a file it saves records only this run's 2 epochs"),
        trained.out());
  }

  @Test
  void aFileWithoutItsValidationShareTrainsOnThoseRowsWithANote() throws IOException {
    String file = copy("iris-0e725dde.safetensors");
    Cli.Result trained = Cli.run("iris", "--load", file, "--epochs", "1", "--out", out("a"));
    assertEquals(0, trained.exitCode(), trained.err());
    assertTrue(trained.out().contains("111 training and 39 test samples"), trained.out());
    assertTrue(trained.out().contains("note: iris-0e725dde.safetensors records no share of its"
        + " training rows held out for validation"), trained.out());
    assertFalse(trained.out().contains("records no count of the epochs"), "it records 5");

    Cli.Result given = Cli.run("iris", "--load", file, "--epochs", "1", "--validation", "0.2",
        "--out", out("b"));
    assertEquals(0, given.exitCode(), given.err());
    assertTrue(given.out().contains("90 training, 21 validation and 39 test samples"),
        given.out());
    assertFalse(given.out().contains("held out for validation"), given.out());
  }
}
