package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} on CSV files: classes, columns, missing values, regression scores, divergence. */
class TrainCsvTest {
  @TempDir
  Path dir;

  /** Two clusters in (x, y) labelled by {@code labels[0]} and {@code labels[1]}, with a name. */
  private Path clusters(String file, String first, String second) throws IOException {
    StringBuilder text = new StringBuilder("name,x,y,noise,group\n");
    for (int i = 0; i < 60; i++) {
      int side = i % 2;
      text.append("p").append(i).append(',').append(side * 4 + Math.sin(i)).append(',')
          .append(side * 4 + Math.cos(i)).append(',').append(Math.sin(7 * i)).append(',')
          .append(side == 0 ? first : second).append('\n');
    }
    return Files.writeString(dir.resolve(file), text);
  }

  /** A run printing for people (with --json the JSON line would be all it prints). */
  private Cli.Result train(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--out", dir.resolve("out").toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  /** The same run answering in JSON. */
  private Cli.Result trainJson(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--json");
    return train(all.toArray(String[]::new));
  }

  /** pandas' to_csv writes its row index unnamed: refused, and --drop '' leaves it out. */
  @Test
  void anUnnamedIndexColumnIsRefusedAndCanBeDropped() throws IOException {
    Path clusters = clusters("indexed.csv", "a", "b");
    Path indexed = Files.writeString(dir.resolve("pandas.csv"), Files.readString(clusters)
        .replaceFirst("name,", ","));
    Cli.Result refused = train("train", "--csv", indexed.toString(), "--label", "group",
        "--epochs", "1");
    assertEquals(1, refused.exitCode(), refused.out());
    assertTrue(refused.err().contains("column 1 has no name in the header"), refused.err());
    Cli.Result dropped = trainJson("train", "--csv", indexed.toString(), "--label", "group",
        "--drop", "", "--epochs", "1");
    assertEquals(0, dropped.exitCode(), dropped.err());
  }

  /**
   * A class of one row, which a split of half the rows sends to the test rows: the network has
   * an output for it and can never learn it, which the run now says.
   */
  @Test
  void aClassWithNoTrainingRowIsWarnedAbout() throws IOException {
    Path csv = clusters("rare.csv", "a", "b");
    Files.writeString(csv, "p60,9,9,0,c\n", java.nio.file.StandardOpenOption.APPEND);
    Cli.Result half = train("train", "--csv", csv.toString(), "--label", "group", "--drop",
        "name", "--test-fraction", "0.5", "--epochs", "2");
    assertEquals(0, half.exitCode(), half.err());
    assertTrue(half.out().contains("warning: class c has no training row: the split sent all"
        + " its rows to the test rows, so the network cannot learn it"), half.out());
    Cli.Result fifth = train("train", "--csv", csv.toString(), "--label", "group", "--drop",
        "name", "--epochs", "2");
    assertFalse(fifth.out().contains("has no training row"), "0.2 of one row keeps it");
  }

  /**
   * 60 rows of a and 2 of b: a large test fraction (or validation share) sends both b rows to
   * the held-out rows, and the run trained on a alone with exit 0, its test accuracy a's share;
   * a regression refused the like of it. Refused, naming the classes, their rows and the cure,
   * by the options that give it (the library's words, "a smaller test fraction", named none).
   */
  @Test
  void aTrainingPartOfOneClassIsRefused() throws IOException {
    Path csv = clusters("two.csv", "a", "a");
    Files.writeString(csv, "q1,9,9,0,b\nq2,9,8,0,b\n", java.nio.file.StandardOpenOption.APPEND);
    Cli.Result test = train("train", "--csv", csv.toString(), "--label", "group", "--drop",
        "name", "--test-fraction", "0.75", "--epochs", "1");
    assertEquals(1, test.exitCode(), test.out());
    assertEquals("error: two.csv: the label \"group\" has one class (\"a\") in all 15 rows of the"
        + " split's training part, the other class's rows all in the 47 test rows (\"b\": 2):"
        + " there is nothing to tell apart; give more rows or a smaller --test-fraction",
        test.err().strip());
    Cli.Result validation = train("train", "--csv", csv.toString(), "--label", "group",
        "--drop", "name", "--validation", "0.75", "--epochs", "1");
    assertEquals(1, validation.exitCode(), validation.out());
    assertEquals("error: two.csv: the label \"group\" has one class (\"a\") in all 12 rows"
        + " trained on, the other class's rows all in the 38 validation rows (\"b\": 2): there"
        + " is nothing to tell apart; give more rows or a smaller --validation",
        validation.err().strip());
    // The default split keeps a b row in training (round(0.2 · 2) = 0 held out): it trains.
    assertEquals(0, train("train", "--csv", csv.toString(), "--label", "group", "--drop", "name",
        "--epochs", "1").exitCode());
  }

  /**
   * Twenty targets of 1.0 and one of 7.0: a split that holds the 7.0 out (of the test part, or
   * of the rows trained on) leaves one value to learn, refused by the library in words of no
   * program ("a smaller test fraction or another seed"), named here by the options.
   */
  @Test
  void aTrainingPartOfOneTargetValueNamesTheOptionsThatMendIt() throws IOException {
    StringBuilder text = new StringBuilder("x,y,target\n");
    for (int i = 0; i < 20; i++) {
      text.append(Math.sin(i)).append(',').append(Math.cos(i)).append(",1.0\n");
    }
    Path csv = Files.writeString(dir.resolve("flat.csv"), text.append("0.5,0.5,7.0\n"));
    Cli.Result test = train("train", "--csv", csv.toString(), "--label", "target", "--task",
        "regression", "--test-fraction", "0.5", "--seed", "1", "--epochs", "1");
    assertEquals(1, test.exitCode(), test.out());
    assertEquals("error: flat.csv: the target \"target\" is 1.0 in all 10 training rows of the"
        + " split (the other values are all in the 11 test rows): there is nothing to learn; give"
        + " more rows, a smaller --test-fraction or another --seed", test.err().strip());
    Cli.Result validation = train("train", "--csv", csv.toString(), "--label", "target",
        "--task", "regression", "--validation", "0.8", "--seed", "2", "--epochs", "1");
    assertEquals(1, validation.exitCode(), validation.out());
    assertEquals("error: flat.csv: the target \"target\" is 1.0 in all 3 rows trained on (the"
        + " other values of the training part are all in its 14 validation rows): there is"
        + " nothing to learn; give more rows, a smaller --validation or another --seed",
        validation.err().strip());
  }

  @Test
  void wholeNumberLabelsAreTwoClassesNotElevenOrThree() throws IOException {
    Path csv = clusters("tens.csv", "10", "20");
    Cli.Result r = train("train", "--csv", csv.toString(), "--label", "group", "--drop", "name");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("train: 3-32-2 network"), "two classes, no phantoms: "
        + r.out());
    assertTrue(r.out().contains("true\\pred    10    20"), "named by their labels: " + r.out());
    assertEquals(1.0, r.testAccuracy(), "separable clusters");
  }

