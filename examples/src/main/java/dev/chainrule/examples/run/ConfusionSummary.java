package dev.chainrule.examples.run;

import dev.chainrule.optim.metrics.ConfusionMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "confusion matrix: %d classes, too many"
        + " to print (the picture %s shows it all); the %d of the %d classes with test rows"
        + " recalled worst:", k, picture, worst.size(), tested.size()));
    for (int i : worst) {
      long total = Math.round(totals[i]);
      long right = Math.round(confusion.counts().get(i, i));
      text.append(String.format(Locale.ROOT,
          "%n  %-" + width + "s  %d of %d right", names.get(i), right,
          total));
      List<Integer> taken = mostConfusedWith(confusion, i);
      if (!taken.isEmpty()) {
        long times = Math.round(confusion.counts().get(i, taken.get(0)));
        text.append(", most often taken for ").append(listed(taken, names)).append(taken.size()
            == 1 ? String.format(Locale.ROOT,
                " (%d)", times) : String.format(Locale.ROOT, " (%d each)", times));
      }
    }
    // Ties at none right are listed in class order: the count says the ten are not all.
    long noneRight = tested.stream().filter(i -> confusion.counts().get(i, i) == 0).count();
    if (noneRight > worst.size()) {
      text.append(String.format(Locale.ROOT,
          "%n  and %d more class%s with none of their test rows right",
          noneRight - worst.size(), noneRight - worst.size() == 1 ? "" : "es"));
    }
    return text.toString();
  }

  /** The most tied classes named; past them, how many more. */
  static final int TIES_NAMED = 3;

  /**
   * The classes the rows of class {@code i} were most often predicted as, other than {@code i},
   * in class order: all of them when several share the most. The first alone was named, so rows
   * taken for 3 once and for 5 once read "most often taken for 3 (1)".
   */
  private static List<Integer> mostConfusedWith(ConfusionMatrix confusion, int i) {
    List<Integer> most = new ArrayList<>();
    double count = 0;
    for (int j = 0; j < confusion.classes(); j++) {
      double c = confusion.counts().get(i, j);
      if (j == i || c == 0 || c < count) {
        continue;
      }
      if (c > count) {
        most.clear();
        count = c;
      }
      most.add(j);
    }
    return most;
  }

  /** "3", "3 and 5", "3, 5 and 7", or "3, 5, 7 and 4 more" past {@link #TIES_NAMED}. */
  private static String listed(List<Integer> classes, List<String> names) {
    List<String> named = classes.stream().limit(TIES_NAMED).map(names::get).toList();
    int more = classes.size() - named.size();
    if (more > 0) {
      return String.join(", ", named) + " and " + more + " more";
    }
    return named.size() == 1 ? named.get(0) : String.join(", ", named.subList(0,
        named.size() - 1)) + " and " + named.get(named.size() - 1);
  }
}
