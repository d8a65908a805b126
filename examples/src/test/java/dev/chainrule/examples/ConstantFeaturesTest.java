package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column that never varies in the rows trained on standardises to 0 there (scale 1, as
 * scikit-learn's StandardScaler), so its first-layer weights never train; predict still answered
 * a row with another value through them, without a word at training, and warned only of 5000 as
 * "5.00e+03 standard deviations from its training mean" though the training spread was 0.
 */
class ConstantFeaturesTest {
  @TempDir
  Path dir;

  @Test
  void trainNamesTheColumnAndPredictWarnsOfOtherValuesInIt() throws IOException {
    StringBuilder labelled = new StringBuilder("a,k,y\n");
    for (int i = 0; i < 40; i++) {
      labelled.append(i).append(",5,").append(i < 20 ? "cat" : "dog").append('\n');
    }
    Path model = dir.resolve("k.safetensors");
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("k.csv"), labelled).toString(), "--label", "y",
        "--epochs", "1", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: the feature \"k\" is 5 in all 32 rows trained on: the model"
        + " cannot learn anything from it, and would answer a row with another value there"
        + " through weights that never trained; leave it out (--drop k)"),
        trained.out().lines().filter(l -> l.startsWith("warning: the feature")).toList());

    Path rows = Files.writeString(dir.resolve("rows.csv"), "a,k\n3,5\n4,6\n5,5000\n1e30,5\n");
    Cli.Result predicted = Cli.run("predict", "--load", model.toString(), "--csv",
        rows.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    assertEquals(5, predicted.out().lines().count(), "every row is predicted: " + predicted.out());
    // No word of standard deviations for k, whose training spread was 0; a's warning as before.
    assertEquals(List.of("warning: line 3 of rows.csv: k is 6, and was 5 in every row the model"
        + " trained on: the model never learned what another value there means, so its"
        + " prediction for that row is unfounded; 1 more row differs there",
        "warning: line 5 of rows.csv: a is 1.000e+30, 8.52e+28 standard deviations from its"
            + " training mean 19.78, farther than any value of a training set of up to 10,001"
            + " rows can lie (100): its prediction there is an extrapolation"),
        predicted.err().lines().filter(l -> l.startsWith("warning: ")).toList());
  }

  /**
   * A float32 run holds a written 0.1 as the float nearest it, and printed its widened double,
   * 0.10000000149011612: the value is the float the run holds, written as a float.
   */
  @Test
  void aFloat32ColumnsValueIsWrittenAsTheFloat() throws IOException {
    StringBuilder labelled = new StringBuilder("a,k,y\n");
    for (int i = 0; i < 40; i++) {
      labelled.append(i).append(",0.1,").append(i < 20 ? "cat" : "dog").append('\n');
    }
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("k32.csv"), labelled).toString(), "--label", "y",
        "--dtype", "float32", "--epochs", "1", "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: the feature \"k\" is 0.1 in all 32 rows trained on: the"
        + " model cannot learn anything from it, and would answer a row with another value there"
        + " through weights that never trained; leave it out (--drop k)"),
        trained.out().lines().filter(l -> l.startsWith("warning: the feature")).toList());
  }
}
