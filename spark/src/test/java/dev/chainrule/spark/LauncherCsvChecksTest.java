package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher checks a CSV file as train does, with train's words, which the two now share
 * (optim's CsvRowChecks, FirstLine, SingleRowClasses and ConstantFeatures): a file without rows
 * failed in the words of the first statistic taken of none ("max: cannot reduce the empty axis 0
 * of [0, 4]"), a column too large to standardise named a sample of the training part that moved
 * with --seed, a --drop that leaves no feature exited 1, not as the usage error it is, and the
 * notes and warnings train prints about a file were not printed at all, or, under --json, lost.
 */
class LauncherCsvChecksTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void spark() {
    LocalSpark.context();
  }

  /** {@code header}, then 60 rows of two classes that x1 tells apart, each made by {@code row}. */
  private static Path file(String name, String header, IntFunction<String> row)
      throws IOException {
    StringBuilder text = new StringBuilder(header).append('\n');
    for (int i = 0; i < 60; i++) {
      text.append(row.apply(i)).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private static String kind(int i) {
    return i % 2 == 0 ? "cat" : "dog";
  }

  private static String x1(int i) {
    return Double.toString((i % 2) * 3 + (i % 7) * 0.25);
  }

  @Test
  void aFileWithoutRowsIsRefusedAsTrainRefusesIt() throws IOException {
    Path header = Files.writeString(dir.resolve("hdr.csv"), "x1,x2,kind\n");
    Outcome empty = launch("--csv", header.toString(), "--label", "kind", "--epochs", "1");
    assertEquals(1, empty.code(), empty.err());
    assertEquals("error: hdr.csv: no rows to train on: the file has a header and no data rows",
        empty.err().strip());

    Path holes = file("holes.csv", "x1,x2,kind", i -> x1(i) + ",," + kind(i));
    Outcome dropped = launch("--csv", holes.toString(), "--label", "kind", "--missing", "drop",
        "--epochs", "1");
    assertEquals(1, dropped.code(), dropped.err());
    assertTrue(dropped.err().strip().endsWith("error: holes.csv: no rows to train on: --missing"
        + " drop left out all 60 rows; column \"x2\" had no value in any of them: leave it out"
        + " (--drop x2)"), dropped.err());
  }

  /**
   * The line is the file's, found on every row before the split: the training part's fit named
   * its own sample 108, a place that moved with --seed.
   */
  @Test
  void aColumnTooLargeToStandardiseIsNamedByItsLineWhateverTheSeed() throws IOException {
    // Positive values up to 5.9e307: their sum passes float64's 1.8e308.
    Path huge = file("huge.csv", "x1,x2,kind", i -> (i + 1) + "e306," + x1(i) + "," + kind(i));
    for (String seed : new String[] {"1", "2"}) {
      Outcome refused = launch("--csv", huge.toString(), "--label", "kind", "--dtype", "float64",
          "--seed", seed, "--epochs", "1");
      assertEquals(1, refused.code(), refused.err());
      assertEquals("error: huge.csv: line 61, column \"x1\": 6e307 is too large to standardise"
          + " the column: the sum of its values overflows float64 (whose largest number is"
          + " 1.8e308); rescale the column, e.g. to other units", refused.err().strip());
    }
    // A regression's target is standardised too.
    Path target = file("target.csv", "x1,y", i -> x1(i) + "," + (i + 1) + "e306");
    Outcome regression = launch("--csv", target.toString(), "--label", "y", "--task",
        "regression", "--dtype", "float64", "--epochs", "1");
    assertEquals(1, regression.code(), regression.err());
    assertTrue(regression.err().startsWith("error: target.csv: line 61, column \"y\": 6e307 is"
        + " too large to standardise the column"), regression.err());
  }

  @Test
  void aDropThatLeavesNoFeatureIsAUsageError() throws IOException {
    Path two = file("two.csv", "x1,x2,kind", i -> x1(i) + ",1," + kind(i));
    Outcome refused = launch("--csv", two.toString(), "--label", "kind", "--drop", "x1,x2");
    assertEquals(2, refused.code(), refused.err());
    assertEquals("error: two.csv: no feature columns: only the label \"kind\" is left to read"
        + " (see 'chainrule-spark --help')", refused.err().strip());
  }

  /**
   * A constant column and a class of one row are warned of as train warns, and the column is
   * recorded in --save's file, so that predict warns of another value in it; under --json the
   * warnings go to standard error.
   */
  @Test
  void constantColumnsAndSingleRowClassesAreWarnedOf() throws IOException {
    Path constant = file("k.csv", "x1,k,kind", i -> x1(i) + ",5," + (i == 59 ? "bird" : kind(i)));
    Path saved = dir.resolve("k.safetensors");
    Outcome run = launch("--csv", constant.toString(), "--label", "kind", "--epochs", "1",
        "--save", saved.toString(), "--json");
    assertEquals(0, run.code(), run.err());
    assertEquals(1, run.out().strip().lines().count(), run.out());
    assertEquals(List.of("warning: class bird has a single row (line 61 of k.csv): a class needs"
        + " several rows to be both learned and tested; if its label is a typo, correct it",
        "warning: the feature \"k\" is 5 in all 48 rows trained on: the model cannot learn"
            + " anything from it, and would answer a row with another value there through"
            + " weights that never trained; leave it out (--drop k)"),
        run.err().lines().filter(l -> l.startsWith("warning: class")
            || l.startsWith("warning: the feature")).toList());
    assertEquals("1", SafeTensors.read(saved).metadata().get("chainrule.constant_features"));
  }

  /**
   * scikit-learn's files begin with a summary (rows, features, class names), read as the
   * header; a numeric --label is a header name first. train says both; the launcher said
   * neither.
   */
  @Test
  void aFirstLineThatIsNoHeaderIsNoted() throws IOException {
    Path summary = file("summary.csv", "60,2,cat,dog", i -> x1(i) + ",0.5," + (i % 2) + ","
        + (i % 2));
    Outcome run = launch("--csv", summary.toString(), "--label", "-1", "--epochs", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("warning: line 1 (60,2,cat,dog) looks"
        + " like a summary line rather than a header: it begins with 60, the number of rows after"
        + " it")), run.out());

    Path numbers = file("numbers.csv", "4,3,2,1,0", i -> kind(i) + "," + x1(i) + ","
        + i % 3 + "," + i % 5 + "," + i % 4);
    Outcome named = launch("--csv", numbers.toString(), "--label", "4", "--epochs", "1",
        "--json");
    assertEquals(0, named.code(), named.err());
    assertEquals(List.of("note: --label 4 is the column named 4, at index 0, not the column at"
        + " index 4: a header name comes before an index", "warning: line 1 (4,3,2,1,0) is all"
            + " numbers, like a data row or a summary line rather than a header; train reads"
            + " line 1 as the columns' names: if the file has no header, add one that names each"
            + " column"),
        named.err().lines().filter(l -> l.startsWith("note: ")
            || l.startsWith("warning: line 1")).toList());

    // A refusal the line explains says so, as train's does.
    Outcome refused = launch("--csv", summary.toString(), "--label", "0", "--epochs", "1");
    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("looks continuous") && refused.err().contains("; line 1"
        + " (60,2,cat,dog) looks like a summary line rather than a header"), refused.err());
  }

  /** The note of rows left out is train's info line: on standard error under --json. */
  @Test
  void droppedRowsAreNotedOnStandardErrorUnderJson() throws IOException {
    Path holes = file("some-holes.csv", "x1,x2,kind", i -> x1(i) + "," + (i < 3 ? "" : "1")
        + "," + kind(i));
    Outcome run = launch("--csv", holes.toString(), "--label", "kind", "--missing", "drop",
        "--epochs", "1", "--json");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("some-holes.csv: left out 3 rows with missing values"
        + " (--missing drop)"), run.err());
    assertFalse(run.out().contains("left out"), run.out());
  }

  /** One shard is "1 shard". */
  @Test
  void oneShardIsSingular() throws IOException {
    Path rows = file("rows.csv", "x1,x2,kind", i -> x1(i) + "," + (i % 3) + "," + kind(i));
    Outcome run = launch("--csv", rows.toString(), "--label", "kind", "--epochs", "1",
        "--partitions", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains(", sync on 1 shard\n"), run.out());
  }
}
