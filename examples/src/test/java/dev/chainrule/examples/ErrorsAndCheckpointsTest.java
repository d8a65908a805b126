package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.commands.Commands;
import dev.chainrule.examples.run.ModelSize;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Saving and loading models, help, and the failures a table cannot hold (see {@link
 * RefusedInputs} for the tables of the rest).
 */
class ErrorsAndCheckpointsTest {
  @TempDir
  Path dir;

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
  void aModelTooLargeForTheHeapIsRefusedWithItsSizeBeforeAllocating() {
    Cli.Result r = Cli.run("iris", "--hidden", "40000,40000", "--out", dir.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    // 4·40000 + 40000 + 40000² + 40000 + 40000·3 + 3 parameters; the heap left varies.
    assertTrue(r.err().matches("error: the 4-40000-40000-3 network is too large for memory:"
        + " 1,600,360,003 parameters \\(12\\.8 GB as float64\\) need about 64\\.2 GB with"
        + " their gradients, adam's state and the activations, and Java has [0-9.]+ [GM]B left"
        + " here; choose smaller --hidden widths(; this machine's [0-9.]+ GB of memory would"
        + " not hold it either| \\(or give Java more memory: java -Xmx([89][0-9]|[1-9][0-9]{2,})g"
        + " -jar chainrule.jar \\.\\.\\.\\))\\s*"), r.err());
    // The heap advised holds the 64 GB and what is in use (a fixed -Xmx16g was advised).
    assertTrue(ModelSize.moreMemory(100e9).matches(
        "; this machine's .*| \\(or give Java more memory: java -Xmx117g .*"),
        ModelSize.moreMemory(100e9));
  }

  @Test
  void anOutOfMemoryErrorThatStillHappensBecomesOneLine() {
    CommandLine cli = new CommandLine(new Throwing(new OutOfMemoryError("Java heap space")));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(cli, new String[0],
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    String line = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.startsWith("error: out of memory: the model or the data needs more than the"),
        line);
    assertFalse(line.contains("OutOfMemoryError") || line.contains("java."), line);
  }

  @Test
  void anUnexpectedExceptionNamesNoJavaClass() {
    CommandLine cli = new CommandLine(new Throwing(new NullPointerException()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(1, Main.execute(cli, new String[0],
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals("error: internal error (--verbose shows where)\n",
        err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  /** A command that fails as a bug or a huge model would. */
  @Command(name = "throwing")
  static final class Throwing implements Callable<Integer> {
    private final Throwable failure;

    Throwing(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error error) {
        throw error;
      }
      throw (Exception) failure;
    }
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Result r = Cli.run("train", "--csv", dir.resolve("none.csv").toString(), "--label", "y",
        "--verbose");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().lines().count() > 3, r.err());
    assertTrue(r.err().contains("at dev.chainrule."), r.err());
  }

  @Test
  void everyCommandHasHelpShowingEachOptionsDefault() {
    CommandLine cli = new CommandLine(new Main());
    Commands.addTo(cli);
    for (String command : List.of("digits", "xor", "gates", "blobs", "iris", "fashion-mnist",
        "train", "predict", "gradcheck", "graph", "bench")) {
      Cli.Result r = Cli.run(command, "--help");
      assertEquals(0, r.exitCode(), command);
      // Each help lists -V, --version: it answers with the program's version, not nothing.
      assertEquals("chainrule 0.1.0", Cli.run(command, "--version").out().strip(), command);
      assertTrue(r.out().startsWith("Usage: chainrule " + command), r.out());
      assertFalse(r.out().contains("${") || r.out().contains("default: null"), r.out());
      for (OptionSpec option : cli.getSubcommands().get(command).getCommandSpec().options()) {
        String text = String.join(" ", option.description());
        boolean exempt = option.usageHelp() || option.versionHelp() || option.required();
        assertTrue(exempt || text.contains("default"),
            command + " " + option.longestName() + " states no default: " + text);
      }
    }
    assertTrue(Cli.run("--help").out().contains("fashion-mnist"));
    // The program's command list shows each command's first description line: a whole sentence.
    cli.getSubcommands().forEach((name, sub) -> {
      String first = sub.getCommandSpec().usageMessage().description()[0];
      assertTrue(first.endsWith("."), name + "'s first description line: " + first);
    });
    assertTrue(Cli.run("iris", "--help").out().contains("(default: 200)."), "iris's own epochs");
    assertTrue(Cli.run("digits", "--help").out().contains("(default: 30)."), "digits' epochs");
  }

  @Test
  void xorsHelpLeavesOutTheOptionsItRefuses() {
    // Its four points are its test: it holds none out (BadOptionsTest has the refusal's words).
    String xor = Cli.run("xor", "--help").out();
    assertFalse(xor.contains("--validation") || xor.contains("--patience"), xor);
    assertTrue(xor.contains("--epochs"), xor);
    String iris = Cli.run("iris", "--help").out();
    assertTrue(iris.contains("--validation") && iris.contains("--patience"), iris);
  }
}
