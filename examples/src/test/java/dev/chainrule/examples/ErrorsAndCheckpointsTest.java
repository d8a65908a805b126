package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading models, and every error path: its exit code and its one line. */
class ErrorsAndCheckpointsTest {
  @TempDir
  Path dir;

  private static void assertFails(int code, String message, Cli.Result r) {
    assertEquals(code, r.exitCode(), r.out() + r.err());
    assertEquals(List.of("error: " + message), r.err().lines().toList());
  }

  @Test
  void saveThenLoadReproducesThePredictions() {
    Path model = dir.resolve("iris.safetensors");
    Cli.Result trained = Cli.run("iris", "--epochs", "50", "--save", model.toString(), "--out",
        dir.resolve("a").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result loaded = Cli.run("iris", "--epochs", "0", "--load", model.toString(), "--out",
        dir.resolve("b").toString());
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertEquals(evaluation(trained), evaluation(loaded));
  }

  /** The test accuracy line and the confusion matrix that follows it. */
  private static List<String> evaluation(Cli.Result r) {
    List<String> lines = r.lines();
    int start = 0;
    while (!lines.get(start).startsWith("test accuracy")) {
      start++;
    }
    return lines.subList(start, start + 5);
  }

  @Test
  void missingFilesMalformedDataAndBadCheckpointsExitWithOne() throws IOException {
    assertFails(1, "no such file: " + dir.resolve("nope.csv"),
        Cli.run("train", "--csv", dir.resolve("nope.csv").toString(), "--label", "y"));

    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b,y\n1,2,x\n3,oops,y\n");
    assertFails(1, "bad.csv: line 3, column 2 (b): \"oops\" is not a number",
        Cli.run("train", "--csv", csv.toString(), "--label", "y", "--out",
            dir.resolve("o").toString()));

    Path garbage = dir.resolve("garbage.safetensors");
    Files.writeString(garbage, "not a checkpoint");
    Cli.Result r = Cli.run("iris", "--load", garbage.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("error: " + garbage + ": header length over the 100 MB limit"),
        r.err());
    assertEquals(1, r.err().lines().count());

    Path other = dir.resolve("xor.safetensors");
    assertEquals(0, Cli.run("xor", "--epochs", "1", "--save", other.toString(), "--out",
        dir.resolve("x").toString()).exitCode());
    Cli.Result mismatch = Cli.run("iris", "--load", other.toString());
    assertEquals(1, mismatch.exitCode());
    assertTrue(mismatch.err().startsWith("error: xor.safetensors: checkpoint does not match the"
        + " model: "), mismatch.err());
  }

  @Test
  void badOptionValuesExitWithOneAndUsageErrorsWithTwo() {
    assertFails(1, "unknown optimizer 'fast' (choose sgd, momentum, nesterov, adam, adamw,"
        + " rmsprop, adagrad)", Cli.run("iris", "--optimizer", "fast"));
    assertFails(1, "--lr must be positive, got -0.1", Cli.run("iris", "--lr", "-0.1"));
    assertFails(1, "unknown activation 'swish' (choose identity, sigmoid, tanh, relu, leaky-relu,"
        + " elu, gelu, gelu-tanh, softplus)", Cli.run("blobs", "--activation", "swish"));
    assertFails(2, "Unknown option: '--colour' (see 'chainrule iris --help')",
        Cli.run("iris", "--colour"));
    assertFails(2, "Missing required options: '--csv=FILE', '--label=COLUMN' (see 'chainrule"
        + " train --help')", Cli.run("train"));
    assertFails(2, "Invalid value for option '--epochs': 'many' is not an int (see 'chainrule"
        + " iris --help')", Cli.run("iris", "--epochs", "many"));
    assertFails(2, "Unmatched argument at index 0: 'frobnicate' (see 'chainrule --help')",
        Cli.run("frobnicate"));
  }

  @Test
  void missingFashionMnistSaysHowToGetIt() {
    assertFails(1, "fashion-mnist: no train-images-idx3-ubyte[.gz] in " + dir + "; install the"
        + " data with 'apt-get install dataset-fashion-mnist' or pass --data DIR",
        Cli.run("fashion-mnist", "--data", dir.toString()));
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Result r = Cli.run("iris", "--optimizer", "fast", "--verbose");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().lines().count() > 3, r.err());
    assertTrue(r.err().contains("at dev.chainrule."), r.err());
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("digits", "xor", "gates", "blobs", "iris", "fashion-mnist",
        "train", "gradcheck", "graph", "bench")) {
      Cli.Result r = Cli.run(command, "--help");
      assertEquals(0, r.exitCode(), command);
      assertTrue(r.out().startsWith("Usage: chainrule " + command), r.out());
    }
    assertTrue(Cli.run("--help").out().contains("fashion-mnist"));
  }
}
