package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.MissingValues;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher, run in-process as a user runs it, in the tests' Spark context ({@code --master}
 * is then not used; {@code LauncherScriptIT} runs the packaged jar with a Spark of its own).
 */
class LauncherTest {
  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
  }

  /**
   * Sync mode is the program's train: the same file and options through optim's Trainer give the
   * same test accuracy (the weights agree to about 1e-16, far finer than what changes a test
   * prediction).
   */
  @Test
  void syncTrainsWhatTrainTrainsAndReportsItsJsonFields() throws Exception {
    Outcome run = launch("--master", "local[2]", "--csv", csv.toString(), "--label", "class",
        "--epochs", "3", "--lr", "0.03", "--json");
    assertEquals(0, run.code(), run.err());
    // As train: with --json the JSON line is all that is printed.
    String json = run.out().strip();
    assertEquals(1, json.lines().count(), run.out());
    assertTrue(json.startsWith("{\"task\":\"train\",\"epochs\":3,\"parameters\":259,"
        + "\"dtype\":\"float64\",\"train_loss\":"), json);
    for (String field : List.of("test_accuracy", "seconds", "seconds_per_epoch",
        "samples_per_second", "loss_stalled", "at_chance", "mode", "partitions", "steps",
        "broadcast_seconds", "compute_seconds", "aggregate_seconds", "apply_seconds")) {
      assertTrue(json.contains("\"" + field + "\":"), field + " in " + json);
    }

    Problem problem = CsvProblems.read(new CsvProblems.Request(csv, ',', "class", false, 0.2,
        null, null, MissingValues.REJECT, DType.FLOAT64, 42L, Validation.NONE),
        new PrintWriter(new StringWriter())).problem();
    Sequential model = Mlp.of(4, List.of(32), 3, Activation.relu(), 42L);
    Trainer.builder(model, SparkTrainer.lossOf(problem.describe(model).task()),
            OptimizerChoice.ADAM.build(model, 0.03))
        .epochs(3).batchSize(32).seed(42).build().fit(problem.train());
    double accuracy = Metrics.confusion(Evaluation.predict(model, problem.test().features()),
        problem.test().labels(), 3).accuracy();
    assertEquals(accuracy, (double) run.launch().report.get("test_accuracy"), 0.0);
    assertEquals("sync", run.launch().report.get("mode"));
  }

  /** As train does: a loss that stood still is a warning, and a field of the JSON line. */
  @Test
  void aStalledRunIsWarnedAboutAsTrainWarns() {
    Outcome run = launch("--master", "local[2]", "--csv", csv.toString(), "--label", "class",
        "--epochs", "2", "--lr", "1e-12");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("warning: the training loss did not move in 2 epochs ("),
        run.out());
    assertTrue(run.out().contains("the learning rate 1.0E-12 is far too small; try a larger"
        + " --lr"), run.out());
    assertEquals(Boolean.TRUE, run.launch().report.get("loss_stalled"));
    Outcome moving = launch("--master", "local[2]", "--csv", csv.toString(), "--label", "class",
        "--epochs", "2", "--lr", "0.03");
    assertEquals(Boolean.FALSE, moving.launch().report.get("loss_stalled"));
    Outcome once = launch("--master", "local[2]", "--csv", csv.toString(), "--label", "class",
        "--epochs", "1", "--lr", "1e-12");
    assertEquals(0, once.code(), once.err());
    assertTrue(once.launch().report.containsKey("loss_stalled"), "the field is always there");
    assertEquals(null, once.launch().report.get("loss_stalled"),
        "one epoch has nothing to compare, as train's line says");
  }

  @Test
  void averagingSavesAModelThatLoadsFromTheFileAlone() {
    Path saved = dir.resolve("blobs.safetensors");
    Outcome run = launch("--master", "local[2]", "--csv", csv.toString(), "--label", "class",
        "--mode", "average", "--local-steps", "2", "--epochs", "4", "--lr", "0.03", "--save",
        saved.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("average on 2 shards"), run.out());
    assertTrue(run.out().contains("epoch 4/4: loss "), run.out());
    assertTrue(run.out().contains("test accuracy "), run.out());
    assertTrue(run.out().contains("saved " + saved), run.out());
    ModelCheckpoint.DescribedModel model = ModelCheckpoint.loadDescribed(saved);
    assertEquals("train", model.description().name());
    assertEquals(List.of("x1", "x2", "x3", "x4"), model.description().features());
  }

  /**
   * A write that fails after the run is reported as --save's, naming the file, as the program's
   * commands report it, and the trained model is rescued into the temporary folder. The folder
   * given passes the checks before the run and is replaced by a file as training starts, so the
   * write fails ("not a directory") as a disk that fills up during a run fails it.
   */
  @Test
  void aFailedSaveIsReportedAsSavesNamingTheFile() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("save-folder"));
    Path saved = folder.resolve("model.safetensors");
    Outcome run = launch(() -> replaceWithAFile(folder), "--csv", csv.toString(), "--label",
        "class", "--epochs", "1", "--save", saved.toString());
    assertEquals(1, run.code(), run.err());
    String refused = "error: --save " + saved + ": cannot write the file (not a directory); any"
        + " previous file there is left as it was; the trained model is saved in ";
    String err = run.err().strip();
    assertTrue(err.startsWith(refused) && err.endsWith(" instead"), err);
    Path rescued = Path.of(err.substring(refused.length(), err.length() - " instead".length()));
    try {
      assertEquals("train", ModelCheckpoint.loadDescribed(rescued).description().name(),
          "the rescue holds the described model --save would have");
    } finally {
      Files.deleteIfExists(rescued);
    }
    assertTrue(run.out().contains("test accuracy "), "the run ended first: " + run.out());
    assertTrue(!run.out().contains("saved "), run.out());
  }

  /**
   * A checkpoint write that fails during the run is reported as --checkpoint's, naming the file,
   * as a failed --save is. The folder, replaced by a file as training starts, every check passed,
   * fails the first checkpoint, after step 1, which stops the run.
   */
  @Test
  void aFailedCheckpointIsReportedAsCheckpointsNamingTheFile() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("checkpoint-folder"));
    Path checkpoint = folder.resolve("run.safetensors");
    Outcome run = launch(() -> replaceWithAFile(folder), "--csv", csv.toString(), "--label",
        "class", "--epochs", "1", "--checkpoint", checkpoint.toString(), "--checkpoint-every",
        "1");
    assertEquals(1, run.code(), run.err());
    assertEquals("error: --checkpoint " + checkpoint + ": cannot write the file (not a"
        + " directory); any previous file there is left as it was", run.err().strip());
    assertTrue(run.out().startsWith("train: "), "the run started: " + run.out());
    assertTrue(!run.out().contains("test accuracy "), "and stopped at the write: " + run.out());
  }

  /**
   * Only a failure once a step has ended is the checkpoint write's: before the first step the
   * file read is --resume's, whose failure (here a file that went missing) is shown as it is.
   */
  @Test
  void aCheckpointFailureBeforeTheFirstStepIsNotTheWrites() {
    Path gone = dir.resolve("gone.safetensors");
    CheckpointException read = assertThrows(CheckpointException.class,
        () -> SafeTensors.read(gone));
    assertSame(read, Launch.duringRun(read, gone, false));
    assertSame(read, Launch.duringRun(read, null, true), "no --checkpoint, nothing to name");
    assertEquals("--checkpoint " + gone + ": cannot write the file (the file system refused it);"
        + " any previous file there is left as it was",
        Launch.duringRun(read, gone, true).getMessage());
  }

  /**
   * 160 training rows in batches of 32: 5 steps an epoch, checkpoints after step 4 and at the
   * run's end (a run shorter than --checkpoint-every wrote none); resumed from it for a third
   * epoch, the launcher runs that epoch and ends with the model of a run of three: the same test
   * accuracy.
   */
  @Test
  void resumesFromItsCheckpoint() {
    Path checkpoint = dir.resolve("run.safetensors");
    String[] options = {"--csv", csv.toString(), "--label", "class", "--lr", "0.03", "--json"};
    Outcome first = launch(concat(options, "--epochs", "2", "--checkpoint",
        checkpoint.toString(), "--checkpoint-every", "4"));
    assertEquals(0, first.code(), first.err());
    Outcome resumed = launch(concat(options, "--epochs", "3", "--resume",
        checkpoint.toString()));
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1, resumed.launch().report.get("epochs"));
    // Epoch numbers, as weights_epoch, count from the first run's start.
    assertEquals(3, resumed.launch().report.get("first_epoch"));
    assertFalse(first.launch().report.containsKey("first_epoch"), "not resumed");
    assertEquals(5L, resumed.launch().report.get("steps"));
    Outcome straight = launch(concat(options, "--epochs", "3"));
    assertEquals(straight.launch().report.get("test_accuracy"),
        resumed.launch().report.get("test_accuracy"));
    assertEquals(straight.launch().report.get("train_loss"),
        resumed.launch().report.get("train_loss"));

    Outcome other = launch(concat(options, "--epochs", "3", "--batch-size", "16", "--resume",
        checkpoint.toString()));
    // A contradicting option is a usage error, as against train --load's file.
    assertEquals(2, other.code());
    assertTrue(other.err().contains("batch size 32, this run has 16"), other.err());
  }

  /**
   * As train refuses it, a usage error (a path of the wrong kind for its option): the run would
   * end by replacing the user's data with a model.
   */
  @Test
  void anOutputThatIsTheInputFileIsRefusedBeforeAnyWork() throws Exception {
    for (String option : List.of("--save", "--checkpoint")) {
      Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
          option, csv.toString());
      assertEquals(2, refused.code(), option);
      assertTrue(refused.err().contains(option + " " + csv + " is the file --csv reads; writing"
          + " it would replace that input: give another path"), refused.err());
    }
    assertTrue(java.nio.file.Files.readString(csv).startsWith("x1,"), "the data is intact");
  }

  private static String[] concat(String[] first, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(first),
        java.util.Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void usageErrorsExitWithTwoAndFailuresWithOne() throws Exception {
    Outcome mode = launch("--csv", csv.toString(), "--label", "class", "--mode", "async");
    assertEquals(2, mode.code());
    assertEquals("error: --mode must be sync or average, got 'async' (see 'chainrule-spark"
        + " --help')", mode.err().strip());

    Outcome type = launch("--csv", csv.toString(), "--label", "class", "--dtype", "float16");
    assertEquals(2, type.code());
    assertEquals("error: --dtype: unknown type 'float16' (expected float32 or float64) (see"
        + " 'chainrule-spark --help')", type.err().strip());

    for (String master : List.of("foo", "local[0]")) {
      Outcome bad = launch("--master", master, "--csv", csv.toString(), "--label", "class");
      assertEquals(2, bad.code());
      assertEquals("error: --master must be local, local[N], local[*] or spark://HOST:PORT, got"
          + " '" + master + "' (see 'chainrule-spark --help')", bad.err().strip());
    }

    Outcome missing = launch("--csv", dir.resolve("none.csv").toString(), "--label", "class");
    assertEquals(1, missing.code());
    assertEquals("error: --csv " + dir.resolve("none.csv") + ": no such file",
        missing.err().strip());

    // A column the options name that the file lacks: the option is what to correct, as in train.
    Outcome label = launch("--csv", csv.toString(), "--label", "kind");
    assertEquals(2, label.code());
    assertTrue(label.err().startsWith("error: ") && label.err().contains("kind"), label.err());

    Outcome idle = launch("--csv", csv.toString(), "--label", "class", "--local-steps", "4");
    assertEquals(2, idle.code());
    assertEquals("error: --local-steps sets how many steps replicas take between averages; --mode"
        + " sync has no replicas (see 'chainrule-spark --help')", idle.err().strip());
    Outcome nowhere = launch("--csv", csv.toString(), "--label", "class", "--checkpoint-every",
        "5");
    assertEquals(2, nowhere.code());
    assertEquals("error: --checkpoint-every needs --checkpoint, the file to write (see"
        + " 'chainrule-spark --help')", nowhere.err().strip());

    // The program's CSV reader: a name given to two columns is refused before any training.
    Path twice = dir.resolve("twice.csv");
    Files.writeString(twice, Files.readString(csv).replaceFirst("x3", "x1"));
    Outcome repeated = launch("--csv", twice.toString(), "--label", "class");
    assertEquals(1, repeated.code(), repeated.out());
    assertEquals("error: twice.csv: line 1: the header names \"x1\" more than once (columns 1,"
        + " 3): features and the label are found by their names, so each needs a name of its"
        + " own", repeated.err().strip());
    assertEquals("", repeated.out(), "refused before training");

    Outcome twiceNamed = launch("--csv", csv.toString(), "--label", "class", "--features",
        "x1,x1");
    assertEquals(2, twiceNamed.code());
    assertEquals("error: --features names the column \"x1\" twice (see 'chainrule-spark"
        + " --help')", twiceNamed.err().strip());

    Outcome delimiter = launch("--csv", csv.toString(), "--label", "class", "--delimiter", ";;");
    assertEquals(2, delimiter.code());
    assertEquals("error: --delimiter: a delimiter is one character other than a double quote or"
        + " a line break, or tab; got ';;' (see 'chainrule-spark --help')",
        delimiter.err().strip());
  }

  /** A file of a decimal-comma locale, fields between semicolons, trains as train trains it. */
  @Test
  void readsTheDelimiterItIsGiven() throws IOException {
    Path semicolons = dir.resolve("blobs-semicolons.csv");
    Files.writeString(semicolons, Files.readString(csv).replace(',', ';'));
    Outcome refused = launch("--csv", semicolons.toString(), "--label", "class");
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("is ';' the file's delimiter?"), refused.err());
    Outcome run = launch("--master", "local[2]", "--csv", semicolons.toString(), "--label",
        "class", "--delimiter", ";", "--epochs", "1", "--json");
    assertEquals(0, run.code(), run.err());
    Outcome commas = launch("--master", "local[2]", "--csv", csv.toString(), "--label", "class",
        "--epochs", "1", "--json");
    // The same rows, split and trained the same way: the same figures, to the last bit.
    for (String field : List.of("train_loss", "test_accuracy")) {
      assertEquals(commas.launch().report.get(field), run.launch().report.get(field), field);
    }
  }

  /** Replaces an empty folder by a regular file of its name: writes into it then fail. */
  private static void replaceWithAFile(Path folder) {
    try {
      Files.delete(folder);
      Files.createFile(folder);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
