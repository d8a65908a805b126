package dev.chainrule.optim.data;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The header names a column name not found may have been meant as: a slip of typing in the
 * option ({@code --label diagnosys}) or in the file's header ({@code mean_raduis}), which a
 * header of thirty names shows only as its first ten, so that the list alone does not point it
 * out.
 */
final class CloseNames {
  /** At most this many names are offered: more would be a list, not a suggestion. */
  private static final int MOST = 3;

  private CloseNames() {}

  /**
   * The names within a few edits of {@code name}, ignoring case, the closest first: none for a
   * name of up to three letters (one edit turns "f5" into f1, f2, f3 and f4 alike), one edit up
   * to six letters, two beyond.
   *
   * @param names the header's names
   * @param name the name given, not among them
   * @return the close names, at most three, nearest first
   */
  static List<String> of(List<String> names, String name) {
    String typed = name.toLowerCase(Locale.ROOT);
    int edits = typed.length() <= 3 ? 0 : typed.length() <= 6 ? 1 : 2;
    if (edits == 0) {
      return List.of();
    }
    ToIntFunction<String> away = n -> TypingDistance.between(typed, n.toLowerCase(Locale.ROOT));
    return names.stream().distinct().filter(n -> away.applyAsInt(n) <= edits)
        .sorted(Comparator.comparingInt(away)).limit(MOST).toList();
  }
}