  @Test
  void aLabelIsAColumnNameBeforeItIsAnIndex() throws IOException {
    // Columns named "0" and "1": "0" counts rows (a continuous label), "1" is the class.
    StringBuilder text = new StringBuilder("f,0,1\n");
    for (int i = 0; i < 60; i++) {
      text.append(i % 2 * 4 + Math.sin(i)).append(',').append(i).append(',')
          .append(i % 2 == 0 ? "cat" : "dog").append('\n');
    }
    Path csv = Files.writeString(dir.resolve("numbered.csv"), text);
    Cli.Result named = train("train", "--csv", csv.toString(), "--label", "1");
    assertEquals(0, named.exitCode(), "the column named 1, not the one at index 1: "
        + named.err());
    List<String> lines = named.out().lines().toList();
    assertEquals("note: --label 1 is the column named 1, at index 2, not the column at index 1:"
        + " a header name comes before an index", lines.get(0));
    assertTrue(lines.get(1).startsWith("train: 2-32-2 network"), "features f and 0: "
        + named.out());
    assertTrue(named.out().contains("true\\pred   cat   dog"), named.out());
    Cli.Result counted = train("train", "--csv", csv.toString(), "--label", "0", "--drop", "1");
    assertEquals(1, counted.exitCode(), counted.out());
    assertTrue(counted.err().contains("the label \"0\" (the column named 0, at index 1) looks"
        + " continuous"), counted.err());
    // No column is named 2: then it is the index of the last column, "1".
    Cli.Result indexed = train("train", "--csv", csv.toString(), "--label", "2");
    assertEquals(0, indexed.exitCode(), indexed.err());
    assertTrue(indexed.out().contains("true\\pred   cat   dog"), indexed.out());
    Cli.Result neither = train("train", "--csv", csv.toString(), "--label", "3");
    assertEquals(List.of("error: numbered.csv: line 1: no column named \"3\" in the header (f,"
        + " 0, 1), and as a position, label column index 3 out of range for 3 columns (valid: -3"
        + " to 2) (see 'chainrule train --help')"), neither.err().lines().toList());
    assertEquals(2, neither.exitCode(), "--label names no column: a usage error");
    String help = Cli.run("train", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("the column of exactly this header name; only if no column has"
        + " that name, a 0-based index"), help);
  }

