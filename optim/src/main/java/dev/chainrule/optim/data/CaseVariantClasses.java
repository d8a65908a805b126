package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The warning of class names that differ only in letter case: {@code yes}, {@code Yes} and
 * {@code YES}, typed by hand into a spreadsheet's column, were three classes. A network of two
 * classes became one of six, and a test row of {@code Yes} predicted {@code yes} counted as
 * wrong: 200 rows, 36 of them so written, scored 0.8250, where the same rows in one spelling
 * scored 0.9500, with exit 0 and no word but the confusion matrix. Like {@link
 * InvisibleClassNames}, a warning that names the classes and their first lines and leaves the
 * file to the user: only the user knows whether {@code a} and {@code A} are one class.
 */
public final class CaseVariantClasses {
  /** The groups of classes named in one warning at most; more are counted. */
  static final int NAMED = 3;

  private CaseVariantClasses() {}

  /**
   * The warning for the file's class names that are one name in other letter cases.
   *
   * @param data classification data read from a CSV file
   * @param file the file's name, as the warning gives it
   * @return the warning, with its "warning: " prefix, or empty when no two class names differ
   *     only in case
   */
  public static Optional<String> warning(CsvData data, String file) {
    if (!data.dataset().hasClassIndices()) {
      return Optional.empty();
    }
    List<String> names = data.classNames();
    Map<String, List<Integer>> byLower = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      byLower.computeIfAbsent(names.get(c).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(c);
    }
    List<List<Integer>> groups = byLower.values().stream().filter(g -> g.size() > 1).toList();
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    int[] first = data.firstRowOfEachClass();
    List<String> named = new ArrayList<>();
    for (List<Integer> group : groups.subList(0, Math.min(NAMED, groups.size()))) {
      List<String> parts = new ArrayList<>();
      for (int c : group) {
        String where = data.lineOf(first[c], named.isEmpty() && parts.isEmpty() ? file : null);
        parts.add(CsvFields.quote(names.get(c)) + " (" + where + ")");
      }
      named.add(String.join(" and ", parts));
    }
    String more = groups.size() > NAMED ? "; and " + (groups.size() - NAMED) + " more" : "";
    return Optional.of("warning: classes " + String.join("; ", named) + more
        + (groups.size() == 1 ? " differ" : " differ, group by group,") + " only in letter case,"
        + " and each is a class of its own, a row of one predicted as another counted wrong;"
        + " if one class was meant, write the file's labels one way");
  }
}
