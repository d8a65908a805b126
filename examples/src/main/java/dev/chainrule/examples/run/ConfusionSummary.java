package dev.chainrule.examples.run;

import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The confusion matrix as a run prints it: whole up to {@link #MOST_PRINTED} classes; past that,
 * the classes recalled worst and where the picture of the whole matrix is. 200 classes printed
 * 200 lines of 200 columns (240 KB) that no terminal shows; the JSON line never held it.
 */
final class ConfusionSummary {
  /** The most classes whose matrix is printed: 20 columns of 5 fit a wide terminal. */
  static final int MOST_PRINTED = 20;
  /** The classes named in the summary of a larger matrix. */
  static final int WORST_SHOWN = 10;

  private ConfusionSummary() {}

  /**
   * The matrix, or its summary.
   *
   * @param picture the file the whole matrix is drawn in
   */
  static String of(ConfusionMatrix confusion, List<String> classNames, Path picture) {
    int k = confusion.classes();
    List<String> names = classNames != null ? classNames
        : IntStream.range(0, k).mapToObj(Integer::toString).toList();
    if (k <= MOST_PRINTED) {
      return confusion.format(classNames);
    }
    // Classes without a test row have no recall: they are counted, not ranked. The row totals
    // are summed once, recall's own division by them: a sort compares k log k times.
    double[] totals = confusion.counts().sum(1, false).toArray();
    double[] recalls = new double[k];
    List<Integer> tested = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (totals[i] > 0) {
        tested.add(i);
        recalls[i] = confusion.counts().get(i, i) / totals[i];
      }
    }
    tested.sort(Comparator.comparingDouble((Integer i) -> recalls[i])
        .thenComparing(Comparator.comparingDouble((Integer i) -> totals[i]).reversed())
        .thenComparing(Comparator.naturalOrder()));
    List<Integer> worst = tested.subList(0, Math.min(WORST_SHOWN, tested.size()));
    int width = worst.stream().mapToInt(i -> names.get(i).length()).max().orElse(1);
    StringBuilder text = new StringBuilder(String.format("confusion matrix: %d classes, too many"
        + " to print (the picture %s shows it all); the %d of the %d classes with test rows"
        + " recalled worst:", k, picture, worst.size(), tested.size()));
    for (int i : worst) {
      long total = Math.round(totals[i]);
      long right = Math.round(confusion.counts().get(i, i));
      text.append(String.format("%n  %-" + width + "s  %d of %d right", names.get(i), right,
          total));
      mostConfusedWith(confusion, i).ifPresent(j -> text.append(String.format(
          ", most often taken for %s (%d)", names.get(j),
          Math.round(confusion.counts().get(i, j)))));
    }
    // Ties at none right are listed in class order: the count says the ten are not all.
    long noneRight = tested.stream().filter(i -> confusion.counts().get(i, i) == 0).count();
    if (noneRight > worst.size()) {
      text.append(String.format("%n  and %d more classes with none of their test rows right",
          noneRight - worst.size()));
    }
    return text.toString();
  }

  /** The class the rows of class {@code i} were most often predicted as, other than {@code i}. */
  private static Optional<Integer> mostConfusedWith(ConfusionMatrix confusion, int i) {
    int best = -1;
    for (int j = 0; j < confusion.classes(); j++) {
      if (j != i && confusion.counts().get(i, j) > 0
          && (best < 0 || confusion.counts().get(i, j) > confusion.counts().get(i, best))) {
        best = j;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }
}
