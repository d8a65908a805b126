package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run in a folder another run drew in leaves none of the other run's charts beside its own. */
class StaleChartsTest {
  @TempDir Path dir;

  @Test
  void aRunRemovesTheChartsItDoesNotDrawAndNothingElse() throws IOException {
    Cli.Result deep = Cli.run("blobs", "--epochs", "1", "--hidden", "8,8", "--out",
        dir.toString());
    assertEquals(0, deep.exitCode(), deep.err());
    assertTrue(Files.exists(dir.resolve("decision-boundary.png")));
    assertTrue(Files.exists(dir.resolve("activations-hidden-2.png")));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.writeString(dir.resolve("confusion.svg"), "another format's");

    // Four inputs: no decision boundary; one hidden layer: no activations-hidden-2.
    Cli.Result iris = Cli.run("iris", "--epochs", "1", "--hidden", "8", "--out",
        dir.toString());
    assertEquals(0, iris.exitCode(), iris.err());
    assertFalse(Files.exists(dir.resolve("decision-boundary.png")), "blobs' boundary stayed");
    assertFalse(Files.exists(dir.resolve("activations-hidden-2.png")));
    assertTrue(Files.exists(dir.resolve("confusion.png")), "iris draws its own");
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    assertEquals("another format's", Files.readString(dir.resolve("confusion.svg")));
  }
}
