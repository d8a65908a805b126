package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code --class-weights} and {@code --label-smoothing}, with train's meaning,
 * checks and fields, on the program's own test file for them ({@link TestData#imbalanced}), where
 * train's balanced weights are 0.5, 1.5 and 3.
 */
class LauncherClassWeightsTest {
  @TempDir
  static Path dir;

  private static Path csv;
  private static Path checkpoint;
  private static Outcome weighted;

  @BeforeAll
  static void run() throws Exception {
    LocalSpark.context();
    csv = TestData.imbalanced(dir.resolve("imbalanced.csv"));
    checkpoint = dir.resolve("run.safetensors");
    weighted = launch("--csv", csv.toString(), "--label", "kind", "--epochs", "3",
        "--partitions", "3", "--class-weights", "BALANCED", "--label-smoothing", "0.05",
        "--json", "--save", dir.resolve("model.safetensors").toString(), "--checkpoint",
        checkpoint.toString());
  }

  /**
   * The JSON line and the saved file say what train's say for these options, and the epochs'
   * losses are {@code Trainer}'s with the same loss on the same training rows (3 epochs of Adam
   * in batches of 32), to 1e-12 relative: SyncEquivalenceTest's bound, for the same reason (the
   * shards group the batch's sums otherwise).
   */
  @Test
  void balancedWeightsTrainAsTrainerDoesAndAreReportedAsTrainsAre() throws Exception {
    assertEquals(0, weighted.code(), weighted.err());
    Map<String, Object> report = weighted.launch().report;
    assertEquals("0.5,1.5,3.0", report.get("class_weights"));
    assertEquals("balanced", report.get("class_weights_rule"));
    assertEquals(0.05, report.get("label_smoothing"));
    assertTrue(report.containsKey("test_balanced_accuracy"), report.toString());
    for (Path file : List.of(dir.resolve("model.safetensors"), checkpoint)) {
      Map<String, String> metadata = SafeTensors.list(file).metadata();
      assertEquals("0.5,1.5,3.0", metadata.get(ClassWeighting.WEIGHTS_KEY), file.toString());
      assertEquals("balanced", metadata.get(ClassWeighting.RULE_KEY));
      assertEquals("0.05", metadata.get(ClassWeighting.SMOOTHING_KEY));
    }

    History single = trainer(3);
    History spark = weighted.launch().history;
    for (int e = 0; e < 3; e++) {
      double expected = single.epochs().get(e).trainLoss();
      assertEquals(expected, spark.epochs().get(e).trainLoss(), 1e-12 * expected);
    }
  }

