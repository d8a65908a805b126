package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program's {@code train --load} holds a file of the launcher to its run's validation share
 * and epochs, as it holds its own files: a contradicting --validation is a usage error (exit 2),
 * and without one it holds out the rows the Spark run held out (the same rows, not only as many)
 * and numbers its epochs on from the file's. Before, the launcher's files had no such entries:
 * train --load went on at epoch 1 and validated on rows the Spark run had trained on. The program
 * is run from its built jar, as SharedOptionsIT reads it (the launcher does not depend on the
 * program).
 */
class SparkFileTrainLoadIT {
  private static final Path PROGRAM = Path.of("..", "examples", "target", "chainrule.jar");

  @TempDir
  static Path dir;

  private static Path csv;

  @BeforeAll
  static void data() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(200, 11), "class");
  }

  @Test
  void trainLoadHoldsASparkFileToItsShareAndEpochs() throws Exception {
    assertTrue(Files.isRegularFile(PROGRAM), PROGRAM.toAbsolutePath() + " is missing");
    for (String kind : new String[] {"--save", "--checkpoint"}) {
      Path file = dir.resolve("spark" + kind + ".st");
      Outcome spark = launch("--csv", csv.toString(), "--label", "class", "--epochs", "2",
          "--validation", "0.25", "--seed", "7", kind, file.toString(), "--json");
      assertEquals(0, spark.code(), spark.err());
      Object sparkValidationRows = spark.launch().report.get("validation_samples");
      Dataset sparkValidation = spark.launch().heldOut.watched();

      Result contradicted = train(file, "--validation", "0.4");
      assertEquals(2, contradicted.code(), kind + ": " + contradicted.err());
      assertTrue(contradicted.err().contains("0.4") && contradicted.err().contains("0.25"),
          contradicted.err());

      Result continued = train(file);
      assertEquals(0, continued.code(), kind + ": " + continued.err());
      assertTrue(continued.out().contains("\"first_epoch\":3"), continued.out());
      assertTrue(continued.out().contains("\"validation_samples\":" + sparkValidationRows),
          sparkValidationRows + " | " + continued.out());

      // --patience needs the share the file's run held out, which the file now records.
      Path kept = dir.resolve("train" + kind + ".st");
      Result patience = train(file, "--patience", "2", "--save", kept.toString());
      assertEquals(0, patience.code(), kind + ": " + patience.err());
      assertSameValidationRows(kept, sparkValidation, kind);
    }
  }

  /**
   * Whether train held out the rows the Spark run did, not only as many: train's file of
   * {@code --patience} keeps the weights of its one (so best) epoch and that epoch's validation
   * loss and accuracy over train's held-out rows, in full; the same weights scored here on the
   * launcher's held-out rows must give them back. The mean loss and the share right of a
   * trained network over the rows are an order-independent digest of them: another choice of
   * as many rows moves the loss by far more than its rounding (measured: blocks of 40 of the
   * launcher's training rows score 0.70 to 1.06 where its 40 held-out rows score 0.83).
   */
  private static void assertSameValidationRows(Path kept, Dataset sparkValidation,
      String kind) {
    Map<String, String> record = SafeTensors.list(kept).metadata();
    double trainLoss = Double.parseDouble(
        record.get("chainrule.early_stopping.best.validation_loss"));
    double trainAccuracy = Double.parseDouble(
        record.get("chainrule.early_stopping.best.validation_accuracy"));
    Evaluation.Score onSparkRows = Evaluation.score(ModelCheckpoint.loadDescribed(kept).model(),
        SparkTrainer.lossOf(Task.CLASSIFICATION), sparkValidation);
    // Relative 1e-12: the same rows summed in another order differ by a few ulps (1e-16).
    assertEquals(trainLoss, onSparkRows.loss(), 1e-12 * trainLoss,
        kind + ": the validation loss of train's weights, over train's and the launcher's rows");
    // Exact: the share of the same rows classified right, each count over the same total.
    assertEquals(trainAccuracy, onSparkRows.accuracy(), kind + ": validation accuracy");
  }

  private record Result(int code, String out, String err) {}

  private static Result train(Path file, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--label",
        "class", "--seed", "7", "--epochs", "1", "--load", file.toString(), "--json",
        "--out", dir.resolve("out").toString()));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (URLClassLoader jar = new URLClassLoader(new URL[] {PROGRAM.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      int code = (int) jar.loadClass("dev.chainrule.examples.Main")
          .getMethod("run", String[].class, PrintStream.class, PrintStream.class)
          .invoke(null, args.toArray(String[]::new),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Result(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }
}
