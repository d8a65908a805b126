package dev.chainrule.optim.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The lexical layer of CSV: one line into fields, and a field into a number. Quoting follows the
 * basics of RFC 4180: a field enclosed in double quotes may contain the delimiter, and a doubled
 * quote inside it stands for one quote. A quoted field cannot span lines. Fields are stripped
 * of surrounding whitespace, so {@code 5.1, 3.5} reads like {@code 5.1,3.5}; quoted ones too,
 * inside their quotes: a class {@code " yes"} beside {@code yes} would be a second class that
 * prints like the first, and a number {@code " 2 "} would not read where {@code  2 } does. The
 * no-break spaces (U+00A0, U+2007, U+202F, which spreadsheets and web pages write and {@link
 * String#strip} keeps) are spaces here too: a label "yes" and a U+00A0 made a third class
 * printed as "yes", a header name "y" and a U+00A0 was no column "y", and 3.1 with one was not
 * a number.
 */
final class CsvFields {
  // Plain decimal notation only (DecimalText): Double.parseDouble alone would also accept "1d",
  // "2f" and hex floats ("0x1p3"), which are Java literals, not numbers anyone writes in a CSV
  // file. It is scanned in one pass, so a long run of digits that is no number ("1111…1x") fails
  // at once; a backtracking pattern took time quadratic in its length (100,000 digits: 48 s).
  // NaN and infinities as Java, NumPy ("nan", "inf") and spreadsheets spell them.
  private static final Pattern SPECIAL = Pattern.compile("[+-]?(nan|inf|infinity)",
      Pattern.CASE_INSENSITIVE);

  /** Digits grouped in threes by commas, as 1,000 and 1,234,567.89 are. */
  private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

  // Spellings of "no value" in exported tables: those pandas reads as NaN by default (read_csv's
  // na_values: #N/A from spreadsheets, <NA> from Python, 1.#IND and 1.#QNAN from old C runtimes,
  // NULL from databases), and ?. NaN, NA, N/A and null are read in any case, as they always were
  // here; pandas' other spellings only as pandas has them, case and all. A label of #N/A was a
  // class of its own, which a model then learnt to predict. Not None, which pandas added only in
  // 2.0: it is a category in many data sets (Sleep Health's "Sleep Disorder" is None, Insomnia or
  // Sleep Apnea; House Prices' MasVnrType), and as a marker it refused such a label column, made
  // --missing drop a whole class, and dropped rows a model saved before scored. A None in a
  // numeric column is "not a number", which says as much. Each spelling starts with what
  // isMissing tests before the pattern (MissingCellsTest checks every one pandas lists).
  static final Pattern MISSING = Pattern.compile("(?i:[+-]?nan|na|n/a|null)|\\?|#N/A|#N/A N/A"
      + "|#NA|<NA>|-?1\\.#IND|-?1\\.#QNAN");
  private static final int QUOTED_LENGTH = 40;

  private CsvFields() {}

  /**
   * The fields of {@code line}. A line ending in the delimiter has a last, empty field.
   *
   * @param where the start of an error message, e.g. {@code iris.csv: line 7}
   */
  static List<String> split(String line, char delimiter, String where) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (true) {
      int column = fields.size() + 1;
      int start = skipBlanks(line, i, delimiter);
      if (start < line.length() && line.charAt(start) == '"') {
        StringBuilder field = new StringBuilder();
        i = start + 1;
        while (true) {
          int quote = line.indexOf('"', i);
          if (quote < 0) {
            throw new DataFormatException(String.format(Locale.ROOT, 
                "%s, column %d: unterminated quoted field (a quoted field cannot span lines)",
                where, column));
          }
          field.append(line, i, quote);
          if (quote + 1 < line.length() && line.charAt(quote + 1) == '"') {
            field.append('"');
            i = quote + 2;
          } else {
            i = skipBlanks(line, quote + 1, delimiter);
            break;
          }
        }
        if (i < line.length() && line.charAt(i) != delimiter) {
          throw new DataFormatException(String.format(Locale.ROOT, 
              "%s, column %d: unexpected text after the closing quote: %s", where, column,
              line.substring(i)));
        }
        fields.add(strip(field.toString()));
      } else {
        i = line.indexOf(delimiter, start);
        i = i < 0 ? line.length() : i;
        fields.add(strip(line.substring(start, i)));
      }
      if (i >= line.length()) {
        return fields;
      }
      i++;
    }
  }

  /**
   * Whether {@code line} is a blank line, which holds no row: nothing but spaces, none of them
   * the delimiter. A line of tabs in a tab-separated file is a row of empty cells, as a line of
   * commas is in a comma-separated one; {@link String#isBlank} skipped it without a word.
   */
  static boolean isBlankLine(String line, char delimiter) {
    return line.isBlank() && line.indexOf(delimiter) < 0;
  }

  /**
   * {@code e}, the refusal of an empty cell in {@code fields}, saying so when every cell of the
   * line is empty: a line of tabs in a tab-separated file looks blank, and "column 1 (x1): empty
   * cell" sent its reader to look for one cell.
   */
  static MissingValueException emptyLine(MissingValueException e, List<String> fields,
      char delimiter) {
    if (!fields.stream().allMatch(String::isEmpty)) {
      return e;
    }
    return new MissingValueException(e.getMessage() + ", as is every cell of the line (it holds"
        + " only " + (delimiter == '\t' ? "tabs" : "the delimiter " + quote(String.valueOf(
            delimiter))) + ": a row of empty cells, not a blank line)");
  }

  /**
   * What a cell that is no number may be, in parentheses after a space, or "": a number with a
   * comma ({@link #commaHint}) or with dots grouping its thousands ({@link ThousandsDots#hint}),
   * or a percentage ({@code 64.5%}, which spreadsheets show and export so, and which the reader
   * does not take: 64.5 or 0.645 are both its readings).
   */
  static String numberHint(String text) {
    String cell = strip(text);
    if (cell.length() > 1 && cell.endsWith("%")) {
      String number = cell.substring(0, cell.length() - 1).strip();
      String pointed = number.replace(',', '.');
      if (isDecimal(number) || isDecimal(pointed)) {
        return " (a percentage: numbers are read without the % sign, so write " + pointed
            + " for the percentage, or " + new BigDecimal(pointed)
                .movePointLeft(2).stripTrailingZeros().toPlainString() + " for the fraction)";
      }
    }
    String dots = ThousandsDots.hint(cell);
    return dots.isEmpty() ? commaHint(text) : dots;
  }

  /**
   * What a comma in a cell that is no number may be, in parentheses after a space, or "": 0,1257
   * (read with --delimiter ';') is a decimal comma; 1,000,000 and 1,234.5 hold thousands
   * separators; 1,000 may be either, and the hint names both readings, whose values differ a
   * thousandfold (it said "1.000, not a decimal comma", the wrong value for a thousand).
   */
  static String commaHint(String text) {
    String cell = strip(text);
    if (cell.indexOf(',') < 0) {
      return "";
    }
    String pointed = cell.replace(',', '.');
    String ungrouped = cell.replace(",", "");
    boolean decimal = isDecimal(pointed);
    if (THOUSANDS.matcher(cell).matches()) {
      return decimal ? " (numbers are read with a decimal point and no thousands separators: "
          + pointed + " if the comma is a decimal comma, " + ungrouped + " if it separates"
          + " thousands)" : " (numbers are read without thousands separators: " + ungrouped + ")";
    }
    return decimal ? " (numbers are read with a decimal point: " + pointed
        + ", not a decimal comma)" : "";
  }

  /** Whether {@code text} is a number in plain decimal notation (not NaN, not an infinity). */
  static boolean isDecimal(String text) {
    return DecimalText.matches(text);
  }

  /** Whether {@code text} is a number: a decimal, NaN or an infinity. */
  static boolean isNumber(String text) {
    return DecimalText.matches(text) || SPECIAL.matcher(text).matches();
  }

  /** Whether {@code text} is a number beyond float64's range: an infinity, or as 1e400 is. */
  static boolean isInfinite(String text) {
    return isNumber(text) && Double.isInfinite(parseNumber(text));
  }

  /**
   * The value of a field that {@link #isNumber} accepts.
   *
   * @throws NumberFormatException for any other text
   */
  static double parseNumber(String text) {
    if (DecimalText.matches(text)) {
      return DecimalText.value(text);
    }
    if (SPECIAL.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.endsWith("nan")) {
        return Double.NaN;
      }
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    throw new NumberFormatException(text);
  }

  /**
   * Whether a cell holds no value: empty, NaN in any spelling, NA, N/A, null (in any case), ?, or
   * another marker pandas reads as missing (#N/A, #N/A N/A, #NA, &lt;NA&gt;, 1.#IND, -1.#IND,
   * 1.#QNAN, -1.#QNAN; as pandas spells them). Not None, a category in many data sets, which
   * pandas 2 reads as missing.
   */
  static boolean isMissing(String text) {
    if (text.isEmpty()) {
      return true;
    }
    // Every spelling starts with n, N, ?, # or <, or 1.# (after a sign): other cells, most of
    // them numbers, skip the pattern, which took a fifth of reading a CSV file (see DecimalText).
    int at = text.length() > 1 && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    char first = text.charAt(at);
    boolean candidate = first == 'n' || first == 'N' || first == '?' || first == '#'
        || first == '<' || first == '1' && text.startsWith(".#", at + 1);
    return candidate && MISSING.matcher(text).matches();
  }

  /**
   * What makes a class label unusable, or null when it is a label: an empty cell, a marker of a
   * missing value (as in a feature, {@link #isMissing}: NaN, NA, N/A, null, ?, #N/A...;
   * pandas reads the same markers as missing in every column), or an infinity (a class of value
   * ∞ is no category anyone means).
   */
  static String labelProblem(String text) {
    if (text.isEmpty()) {
      return "empty class label";
    }
    if (isMissing(text)) {
      return "class label " + quote(text) + " marks a missing value";
    }
    if (isInfinite(text)) {
      return "class label " + quote(text) + " is not a finite number";
    }
    if (isDecimal(text)) {
      if (text.length() > ClassLabels.LONGEST_NUMBER) {
        return String.format(Locale.ROOT,
            "class label %s is a number of %,d characters: no class is named"
            + " by so long a number", quote(text), text.length());
      }
      try {
        ClassLabels.value(text);  // exact, as numeric labels are grouped
      } catch (NumberFormatException | ArithmeticException e) {
        return "class label " + quote(text) + " has an exponent beyond any exact number's";
      }
    }
    return null;
  }

  /**
   * {@code text} in double quotes for a message, cut to 40 characters ({@code "…"} marks a cut):
   * a field may be a whole line of a file that is not what it seems.
   */
  static String quote(String text) {
    return "\"" + (text.length() <= QUOTED_LENGTH ? text
        : text.substring(0, QUOTED_LENGTH) + "…") + "\"";
  }

  /**
   * Names for a message, joined by ", ": all of them up to ten, else the first ten and the count.
   * A name that holds a comma is in double quotes (inner ones doubled, as in the file): a header
   * listed as (id, x, name, full, y) had four names or five.
   */
  static String list(List<String> names) {
    List<String> shown = names.stream().limit(10).map(CsvFields::listed).toList();
    return names.size() <= 10 ? String.join(", ", shown)
        : String.join(", ", shown) + ", … (" + names.size() + " columns)";
  }

  private static String listed(String name) {
    return name.indexOf(',') < 0 ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * {@code text} without the spaces around it: {@link String#strip}'s whitespace and every other
   * Unicode space separator, the no-break ones among them (one test for the lot: {@link
   * Character#isSpaceChar}).
   */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == text.length() ? text : text.substring(start, end);
  }

  /** Whether {@code c} is a space as {@link #strip} takes them off (none is a surrogate). */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static int skipBlanks(String line, int from, char delimiter) {
    int i = from;
    while (i < line.length() && isSpace(line.charAt(i)) && line.charAt(i) != delimiter) {
      i++;
    }
    return i;
  }
}