  @Test
  void theRunSaysWhatItsLossWeighs() {
    Outcome run = launch("--csv", csv.toString(), "--label", "kind", "--epochs", "1",
        "--class-weights", "1, 4.5,2", "--label-smoothing", "0.1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("loss: softmax cross-entropy with class weights (given): a 1,"
        + " b 4.5, c 2; label smoothing 0.1\n"), run.out());
    assertEquals("1.0,4.5,2.0", run.launch().report.get("class_weights"));
    assertEquals("given", run.launch().report.get("class_weights_rule"));
  }

  /**
   * {@code --class-weights balanced} given again on the same rows computes the same weights
   * (the same split of the same file), so the resume goes on: its fourth epoch is the one
   * {@code Trainer} trains after three with the same loss, to the bound above.
   */
  @Test
  void aResumeWithBalancedWeightsAgainGoesOn() throws Exception {
    Outcome resumed = launch("--csv", csv.toString(), "--label", "kind", "--epochs", "4",
        "--partitions", "3", "--class-weights", "balanced", "--label-smoothing", "0.05",
        "--json", "--resume", checkpoint.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals("0.5,1.5,3.0", resumed.launch().report.get("class_weights"));
    assertEquals("balanced", resumed.launch().report.get("class_weights_rule"));
    History rest = resumed.launch().history;
    assertEquals(1, rest.epochs().size());
    assertEquals(3, rest.epochs().get(0).epoch());
    double expected = trainer(4).epochs().get(3).trainLoss();
    assertEquals(expected, rest.epochs().get(0).trainLoss(), 1e-12 * expected);
  }

  @Test
  void aResumeWithOtherWeightsIsRefusedNamingBoth() {
    Outcome refused = launch("--csv", csv.toString(), "--label", "kind", "--epochs", "4",
        "--partitions", "3", "--label-smoothing", "0.05", "--class-weights", "1,1,1",
        "--resume", checkpoint.toString());
    // A usage error (exit 2), as the same contradiction against train --load's file.
    assertEquals(2, refused.code(), refused.err());
    assertEquals("error: resume: run.safetensors was trained with class weights 0.5,1.5,3.0,"
        + " this run has 1.0,1.0,1.0; resuming would train on another loss than the file's (set"
        + " by the launcher's --class-weights) (see 'chainrule-spark --help')",
        refused.err().strip());
  }

  /** Values that cannot be weights or an ε, and options that do not fit the data. */
  @Test
  void usageErrors() {
    assertEquals("error: --label-smoothing must lie in [0, 1), got 1 (ε mixes (1 − ε)·one-hot"
        + " with ε/K; at 1 the labels would count for nothing)", refusedAs("kind",
            "--label-smoothing", "1"));
    assertEquals("error: --class-weights: 'x' is not a number; give balanced or one weight per"
        + " class, e.g. 1,4.5 (or none)", refusedAs("kind", "--class-weights", "1,x,2"));
    assertEquals("error: --class-weights: weight 0 is not a positive number; each class's"
        + " weight scales its share of the loss", refusedAs("kind", "--class-weights", "1,0,2"));
    assertEquals("error: --class-weights gives 2 weights for 3 classes (a, b, c): give one per"
        + " class, in that order", refusedAs("kind", "--class-weights", "1,2"));
    assertEquals("error: --class-weights weighs classes; a regression has none",
        refusedAs("x2", "--task", "regression", "--class-weights", "balanced"));
    assertEquals("error: --label-smoothing smooths classes; a regression has none",
        refusedAs("x2", "--task", "regression", "--label-smoothing", "0.1"));
  }

  /** A class whose only row the split sends to the test rows has no balanced weight: N/0. */
  @Test
  void balancedWeightsRefuseAClassWithoutTrainingRows() throws Exception {
    Path rare = Files.writeString(dir.resolve("rare.csv"), Files.readString(csv) + "9,9,d\n");
    Outcome r = launch("--csv", rare.toString(), "--label", "kind", "--test-fraction", "0.5",
        "--class-weights", "balanced", "--epochs", "1");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("--class-weights balanced: class d has no training row, so its"
        + " weight N/(K·n_k) would divide by 0; give the weights (--class-weights w1,w2,...), or"
        + " data with rows of every class"), r.err());
  }

  /** Trainer on the launcher's training rows with its loss and defaults: Adam, batches of 32. */
  private static History trainer(int epochs) throws Exception {
    Problem problem = CsvProblems.read(new CsvProblems.Request(csv, ',', "kind", false, 0.2,
        null, null, MissingValues.REJECT, DType.FLOAT64, 42L, new Validation(0, 0)),
        new PrintWriter(new StringWriter())).problem();
    Sequential alone = Mlp.of(problem.inputs(), List.of(32), problem.outputs(),
        Activation.relu(), 42L);
    return Trainer.builder(alone, Loss.softmaxCrossEntropy(CrossEntropyOptions.none()
            .withClassWeights(0.5, 1.5, 3).withLabelSmoothing(0.05)),
            OptimizerChoice.ADAM.build(alone, 0.003))
        .epochs(epochs).batchSize(32).seed(42).updateInBackward(false).build()
        .fit(problem.train());
  }

  /** The launcher's usage error (exit 2) for these options with this label, before training. */
  private static String refusedAs(String label, String... options) {
    String[] args = new String[options.length + 4];
    System.arraycopy(new String[] {"--csv", csv.toString(), "--label", label}, 0, args, 0, 4);
    System.arraycopy(options, 0, args, 4, options.length);
    Outcome run = launch(args);
    assertEquals(2, run.code(), run.err());
    return run.err().strip().replace(" (see 'chainrule-spark --help')", "");
  }
}
