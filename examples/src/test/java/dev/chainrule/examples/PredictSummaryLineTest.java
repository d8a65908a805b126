package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on files whose first line is scikit-learn's summary (rows, features, class
 * names) or all numbers rather than a header: its messages say that line 1 looks like no header,
 * as {@code train}'s do ({@link SummaryLineTest}). Predict takes no {@code --label}, so there is
 * no numeric label to place.
 */
class PredictSummaryLineTest {
  @TempDir
  Path dir;

  /** 60 iris-like rows of four measurements and a class, 0 to 2, after {@code firstLine}. */
  private Path irisLike(String name, String firstLine) throws IOException {
    StringBuilder text = new StringBuilder(firstLine).append('\n');
    for (int i = 0; i < 60; i++) {
      text.append(String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%d%n", 5 + i % 7 * 0.3,
          2 + i % 13 * 0.1, 1 + i % 17 * 0.2, i % 3 * 0.9 + i % 11 * 0.1, i % 3));
    }
    return Files.writeString(dir.resolve(name), text);
  }

  /** A model saved by {@code train} on {@code csv}, after one epoch. */
  private Path trained(Path csv, String label) {
    Path model = dir.resolve("model.safetensors");
    Cli.Result run = Cli.run("train", "--csv", csv.toString(), "--label", label, "--epochs", "1",
        "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    return model;
  }

  @Test
  void aSummaryLineWithoutTheModelsColumnsIsNamed() throws IOException {
    Path model = trained(irisLike("named.csv", "a,b,c,d,species"), "species");
    Path iris = irisLike("iris.csv", "60,4,setosa,versicolor,virginica");
    Cli.Result run = Cli.run("predict", "--load", model.toString(), "--csv", iris.toString());
    assertEquals(1, run.exitCode(), run.out());
    List<String> err = run.err().lines().toList();
    assertEquals(1, err.size(), run.err());
    assertTrue(err.get(0).startsWith("error: iris.csv: "), run.err());
    // The model's own words come first; the summary line follows, with predict as its reader.
    assertTrue(err.get(0).endsWith(" (a column the model in model.safetensors was trained on);"
        + " line 1 (60,4,setosa,versicolor,virginica) looks like a summary line rather than a"
        + " header: it begins with 60, the number of rows after it (scikit-learn's CSV files"
        + " begin with the counts of rows and features, then the class names); predict reads"
        + " line 1 as the columns' names: replace it with a header that names each column"),
        run.err());
  }

  @Test
  void aHeaderThatNamesTheColumnsIsNoSummary() throws IOException {
    Path named = irisLike("named.csv", "a,b,c,d,species");
    Cli.Result run = Cli.run("predict", "--load", trained(named, "species").toString(), "--csv",
        named.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.err().contains("warning:"), run.err());
    assertTrue(run.err().startsWith("accuracy "), run.err());
  }

  @Test
  void aRunThatGoesAheadWarnsOfAFirstLineOfNumbers() throws IOException {
    String text = SummaryLineTest.numbersFirst();
    Path numbers = Files.writeString(dir.resolve("numbers.csv"), text);
    Path model = trained(numbers, "3");
    String warning = "warning: line 1 (1,2,3) is all numbers, like a data row or a summary line"
        + " rather than a header; predict reads line 1 as the columns' names: if the file has no"
        + " header, add one that names each column";
    // The predictions are standard output; the warning goes with the scores to standard error.
    Cli.Result run = Cli.run("predict", "--load", model.toString(), "--csv", numbers.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(warning, run.err().lines().findFirst().orElse(""), run.err());
    assertEquals(41, run.lines().size(), run.out());
    // Under --json, standard output holds the JSON lines alone; the warning is on standard error.
    Cli.Result json = Cli.run("predict", "--load", model.toString(), "--csv", numbers.toString(),
        "--json");
    assertEquals(0, json.exitCode(), json.err());
    assertEquals(List.of(warning), json.err().lines().toList());
    assertTrue(json.lines().stream().allMatch(line -> line.startsWith("{")), json.out());
  }
}
