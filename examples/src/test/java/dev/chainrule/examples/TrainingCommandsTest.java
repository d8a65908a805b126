package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each training command end to end, with what it must achieve. */
class TrainingCommandsTest {
  @TempDir
  Path dir;

  private String out(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void xorLearnsTheTruthTable() {
    Cli.Result r = Cli.run("xor", "--out", out("xor"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("4 of 4 correct"), r.out());
    assertTrue(Files.exists(dir.resolve("xor/decision-boundary.png")));
    assertTrue(Files.exists(dir.resolve("xor/loss.png")));
  }

  /** Seed 1 falls into a local minimum (two outputs at 0.5): said so, not left to puzzle over. */
  @Test
  void xorThatIsNotLearnedSaysWhy() {
    Cli.Result r = Cli.run("xor", "--seed", "1", "--out", out("xor-seed-1"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("2 of 4 correct\nXOR not learned: the training loss settled at"
        + " 0.3466"), r.out());
    assertTrue(r.out().contains("a start that fell into one of the 2-2-1 network's local"
        + " minima"), r.out());
    // The shape named is the network's own: one hidden unit makes it 2-1-1.
    Cli.Result narrow = Cli.run("xor", "--activation", "relu", "--hidden", "1", "--seed", "1",
        "--out", out("xor-narrow"));
    assertTrue(narrow.out().contains("one of the 2-1-1 network's local minima"), narrow.out());
    assertFalse(narrow.out().contains("2-2-1"), narrow.out());
    assertFalse(Cli.run("xor", "--out", out("xor-learned")).out().contains("not learned"));
  }

  @Test
  void moreClassesInThePlaneThanColoursSkipTheBoundaryPictureNotTheRun() throws Exception {
    StringBuilder text = new StringBuilder("x,y,kind\n");
    for (int i = 0; i < 120; i++) {
      int c = i % 12;
      text.append(c + 0.1 * Math.sin(i)).append(',').append(0.1 * Math.cos(i)).append(",c")
          .append(c).append('\n');
    }
    java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("twelve.csv"), text);
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--epochs", "2",
        "--out", out("twelve"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("no decision boundary picture: 12 classes, more than the 10"
        + " colours it tells apart"), r.out());
  }

  @Test
  void aBatchLargerThanTheDataIsSizedByTheData() {
    // XOR has 4 rows, so every batch holds 4 whatever --batch-size asks: estimating memory for
    // 100 million rows refused the run as a network too large for memory.
    Cli.Result r = Cli.run("xor", "--batch-size", "100000000", "--epochs", "5", "--out",
        out("huge-batch"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("of 4 correct"), r.out());
  }

  @Test
  void xorWithAHopelessLearningRateSaysSoAndStillReportsItsResult() {
    Cli.Result r = Cli.run("xor", "--lr", "1e-12", "--epochs", "20", "--out", out("stalled"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("warning: the training loss did not move in 20 epochs"), r.out());
    assertTrue(r.out().contains("the learning rate 1e-12 is far too small"), r.out());
    assertTrue(r.out().contains("of 4 correct"), r.out());
    // The loss never moved: the rate, not a local minimum, is the cause, and all advice says so.
    assertTrue(r.out().contains("\nXOR not learned: the training loss did not move (see the"
        + " warning above); try a larger --lr\n"), r.out());
    assertTrue(r.out().contains("the network learned nothing it can use; try a larger --lr\n"),
        r.out());
    assertFalse(r.out().contains("local minima"), r.out());
    assertFalse(r.out().contains("--hidden 3"), r.out());
  }

  /** The header names the batch size, which changes the result as the seed does. */
  @Test
  void xorHeaderShowsTheBatchSize() {
    Cli.Result r = Cli.run("xor", "--batch-size", "2", "--epochs", "3", "--out", out("batch"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("xor: 2-2-1 network (tanh hidden, sigmoid output, float64), 9"
        + " parameters; adam, lr 0.1, batch 2, 3 epochs\n"), r.out());
  }

  /**
   * One ReLU unit whose input is negative for all four points passes no gradient, and the output
   * layer, reading its 0, gets none either: the loss stays at ln 2 whatever the rate, and the
   * warning used to suggest a larger --lr.
   */
  @Test
  void aStallWithNoGradientAtAllSaysSoInsteadOfAskingForALargerRate() {
    Cli.Result r = Cli.run("xor", "--activation", "relu", "--hidden", "1", "--epochs", "200",
        "--out", out("dead"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("every weight's gradient was exactly 0 in the last epoch, so no"
        + " learning rate moves them"), r.out());
    assertFalse(r.out().contains("try a larger --lr"), r.out());
  }

  @Test
  void xorLearningGetsNoStallWarning() {
    Cli.Result r = Cli.run("xor", "--epochs", "50", "--out", out("moving"));
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.out().contains("did not move"), r.out());
  }

  /** With --json the warning's text is not printed, so the JSON line says it instead. */
  @Test
  void aStalledRunSaysSoInItsJsonLine() throws IOException {
    Cli.Result stalled = Cli.run("xor", "--lr", "1e-12", "--epochs", "20", "--json", "--out",
        out("stalled-json"));
    assertEquals(0, stalled.exitCode(), stalled.err());
    assertEquals(Boolean.TRUE, stalled.json().get("loss_stalled"), stalled.out());
    Cli.Result moving = Cli.run("blobs", "--epochs", "5", "--json", "--out", out("moving-json"));
    assertEquals(0, moving.exitCode(), moving.err());
    assertEquals(Boolean.FALSE, moving.json().get("loss_stalled"), moving.out());
  }

  /** A run that trains no epoch has no loss to call stalled or moving. */
  @Test
  void anEvaluationOnlyRunsStallFlagIsNull() {
    String model = dir.resolve("x.safetensors").toString();
    Cli.Result saved = Cli.run("xor", "--epochs", "20", "--save", model, "--out",
        out("evaluated"));
    assertEquals(0, saved.exitCode(), saved.err());
    Cli.Result evaluated = Cli.run("xor", "--load", model, "--epochs", "0", "--json", "--out",
        out("evaluated"));
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    // Cli.Result.json reads JSON null as NaN: the line itself says null.
    assertTrue(evaluated.out().contains("\"loss_stalled\":null,"), evaluated.out());
  }

  @Test
  void gatesConvergeExceptXorWhichTheMlpThenSolves() {
    Cli.Result r = Cli.run("gates", "--out", out("gates"));
    assertEquals(0, r.exitCode(), r.err());
    for (String gate : List.of("AND", "OR", "NAND", "NOR")) {
      assertTrue(r.out().matches("(?s).*\\s" + gate + "\\s+learned in \\d+ epochs.*"),
          gate + " in\n" + r.out());
    }
    assertTrue(r.out().contains("XOR  not learned in 100 epochs"), r.out());
    assertTrue(r.out().contains("(XOR is not linearly separable)"), r.out());
    assertTrue(r.out().contains("4 of 4 correct"), r.out());
    assertTrue(r.out().contains("AND  learned in 6 epochs: bias -3, weights [2, 1], outputs 0 0 0"
        + " 1"), r.out());
    // The weights are sums of the rate: rounded, -0.1 · 3 is -0.3, not -0.30000000000000004.
    Cli.Result tenth = Cli.run("gates", "--lr", "0.1", "--out", out("gates-tenth"));
    assertEquals(0, tenth.exitCode(), tenth.err());
    assertTrue(tenth.out().contains("AND  learned in 6 epochs: bias -0.3, weights [0.2, 0.1],"
        + " outputs 0 0 0 1"), tenth.out());

    // Cut short, the separable gates are not blamed on XOR's reason.
    Cli.Result shortRun = Cli.run("gates", "--max-epochs", "1", "--out", out("gates-short"));
    assertEquals(0, shortRun.exitCode(), shortRun.err());
    assertTrue(shortRun.out().contains("AND  not learned in 1 epoch: still 2 of 4 wrong in the"
        + " last epoch (it is linearly separable: more --max-epochs will do)"), shortRun.out());
    // A rate that overflows the weights is refused, not reported as gates unlearnable.
    Cli.Result overflow = Cli.run("gates", "--lr", "1e308", "--out", out("gates-overflow"));
    assertEquals(1, overflow.exitCode(), overflow.out());
    assertTrue(overflow.err().contains("perceptron: the learning rate 1.0E308 overflows the"
        + " weights"), overflow.err());
  }

  @Test
  void blobsReachNinetyPercent() throws IOException {
    Cli.Result r = Cli.run("blobs", "--json", "--out", out("blobs"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.number("test_accuracy") >= 0.90, r.out());
    assertTrue(Files.exists(dir.resolve("blobs/decision-boundary.png")));
    assertTrue(Files.exists(dir.resolve("blobs/confusion.png")));
  }

  @Test
  void irisWithTheNotesNetworkReachesNinetyThreePercent() {
    Cli.Result r = Cli.run("iris", "--out", out("iris"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("iris: 4-4-3 network (tanh, float64), 35 parameters"),
        "(4+1)·4 + (4+1)·3 parameters: " + r.out());
    assertTrue(r.testAccuracy() >= 0.93, r.out());
  }

  @Test
  void digitsReachNinetyFivePercentAndIsTheDefault() throws IOException {
    Cli.Result r = Cli.run("--json", "--out", out("digits"));
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.lines().size(), "with --json the JSON line is all: " + r.out());
    Map<String, Object> json = r.json();
    assertTrue((Double) json.get("test_accuracy") >= 0.95, r.out());
    for (String field : List.of("task", "epochs", "parameters", "train_loss", "test_accuracy",
        "seconds", "seconds_per_epoch", "samples_per_second")) {
      assertTrue(json.containsKey(field), field + " missing in " + json);
    }
    assertEquals("digits", json.get("task"));
    assertTrue(Files.exists(dir.resolve("digits/accuracy.png")));
  }

  @Test
  void trainOnTheBreastCancerCsvReachesNinetyFivePercent() throws IOException {
    Path csv = dir.resolve("breast_cancer.csv");
    try (var in = getClass().getResourceAsStream("/breast_cancer.csv")) {
      Files.copy(in, csv);
    }
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "diagnosis",
        "--out", out("train"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.testAccuracy() >= 0.95, r.out());
    assertTrue(r.out().contains("malignant"), "class names from the CSV: " + r.out());
  }

  @Test
  void trainDoesRegressionToo() throws IOException {
    Path csv = dir.resolve("line.csv");
    StringBuilder text = new StringBuilder("x,noise,y\n");
    for (int i = 0; i < 200; i++) {
      double x = i / 50.0;
      text.append(x).append(',').append(Math.sin(i)).append(',').append(3 * x - 1).append('\n');
    }
    Files.writeString(csv, text);
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--task",
        "regression", "--json", "--out", out("regression"));
    assertEquals(0, r.exitCode(), r.err());
    // A straight line in standardised units: the network fits it to well under 1% of variance.
    assertTrue(r.number("test_mse_standardised") < 0.01, r.out());
  }
}
