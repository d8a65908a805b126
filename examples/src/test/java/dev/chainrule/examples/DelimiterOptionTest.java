package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --delimiter}: files separated by semicolons (a decimal-comma locale's CSV) or tabs
 * train and predict; without it the refusal says what the first row suggests.
 */
class DelimiterOptionTest {
  @TempDir
  Path dir;

  /** Two separated clusters, each row "x;y;class" with the given separator. */
  private Path clusters(String file, char separator) throws IOException {
    StringBuilder text = new StringBuilder("x" + separator + "y" + separator + "kind\n");
    for (int i = 0; i < 40; i++) {
      int side = i % 2;
      text.append(side * 4 + Math.sin(i)).append(separator).append(side * 4 + Math.cos(i))
          .append(separator).append(side == 0 ? "cat" : "dog").append('\n');
    }
    return Files.writeString(dir.resolve(file), text);
  }

  @Test
  void semicolonAndTabFilesTrainAndPredict() throws IOException {
    Path semicolons = clusters("semi.csv", ';');
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", semicolons.toString(), "--label", "kind",
        "--delimiter", ";", "--epochs", "30", "--save", model.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    // Two clusters 4 apart with noise under 1: every held-out row is right.
    assertEquals(1.0, trained.testAccuracy());
    Cli.Result predicted = Cli.run("predict", "--load", model.toString(), "--csv",
        clusters("tabs.tsv", '\t').toString(), "--delimiter", "tab");
    assertEquals(0, predicted.exitCode(), predicted.err());
    assertTrue(predicted.err().contains("accuracy 1.0000 (40 of 40)"), predicted.err());
  }

  @Test
  void aColumnALoadedModelNeedsIsTheFilesFault() throws IOException {
    // The options named no column: the loaded model did, so the file lacks it (exit 1, not 2).
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", clusters("semi.csv", ';').toString(), "--label",
        "kind", "--delimiter", ";", "--epochs", "2", "--save", model.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Path other = Files.writeString(dir.resolve("other.csv"), "x,y,sort\n1,2,cat\n3,4,dog\n");
    Cli.Result refused = Cli.run("train", "--csv", other.toString(), "--load", model.toString(),
        "--epochs", "0");
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals(List.of("error: other.csv: line 1: no column named \"kind\" in the header (x, y,"
        + " sort) (a column the loaded model was trained on)"), refused.err().lines().toList());
  }

  @Test
  void classNamesOutsideAsciiReachTheJsonIntact() throws IOException {
    // The writers encoded in the platform's charset: under LC_ALL=C, Größe printed as Gr??e.
    StringBuilder text = new StringBuilder("x,y,Größe\n");
    for (int i = 0; i < 40; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(i % 2 * 4 + Math.cos(i))
          .append(',').append(i % 2 == 0 ? "klein" : "groß").append('\n');
    }
    Path csv = Files.writeString(dir.resolve("größe.csv"), text);
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", csv.toString(), "--label", "Größe", "--epochs",
        "20", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result run = Cli.run("predict", "--load", model.toString(), "--csv", csv.toString(),
        "--json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"predicted\":\"groß\""), run.out());
    assertTrue(!run.out().contains("?"), run.out());
  }

  @Test
  void withoutTheOptionTheFirstRowIsNamed() throws IOException {
    Cli.Result refused = Cli.run("train", "--csv", clusters("semi.csv", ';').toString(),
        "--label", "kind");
    assertEquals(2, refused.exitCode(), "the column named is the option's to correct");
    assertEquals(List.of("error: semi.csv: line 1: no column named \"kind\" in the header"
        + " (x;y;kind); the first row is one column that holds ';': is ';' the file's delimiter?"
        + " (see 'chainrule train --help')"), refused.err().lines().toList());
    Cli.Result bad = Cli.run("predict", "--load", "m.safetensors", "--csv", "x.csv",
        "--delimiter", ";;");
    assertEquals(List.of("error: --delimiter: a delimiter is one character other than a double"
        + " quote or a line break, or tab; got ';;' (see 'chainrule predict --help')"),
        bad.err().lines().toList());
  }
}
