package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;

/**
 * Samples for supervised learning: a feature tensor {@code [N, F]} (one row per sample) and labels
 * of one of two shapes, validated on construction:
 *
 * <ul>
 *   <li>{@code [N]}: class indices, stored as doubles like every tensor value, each a whole number
 *       in {@code [0, 2^31 − 1)};
 *   <li>{@code [N, K]}: targets, such as one-hot rows or regression values ({@code [N, 1]} for one
 *       target per sample).
 * </ul>
 *
 * <p>The shape alone says which kind the labels are, so a regression target belongs in {@code [N,
 * 1]}, never in {@code [N]}. A dataset holds its tensors without copying them: like every tensor
 * handed around, they must not be updated in place.
 *
 * @param features one row per sample, shape {@code [N, F]}
 * @param labels class indices {@code [N]} or targets {@code [N, K]}
 */
public record Dataset(Tensor features, Tensor labels) {

  /**
   * Validates the shapes and, for labels of shape {@code [N]}, that they are class indices.
   *
   * @param features [N, F] features, one sample per row
   * @param labels [N] class indices, or [N, K] one-hot rows or real targets
   */
  public Dataset {
    checkNotNull(features, "Dataset: features are null");
    checkNotNull(labels, "Dataset: labels are null");
    checkArgument(features.rank() == 2, "Dataset: features must have shape [N, F], got %s",
        features.shape());
    checkArgument(labels.rank() == 1 || labels.rank() == 2,
        "Dataset: labels must have shape [N] (class indices) or [N, K] (targets), got %s",
        labels.shape());
    checkArgument(features.dim(0) == labels.dim(0),
        "Dataset: features %s and labels %s differ in sample count (%s vs %s)",
        features.shape(), labels.shape(), features.dim(0), labels.dim(0));
    if (labels.rank() == 1) {
      toClassIndices("Dataset", labels);
    }
  }

  /**
   * Number of samples, N.
   *
   * @return the number of samples
   */
  public int size() {
    return features.dim(0);
  }

  /**
   * Number of features per sample, F.
   *
   * @return features per sample
   */
  public int featureCount() {
    return features.dim(1);
  }

  /**
   * Whether the labels are class indices (shape {@code [N]}) rather than targets.
   *
   * @return true when the labels have shape [N]
   */
  public boolean hasClassIndices() {
    return labels.rank() == 1;
  }

  /**
   * The class index of every sample; the labels must have shape {@code [N]}.
   *
   * @return the labels as class indices
   */
  public int[] classIndices() {
    requireClassIndices("classIndices");
    return toClassIndices("classIndices", labels);
  }

  /**
   * The largest class index plus one (0 for an empty dataset). A subset that lacks the highest
   * class reports fewer classes than the whole; where that matters, pass the count explicitly
   * (for data read from a CSV file, {@code CsvData.classNames().size()}).
   *
   * @return the largest class index plus 1
   */
  public int classCount() {
    requireClassIndices("classCount");
    return Arrays.stream(classIndices()).max().orElse(-1) + 1;
  }

  /**
   * The class indices as one-hot rows: shape {@code [N, classes]}.
   *
   * @param classes the number of classes K
   * @return [N, K] one-hot rows
   */
  public Tensor oneHotLabels(int classes) {
    requireClassIndices("oneHotLabels");
    checkArgument(classes > 0, "oneHotLabels: class count must be positive, got %s", classes);
    int[] indices = classIndices();
    for (int i = 0; i < indices.length; i++) {
      checkArgument(indices[i] < classes,
          "oneHotLabels: sample %s has class %s, out of range for %s classes", i, indices[i],
          classes);
    }
    return Tensors.oneHot(labels, classes);
  }

  /**
   * This dataset with its class indices replaced by one-hot rows ({@link #oneHotLabels}).
   *
   * @param classes the number of classes K
   * @return the same features with [N, K] one-hot labels
   */
  public Dataset withOneHotLabels(int classes) {
    return new Dataset(features, oneHotLabels(classes));
  }

  /**
   * The same labels with other features, such as standardised ones; N must not change.
   *
   * @param newFeatures [N, F] features for the same N samples
   * @return the same labels with the new features
   */
  public Dataset withFeatures(Tensor newFeatures) {
    return new Dataset(newFeatures, labels);
  }

  /**
   * The samples at {@code indices}, in that order; repeats are allowed (as in a bootstrap
   * sample).
   *
   * @param indices the rows to keep, in order
   * @return the samples at {@code indices}
   */
  public Dataset subset(int[] indices) {
    checkNotNull(indices, "subset: indices are null");
    double[] picks = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      checkArgument(indices[i] >= 0 && indices[i] < size(),
          "subset: index %s (at position %s) out of range for %s samples", indices[i], i, size());
      picks[i] = indices[i];
    }
    Tensor index = Tensor.vector(picks);
    return new Dataset(features.take(0, index), labels.take(0, index));
  }

  /**
   * A random split into disjoint training and test sets that together hold every sample: {@code
   * round(testFraction · N)} samples go to the test set. See {@link Split#random}.
   *
   * @param seed the seed of the random choices
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @return the training and test samples
   */
  public Split split(double testFraction, long seed) {
    return Split.random(this, testFraction, seed);
  }

  /**
   * A split that keeps each class's proportion in both parts. See {@link Split#stratified}.
   *
   * @param seed the seed of the random choices
   * @param testFraction the share of samples held out for testing, in (0, 1)
   * @return the training and test samples
   */
  public Split stratifiedSplit(double testFraction, long seed) {
    return Split.stratified(this, testFraction, seed);
  }

  /**
   * Mini-batches of this dataset in a shuffled order that depends only on {@code seed} and the
   * epoch. See {@link MiniBatches#shuffled}.
   *
   * @param batchSize samples per batch, positive
   * @param dropLast whether to skip a last batch smaller than the rest
   * @param seed the seed of the random choices
   * @return the batches of every epoch
   */
  public MiniBatches batches(int batchSize, long seed, boolean dropLast) {
    return MiniBatches.shuffled(this, batchSize, seed).dropLast(dropLast);
  }

  /** A summary, not the values: {@code Dataset[150 samples, features [150, 4], labels [150]]}. */
  @Override
  public String toString() {
    return "Dataset[" + size() + " samples, features " + features.shape() + ", labels "
        + labels.shape() + "]";
  }

  private void requireClassIndices(String op) {
    checkArgument(labels.rank() == 1,
        "%s: labels %s are targets, not class indices (shape [N])", op, labels.shape());
  }

  private static int[] toClassIndices(String op, Tensor labels) {
    double[] values = labels.toArray();
    int[] indices = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v >= 0 && v < Integer.MAX_VALUE && v == Math.rint(v))) {
        throw new IllegalArgumentException(String.format(
            "%s: labels of shape [N] are class indices (whole numbers >= 0), but sample %d has %s"
                + " (targets go in labels of shape [N, K], e.g. [N, 1])",
            op, i, v));
      }
      indices[i] = (int) v;
    }
    return indices;
  }
}
