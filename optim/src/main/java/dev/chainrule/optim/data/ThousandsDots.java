package dev.chainrule.optim.data;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A column whose dots separate thousands, as spreadsheets in German, Spanish or Italian write
 * them: {@code 850} and {@code 1.944} for 850 and 1,944. Read with a decimal point, 1.944 is one
 * and nine tenths, below 850: the column's order is scrambled, and a model trains on it without
 * a word (prices of 200 to 3,000 so written predicted their own class at 0.825 instead of about
 * 1, and as a regression target gave R² 0.39). A comma separating thousands is refused as no
 * number; this refuses the dot's form too, when the column leaves no other reading.
 *
 * <p>The sign: every cell of the column is a whole number of at most three digits, or one to
 * three digits (the first not 0), a dot and exactly three digits; both kinds occur; and some
 * dotted cell ends in 0 ({@code 1.200}). Decimals written by a program lose that zero (1.2), and
 * one that keeps three decimals writes 850.000, not 850: only grouped thousands look so.
 */
final class ThousandsDots {
  /**
   * Digits grouped in threes by two dots or more, as 2.365.500 is: no decimal has two points, so
   * such a cell is refused as no number, and it said only that (and, as for text, to leave the
   * column out), where it is a number of millions. A column of values from 1.000 to 999.999
   * alone reads as those values divided by 1,000 exactly: its order and ratios hold, so a
   * feature standardises to the same column, and nothing there tells it from three decimals.
   */
  private static final Pattern GROUPED = Pattern.compile("[+-]?[1-9]\\d{0,2}(\\.\\d{3}){2,}");
  /** Dots grouping thousands before a decimal comma, as 1.234,56 is (read with ';' between). */
  private static final Pattern GROUPED_COMMA =
      Pattern.compile("[+-]?[1-9]\\d{0,2}(\\.\\d{3})+,\\d+");

  private final boolean[] other;
  private final String[] plain;
  private final int[] plainLine;
  private final String[] dotted;
  private final int[] dottedLine;
  private final boolean[] endsInZero;

  ThousandsDots(int columns) {
    other = new boolean[columns];
    plain = new String[columns];
    plainLine = new int[columns];
    dotted = new String[columns];
    dottedLine = new int[columns];
    endsInZero = new boolean[columns];
  }

  /** Takes a cell read as a number (not a missing value) of column {@code k}, on its line. */
  void add(int k, String text, int line) {
    if (other[k]) {
      return;
    }
    int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
    int dot = text.indexOf('.');
    if (dot < 0) {
      int digits = text.length() - start;
      if (digits < 1 || digits > 3 || !allDigits(text, start, text.length())) {
        other[k] = true;
      } else if (plain[k] == null) {
        plain[k] = text;
        plainLine[k] = line;
      }
      return;
    }
    int whole = dot - start;
    if (whole < 1 || whole > 3 || text.charAt(start) == '0' || text.length() - dot - 1 != 3
        || !allDigits(text, start, dot) || !allDigits(text, dot + 1, text.length())) {
      other[k] = true;
      return;
    }
    endsInZero[k] |= text.endsWith("0");
    if (dotted[k] == null || !dotted[k].endsWith("0") && text.endsWith("0")) {
      dotted[k] = text;  // one ending in 0 shows the grouping best
      dottedLine[k] = line;
    }
  }

  /**
   * Refuses the first column whose cells look like thousands grouped by dots.
   *
   * @param columns the columns as a message names them ({@code column "price"}), in the order
   *     of {@link #add}'s indices
   * @param where the source, for the message
   * @throws DataFormatException naming the column, a cell of each kind and their lines
   */
  void check(List<String> columns, String where) {
    for (int k = 0; k < other.length; k++) {
      if (!other[k] && plain[k] != null && dotted[k] != null && endsInZero[k]) {
        String grouped = dotted[k].replace(".", "");
        throw new DataFormatException(String.format(Locale.ROOT, "%s: %s: its dots look like"
            + " thousands separators: \"%s\" (line %d) reads as %s beside \"%s\" (line %d),"
            + " where grouped thousands make it %s; numbers are read with a decimal point and"
            + " no thousands separators: remove the dots (%s), or, if they are decimal points,"
            + " write whole numbers with their decimals (%s.000)", where, columns.get(k),
            dotted[k], dottedLine[k], CsvFields.parseNumber(dotted[k]), plain[k], plainLine[k],
            grouped, grouped, plain[k]));
      }
    }
  }

  /**
   * What a cell that is no number is when dots group its thousands, in parentheses after a space,
   * or "": {@code 2.365.500} is 2365500, {@code 1.234,56} is 1234.56.
   *
   * @param cell the cell, stripped
   * @return the hint, or "" when the cell is not so written
   */
  static String hint(String cell) {
    if (GROUPED.matcher(cell).matches()) {
      return " (its dots look like thousands separators: numbers are read with a decimal point"
          + " and no thousands separators: " + cell.replace(".", "") + ")";
    }
    if (GROUPED_COMMA.matcher(cell).matches()) {
      return " (its dots look like thousands separators and its comma like a decimal comma:"
          + " numbers are read with a decimal point and no thousands separators: "
          + cell.replace(".", "").replace(',', '.') + ")";
    }
    return "";
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return from < to;
  }
}
