package dev.chainrule.examples;

import static dev.chainrule.examples.run.ChanceWarning.Trained.EVALUATED;
import static dev.chainrule.examples.run.ChanceWarning.Trained.PICTURED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.run.ChanceWarning;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.report.ChanceLevel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier no better than the most common class's share is called so, trained or loaded and
 * only evaluated, by every command that reports a classification's test accuracy (xor's too).
 */
class ChanceWarningTest {
  /** Six rows, true classes 0 0 0 1 1 2: the most common class is half of them. */
  private static final Tensor TRUTH = Tensor.vector(0, 0, 0, 1, 1, 2);
  /** Every option named, as for train building an MLP. */
  private static final ChanceWarning.Advice ALL = ChanceWarning.Advice.ALL;

  @Test
  void answeringTheMostCommonClassIsChance() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3);
    assertTrue(ChanceLevel.atChance(always));
    assertEquals(Optional.of("warning: test accuracy 0.5000 is no better than always answering"
        + " the most common class (0.5000 of the test rows): the network learned nothing it can"
        + " use; look at the gradient pictures (vanishing gradients?) and try another --lr or"
        + " --activation"), ChanceWarning.warning(always, PICTURED));
    // An evaluation (--epochs 0) draws no gradient pictures: its advice is for another run.
    assertEquals(Optional.of("warning: test accuracy 0.5000 is no better than always answering"
        + " the most common class (0.5000 of the test rows): the network learned nothing it can"
        + " use; train it anew, with another --lr or --activation"),
        ChanceWarning.warning(always, EVALUATED));
  }

  /**
   * A regression at chance is most often features that do not bear on the target (targets drawn
   * apart from them): another --lr cannot help there, and the warning says so first.
   */
  @Test
  void aRegressionAtChanceMayHaveFeaturesThatDoNotPredict() {
    String at = "warning: test R² -0.1000 is no better than 0, the score of always predicting the"
        + " test targets' mean: the network learned nothing it can use; the features may not"
        + " predict the target at all; if they should, ";
    assertEquals(Optional.of(at + "look at the gradient pictures (vanishing gradients?) and try"
        + " another --lr or --activation"), ChanceWarning.regressionWarning(-0.1, PICTURED, ALL));
    assertEquals(Optional.of(at + "train it anew, with another --lr or --activation"),
        ChanceWarning.regressionWarning(-0.1, EVALUATED, ALL));
    assertEquals(Optional.empty(), ChanceWarning.regressionWarning(0.2, PICTURED, ALL));
  }

  /**
   * The advice names only options the command takes: fashion-mnist has no --test-fraction (its
   * test rows are files of their own), and --model cnn refuses --activation; both were advised.
   */
  @Test
  void theAdviceNamesOnlyTheCommandsOptions() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3);
    ChanceWarning.Advice cnn = new ChanceWarning.Advice(false, false);
    assertEquals(Optional.of("warning: test accuracy 0.5000 is no better than always answering"
        + " the most common class (0.5000 of the test rows): the network learned nothing it can"
        + " use; look at the gradient pictures (vanishing gradients?) and try another --lr"),
        ChanceWarning.warning(always, PICTURED, cnn));
    Tensor zeros = Tensor.vector(0, 0, 0, 0);
    assertEquals(Optional.of("warning: the test rows hold only one class (all 4 of them), so test"
        + " accuracy 1.0000 cannot tell a network that learned from one that always answers that"
        + " class; score it on test rows of more classes"),
        ChanceWarning.warning(ConfusionMatrix.tally(zeros, zeros, 3), PICTURED, cnn));
    StringWriter out = new StringWriter();
    ChanceWarning.reportWeighted(always, EVALUATED, cnn, new Console(new PrintWriter(out), false));
    assertTrue(out.toString().endsWith("; train it anew, with other --class-weights or another"
        + " --lr" + System.lineSeparator()), out.toString());
    assertFalse(ChanceWarning.regressionWarning(-0.1, PICTURED, cnn).orElseThrow()
        .contains("--activation"));
  }

  /**
   * The gradient pictures are named only when this run wrote them, and dead units get no other
   * --lr: a run whose weight gradients were all 0 writes none, and was sent to look at them.
   */
  @Test
  void theAdviceNamesOnlyPicturesThisRunWrote() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3);
    String at = "warning: test accuracy 0.5000 is no better than always answering the most"
        + " common class (0.5000 of the test rows): the network learned nothing it can use; ";
    assertEquals(Optional.of(at + "try another --lr or --activation"),
        ChanceWarning.warning(always, ChanceWarning.Trained.UNPICTURED));
    String dead = "every weight's gradient was exactly 0 in the last epoch, so no learning rate"
        + " moves them (dead units: a ReLU whose input is negative for every sample passes no"
        + " gradient); try ";
    assertEquals(Optional.of(at + dead + "another --seed, more --hidden units or another"
        + " --activation"), ChanceWarning.warning(always, ChanceWarning.Trained.DEAD_UNITS));
    assertEquals(Optional.of(at + dead + "a new model trained without --load, with another"
        + " --seed, more --hidden units or another --activation"), ChanceWarning.warning(always,
            ChanceWarning.Trained.DEAD_UNITS, new ChanceWarning.Advice(false, false, true)));
    assertEquals(ChanceWarning.Trained.UNPICTURED, ChanceWarning.Trained.of(true, null));
    assertEquals(EVALUATED, ChanceWarning.Trained.of(false, null));
  }

  @Test
  void oneRowBetterIsNot() {
    ConfusionMatrix better = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 1, 0, 0), TRUTH, 3);
    assertFalse(ChanceLevel.atChance(better));
    assertEquals(Optional.empty(), ChanceWarning.warning(better, PICTURED));
  }

  /**
   * A run trained with class weights is judged by its balanced accuracy: always answering class 0
   * recalls 1, 0 and 0, a mean of 1/3, which is chance for three classes; predicting every row
   * right is not. The advice names other weights first: over-weighting a class is the likely
   * cause.
   */
  @Test
  void aWeightedRunAtChanceIsWarnedByItsBalancedAccuracy() {
    ConfusionMatrix always = ConfusionMatrix.tally(Tensor.vector(0, 0, 0, 0, 0, 0), TRUTH, 3);
    assertEquals("warning: balanced accuracy 0.3333 (the mean of the classes' recalls) is no"
        + " better than always answering one class (1/3): the network learned nothing it can"
        + " use; try other --class-weights (a class weighed too heavily takes the others'"
        + " answers), or look at the gradient pictures (vanishing gradients?) and try another"
        + " --lr or --activation\n", reportWeighted(always, PICTURED));
    assertEquals("warning: balanced accuracy 0.3333 (the mean of the classes' recalls) is no"
        + " better than always answering one class (1/3): the network learned nothing it can"
        + " use; train it anew, with other --class-weights, another --lr or --activation\n",
        reportWeighted(always, EVALUATED));
    assertEquals("", reportWeighted(ConfusionMatrix.tally(TRUTH, TRUTH, 3), PICTURED));
  }

  /** Test rows of one class tell nothing by balanced accuracy either: the one-class warning. */
  @Test
  void aWeightedRunOnTestRowsOfOneClassSaysSo() {
    Tensor zeros = Tensor.vector(0, 0, 0, 0);
    assertEquals("warning: the test rows hold only one class (all 4 of them), so test accuracy"
        + " 1.0000 cannot tell a network that learned from one that always answers that class;"
        + " a larger --test-fraction gives the test rows more classes\n",
        reportWeighted(ConfusionMatrix.tally(zeros, zeros, 3), PICTURED));
  }

  private static String reportWeighted(ConfusionMatrix confusion,
      ChanceWarning.Trained trained) {
    StringWriter out = new StringWriter();
    ChanceWarning.reportWeighted(confusion, trained, ALL,
        new Console(new PrintWriter(out), false));
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  /**
   * The README's vanishing-gradient run ends at one digit in ten while its loss still moves by
   * about ±0.01, which the loss-stall warning does not catch.
   */
  @Test
  void theReadmesSigmoidDigitsRunIsCalledChance(@TempDir Path dir) {
    Cli.Result r = Cli.run("digits", "--activation", "sigmoid", "--hidden", "32,32,32,32",
        "--optimizer", "sgd", "--lr", "0.1", "--epochs", "20", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("warning: test accuracy 0.0"), r.out());
    Cli.Result relu = Cli.run("digits", "--activation", "relu", "--hidden", "32,32,32,32",
        "--optimizer", "sgd", "--lr", "0.1", "--epochs", "20", "--out", dir.toString(),
        "--json");
    assertTrue(relu.out().contains("\"at_chance\":false"), relu.out());
  }

  /**
   * A model loaded and only evaluated ({@code --epochs 0}) reports its test accuracy and
   * confusion matrix as a trained one does, so at_chance comes with them, and the warning: eight
   * one-unit sigmoid layers pass almost nothing of the input on, and answer one class.
   */
  @Test
  void anEvaluatedModelAtChanceIsCalledSoInIrisAndTrain(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("breast_cancer.csv");
    try (var in = getClass().getResourceAsStream("/breast_cancer.csv")) {
      Files.copy(in, csv);
    }
    List<List<String>> commands = List.of(List.of("iris"),
        List.of("train", "--csv", csv.toString(), "--label", "diagnosis"));
    for (List<String> command : commands) {
      Path saved = dir.resolve(command.get(0) + ".safetensors");
      Cli.Result trained = Cli.run(with(command, "--epochs", "3", "--hidden", "1,1,1,1,1,1,1,1",
          "--activation", "sigmoid", "--save", saved.toString(), "--out", dir.toString(),
          "--json"));
      assertEquals(0, trained.exitCode(), trained.err());
      assertEquals(Boolean.TRUE, trained.json().get("at_chance"), trained.out());
      Cli.Result evaluated = Cli.run(with(command, "--load", saved.toString(), "--epochs", "0",
          "--out", dir.toString(), "--json"));
      assertEquals(0, evaluated.exitCode(), evaluated.err());
      Map<String, Object> json = evaluated.json();
      assertEquals(0.0, json.get("epochs"), evaluated.out());
      assertEquals(trained.json().get("test_accuracy"), json.get("test_accuracy"),
          "the same weights on the same test rows: " + evaluated.out());
      assertEquals(Boolean.TRUE, json.get("at_chance"), command + ": " + evaluated.out());
      assertTrue(evaluated.err().contains("warning: test accuracy ")
          && evaluated.err().contains("; train it anew, with another --lr or --activation"),
          command + ", on standard error under --json: " + evaluated.err());
    }
    Cli.Result good = Cli.run("iris", "--epochs", "30", "--save",
        dir.resolve("good.safetensors").toString(), "--out", dir.toString());
    assertEquals(0, good.exitCode(), good.err());
    Cli.Result evaluated = Cli.run("iris", "--load", dir.resolve("good.safetensors").toString(),
        "--epochs", "0", "--out", dir.toString(), "--json");
    assertEquals(Boolean.FALSE, evaluated.json().get("at_chance"), evaluated.out());
    assertFalse(evaluated.err().contains("warning:"), evaluated.err());
  }

  /**
   * xor's four points are its test (README), two of each class: two right is what always
   * answering one class scores. A one-unit ReLU layer ends there with seed 1 (one of the
   * network's local minima, which xor's own message names), while the defaults' 2-2-1 tanh
   * network learns all four.
   */
  @Test
  void xorReportsAtChanceLikeEveryClassifier(@TempDir Path dir) throws IOException {
    Cli.Result stuck = Cli.run("xor", "--activation", "relu", "--hidden", "1", "--seed", "1",
        "--out", dir.toString(), "--json");
    assertEquals(0, stuck.exitCode(), stuck.err());
    Map<String, Object> json = stuck.json();
    assertEquals(0.5, json.get("test_accuracy"), stuck.out());
    assertEquals(Boolean.TRUE, json.get("at_chance"), stuck.out());
    assertTrue(stuck.err().contains("warning: test accuracy 0.5000 is no better than always"
        + " answering the most common class (0.5000 of the test rows): the network learned"
        + " nothing it can use; try another --seed, or --hidden 3"), stuck.err());
    // Its loss settled at ln 2 (SettledLoss): more epochs are no longer advised.
    Cli.Result text = Cli.run("xor", "--activation", "relu", "--hidden", "1", "--seed", "1",
        "--out", dir.toString());
    assertTrue(text.out().contains("\nXOR not learned: ")
        && text.out().indexOf("\nwarning: test accuracy 0.5000 ")
        > text.out().indexOf("\nXOR not learned: "),
        "after xor's own explanation, without --json: " + text.out());
    Cli.Result learned = Cli.run("xor", "--out", dir.toString(), "--json");
    assertEquals(1.0, learned.json().get("test_accuracy"), learned.out());
    assertEquals(Boolean.FALSE, learned.json().get("at_chance"), learned.out());
    assertFalse(learned.err().contains("warning:"), learned.err());
  }

  private static String[] with(List<String> command, String... more) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * The audit's run: 99 rows of two classes at --test-fraction 0.01 hold out one row, of one
   * class; its perfect score was warned about as "learned nothing", with "at_chance":true.
   */
  @Test
  void testRowsOfOneClassAreSaidToBeSoNotCalledChance(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 99; i++) {
      int c = i % 2;
      text.append(c * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(c == 0 ? "no" : "yes").append('\n');
    }
    Path csv = Files.writeString(dir.resolve("n99.csv"), text);
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "label", "--epochs", "1",
        "--test-fraction", "0.01", "--json", "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(Boolean.FALSE, r.json().get("at_chance"), r.out());
    assertFalse(r.err().contains("learned nothing"), r.err());
    assertTrue(r.err().contains("warning: the test rows hold only one class (all 1 of them), so"
        + " test accuracy "), r.err());
    assertTrue(r.err().contains("; a larger --test-fraction gives the test rows more classes"),
        r.err());
  }

  /**
   * A loaded model trained further keeps its saved test fraction (train refuses another), so its
   * one-class warning names none: it advised "a larger --test-fraction" to such a run.
   */
  @Test
  void aLoadedModelIsNotAdvisedAnotherTestFraction(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 52; i++) {
      text.append(i < 50 ? Math.sin(i) : 5 + i).append(',').append(i < 50 ? "a" : "b")
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("imb.csv"), text);
    String model = dir.resolve("m.safetensors").toString();
    String out = dir.resolve("out").toString();
    Cli.Result first = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs", "1",
        "--save", model, "--out", out);
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("a larger --test-fraction"), first.out());
    Cli.Result loaded = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs",
        "1", "--load", model, "--out", out);
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertTrue(loaded.out().contains("warning: the test rows hold only one class"),
        loaded.out());
    assertTrue(loaded.out().contains("; score it on test rows of more classes"), loaded.out());
    assertFalse(loaded.out().contains("--test-fraction"), loaded.out());
  }
}
