package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on files whose first line is scikit-learn's summary (rows, features, class names)
 * rather than a header: the messages say which column a numeric {@code --label} took by its name
 * and that line 1 looks like no header.
 */
class SummaryLineTest {
  @TempDir
  Path dir;

  /** An iris-like file: 5 fields on every line, line 1 "60,4,setosa,versicolor,virginica". */
  private Path irisLike() throws IOException {
    StringBuilder text = new StringBuilder("60,4,setosa,versicolor,virginica\n");
    for (int i = 0; i < 60; i++) {
      text.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%d%n", 5 + i % 7 * 0.3,
          2 + i % 13 * 0.1, 1 + i % 17 * 0.2, i % 3 * 0.9 + i % 11 * 0.1, i % 3));
    }
    return Files.writeString(dir.resolve("iris.csv"), text);
  }

  @Test
  void aNumericLabelThatIsAHeaderNameSaysWhichColumnItTook() throws IOException {
    Cli.Result run = Cli.run("train", "--csv", irisLike().toString(), "--label", "4", "--out",
        dir.resolve("out").toString());
    assertEquals(1, run.exitCode(), run.out());
    String err = run.err();
    assertTrue(err.startsWith("error: iris.csv: the label \"4\" (the column named 4, at index 1)"
        + " looks continuous"), err);
    assertTrue(err.contains("; line 1 (60,4,setosa,versicolor,virginica) looks like a summary"
        + " line rather than a header: it begins with 60, the number of rows after it"), err);
  }

  @Test
  void aSummaryLineWithFewerFieldsIsNamedWhenLineTwoIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("cancer.csv"),
        "3,4,malignant,benign\n1,2,3,4,0\n2,3,4,5,1\n3,4,5,6,0\n");
    Cli.Result run = Cli.run("train", "--csv", file.toString(), "--label", "benign");
    assertEquals(List.of("error: cancer.csv: line 2: expected 4 fields, found 5; line 1"
        + " (3,4,malignant,benign) looks like a summary line rather than a header: it begins"
        + " with 3, the number of rows after it (scikit-learn's CSV files begin with the counts"
        + " of rows and features, then the class names); train reads line 1 as the columns'"
        + " names: replace it with a header that names each column"), run.err().lines().toList());
    assertEquals(1, run.exitCode());
  }

  /** A long line 1 is shown cut to 80 characters, not whole. */
  @Test
  void aLongSummaryLineIsCut() throws IOException {
    String name = "n".repeat(500);
    Path file = Files.writeString(dir.resolve("long.csv"), "3," + name + "\n1,2,3\n2,3,4\n");
    Cli.Result run = Cli.run("train", "--csv", file.toString(), "--label", name);
    assertEquals(List.of("error: long.csv: line 2: expected 2 fields, found 3; line 1 (3,"
        + "n".repeat(78) + "…) looks like a summary line rather than a header: it has 2 fields"
        + " where line 2 has 3 (scikit-learn's CSV files begin with the counts of rows and"
        + " features, then the class names); train reads line 1 as the columns' names: replace"
        + " it with a header that names each column"), run.err().lines().toList());
    assertEquals(1, run.exitCode());
  }

  /**
   * scikit-learn's breast_cancer.csv with --label diagnosis, a name its summary line lacks: the
   * refusal named the line's fields as a header, without the hint that --label -1 gave.
   */
  @Test
  void aLabelNameMissingFromASummaryLineNamesTheLine() throws IOException {
    Path file = Files.writeString(dir.resolve("cancer.csv"),
        "3,4,malignant,benign\n1,2,3,4,0\n2,3,4,5,1\n3,4,5,6,0\n");
    Cli.Result run = Cli.run("train", "--csv", file.toString(), "--label", "diagnosis");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("error: cancer.csv: line 1: no column named \"diagnosis\" in"
        + " the header (3, 4, malignant, benign); line 1 (3,4,malignant,benign) looks like a"
        + " summary line rather than a header: it begins with 3, the number of rows after it"),
        run.err());
  }

  @Test
  void aRunThatGoesAheadWarnsOfAFirstLineOfNumbers() throws IOException {
    String text = numbersFirst();
    Path file = Files.writeString(dir.resolve("numbers.csv"), text);
    Cli.Result run = Cli.run("train", "--csv", file.toString(), "--label", "3", "--epochs", "1",
        "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    // "3" is a header name (at index 2, the last column) and no index: no note of an index.
    assertEquals("warning: line 1 (1,2,3) is all numbers, like a data row or a summary line"
        + " rather than a header; train reads line 1 as the columns' names: if the file has no"
        + " header, add one that names each column", lines.get(0));
    assertTrue(lines.get(1).startsWith("train: 2-32-2 network"), run.out());
  }

  @Test
  void aDelimiterInsideQuotesIsNoExtraField() throws IOException {
    // Split at every comma, "Smith, J0" made 4 fields under a header of 3, and a right header
    // was called a summary line, in the --drop case the README recommends.
    StringBuilder text = new StringBuilder("name,a,y\n");
    for (int i = 0; i < 40; i++) {
      text.append("\"Smith, J").append(i).append("\",").append(i % 2 * 4 + Math.sin(i))
          .append(',').append(i % 2).append('\n');
    }
    Path file = Files.writeString(dir.resolve("names.csv"), text);
    Cli.Result run = Cli.run("train", "--csv", file.toString(), "--label", "y", "--drop",
        "name", "--epochs", "1", "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.out().contains("summary line") || run.err().contains("summary line"),
        run.out() + run.err());
  }

  /** Two classes of 40 rows under a first line of numbers, "1,2,3", that is no header. */
  static String numbersFirst() {
    StringBuilder text = new StringBuilder("1,2,3\n");
    for (int i = 0; i < 40; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 2).append('\n');
    }
    return text.toString();
  }
}
