package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in a folder another run drew in names the other run's charts it did not redraw, and
 * removes nothing: an evaluation of a saved model (--epochs 0) draws no curves, and its training
 * run's curves in the same default folder are still wanted.
 */
class StaleChartsTest {
  @TempDir Path dir;

  @Test
  void aRunNamesTheChartsItDoesNotDrawAndRemovesNothing() throws IOException {
    Cli.Result deep = Cli.run("blobs", "--epochs", "1", "--hidden", "8,8", "--out",
        dir.toString());
    assertEquals(0, deep.exitCode(), deep.err());
    assertTrue(Files.exists(dir.resolve("decision-boundary.png")));
    assertTrue(Files.exists(dir.resolve("activations-hidden-2.png")));
    Files.writeString(dir.resolve("confusion.svg"), "another format's");

    // Four inputs: no decision boundary; one hidden layer: no activations-hidden-2.
    Cli.Result iris = Cli.run("iris", "--epochs", "1", "--hidden", "8", "--out",
        dir.toString());
    assertEquals(0, iris.exitCode(), iris.err());
    String all = iris.out() + iris.err();
    assertTrue(all.contains("note: " + dir + " also holds charts this run did not draw (from an"
        + " earlier run?): "), all);
    assertTrue(all.contains("activations-hidden-2.png") && all.contains("decision-boundary.png"),
        all);
    assertTrue(Files.exists(dir.resolve("decision-boundary.png")), "kept");
    assertTrue(Files.exists(dir.resolve("activations-hidden-2.png")), "kept");
    assertEquals("another format's", Files.readString(dir.resolve("confusion.svg")));
  }

  @Test
  void anEvaluationKeepsTheTrainingRunsCurves() throws IOException {
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("iris", "--epochs", "2", "--save", model.toString(), "--out",
        dir.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result evaluated = Cli.run("iris", "--epochs", "0", "--load", model.toString(), "--out",
        dir.toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    assertTrue(Files.exists(dir.resolve("loss.png")), "the training run's curves stay");
    assertTrue(!(evaluated.out() + evaluated.err()).contains("also holds charts"),
        "an evaluation says nothing of its model's training curves");
    assertTrue(Files.exists(dir.resolve("confusion.png")));
  }
}
