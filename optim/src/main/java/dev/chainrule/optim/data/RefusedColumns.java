package dev.chainrule.optim.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rest of a file read after a refused cell, so that one refusal names every column the same
 * way out needs. A file of several text columns (a Titanic-like file: Name, Sex, Ticket) was
 * refused once per column, each run naming one more {@code --drop}; a column empty in every row
 * was refused with {@code --missing drop} as the way out, which then left out every row. Only a
 * failing read pays for this pass, and it reads fields, not numbers; it ends at a line the reader
 * would refuse for another reason (not text, a quote left open), whose refusal is for a later run.
 * It reads at most {@link #SCANNED} rows: a pass that read on until every column had shown text
 * read a whole 300 MB file (4.2 s rather than 0.9) for one text column among numeric ones, and
 * drained standard input.
 */
final class RefusedColumns {
  /** Columns named in one message; the way out still names them all. */
  private static final int LISTED = 10;

  /** Rows read at most by one pass, the refused row included. */
  static final int SCANNED = 1000;

  private final CsvOptions options;
  private final CsvColumns columns;
  private final String source;

  RefusedColumns(CsvOptions options, CsvColumns columns, String source) {
    this.options = options;
    this.columns = columns;
    this.source = source;
  }

  /** A cell of a column and where it is. */
  private record Cell(int line, String text) {}

  /**
   * {@code e} (the refused text in feature column {@code column} of {@code row}, at {@code
   * line}) with the other feature columns that hold text, each with its first cell: file, line,
   * column and value. Each column is judged by its first cell that holds a value, in this row or
   * a later one (within {@link #SCANNED} rows): text, or a number, or a number written with a
   * comma (its own refusal hints at the notation; leaving the column out is no way out).
   */
  NotANumberException withOtherText(NotANumberException e, int column, List<String> row,
      int line, TextLines rest) throws IOException {
    Map<Integer, Cell> text = new LinkedHashMap<>();
    List<Integer> undecided = new ArrayList<>();
    for (int c : columns.features()) {
      if (c != column) {
        undecided.add(c);
      }
    }
    read(row, line, rest, (fields, at) -> {
      undecided.removeIf(c -> {
        String cell = fields.get(c);
        if (CsvFields.isMissing(cell)) {
          return false;
        }
        if (!CsvFields.isNumber(cell) && CsvFields.numberHint(cell).isEmpty()) {
          text.put(c, new Cell(at, cell));
        }
        return true;
      });
      return !undecided.isEmpty();
    });
    boolean refusedIsText = CsvFields.numberHint(row.get(column)).isEmpty();
    boolean allFeatures = refusedIsText && text.size() + 1 == columns.features().length;
    if (text.isEmpty()) {
      return allFeatures ? new NotANumberException(e.getMessage(),
          e.column() == null ? null : List.of(e.column()), false, true, e) : e;
    }
    List<String> named = new ArrayList<>();
    List<String> others = new ArrayList<>();
    text.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(other -> {
      int c = other.getKey();
      named.add(columns.names().get(c));
      others.add(String.format(Locale.ROOT,
          "%s (column %d, line %d: %s)", columns.nameOf(c, options.header()),
          c + 1, other.getValue().line(), CsvFields.quote(other.getValue().text())));
    });
    List<String> all = new ArrayList<>();
    all.add(e.column());
    all.addAll(named);
    return new NotANumberException(String.format(Locale.ROOT, "%s; text in other columns too: %s",
        e.getMessage(), listed(others)), options.header() ? all : null, false, allFeatures, e);
  }

  /**
   * {@code e} (a missing value in feature column {@code column} of {@code row}, the first row
   * read) with the feature columns that have no value in any row, when {@code column} is one of
   * them and the file has more rows than this one; {@code e} itself otherwise.
   */
  MissingValueException withEmptyColumns(MissingValueException e, int column, List<String> row,
      int line, TextLines rest) throws IOException {
    List<Integer> unseen = new ArrayList<>();
    for (int c : columns.features()) {
      unseen.add(c);
    }
    int[] rows = {0};
    Pass pass = read(row, line, rest, (fields, at) -> {
      rows[0]++;
      unseen.removeIf(c -> !CsvFields.isMissing(fields.get(c)));
      return unseen.contains(column);
    });
    // In a row alone, an empty cell says nothing of a column: the row's own refusal is enough.
    if (pass == Pass.REFUSED || !unseen.contains(column) || rows[0] < 2) {
      return e;
    }
    List<String> names = unseen.stream().map(c -> columns.nameOf(c, options.header())).toList();
    String which = names.size() == 1 ? "the column has"
        : "columns " + CsvFields.list(names) + " have";
    String where = pass == Pass.BOUND ? "the first" : "any of the";
    return new MissingValueException(String.format(Locale.ROOT, "%s; %s no value in %s %,d rows",
        e.getMessage(), which, where, rows[0]),
        options.header() ? unseen.stream().map(c -> columns.names().get(c)).toList() : List.of());
  }

  /** What a pass does with a row's fields at a line; false ends the pass. */
  private interface RowVisitor {
    boolean visit(List<String> fields, int line);
  }

  /** How a pass ended. */
  private enum Pass {
    /** The visitor had seen enough, or the file ended. */
    DONE,
    /** {@link #SCANNED} rows were read, the visitor wanting more. */
    BOUND,
    /** A line the reader would refuse: the rows after it are unknown. */
    REFUSED
  }

  /**
   * Visits {@code row} at {@code line}, then each later row of the right number of fields (not a
   * repeated header, which is refused when the reader comes to it), until {@code visitor} says
   * enough, the file ends, {@link #SCANNED} rows are visited, or a line the reader would refuse.
   */
  private Pass read(List<String> row, int line, TextLines rest, RowVisitor visitor)
      throws IOException {
    if (!visitor.visit(row, line)) {
      return Pass.DONE;
    }
    int visited = 1;
    int at = line;
    for (String next = rest.next(); next != null; next = rest.next()) {
      at++;
      if (rest.cut() || !rest.allText()) {
        return Pass.REFUSED;
      }
      if (CsvFields.isBlankLine(next, options.delimiter())) {
        continue;
      }
      List<String> fields;
      try {
        fields = CsvFields.split(next, options.delimiter(), source + ": line " + at);
      } catch (DataFormatException unreadable) {
        return Pass.REFUSED;
      }
      if (fields.size() == columns.names().size() && !repeatsHeader(fields)) {
        if (!visitor.visit(fields, at)) {
          return Pass.DONE;
        }
        if (++visited == SCANNED) {
          return Pass.BOUND;
        }
      }
    }
    return Pass.DONE;
  }

  /**
   * Whether {@code fields} are the header's names again, one of them no number: two files
   * joined with {@code cat}, each with its header. A header of numbers only is left alone, since
   * a data row may equal it.
   *
   * @param options the reader's options
   * @param columns the columns, named by the header when there is one
   * @param fields a row's fields
   * @return whether the row repeats the header
   */
  static boolean repeatsHeader(CsvOptions options, CsvColumns columns, List<String> fields) {
    return options.header() && fields.equals(columns.names())
        && !fields.stream().allMatch(CsvFields::isNumber);
  }

  private boolean repeatsHeader(List<String> fields) {
    return repeatsHeader(options, columns, fields);
  }

  /** Up to {@link #LISTED} items, and how many more. */
  private static String listed(List<String> items) {
    return items.size() <= LISTED ? String.join(", ", items)
        : String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED)
            + " more";
  }
}
