package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart already in {@code --out} that the run could not replace is refused before training,
 * naming {@code --out}: with {@code chmod 444 out/loss.png} (a user who is not root), {@code iris
 * --epochs 2 --out out --save m.st} trained, saved, then ended with exit 1 naming only the
 * picture, and drew none of the charts after it. A folder under a chart's name is such a chart
 * for every user (root writes a file of mode 0444, and optim's ReadOnlyTargetTest covers the
 * read-only refusal itself), so it stands in for one here. The refusal said "give a file name",
 * which no option of a run can do: a chart's name is the program's, --out names a folder.
 */
class ReplaceableChartsTest {
  @TempDir
  Path dir;

  @Test
  void aChartThatCannotBeReplacedIsRefusedBeforeTraining() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("loss.png"));
    Path save = dir.resolve("m.st");
    Cli.Result r = Cli.run("iris", "--epochs", "2", "--out", out.toString(), "--save",
        save.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + " holds a chart the program cannot replace: "
        + out.resolve("loss.png") + " is a folder; remove it or choose another --out",
        r.err().strip());
    assertEquals("", r.out(), "no training ran");
    assertFalse(Files.exists(save), "nothing trained, nothing saved");
  }

  /** Only the names the run's charts take, in its format, are looked at. */
  @Test
  void otherFilesInOutDoNotMatter() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("loss.svg"));  // a chart's name in another format
    Files.createDirectories(out.resolve("notes.png"));  // no chart's name
    Cli.Result r = Cli.run("iris", "--epochs", "2", "--out", out.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(out.resolve("loss.png")), r.err());

    Cli.Result svg = Cli.run("iris", "--epochs", "2", "--out", out.toString(), "--format",
        "svg");
    assertEquals(1, svg.exitCode(), svg.out() + svg.err());
    assertTrue(svg.err().startsWith("error: --out " + out + " holds a chart the program cannot"
        + " replace: " + out.resolve("loss.svg") + " is a folder"), svg.err());
  }

  /**
   * A folder under the name of a chart this run does not draw is no business of its: with {@code
   * mkdir -p o/decision-boundary.png}, {@code iris --epochs 1 --out o} (four inputs, no decision
   * boundary) was refused as holding a chart it cannot replace. Nor is one it draws only on
   * conditions known after training (an activations picture of a hidden layer it has not).
   */
  @Test
  void chartsTheRunDoesNotDrawAreNotChecked() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("decision-boundary.png"));
    Files.createDirectories(out.resolve("activations-hidden-7.png"));
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", out.toString(), "--json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(Files.isRegularFile(out.resolve("loss.png")), r.err());
    assertTrue(Files.isDirectory(out.resolve("decision-boundary.png")), "left as it was");
  }

  /**
   * Every chart the run may draw is checked before it trains, not only the loss curves: with
   * {@code mkdir -p o/accuracy.png}, {@code iris --epochs 1 --out o --save m.st --json} printed
   * its JSON, saved, drew loss.png and then failed naming only the picture, the charts after it
   * not drawn.
   */
  @Test
  void everyChartTheRunDrawsIsCheckedBeforeTraining() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("accuracy.png"));
    Path save = dir.resolve("m.st");
    Cli.Result r = Cli.run("iris", "--epochs", "1", "--out", out.toString(), "--save",
        save.toString(), "--json");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + " holds a chart the program cannot replace: "
        + out.resolve("accuracy.png") + " is a folder; remove it or choose another --out",
        r.err().strip());
    assertEquals("", r.out(), "no training ran");
    assertFalse(Files.exists(save), "nothing trained, nothing saved");
    assertFalse(Files.exists(out.resolve("loss.png")), "no chart drawn");
  }

  /** An activation chart is checked for each hidden layer the network has, and only those. */
  @Test
  void theActivationChartsAreTheNetworksHiddenLayers() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("activations-hidden-2.png"));
    Cli.Result one = Cli.run("iris", "--epochs", "1", "--out", out.toString(), "--json");
    assertEquals(0, one.exitCode(), one.err());
    Cli.Result two = Cli.run("iris", "--epochs", "1", "--hidden", "4,4", "--out",
        out.toString(), "--json");
    assertEquals(1, two.exitCode(), two.out() + two.err());
    assertTrue(two.err().contains(out.resolve("activations-hidden-2.png") + " is a folder"),
        two.err());
  }

  /** xor draws its decision boundary always: checked before it trains, as gates checked it. */
  @Test
  void xorChecksItsDecisionBoundaryBeforeTraining() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("decision-boundary.png"));
    Path save = dir.resolve("x.st");
    Cli.Result r = Cli.run("xor", "--epochs", "1", "--out", out.toString(), "--save",
        save.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + " holds a chart the program cannot replace: "
        + out.resolve("decision-boundary.png") + " is a folder; remove it or choose another"
        + " --out", r.err().strip());
    assertEquals("", r.out(), "no training ran");
    assertFalse(Files.exists(save), "nothing trained, nothing saved");
  }

  /** gates checks its XOR network's gradient charts before the perceptrons run. */
  @Test
  void gatesChecksEveryChartOfItsNetwork() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("gradients.png"));
    Cli.Result r = Cli.run("gates", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: --out " + out + " holds a chart the program cannot"
        + " replace: " + out.resolve("gradients.png") + " is a folder"), r.err());
    assertEquals("", r.out(), "no perceptron ran");
  }

  /** graph's files are checked as charts are, naming --out: it ended "is a folder, not a file". */
  @Test
  void graphChecksItsFilesNamingTheOption() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("graph.dot"));
    Cli.Result r = Cli.run("graph", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals("error: --out " + out + " holds a file the program cannot replace: "
        + out.resolve("graph.dot") + " is a folder; remove it or choose another --out",
        r.err().strip());
  }
}
