package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.report.ReadableNumber;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Refusals of a CSV file's rows before they are split, for the program's {@code train} and {@code
 * predict} and the Spark launcher alike, naming the file and saying why: a file with no row left
 * to use, and a column too large to standardise. Without them the first statistic taken of the
 * rows failed in its own words ("max: cannot reduce the empty axis 0 of [0, 4]", "Standardizer.fit:
 * column 0 holds 7.9E307 at sample 108"), naming neither the file nor its line.
 */
public final class CsvRowChecks {
  private CsvRowChecks() {}

  /**
   * Refuses a file with no row left to use, saying why: a header alone, or every row left out by
   * {@code --missing drop}, naming the columns that had no value in any of them.
   *
   * @param data what was read
   * @param file the file's name, as the message gives it
   * @param purpose what the rows were for, as "to predict"
   * @throws DataFormatException when there is no row, e.g. {@code "hdr.csv: no rows to train on:
   *     the file has a header and no data rows"}
   */
  public static void requireRows(CsvData data, String file, String purpose) {
    requireRows(data, file, purpose, null);
  }

  /**
   * As {@link #requireRows(CsvData, String, String)}, and for feature columns with no value in
   * any row, the options that leave them out, where the command line chooses the features.
   *
   * @param data what was read
   * @param file the file's name, as the message gives it
   * @param purpose what the rows were for, as "to train on"
   * @param leaveOut the options that leave columns out ({@link CsvCommandLine#leaveOut(List,
   *     List, List)}), or null where the features are fixed (a loaded model's)
   * @throws DataFormatException when there is no row, e.g. {@code "data.csv: no rows to train
   *     on: --missing drop left out all 3 rows; column "b" had no value in any of them: leave it
   *     out (--drop b)"}
   */
  public static void requireRows(CsvData data, String file, String purpose,
      Function<List<String>, String> leaveOut) {
    checkNotNull(data, "requireRows: data is null");
    if (data.dataset().size() == 0) {
      int dropped = data.droppedRows();
      String why = dropped == 0 ? "the file has a header and no data rows"
          : dropped == 1 ? "--missing drop left out the only row"
          : String.format(Locale.ROOT, "--missing drop left out all %,d rows", dropped);
      throw new DataFormatException(file + ": no rows " + purpose + ": " + why
          + emptyColumns(data, dropped == 1 ? "it" : "any of them", leaveOut));
    }
  }

  /**
   * The columns that left every row out, which --missing drop's message alone did not name: a
   * column empty in every row of a file sent the user hunting for it.
   */
  private static String emptyColumns(CsvData data, String rows,
      Function<List<String>, String> leaveOut) {
    List<String> features = data.emptyInDroppedRows().stream()
        .filter(name -> !name.equals(data.labelName())).toList();
    StringBuilder text = new StringBuilder();
    if (!features.isEmpty()) {
      text.append(features.size() == 1 ? "; column " : "; columns ")
          .append(features.stream().map(CsvFields::quote).collect(Collectors.joining(", ")))
          .append(" had no value in ").append(rows);
      if (leaveOut != null) {
        text.append(": leave ").append(features.size() == 1 ? "it" : "them").append(" out (")
            .append(leaveOut.apply(features)).append(')');
      }
    }
    if (data.emptyInDroppedRows().contains(data.labelName())) {
      text.append("; the label column ").append(CsvFields.quote(data.labelName()))
          .append(" had no value in ").append(rows);
    }
    return text.toString();
  }

  /**
   * Refuses a column too large to standardise (the sum of its values, or their distances from
   * their mean, overflow their type), naming the file, the column and the line of its largest
   * value, where the training part's {@link Standardizer#fit} named itself and a sample of that
   * part. Checked on every row before the split, so that the line is the file's and the refusal
   * does not hang on the seed; the training part alone can still overflow where the whole file
   * does not (large values of one sign without their opposites), which the split's own fit
   * refuses in the library's words.
   *
   * @param data what was read
   * @param source the file's name, as the message gives it
   * @param regression whether the label, a target, is standardised too
   * @throws DataFormatException for the first such column, with its cause, the fit's refusal
   */
  public static void requireStandardisable(CsvData data, String source, boolean regression) {
    checkNotNull(data, "requireStandardisable: data is null");
    requireStandardisable(data.dataset().features(), data.featureNames(), data, source);
    if (regression) {
      requireStandardisable(data.dataset().labels(), List.of(data.labelName()), data, source);
    }
  }

  private static void requireStandardisable(Tensor values, List<String> names, CsvData data,
      String source) {
    try {
      Standardizer.fit(values);
      return;
    } catch (IllegalArgumentException e) {
      // One column overflowed: the loop below finds it, one column at a time.
    }
    for (int f = 0; f < names.size(); f++) {
      Tensor column = values.slice(1, f, f + 1);
      try {
        Standardizer.fit(column);
      } catch (IllegalArgumentException e) {
        int row = column.abs().argmax();
        // The statistics are float64's whatever the column's type, so only a float64 column
        // (a float32 value stops at 3.4e38) can overflow them.
        throw new DataFormatException(String.format(Locale.ROOT, "%s: line %d, column \"%s\": %s"
            + " is too large to standardise the column: %s float64 (whose largest number is"
            + " 1.8e308); rescale the column, e.g. to other units", source,
            data.lines().get(row), names.get(f), ReadableNumber.rounded(column.flatGet(row), 6),
            Double.isFinite(column.mean().item())
                ? "the distances of its values from their mean overflow"
                : "the sum of its values overflows"),
            e);
      }
    }
  }
}
