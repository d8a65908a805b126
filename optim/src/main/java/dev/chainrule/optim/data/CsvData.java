package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What {@link CsvReader} read: the samples, and the names that give their numbers meaning.
 *
 * @param dataset features {@code [N, F]} in the order of the selected feature columns; labels are
 *     class indices {@code [N]}, or for a regression target {@code [N, 1]}, or {@code [N, 0]} when
 *     an {@linkplain CsvReader.Builder#optionalLabel() optional} label column is absent; the
 *     label of an unlabelled row (below) is 0, a placeholder
 * @param featureNames the header's name for each feature column, or {@code "column 3"} (counting
 *     the file's columns from 1) without a header
 * @param labelName the label column's header name, or {@code "column 5"} without a header
 * @param classNames the name of each class by index; empty for a regression target or no labels
 * @param droppedRows rows left out for a missing value ({@link MissingValues#DROP})
 * @param droppedBeyondRange of those rows, the ones left out for a number the dtype cannot hold
 *     (1e39 in float32): a number in the file, not a missing value, which a note should tell apart
 * @param lines the file's line number (from 1) of each row, so results can point back to it
 * @param unlabelledRows the indices (ascending, from 0) of the rows whose cell in an optional
 *     label column was empty, marked a missing value or was infinite: rows to predict, not to
 *     score or train on
 * @param emptyInDroppedRows the names of the columns read (features, then the label) that had no
 *     value in any row left out by {@link MissingValues#DROP}; empty when no row was left out.
 *     When every row was left out, these are the columns that left them out
 * @param notes what the reader noticed but did not refuse, one sentence each: a header row that
 *     looks like a data row (the file's first row, read as the columns' names, lost) or like a
 *     summary line, in the words the program's warning uses ({@link FirstLine}); empty when
 *     nothing was noticed
 */
public record CsvData(Dataset dataset, List<String> featureNames, String labelName,
    List<String> classNames, int droppedRows, int droppedBeyondRange, List<Integer> lines,
    List<Integer> unlabelledRows, List<String> emptyInDroppedRows, List<String> notes) {

  /**
   * Copies the lists; there must be one feature name per feature column.
   *
   * @param classNames a name per class
   * @param dataset the features and labels
   * @param droppedRows rows left out for missing values
   * @param droppedBeyondRange of those, the rows left out for a number beyond the dtype's range
   * @param featureNames the feature columns' names
   * @param labelName the label column's name
   * @param lines the lines
   * @param unlabelledRows the rows without a label
   * @param emptyInDroppedRows the columns with no value in any dropped row
   * @param notes what the reader noticed
   */
  public CsvData {
    checkNotNull(dataset, "CsvData: dataset is null");
    featureNames = List.copyOf(checkNotNull(featureNames, "CsvData: feature names are null"));
    checkNotNull(labelName, "CsvData: label name is null");
    classNames = List.copyOf(checkNotNull(classNames, "CsvData: class names are null"));
    checkArgument(featureNames.size() == dataset.featureCount(),
        "CsvData: %s feature names for %s features", featureNames.size(),
        dataset.featureCount());
    checkArgument(droppedRows >= 0, "CsvData: dropped rows must not be negative, got %s",
        droppedRows);
    checkArgument(droppedBeyondRange >= 0 && droppedBeyondRange <= droppedRows,
        "CsvData: %s rows dropped beyond range, of %s dropped", droppedBeyondRange, droppedRows);
    lines = List.copyOf(checkNotNull(lines, "CsvData: line numbers are null"));
    checkArgument(lines.size() == dataset.size(), "CsvData: %s line numbers for %s rows",
        lines.size(), dataset.size());
    unlabelledRows = List.copyOf(
        checkNotNull(unlabelledRows, "CsvData: unlabelled rows are null"));
    emptyInDroppedRows = List.copyOf(
        checkNotNull(emptyInDroppedRows, "CsvData: the columns empty in dropped rows are null"));
    notes = List.copyOf(checkNotNull(notes, "CsvData: notes are null"));
  }

  /**
   * As the canonical constructor, with no notes.
   *
   * @param dataset the features and labels
   * @param featureNames the feature columns' names
   * @param labelName the label column's name
   * @param classNames a name per class
   * @param droppedRows rows left out for missing values
   * @param droppedBeyondRange of those, the rows left out for a number beyond the dtype's range
   * @param lines the lines
   * @param unlabelledRows the rows without a label
   * @param emptyInDroppedRows the columns with no value in any dropped row
   */
  public CsvData(Dataset dataset, List<String> featureNames, String labelName,
      List<String> classNames, int droppedRows, int droppedBeyondRange, List<Integer> lines,
      List<Integer> unlabelledRows, List<String> emptyInDroppedRows) {
    this(dataset, featureNames, labelName, classNames, droppedRows, droppedBeyondRange, lines,
        unlabelledRows, emptyInDroppedRows, List.of());
  }

  /**
   * As the canonical constructor, with no row dropped for a number beyond the dtype's range.
   *
   * @param dataset the features and labels
   * @param featureNames the feature columns' names
   * @param labelName the label column's name
   * @param classNames a name per class
   * @param droppedRows rows left out for missing values
   * @param lines the lines
   * @param unlabelledRows the rows without a label
   */
  public CsvData(Dataset dataset, List<String> featureNames, String labelName,
      List<String> classNames, int droppedRows, List<Integer> lines,
      List<Integer> unlabelledRows) {
    this(dataset, featureNames, labelName, classNames, droppedRows, 0, lines, unlabelledRows,
        List.of(), List.of());
  }

  /**
   * Number of classes the labels were mapped to (0 for a regression target).
   *
   * @return the number of classes
   */
  public int classCount() {
    return classNames.size();
  }

  /**
   * Whether the file had the label column (only an optional label column can be absent).
   *
   * @return whether a label column was read
   */
  public boolean hasLabels() {
    return dataset.labels().rank() == 1 || dataset.labels().dim(1) > 0;
  }

  /**
   * The indices of the rows that have a label: all of them, unless an optional label column left
   * some cells empty (new rows to predict among rows to score the model on).
   *
   * @return the labelled rows' indices, ascending; empty without a label column
   */
  public int[] labelledRows() {
    if (!hasLabels()) {
      return new int[0];
    }
    Set<Integer> unlabelled = Set.copyOf(unlabelledRows);
    return IntStream.range(0, dataset.size()).filter(i -> !unlabelled.contains(i)).toArray();
  }

  /** The first labelled row of each class, or -1 (classes given to the reader may have none). */
  int[] firstRowOfEachClass() {
    int[] first = new int[classNames.size()];
    Arrays.fill(first, -1);
    BitSet unlabelled = new BitSet();
    unlabelledRows.forEach(unlabelled::set);
    int[] indices = dataset.classIndices();
    for (int row = indices.length - 1; row >= 0; row--) {
      if (!unlabelled.get(row)) {
        first[indices[row]] = row;
      }
    }
    return first;
  }

  /**
   * Where a row is in the file, for a warning: {@code line 7 of f.csv}, {@code line 7} when
   * {@code file} is null, or {@code no labelled row} for -1.
   */
  String lineOf(int row, String file) {
    return row < 0 ? "no labelled row" : "line " + lines.get(row)
        + (file == null ? "" : " of " + file);
  }
}
