package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What each column of a CSV file is for, decided from its first row: the label column, the feature
 * columns in the order they become features, and the rest, which are not read at all (so a text
 * column can be dropped).
 *
 * @param names the header's names, or blanks without a header
 * @param label the label column's index, or −1 when an optional label column is absent
 * @param features the feature columns' indices, in feature order
 */
record CsvColumns(List<String> names, int label, int[] features) {

  /**
   * Resolves the reader's options against the first row.
   *
   * @param where the start of an error message, e.g. {@code iris.csv: line 1}
   */
  static CsvColumns of(CsvOptions options, List<String> fields, String where) {
    try {
      return resolve(options, fields, where);
    } catch (ColumnChoiceException e) {
      String hint = delimiterHint(options, fields);
      if (hint.isEmpty()) {
        throw e;
      }
      throw new ColumnChoiceException(e.getMessage() + hint, true);
    }
  }

  /**
   * Why a column may be missing when the first row is one field holding another common
   * separator: a file separated by semicolons (a decimal-comma locale's CSV) or tabs, read with
   * commas, is one column named "a;b;y", and "no column named y" would not say so.
   */
  private static String delimiterHint(CsvOptions options, List<String> fields) {
    if (fields.size() != 1) {
      return "";
    }
    for (char separator : new char[] {';', '\t', '|', ','}) {
      if (separator != options.delimiter() && fields.get(0).indexOf(separator) >= 0) {
        String named = separator == '\t' ? "a tab" : "'" + separator + "'";
        return String.format(Locale.ROOT,
            "; the first row is one column that holds %s: is %s the file's"
            + " delimiter?", named, named);
      }
    }
    return "";
  }

