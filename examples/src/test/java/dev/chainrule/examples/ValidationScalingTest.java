package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Scaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --validation}: the saved scaling is the statistics of the rows trained on, not of
 * the whole training part, whose validation rows here are far from the rest (a feature near 1,000
 * where the others are single digits). Statistics that counted them leaked the validation rows
 * into the validation loss that chooses the epoch.
 */
class ValidationScalingTest {
  private static final int ROWS = 80;
  private static final long SEED = 42L;  // train's default seed
  private static final double TEST = 0.2;  // train's default --test-fraction
  private static final double HELD = 0.25;

  /**
   * Relative tolerance against the sums below: the library sums 48 values of size ≤ 12 in another
   * order (a few ulps); counting the validation rows would move the mean a hundredfold.
   */
  private static final double CLOSE = 1e-12;

  @TempDir
  Path dir;

  @Test
  void aClassifierSavesTheStatisticsOfTheRowsItTrainedOn() throws IOException {
    check(false);
  }

  @Test
  void aRegressionSavesTheFeatureAndTargetStatisticsOfTheRowsItTrainedOn() throws IOException {
    check(true);
  }

  private void check(boolean regression) throws IOException {
    boolean[] trained = trainedRows(regression);
    double[][] rows = new double[ROWS][];
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < ROWS; i++) {
      boolean far = !trained[i] && isTraining(i, regression);  // a validation row
      double y = regression ? (far ? 3000 + i : (7 * i) % 13) : i % 2;
      rows[i] = new double[] {far ? 1000 + i : i % 9, (3 * i) % 5, y};
      csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", rows[i][0], rows[i][1],
          regression ? Double.toString(y) : i % 2 == 0 ? "p" : "q"));
    }
    Path file = Files.writeString(dir.resolve("far.csv"), csv.toString());
    Path saved = dir.resolve("far.safetensors");
    Cli.Result r = Cli.run("train", "--csv", file.toString(), "--label", "y", "--task",
        regression ? "regression" : "classification", "--validation", Double.toString(HELD),
        "--epochs", "1", "--save", saved.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("48 training, 16 validation and 16 test samples"), r.out());
    ModelDescription d = ModelCheckpoint.loadDescribed(saved).description();
    double[][] fitted = IntStream.range(0, ROWS).filter(i -> trained[i]).mapToObj(i -> rows[i])
        .toArray(double[][]::new);
    assertEquals(48, fitted.length);
    assertScaling(fitted, new int[] {0, 1}, d.featureScaling());
    if (regression) {
      assertScaling(fitted, new int[] {2}, d.targetScaling());
    }

    // --load uses the file's statistics and checks its split; saved again, they are unchanged.
    Path again = dir.resolve("again.safetensors");
    Cli.Result loaded = Cli.run("train", "--csv", file.toString(), "--load", saved.toString(),
        "--epochs", "0", "--save", again.toString(), "--out", dir.resolve("again").toString());
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertEquals(d.featureScaling(), ModelCheckpoint.loadDescribed(again).description()
        .featureScaling());
  }

  /** Row i's class (classification) or nothing (regression): what the splits choose by. */
  private static Tensor labels(boolean regression) {
    double[] y = new double[ROWS];
    Arrays.setAll(y, i -> regression ? 0 : i % 2);
    return regression ? Tensor.of(y, ROWS, 1) : Tensor.vector(y);
  }

  /** The rows in the training part, whose validation share is split off it the same way. */
  private static Split testSplit(boolean regression) {
    double[] ids = new double[ROWS];
    Arrays.setAll(ids, i -> i);
    Dataset index = new Dataset(Tensor.of(ids, ROWS, 1), labels(regression));
    return regression ? index.split(TEST, SEED) : index.stratifiedSplit(TEST, SEED);
  }

  private static boolean isTraining(int row, boolean regression) {
    return Arrays.stream(testSplit(regression).train().features().toArray())
        .anyMatch(id -> id == row);
  }

  /**
   * The rows the run trains on: a split chooses by row count, classes and seed, never by values,
   * so the rows of ids choose as the file's rows do (train's test split, then its validation
   * split of the training part with the same seed, by class for a classifier).
   */
  private static boolean[] trainedRows(boolean regression) {
    Dataset part = testSplit(regression).train();
    Split held = regression ? part.split(HELD, SEED) : part.stratifiedSplit(HELD, SEED);
    boolean[] trained = new boolean[ROWS];
    for (double id : held.train().features().toArray()) {
      trained[(int) id] = true;
    }
    return trained;
  }

  private static void assertScaling(double[][] rows, int[] columns, Scaling scaling) {
    for (int k = 0; k < columns.length; k++) {
      int c = columns[k];
      double mean = Arrays.stream(rows).mapToDouble(r -> r[c]).average().orElseThrow();
      double scale = Math.sqrt(Arrays.stream(rows)
          .mapToDouble(r -> (r[c] - mean) * (r[c] - mean)).average().orElseThrow());
      assertEquals(mean, scaling.mean().get(k), CLOSE * Math.abs(mean), "mean of column " + c);
      assertEquals(scale, scaling.scale().get(k), CLOSE * scale, "scale of column " + c);
    }
  }
}
