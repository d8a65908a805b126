package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scores predict ends with for a regression: R² in words where it has no value (predict
 * printed "R² NaN"), and the scores of targets far from 1 in size (RMSE "Infinity" for targets
 * of 1e200, whose squared errors overflowed).
 */
class PredictedScoresTest {
  @TempDir
  Path dir;

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path model(double unit) throws IOException {
    StringBuilder rows = new StringBuilder("x,t\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i).append(',').append(String.format(Locale.ROOT, "%s", (2 * i + 1) * unit))
          .append('\n');
    }
    Path data = csv("train.csv", rows.toString());
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", data.toString(), "--label", "t", "--task",
        "regression", "--epochs", "2", "--save", model.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    return model;
  }

  @Test
  void r2WithoutAValueSaysWhy() throws IOException {
    Path model = model(1);
    Cli.Result one = Cli.run("predict", "--load", model.toString(), "--csv",
        csv("one.csv", "x,t\n3,7\n").toString());
    assertEquals(0, one.exitCode(), one.err());
    // The predictions are standard output; the scores after them go to standard error.
    assertTrue(one.err().contains("(in the units of t), R² undefined (one scored row)"),
        one.err());
    Cli.Result alike = Cli.run("predict", "--load", model.toString(), "--csv",
        csv("alike.csv", "x,t\n3,7\n4,7\n").toString());
    assertTrue(alike.err().contains("(in the units of t), R² undefined (constant targets)"),
        alike.err());
    Cli.Result two = Cli.run("predict", "--load", model.toString(), "--csv",
        csv("two.csv", "x,t\n3,7\n4,9\n").toString());
    assertTrue(two.err().matches("(?s).*\\(in the units of t\\), R² -?\\d+\\.\\d{4}\\n.*"),
        two.err());
  }

  @Test
  void hugeTargetsScoreInTheirOwnSize() throws IOException {
    Path model = model(1e200);
    Cli.Result scored = Cli.run("predict", "--load", model.toString(), "--csv",
        csv("huge.csv", "x,t\n3,7e200\n4,9e200\n5,1.1e201\n").toString(), "--json");
    assertEquals(0, scored.exitCode(), scored.err());
    String summary = scored.lines().get(scored.lines().size() - 1);
    // Finite RMSE and MAE of the targets' size, and an R² (a number, not null).
    assertTrue(summary.matches(".*\"rmse\":\\d\\.\\d+e\\+\\d+,\"mae\":\\d\\.\\d+e\\+\\d+,"
        + "\"r2\":-?\\d.*"), summary);
  }
}
