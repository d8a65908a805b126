package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float32 regression model of targets far from 0 next to their spread (1e7 + a few units):
 * predict took the outputs back to the target's units in float32, which holds 24 bits of
 * {@code mean + scale · z}, and printed each value as a float. Training reported an RMSE of 0.02
 * and R² 0.9994; predict on the same rows answered in whole units (1.0000003E7), RMSE 0.30 and
 * R² 0.90, and for targets near 1.7e9 gave every row one value (R² −3.6), all with exit 0.
 */
class Float32PredictedUnitsTest {
  @TempDir
  Path dir;

  /** 300 rows of t = offset + 3a + b, a and b in [0, 1). */
  private Path rows(String name, double offset) throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder("a,b,t\n");
    for (int i = 0; i < 300; i++) {
      double a = random.nextDouble();
      double b = random.nextDouble();
      text.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, b, offset + 3 * a + b));
    }
    return Files.writeString(dir.resolve(name + ".csv"), text);
  }

  /** Trains on {@code csv} and predicts its rows; training's JSON line, then predict's. */
  private List<Cli.Result> trainAndPredict(Path csv) {
    String model = dir.resolve(csv.getFileName() + ".safetensors").toString();
    Cli.Result train = Cli.run("train", "--csv", csv.toString(), "--label", "t", "--task",
        "regression", "--epochs", "60", "--lr", "0.01", "--dtype", "float32", "--save", model,
        "--json", "--out", dir.resolve("o").toString());
    assertEquals(0, train.exitCode(), train.err());
    Cli.Result predict = Cli.run("predict", "--load", model, "--csv", csv.toString(), "--json");
    assertEquals(0, predict.exitCode(), predict.err());
    return List.of(train, predict);
  }

  @Test
  void predictScoresTheRowsAsTrainingDid() throws IOException {
    List<Cli.Result> runs = trainAndPredict(rows("near1e7", 1e7));
    double trainedRmse = runs.get(0).number("test_rmse");
    double trainedR2 = runs.get(0).number("test_r2");
    assertTrue(trainedRmse < 0.1 && trainedR2 > 0.99, runs.get(0).out());
    // predict scores all 300 rows, training its 60 test rows: on a line fitted this closely the
    // two errors are alike (the fit does not overfit three weights). Twice training's RMSE
    // leaves room for that; the float32 values were 12 times it, and R² 0.90.
    double rmse = runs.get(1).number("rmse");
    assertTrue(rmse < 2 * trainedRmse, "predict RMSE " + rmse + ", training " + trainedRmse);
    assertTrue(runs.get(1).number("r2") > 0.99, runs.get(1).out());
  }

  @Test
  void valuesKeepTheirDigitsBeyondFloat32s() throws IOException {
    List<Cli.Result> runs = trainAndPredict(rows("near1e9", 1.7e9));
    // float32 holds 1.7e9 to within 128: every prediction came out 1.7E9.
    List<Double> predicted = runs.get(1).lines().stream().filter(l -> l.contains("\"predicted\""))
        .map(l -> Double.parseDouble(l.replaceAll(".*\"predicted\":", "").replace("}", "")))
        .toList();
    assertEquals(300, predicted.size());
    long distinct = predicted.stream().distinct().count();
    assertTrue(distinct > 250, distinct + " distinct values, the first " + predicted.get(0));
    // Targets spread over 4 units: R² near training's, not −3.6 (the tolerance as above).
    assertTrue(runs.get(1).number("r2") > 0.99, runs.get(1).out());
    assertTrue(runs.get(1).number("rmse") < 2 * runs.get(0).number("test_rmse"),
        runs.get(0).out() + runs.get(1).out());
  }
}
