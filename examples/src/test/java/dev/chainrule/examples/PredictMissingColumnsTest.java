package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file to predict that lacks several of the model's columns says how many and which, not only
 * the first: one of 5 of a model's 30 columns was refused for the first missing one, and each
 * column added met the next refusal.
 */
class PredictMissingColumnsTest {
  @TempDir
  Path dir;

  private Path model() throws IOException {
    StringBuilder rows = new StringBuilder("a,b,c,d,y\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i % 2 * 3 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "no" : "yes")
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("data.csv"), rows);
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs",
        "2", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    return model;
  }

  @Test
  void aFileWithoutSeveralColumnsNamesThemAll() throws IOException {
    Path model = model();
    Path few = Files.writeString(dir.resolve("few.csv"), "a,y\n1,no\n");
    Cli.Result refused = Cli.run("predict", "--load", model.toString(), "--csv", few.toString());
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals(List.of("error: few.csv: line 1: no column named \"b\" in the header (a, y)"
        + " (a column the model in m.safetensors was trained on; 3 of its 4 columns are missing:"
        + " b, c, d)"), refused.err().lines().toList());
    // One column missing: the refusal names it, and there is nothing to count.
    Path one = Files.writeString(dir.resolve("one.csv"), "a,b,c,y\n1,2,3,no\n");
    Cli.Result single = Cli.run("predict", "--load", model.toString(), "--csv", one.toString());
    assertEquals(List.of("error: one.csv: line 1: no column named \"d\" in the header (a, b, c,"
        + " y) (a column the model in m.safetensors was trained on)"),
        single.err().lines().toList());
  }
}
