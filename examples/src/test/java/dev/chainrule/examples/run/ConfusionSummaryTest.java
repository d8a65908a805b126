package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.nio.file.Path;
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
}
