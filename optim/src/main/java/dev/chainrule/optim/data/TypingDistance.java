package dev.chainrule.optim.data;

/**
 * How far apart two names are as slips of typing, for suggestions ("did you mean"): the fewest
 * insertions, deletions, substitutions and swaps of neighbouring letters from one to the other
 * (Damerau's distance, each letter edited once). A swap, the commonest slip, is one edit, where
 * Levenshtein's distance counts two and puts {@code --cvs} as far from {@code --csv} as from
 * {@code --cv}. The program's option suggestions and the CSV reader's column suggestions measure
 * names by it.
 */
public final class TypingDistance {
  private TypingDistance() {}

  /**
   * The distance from {@code a} to {@code b}, letter case counting.
   *
   * @param a one name
   * @param b the other
   * @return the fewest edits, 0 for equal names
   */
  public static int between(String a, String b) {
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