  @Test
  void chosenOrDroppedColumnsAreTheFeatures() throws IOException {
    Path csv = clusters("named.csv", "left", "right");
    Cli.Result chosen = train("train", "--csv", csv.toString(), "--label", "group",
        "--features", "y,x");
    assertEquals(0, chosen.exitCode(), chosen.err());
    assertTrue(chosen.out().startsWith("train: 2-32-2 network"), chosen.out());
    Cli.Result dropped = train("train", "--csv", csv.toString(), "--label", "group", "--drop",
        "name,noise");
    assertEquals(0, dropped.exitCode(), dropped.err());
    assertTrue(dropped.out().startsWith("train: 2-32-2 network"), dropped.out());
    Cli.Result all = train("train", "--csv", csv.toString(), "--label", "group");
    assertEquals(1, all.exitCode(), "the name column is text");
  }

  @Test
  void rowsWithMissingValuesCanBeDropped() throws IOException {
    Path csv = clusters("gaps.csv", "a", "b");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
    lines.set(5, lines.get(5).replaceFirst(",[^,]*,", ",,"));
    lines.set(9, lines.get(9).replaceFirst(",[^,]*,", ",NA,"));
    Files.write(csv, lines);
    Cli.Result r = train("train", "--csv", csv.toString(), "--label", "group", "--drop", "name",
        "--missing", "drop");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("gaps.csv: left out 2 rows with missing values (--missing"
        + " drop)\n"), r.out());
    assertTrue(r.out().contains("46 training and 12 test samples"), "58 rows: " + r.out());
  }

  @Test
  void regressionReportsErrorsInTheLabelsOwnUnits() throws IOException {
    StringBuilder text = new StringBuilder("x,noise,price\n");
    for (int i = 0; i < 200; i++) {
      double x = i / 50.0;
      text.append(x).append(',').append(Math.sin(i)).append(',').append(1000 * x + 500)
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("prices.csv"), text);
    Cli.Result r = trainJson("train", "--csv", csv.toString(), "--label", "price", "--task",
        "regression");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    double standardised = (Double) json.get("test_mse_standardised");
    double rmse = (Double) json.get("test_rmse");
    // Prices spread about 1155 (the standard deviation of 1000·x for x uniform on [0, 4)), so the
    // RMSE in price units is the standardised one times that spread, within the test split's
    // sampling of it (10 %).
    assertEquals(Math.sqrt(standardised) * 1155, rmse, 0.1 * rmse);
    assertTrue((Double) json.get("test_mae") <= rmse, "MAE never exceeds RMSE");
    assertTrue((Double) json.get("test_r2") > 0.99, "a straight line: " + json);
    Cli.Result forPeople = train("train", "--csv", csv.toString(), "--label", "price", "--task",
        "regression");
    assertTrue(forPeople.out().contains("(in the units of price), R² 0.99"), forPeople.out());
  }

  @Test
  void aDivergingRunStopsWithOneLineAndKeepsThePicturesOfWhatRan() throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 200; i++) {
      text.append(i / 50.0).append(',').append(3.0 * i / 50 - 1).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("line.csv"), text);
    Cli.Result r = trainJson("train", "--csv", csv.toString(), "--label", "y", "--task",
        "regression", "--optimizer", "sgd", "--lr", "0.5", "--batch-size", "200", "--epochs",
        "100");
    assertEquals(1, r.exitCode(), r.out());
    // Under --json, where the pictures went is said on standard error, before the error.
    List<String> err = r.err().lines().toList();
    assertEquals(2, err.size(), r.err());
    assertTrue(err.get(0).startsWith("pictures: "), r.err());
    assertTrue(err.get(1).matches("error: training diverged at epoch \\d+, batch 1 of 1: the"
        + " epoch's mean loss per sample \\(\\S+\\) is more than 10 times (the loss of a constant"
        + " output at chance \\(\\S+\\), which is above )?the model's at the start of the run"
        + " \\(\\S+\\): the outputs saturated or swing too far to learn; try a smaller learning"
        + " rate than --lr 0\\.5\\s*"), r.err());
    assertTrue(Files.exists(dir.resolve("out/loss.png")), "the curves of the epochs that ran");
    assertFalse(r.out().contains("{\"task\""), "no results line for a failed run");
  }
}