  private static CsvColumns resolve(CsvOptions options, List<String> fields, String where) {
    List<String> names = options.header() ? fields : Collections.nCopies(fields.size(), "");
    requireVisible(names, where);
    int label = labelColumn(options, names, where);
    List<Integer> features = new ArrayList<>();
    if (options.features() != null) {
      for (String name : options.features()) {
        int column = find(names, name, where);
        if (column == label) {
          throw new ColumnChoiceException(String.format(Locale.ROOT, 
              "%s: \"%s\" is the label column; it cannot also be a feature", where, name));
        }
        if (features.contains(column)) { // x and "x": two spellings of one column
          throw new ColumnChoiceException(String.format(Locale.ROOT,
              "%s: the feature column %s is named"
              + " twice, once in double quotes", where, CsvFields.quote(names.get(column))));
        }
        features.add(column);
      }
    } else {
      List<Integer> dropped = new ArrayList<>();
      for (String name : options.dropped()) {
        // Every column of that name: columns that are not read may share one (notes, blanks).
        List<Integer> named = named(names, name);
        if (named.isEmpty()) {
          throw NoColumnNamed.exception(names, name, where);
        }
        if (named.contains(label)) {
          throw new ColumnChoiceException(String.format(Locale.ROOT, 
              "%s: \"%s\" is the label column; it cannot be dropped", where, name));
        }
        dropped.addAll(named);
      }
      IntStream.range(0, names.size()).filter(c -> c != label && !dropped.contains(c))
          .forEach(features::add);
    }
    if (options.header()) {
      List<Integer> read = new ArrayList<>(features);
      if (label >= 0) {
        read.add(label);
      }
      requireDistinct(names, read, where);
    }
    return new CsvColumns(names, label, features.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Refuses a header name holding U+FEFF, which no one sees: a file that begins with two
   * byte-order marks (saved twice by tools that each add one) trained with a first feature named
   * "\uFEFFsl", which printed as "sl" and which no --label or --features typed as "sl" found.
   */
  private static void requireVisible(List<String> names, String where) {
    for (int c = 0; c < names.size(); c++) {
      if (names.get(c).indexOf('\uFEFF') >= 0) {
        throw new DataFormatException(String.format(Locale.ROOT,
            "%s: the header name of column %d, %s, holds"
            + " an invisible character, U+FEFF (a byte-order mark%s): remove it, as columns are"
            + " found by their names", where, c + 1,
            CsvFields.quote(names.get(c).replace("\uFEFF", "")),
            c == 0 && names.get(c).startsWith("\uFEFF")
                ? "; the file begins with a second one" : ""));
      }
    }
  }

  /**
   * Refuses two columns read under one name, before any training: a saved model records its
   * features and label by name and predict finds them by name, so such a run could only fail at
   * saving, or end with a model nobody can apply. Columns not read may share a name.
   */
  private static void requireDistinct(List<String> names, List<Integer> read, String where) {
    Map<String, List<Integer>> columns = new LinkedHashMap<>();
    read.stream().sorted().forEach(c -> columns.computeIfAbsent(names.get(c), n ->
        new ArrayList<>()).add(c + 1));
    for (Map.Entry<String, List<Integer>> named : columns.entrySet()) {
      List<Integer> same = named.getValue();
      if (same.size() == 1 && named.getKey().isBlank()) {
        // Two unnamed columns were refused and one went in as a feature named "": pandas'
        // to_csv writes its row index so, and a model then learns the rows' order.
        int column = same.get(0);
        throw new DataFormatException(String.format(Locale.ROOT,
            "%s: column %d has no name in the header:"
            + " features and the label are found by their names, so each needs one%s", where,
            column, column == 1 ? " (an unnamed first column is how pandas' to_csv writes its"
                + " row index: leave it out (the program's --drop ''), or write the file with"
                + " index=False)"
                : column == names.size() ? " (a trailing comma?)" : ""));
      }
      if (same.size() > 1) {
        String numbers = same.stream().map(String::valueOf).collect(Collectors.joining(", "));
        throw new DataFormatException(String.format(Locale.ROOT,
            "%s: %s: features and the label are found"
            + " by their names, so each needs a name of its own", where, named.getKey().isBlank()
            ? "columns " + numbers + " have no name in the header"
            : "the header names " + CsvFields.quote(named.getKey()) + " more than once (columns "
                + numbers + ")"));
      }
    }
  }

  private static int labelColumn(CsvOptions options, List<String> names, String where) {
    if (options.labelName() != null) {
      if (options.labelFallbackIndex() != null
          && named(names, options.labelName()).isEmpty()) {
        return position(options.labelFallbackIndex(), names, where, options.header()
            ? "no column named " + CsvFields.quote(options.labelName()) + " in the header ("
                + CsvFields.list(names) + "), and as a position, " : "");
      }
      if (options.optionalLabel() && named(names, options.labelName()).isEmpty()) {
        return -1;
      }
      return find(names, options.labelName(), where);
    }
    return position(options.labelIndex(), names, where, "");
  }

  /** The label column at {@code index}, negative from the end; {@code why} starts the error. */
  private static int position(int index, List<String> names, String where, String why) {
    int column = index < 0 ? index + names.size() : index;
    if (column < 0 || column >= names.size()) {
      throw new ColumnChoiceException(String.format(Locale.ROOT, 
          "%s: %slabel column index %d out of range for %d columns (valid: %d to %d)", where,
          why, index, names.size(), -names.size(), names.size() - 1));
    }
    return column;
  }

  /** The one column with this header name ({@link #named}). */
  private static int find(List<String> names, String name, String where) {
    List<Integer> matches = named(names, name);
    if (matches.isEmpty()) {
      throw NoColumnNamed.exception(names, name, where);
    }
    if (matches.size() > 1) {
      throw new DataFormatException(String.format(Locale.ROOT, 
          "%s: the header names %s more than once (columns %s)", where, CsvFields.quote(name),
          matches.stream().map(c -> Integer.toString(c + 1)).collect(Collectors.joining(", "))));
    }
    return matches.get(0);
  }

  /**
   * The columns a name given by a command line names: those of exactly that header name; else,
   * for a name in one pair of double quotes, those of the name inside them. A list option
   * ({@code --drop}, {@code --features}) is split at commas but not inside double quotes, which
   * it keeps, so a name holding a comma is given as {@code "name, full"}; a header name that
   * really is in double quotes ({@code """id"""} in the file names {@code "id"}) is still found
   * as typed. Last, the name without the spaces the reader strips from a header ({@link
   * CsvFields#strip}): older saved models recorded a header's no-break spaces.
   *
   * @param names the header's names
   * @param name the name as given
   * @return the columns' indices, in order; empty when none
   */
  static List<Integer> named(List<String> names, String name) {
    List<Integer> found = columns(names, name);
    String inside = unquoted(name);
    if (found.isEmpty() && !inside.equals(name)) {
      found = columns(names, inside);
    }
    // A name a saved model recorded before the reader stripped no-break spaces from the header
    // ("y\u00A0", now read as "y"): found as the header now reads it.
    String stripped = CsvFields.strip(inside);
    return found.isEmpty() && !stripped.equals(inside) ? columns(names, stripped) : found;
  }

  /** A {@code --label} value that is also a position: a whole number that fits an int. */
  static final Pattern POSITION = Pattern.compile("-?\\d{1,9}");

  /**
   * The position a {@code --label} value gives when no header name has it ({@link
   * CsvReader.Builder#labelColumnNamedOrAt}): a whole number, from 0, negative from the end.
   *
   * @param typed the option's value
   * @return the position, or null when {@code typed} is no whole number
   */
  static Integer labelPosition(String typed) {
    return POSITION.matcher(typed).matches() ? Integer.valueOf(typed) : null;
  }

  /**
   * The column a {@code --label} value names, as the reader finds it ({@link
   * CsvReader.Builder#labelColumnNamedOrAt}): the first column {@link #named} finds (exactly that
   * name, else the name inside one pair of double quotes); only when none, a whole number as a
   * position from 0, negative from the end. The one rule for the reader and for the words of
   * messages and saved models' checks about the label ({@link ColumnOptions}, {@link FirstLine}).
   *
   * @param names the header's names, or the first line's fields
   * @param typed the option's value
   * @return the column's index, or -1 when it names none
   */
  static int labelIndex(List<String> names, String typed) {
    List<Integer> named = named(names, typed);
    if (!named.isEmpty()) {
      return named.get(0);
    }
    Integer index = labelPosition(typed);
    if (index == null) {
      return -1;
    }
    int column = index < 0 ? index + names.size() : index;
    return column >= 0 && column < names.size() ? column : -1;
  }

  /**
   * {@code name} without one pair of surrounding double quotes, or as it is without them.
   *
   * @param name a column name as given
   * @return the name inside the quotes
   */
  static String unquoted(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
        ? name.substring(1, name.length() - 1) : name;
  }

  private static List<Integer> columns(List<String> names, String name) {
    return IntStream.range(0, names.size()).filter(c -> names.get(c).equals(name)).boxed()
        .toList();
  }

  /** The name of a column for results: its header name, or {@code "column 3"} without one. */
  String nameOf(int column, boolean header) {
    return header ? names.get(column) : "column " + (column + 1);
  }

  /**
   * {@code ", column 3 (petal_length)"}: the place of a cell after the line; counts from 1. A
   * column read under a header has a name ({@link #requireDistinct} refuses one without).
   */
  String describe(int column) {
    String name = names.get(column);
    return ", column " + (column + 1) + (name.isBlank() ? "" : " (" + name + ")");
  }
}
