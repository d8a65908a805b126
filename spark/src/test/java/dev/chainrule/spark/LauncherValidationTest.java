package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Scaling;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.History;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code --validation} and {@code --patience}, which mean what they mean in the
 * program's {@code train}: the same held-out rows, the same stop, the same JSON fields.
 */
class LauncherValidationTest {
  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
  }

  /** The rows train holds out for {@code --validation 0.25} from this file with seed 42. */
  private static HeldOutRows heldOut() throws Exception {
    Validation validation = new Validation(0.25, 0);
    Problem problem = CsvProblems.read(new CsvProblems.Request(csv, ',', "class", false, 0.2,
        null, null, MissingValues.REJECT, DType.FLOAT64, 42L, validation),
        new PrintWriter(new StringWriter())).problem();
    return HeldOutRows.of(problem, validation, 42L);
  }

  /**
   * The epoch lines show the validation rows, the header counts them, and the JSON line adds
   * validation_samples (and, without --patience, no early-stopping fields, as train's).
   */
  @Test
  void validationWatchesHeldOutTrainingRows() throws Exception {
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2",
        "--lr", "0.03", "--validation", "0.25");
    assertEquals(0, run.code(), run.err());
    HeldOutRows rows = heldOut();
    assertTrue(run.out().contains(rows.train().size() + " training, " + rows.watched().size()
        + " validation and 40 test samples"), run.out());
    assertTrue(run.out().contains("epoch 2/2: loss ") && run.out().contains("; validation loss "),
        run.out());
    assertFalse(run.out().contains("; test loss "), run.out());
    assertEquals(rows.watched().size(), run.launch().report.get("validation_samples"));
    assertFalse(run.launch().report.containsKey("stopped_early"));
    assertFalse(run.launch().report.containsKey("weights_epoch"));
  }

  /**
   * The saved statistics are those of the rows trained on, not of the whole training part: the
   * validation rows count in none, as the test rows count in none (as train's). Expected values
   * from the raw rows, split as the launcher splits them (a split chooses rows by their count,
   * classes and seed, never their values).
   */
  @Test
  void theStatisticsLeaveTheValidationRowsOut() throws Exception {
    Path saved = dir.resolve("scaled.safetensors");
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
        "--validation", "0.25", "--save", saved.toString());
    assertEquals(0, run.code(), run.err());
    Dataset raw = CsvReader.builder().header(true).labelColumnNamedOrAt("class").build()
        .read(csv).dataset();
    Dataset part = raw.stratifiedSplit(0.2, 42L).train();
    double[] trained = part.stratifiedSplit(0.25, 42L).train().features().toArray();
    double[] whole = part.features().toArray();
    Scaling scaling = ModelCheckpoint.loadDescribed(saved).description().featureScaling();
    for (int f = 0; f < 4; f++) {
      double[] stats = statistics(trained, f);
      // 1e-12: the library sums 120 values of size about 1 in another order (a few ulps); the
      // whole part's statistics, which counted the 40 validation rows, differ by about 1e-2.
      assertEquals(stats[0], scaling.mean().get(f), 1e-12, "mean of feature " + f);
      assertEquals(stats[1], scaling.scale().get(f), 1e-12, "scale of feature " + f);
      assertTrue(Math.abs(statistics(whole, f)[0] - stats[0]) > 1e-6, "a case that tells");
    }
  }

  /** Mean and population standard deviation of column {@code f} of 4-feature rows. */
  private static double[] statistics(double[] rows, int f) {
    double[] column = IntStream.range(0, rows.length / 4).mapToDouble(i -> rows[4 * i + f])
        .toArray();
    double mean = Arrays.stream(column).average().orElseThrow();
    double variance = Arrays.stream(column).map(v -> (v - mean) * (v - mean)).average()
        .orElseThrow();
    return new double[] {mean, Math.sqrt(variance)};
  }

  /**
   * A learning rate far too large makes the validation loss rise after its best epoch: with
   * --patience 1 the run stops one epoch later and the saved model holds the best epoch's
   * weights, whose validation loss it reproduces.
   */
  @Test
  void patienceStopsEarlyAndKeepsTheBestEpochsWeights() throws Exception {
    Path saved = dir.resolve("best.safetensors");
    Path checkpoint = dir.resolve("stopped.safetensors");
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--epochs", "30",
        "--lr", "0.3", "--validation", "0.25", "--patience", "1", "--save", saved.toString(),
        "--checkpoint", checkpoint.toString(), "--json");
    assertEquals(0, run.code(), run.err());
    History history = run.launch().history;
    assertTrue(history.stoppedEarly(), history.toString());
    assertTrue(history.epochs().size() < 30, history.toString());
    EpochResult best = history.epochs().stream()
        .min(Comparator.comparingDouble(EpochResult::validationLoss)).orElseThrow();
    assertEquals(best.epoch(), history.weightsEpoch());
    assertEquals(history.last().epoch() - 1, best.epoch(), "patience 1: one epoch past the best");
    assertEquals(Boolean.TRUE, run.launch().report.get("stopped_early"));
    assertEquals(best.epoch() + 1, run.launch().report.get("weights_epoch"));
    assertEquals(best.trainLoss(), run.launch().report.get("train_loss"));
    String json = run.out().strip();
    assertTrue(json.contains("\"validation_samples\":" + heldOut().watched().size()
        + ",\"stopped_early\":true,\"weights_epoch\":" + (best.epoch() + 1)), json);

    ModelCheckpoint.DescribedModel model = ModelCheckpoint.loadDescribed(saved);
    double loss = Evaluation.score(model.model(),
        SparkTrainer.lossOf(model.description().task()), heldOut().watched()).loss();
    assertEquals(best.validationLoss(), loss, 1e-12);

    // The stop's checkpoint holds the kept weights too, and a resume, which would train past
    // the stop and lose the best epoch's record, is refused.
    assertEquals(model.model().stateDict(),
        ModelCheckpoint.loadDescribed(checkpoint).model().stateDict());
    Outcome resumed = launch("--csv", csv.toString(), "--label", "class", "--epochs", "30",
        "--lr", "0.3", "--validation", "0.25", "--patience", "1", "--resume",
        checkpoint.toString());
    assertEquals(1, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("is the end of a run that stopped early (after epoch "
        + (history.last().epoch() + 1) + ", keeping the weights of epoch " + (best.epoch() + 1)
        + "): there is nothing left to run"), resumed.err());
  }

  /** As train refuses it: the epoch to stop at is chosen on held-out training rows. */
  @Test
  void patienceWithoutValidationIsAUsageError() {
    Outcome run = launch("--csv", csv.toString(), "--label", "class", "--patience", "3");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: --patience needs --validation FRACTION: the epoch to stop at is chosen"
        + " on held-out training rows, as choosing it on the test rows would flatter the test"
        + " score (see 'chainrule-spark --help')", run.err().strip());
    Outcome range = launch("--csv", csv.toString(), "--label", "class", "--validation", "1");
    assertEquals(2, range.code(), range.err());
    assertTrue(range.err().contains("--validation must be at least 0 and below 1, got 1.0"),
        range.err());
  }

  /** Another share would train on other rows: refused, naming the option, as --batch-size is. */
  @Test
  void aResumeWithAnotherValidationShareIsRefused() {
    Path checkpoint = dir.resolve("validated.safetensors");
    String[] options = {"--csv", csv.toString(), "--label", "class", "--lr", "0.03"};
    Outcome first = launch(concat(options, "--epochs", "1", "--validation", "0.25",
        "--checkpoint", checkpoint.toString()));
    assertEquals(0, first.code(), first.err());
    Outcome other = launch(concat(options, "--epochs", "2", "--validation", "0.2", "--resume",
        checkpoint.toString()));
    assertEquals(2, other.code(), other.out());
    assertTrue(other.err().contains("validation share 0.25, this run has 0.2;")
        && other.err().contains("(set by the launcher's --validation)"), other.err());
    Outcome none = launch(concat(options, "--epochs", "2", "--resume", checkpoint.toString()));
    assertEquals(2, none.code(), none.out());
    assertTrue(none.err().contains("validation share 0.25, this run has 0.0;"), none.err());
    Outcome same = launch(concat(options, "--epochs", "2", "--validation", "0.25", "--resume",
        checkpoint.toString()));
    assertEquals(0, same.code(), same.err());
  }

  private static String[] concat(String[] first, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(first),
        java.util.Arrays.stream(more)).toArray(String[]::new);
  }
}
