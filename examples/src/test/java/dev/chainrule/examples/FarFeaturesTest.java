package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict answered a row with a feature of 1e30, where training saw 0 to 39, as confidently as
 * any other ("dog, 1.0000", exit 0): it still answers, and warns of the first such row.
 */
class FarFeaturesTest {
  @TempDir
  Path dir;

  @Test
  void aRowFarOutsideTheTrainingDataIsWarnedOf() throws IOException {
    StringBuilder labelled = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      labelled.append(i).append(',').append(i % 7).append(',').append(i < 20 ? "cat" : "dog")
          .append('\n');
    }
    Path model = dir.resolve("pets.safetensors");
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("pets.csv"), labelled).toString(), "--label", "y",
        "--epochs", "1", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());

    Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n3,1\n1e30,2\n5,-4e29\n39,6\n");
    Cli.Result far = Cli.run("predict", "--load", model.toString(), "--csv", rows.toString());
    assertEquals(0, far.exitCode(), far.err());
    assertEquals(5, far.out().lines().count(), "every row is still predicted: " + far.out());
    // a's mean over the training split (train holds a test part out) is 19.78.
    List<String> warnings = far.err().lines().filter(l -> l.startsWith("warning: ")).toList();
    assertEquals(List.of("warning: line 3 of rows.csv: a is 1.000e+30, 8.52e+28 standard"
        + " deviations from its training mean 19.78, farther than any value of a training set of"
        + " up to 10,001 rows can lie (100): its prediction there is an extrapolation; 1 more"
        + " row lies as far"), warnings);

    // The training rows themselves, the extremes included, are within reach.
    Cli.Result near = Cli.run("predict", "--load", model.toString(), "--csv",
        dir.resolve("pets.csv").toString());
    assertFalse(near.err().contains("warning"), near.err());
  }
}
