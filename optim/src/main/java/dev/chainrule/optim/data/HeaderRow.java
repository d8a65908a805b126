package dev.chainrule.optim.data;

import java.util.List;

/**
 * The reader's look at the header row it read: a file without a header, read with {@code
 * header(true)} (the default), lost its first row to the columns' names without a word (UCI's
 * iris.data gave features named "5.1", "3.5", ... and one sample fewer), while the program
 * warned for the same file. The decision is {@link FirstLine}'s, the program's: the same signs,
 * the same words, and the reader's way out added.
 */
final class HeaderRow {
  /** How the advice names the reader, where the program names its command. */
  private static final String READER = "CsvReader with header(true), the default,";

  private HeaderRow() {}

  /**
   * Why the header row looks like a data row or a summary line, as notes; empty when it may well
   * be a header, when there is none, or when lines were skipped before it (the words say "line
   * 1").
   *
   * @param rowsRead the rows after the header (those dropped for a missing value included)
   */
  static List<String> notes(CsvOptions options, CsvColumns columns, CsvData data, int rowsRead) {
    if (!options.header() || options.skipLines() > 0) {
      return List.of();
    }
    List<String> names = columns.names();
    FirstLine first = new FirstLine(names, names.size(), rowsRead, options.delimiter());
    String label = columns.label() < 0 ? null : names.get(columns.label());
    return first.summary(READER).or(() -> first.dataRow(label, data.classNames(), READER))
        .map(why -> List.of(why + " (CsvReader.builder().header(false) reads a file without"
            + " one)"))
        .orElse(List.of());
  }
}
