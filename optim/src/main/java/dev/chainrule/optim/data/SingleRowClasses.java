package dev.chainrule.optim.data;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The warning of classes that hold a single row of a CSV file, usually a typo in a label
 * ({@code ye"s} among yes and no). Such a class silently became an output of the network and a
 * row and column of the confusion matrix, learned from one example and, with the default test
 * fraction, never among the test rows (a stratified split keeps round(0.2 · 1) = 0 of it). It
 * is a warning, not a refusal: a rare class is possible data, and only the user knows which.
 * The program's {@code train} and the Spark launcher both print it.
 */
public final class SingleRowClasses {
  /** The classes named in one warning at most; more are counted. */
  static final int NAMED = 5;

  private SingleRowClasses() {}

  /**
   * The warning for the file's single-row classes.
   *
   * @param data classification data read from a CSV file
   * @param file the file's name, as the warning gives it
   * @return the warning, with its "warning: " prefix, or empty when every class has two rows or
   *     more
   */
  public static Optional<String> warning(CsvData data, String file) {
    if (!data.dataset().hasClassIndices() || data.dataset().size() == 0) {
      return Optional.empty();
    }
    int[] classes = data.dataset().classIndices();
    int[] counts = new int[data.classNames().size()];
    int[] rowOf = new int[counts.length];
    // A set of the unlabelled rows: List.contains in the loop cost rows × unlabelled rows.
    BitSet unlabelled = new BitSet(classes.length);
    data.unlabelledRows().forEach(unlabelled::set);
    for (int row = 0; row < classes.length; row++) {
      if (!unlabelled.get(row)) {
        counts[classes[row]]++;
        rowOf[classes[row]] = row;
      }
    }
    List<Integer> single = IntStream.range(0, counts.length).filter(c -> counts[c] == 1).boxed()
        .toList();
    if (single.isEmpty()) {
      return Optional.empty();
    }
    // The first class named says which file its line is in.
    IntFunction<String> line = c -> " (line " + data.lines().get(rowOf[c])
        + (c == single.get(0) ? " of " + file : "") + ")";
    String advice = ": a class needs several rows to be both learned and tested; if ";
    if (single.size() == 1) {
      int c = single.get(0);
      return Optional.of("warning: class " + data.classNames().get(c) + " has a single row"
          + line.apply(c) + advice + "its label is a typo, correct it");
    }
    String named = single.stream().limit(NAMED).map(c -> data.classNames().get(c) + line.apply(c))
        .collect(Collectors.joining(", "))
        + (single.size() > NAMED ? " and " + (single.size() - NAMED) + " more" : "");
    return Optional.of("warning: classes " + named + " have a single row each" + advice
        + "a label is a typo, correct it");
  }
}
