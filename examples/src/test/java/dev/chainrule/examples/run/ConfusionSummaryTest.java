package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The summary of a matrix too large to print says which classes a class was most often taken
 * for, all of them when several tie: rows taken for 3 once and for 5 once read "most often taken
 * for 3 (1)", as if 3 alone were the confusion.
 */
class ConfusionSummaryTest {
  private static final List<String> NAMES = IntStream.range(0, 21)
      .mapToObj(Integer::toString).toList();

  /** 21 classes, each with one right row; {@code wrong} adds rows of class 0 taken for those. */
  private static String summary(int... wrong) {
    double[] truth = new double[21 + wrong.length];
    double[] predicted = new double[truth.length];
    for (int k = 0; k < 21; k++) {
      truth[k] = k;
      predicted[k] = k;
    }
    for (int w = 0; w < wrong.length; w++) {
      truth[21 + w] = 0;
      predicted[21 + w] = wrong[w];
    }
    return ConfusionSummary.of(ConfusionMatrix.tally(Tensor.vector(predicted),
        Tensor.vector(truth), 21), NAMES, Path.of("confusion.png"));
  }

  @Test
  void tiesAreAllNamed() {
    String one = summary(3, 5, 5);
    assertTrue(one.contains("  0  1 of 4 right, most often taken for 5 (2)"), one);
    String two = summary(3, 5);
    assertTrue(two.contains("  0  1 of 3 right, most often taken for 3 and 5 (1 each)"), two);
    String three = summary(7, 3, 5);
    assertTrue(three.contains(", most often taken for 3, 5 and 7 (1 each)"), three);
    String many = summary(9, 3, 5, 7, 11);
    assertTrue(many.contains(", most often taken for 3, 5, 7 and 2 more (1 each)"), many);
  }
  /** Rows as (true class, predicted class) pairs, of {@code k} classes. */
  private static ConfusionMatrix tally(int k, int[][] rows) {
    double[] truth = new double[rows.length];
    double[] predicted = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      truth[r] = rows[r][0];
      predicted[r] = rows[r][1];
    }
    return ConfusionMatrix.tally(Tensor.vector(predicted), Tensor.vector(truth), k);
  }

  /**
   * Twenty classes are printed whole, the names as given; past that, unnamed classes go by their
   * numbers. The worst recalled come first, a tie going to the class with more test rows and
   * then to class order; a class without test rows is not ranked; and the classes with none right
   * beyond the ten named are counted.
   */
  @Test
  void theWorstRecalledAreRankedAndTheRestCounted() {
    int[][] twenty = IntStream.range(0, 20).mapToObj(c -> new int[] {c, c})
        .toArray(int[][]::new);
    assertEquals(tally(20, twenty).format(NAMES.subList(0, 20)),
        ConfusionSummary.of(tally(20, twenty), NAMES.subList(0, 20), Path.of("c.png")));

    // 23 classes: 0 to 11 none right (5 with two rows), 12 without rows, 13 to 22 all right.
    List<int[]> rows = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      rows.add(new int[] {c, 22});
    }
    rows.add(new int[] {5, 22});
    for (int c = 13; c < 23; c++) {
      rows.add(new int[] {c, c});
    }
    String summary = ConfusionSummary.of(tally(23, rows.toArray(int[][]::new)), null,
        Path.of("confusion.png"));
    List<String> expected = new ArrayList<>(List.of("confusion matrix: 23 classes, too many to"
        + " print (the picture confusion.png shows it all); the 10 of the 22 classes with test"
        + " rows recalled worst:", "  5  0 of 2 right, most often taken for 22 (2)"));
    for (int c : new int[] {0, 1, 2, 3, 4, 6, 7, 8, 9}) {
      expected.add("  " + c + "  0 of 1 right, most often taken for 22 (1)");
    }
    expected.add("  and 2 more classes with none of their test rows right");
    assertEquals(expected, summary.lines().toList());
  }

  /**
   * Recall ranks before the count of rows: a class half right comes after one a quarter right,
   * and among classes all right the one with more rows comes first; names are padded to the
   * longest shown.
   */
  @Test
  void recallRanksBeforeRows() {
    List<String> names = new ArrayList<>(NAMES);
    names.set(1, "ant");
    names.set(2, "zebra-fish");
    names.set(20, "cat");
    List<int[]> rows = new ArrayList<>();
    // ant: 1 of 4 right; zebra-fish: 2 of 4; cat, 0 of 1; 19: 3 of 3; every other class 1 of 1.
    rows.addAll(List.of(new int[] {1, 1}, new int[] {1, 3}, new int[] {1, 3}, new int[] {1, 4}));
    rows.addAll(List.of(new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 0}, new int[] {2, 0}));
    rows.add(new int[] {20, 1});
    rows.addAll(List.of(new int[] {19, 19}, new int[] {19, 19}));
    for (int c = 0; c < 20; c++) {
      if (c != 1 && c != 2) {
        rows.add(new int[] {c, c});
      }
    }
    List<String> lines = ConfusionSummary.of(tally(21, rows.toArray(int[][]::new)), names,
        Path.of("confusion.png")).lines().toList();
    assertEquals(List.of("confusion matrix: 21 classes, too many to print (the picture"
        + " confusion.png shows it all); the 10 of the 21 classes with test rows recalled worst:",
        "  cat         0 of 1 right, most often taken for ant (1)",
        "  ant         1 of 4 right, most often taken for 3 (2)",
        "  zebra-fish  2 of 4 right, most often taken for 0 (2)",
        "  19          3 of 3 right",
        "  0           1 of 1 right",
        "  3           1 of 1 right",
        "  4           1 of 1 right",
        "  5           1 of 1 right",
        "  6           1 of 1 right",
        "  7           1 of 1 right"), lines);
  }
  /** The last line of the summary when the first {@code wrong} of 21 classes have none right. */
  private static String lastLine(int wrong) {
    List<int[]> rows = new ArrayList<>();
    for (int c = 0; c < 21; c++) {
      rows.add(new int[] {c, c < wrong ? 20 : c});
    }
    List<String> lines = ConfusionSummary.of(tally(21, rows.toArray(int[][]::new)), NAMES,
        Path.of("confusion.png")).lines().toList();
    return lines.get(lines.size() - 1);
  }

  /** Ten classes with none right are all named; the eleventh is counted, in the singular. */
  @Test
  void theClassesBeyondTheTenAreCountedInWords() {
    assertEquals("  9  0 of 1 right, most often taken for 20 (1)", lastLine(10));
    assertEquals("  and 1 more class with none of their test rows right", lastLine(11));
  }
}
