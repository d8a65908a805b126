package dev.chainrule.optim.data;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
    return names.stream().distinct()
        .filter(n -> distance(typed, n.toLowerCase(Locale.ROOT)) <= edits)
        .sorted(Comparator.comparingInt(n -> distance(typed, n.toLowerCase(Locale.ROOT))))
        .limit(MOST).toList();
  }

  /**
   * The fewest insertions, deletions, substitutions and swaps of neighbouring letters from a to
   * b: a swap ({@code raduis}), the commonest slip in typing, is one edit, where Levenshtein's
   * distance counts two. The program's option suggestions measure names the same way.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
