package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Locale;

/**
 * The rules of a {@link Dataset}'s labels: class indices of shape {@code [N]} (whole numbers in
 * {@code [0, 2^31 − 1)}) or targets of shape {@code [N, K]}, with as many rows as the features.
 */
final class Labels {
  private Labels() {}

  /** {@code labels}, once they pass the rules for features of shape {@code features}. */
  static Tensor check(Shape features, Tensor labels) {
    checkNotNull(labels, "Dataset: labels are null");
    checkArgument(labels.rank() == 1 || labels.rank() == 2,
        "Dataset: labels must have shape [N] (class indices) or [N, K] (targets), got %s",
        labels.shape());
    checkArgument(features.dim(0) == labels.dim(0),
        "Dataset: features %s and labels %s differ in sample count (%s vs %s)",
        features, labels.shape(), features.dim(0), labels.dim(0));
    if (labels.rank() == 1) {
      classIndices("Dataset", labels);
    }
    return labels;
  }

  /** The class index of every sample, for an operation that needs labels of shape [N]. */
  static int[] classIndices(String op, Tensor labels) {
    checkArgument(labels.rank() == 1,
        "%s: labels %s are targets, not class indices (shape [N])", op, labels.shape());
    // Whole numbers in [0, 2^31 − 1), so that each converts to an int exactly.
    int bad = labels.indexNotClass(Integer.MAX_VALUE);
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "%s: labels of shape [N] are class indices (whole numbers >= 0), but sample %d has %s"
              + " (targets go in labels of shape [N, K], e.g. [N, 1])",
          op, bad, labels.flatGet(bad)));
    }
    double[] values = labels.toArray();
    int[] indices = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      indices[i] = (int) values[i];
    }
    return indices;
  }

  /** Class indices as [N, classes] one-hot rows, refusing an index out of range. */
  static Tensor oneHot(Tensor labels, int classes) {
    int[] indices = classIndices("oneHotLabels", labels);
    checkArgument(classes > 0, "oneHotLabels: class count must be positive, got %s", classes);
    // Every label is a whole number >= 0 by now: the first that is not a class is too large.
    int bad = labels.indexNotClass(classes);
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, 
          "oneHotLabels: sample %d has class %d, out of range for %d classes", bad, indices[bad],
          classes));
    }
    return Tensors.oneHot(labels, classes);
  }
}
