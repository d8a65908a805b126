package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * What {@link CsvReader} read: the samples, and the names that give their numbers meaning.
 *
 * @param dataset features {@code [N, F]} in column order without the label column; labels are
 *     class indices {@code [N]}, or for a regression target {@code [N, 1]}
 * @param featureNames the header's name for each feature column, or {@code "column 3"} (counting
 *     the file's columns from 1) without a header
 * @param classNames the name of each class by index; empty for a regression target
 */
public record CsvData(Dataset dataset, List<String> featureNames, List<String> classNames) {

  /** Copies the lists; there must be one feature name per feature column. */
  public CsvData {
    checkNotNull(dataset, "CsvData: dataset is null");
    featureNames = List.copyOf(checkNotNull(featureNames, "CsvData: feature names are null"));
    classNames = List.copyOf(checkNotNull(classNames, "CsvData: class names are null"));
    checkArgument(featureNames.size() == dataset.featureCount(),
        "CsvData: %s feature names for %s features", featureNames.size(),
        dataset.featureCount());
  }

  /** Number of classes the labels were mapped to (0 for a regression target). */
  public int classCount() {
    return classNames.size();
  }
}
