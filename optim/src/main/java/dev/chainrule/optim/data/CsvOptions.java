package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.core.DType;
import java.util.HashSet;
import java.util.List;

/**
 * What a {@link CsvReader} was built with, checked to fit together; {@link CsvParsing} and
 * {@link CsvColumns} read a source by it. The rules for single values (a name list without
 * repeats, non-empty class names) are here too, for the builder's setters to apply at once.
 *
 * @param header whether the first line read names the columns
 * @param skipLines lines ignored at the start
 * @param delimiter the field separator
 * @param labelName the label column's header name, or null when given by position
 * @param labelIndex the label column's position (negative from the end) when not named
 * @param labelFallbackIndex the position to use when no column has {@code labelName}, or null
 * @param optionalLabel whether the named label column may be absent
 * @param regression whether the label is a numeric target rather than a class
 * @param classNames the fixed classes in index order, or null to infer them
 * @param features the only feature columns, in order, or null for all
 * @param dropped columns that are not features
 * @param missing what to do with empty, missing and infinite cells
 * @param dtype the element type of the features
 */
record CsvOptions(boolean header, int skipLines, char delimiter, String labelName, int labelIndex,
    Integer labelFallbackIndex, boolean optionalLabel, boolean regression,
    List<String> classNames, List<String> features, List<String> dropped, MissingValues missing,
    DType dtype) {

  /** The builder's consistency checks; IllegalStateException, as it is the builder's state. */
  CsvOptions {
    checkState(labelName == null || header || labelFallbackIndex != null,
        "CsvReader: the label column is given by name (\"%s\"), which needs a header row",
        labelName);
    checkState(!(regression && classNames != null),
        "CsvReader: class names do not apply to a regression target");
    checkState(header || (features == null && dropped.isEmpty()),
        "CsvReader: columns are chosen by name, which needs a header row");
    checkState(features == null || dropped.isEmpty(),
        "CsvReader: choose the feature columns or the columns to drop, not both");
    checkState(!optionalLabel || labelName != null,
        "CsvReader: an optional label column must be given by name");
  }

  /** {@code names} as an immutable list, refused when null, holding null or repeating a name. */
  static List<String> distinctNames(String kind, List<String> names) {
    checkNotNull(names, "CsvReader: %s column names are null", kind);
    HashSet<String> seen = new HashSet<>();
    for (String name : names) {
      checkNotNull(name, "CsvReader: a %s column name is null in %s", kind, names);
      checkArgument(seen.add(name), "CsvReader: %s column \"%s\" repeats in %s", kind, name,
          names);
    }
    return List.copyOf(names);
  }

  /** The class names as an immutable list, refused when null, empty, holding null or repeating. */
  static List<String> classNames(List<String> names) {
    checkNotNull(names, "CsvReader: class names are null");
    checkArgument(!names.isEmpty(), "CsvReader: the class names are empty");
    HashSet<String> seen = new HashSet<>();
    for (String name : names) {
      checkNotNull(name, "CsvReader: a class name is null in %s", names);
      checkArgument(seen.add(name), "CsvReader: class name \"%s\" repeats in %s", name, names);
    }
    return List.copyOf(names);
  }
}
