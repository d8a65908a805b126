package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Samples for supervised learning: features {@code [N, F]} (one row per sample) and labels of one
 * of two shapes, validated on construction:
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
 * <p>The features are held in one of two ways. {@link #Dataset(Tensor, Tensor)} holds a tensor.
 * {@link #ofUnsignedBytes} holds rows of unsigned bytes, such as image pixels, and turns them into
 * {@code byte / divisor} in its {@link #dtype()} only for the rows asked for: {@link #rows}, {@link
 * #subset} (which keeps the bytes), and the batches and evaluation chunks of the trainer. That is
 * how torchvision keeps MNIST, as bytes converted a batch at a time: 60,000 Fashion-MNIST images
 * take 47 MB instead of 188 MB of float32 or 376 MB of float64. {@link #features()} of such a set
 * converts every row, each time it is called. Both ways give the same values, equal datasets and
 * the same training, bit for bit.
 */
public final class Dataset {
  // Rows compared at a time by equals when the features are bytes, so that no side is converted
  // whole.
  private static final int EQUALS_ROWS = 1024;

  private final Tensor features;  // null when the features are bytes
  private final UnsignedByteRows bytes;  // null when the features are a tensor
  private final Tensor labels;

  /**
   * Validates the shapes and, for labels of shape {@code [N]}, that they are class indices.
   *
   * @param features [N, F] features, one sample per row
   * @param labels [N] class indices, or [N, K] one-hot rows or real targets
   */
  public Dataset(Tensor features, Tensor labels) {
    checkNotNull(features, "Dataset: features are null");
    checkNotNull(labels, "Dataset: labels are null");
    checkArgument(features.rank() == 2, "Dataset: features must have shape [N, F], got %s",
        features.shape());
    this.features = features;
    this.bytes = null;
    this.labels = Labels.check(features.shape(), labels);
  }

  private Dataset(UnsignedByteRows bytes, Tensor labels) {
    this.features = null;
    this.bytes = bytes;
    this.labels = Labels.check(bytes.shape(), labels);
  }

  /**
   * A dataset whose features are unsigned bytes, {@code columns} to a row, converted to {@code
   * byte / divisor} in {@code dtype} a few rows at a time, with the values {@link
   * Tensors#fromUnsignedBytes} gives. The bytes are copied; the labels are not.
   *
   * @param bytes the rows one after another, N · F bytes, each read as 0..255
   * @param columns F, the bytes per row, positive
   * @param divisor what each byte is divided by (255 scales to [0, 1]), positive and finite
   * @param dtype the type of the converted features
   * @param labels [N] class indices, or [N, K] one-hot rows or real targets
   * @return the dataset
   * @throws IllegalArgumentException naming ofUnsignedBytes when the bytes do not make whole rows,
   *     the divisor is not positive and finite, or the labels do not fit
   */
  public static Dataset ofUnsignedBytes(byte[] bytes, int columns, double divisor, DType dtype,
      Tensor labels) {
    checkNotNull(bytes, "ofUnsignedBytes: bytes are null");
    return ownedUnsignedBytes(bytes.clone(), columns, divisor, dtype, labels);
  }

  /** As {@link #ofUnsignedBytes}, keeping {@code bytes} themselves: nothing else may hold them. */
  static Dataset ownedUnsignedBytes(byte[] bytes, int columns, double divisor, DType dtype,
      Tensor labels) {
    return new Dataset(UnsignedByteRows.owned(bytes, columns, divisor, dtype), labels);
  }

  /**
   * The features of every sample, {@code [N, F]}. For a dataset of {@link #ofUnsignedBytes bytes}
   * this converts all N rows into a new tensor on every call (188 MB for the float32 images of
   * Fashion-MNIST): where a few rows do, take {@link #rows} or {@link #subset}.
   *
   * @return [N, F] features
   */
  public Tensor features() {
    return features != null ? features : bytes.convert(0, bytes.rows());
  }

  /**
   * The features as the unsigned bytes they are kept in, for a dataset made by {@link
   * #ofUnsignedBytes} (or cut from one); empty when the features are a tensor. The bytes are a
   * copy: the dataset's own never change.
   *
   * @return the bytes, their row length and divisor; or empty
   */
  public Optional<UnsignedBytes> unsignedBytes() {
    return bytes == null ? Optional.empty() : Optional.of(bytes.copy());
  }

  /**
   * The labels: {@code [N]} class indices or {@code [N, K]} targets.
   *
   * @return the labels
   */
  public Tensor labels() {
    return labels;
  }

  /**
   * The features of samples {@code from} to {@code to} (exclusive), {@code [to − from, F]}: for a
   * dataset of bytes only these rows are converted.
   *
   * @param from the first row, from 0
   * @param to the row to stop before, at most N
   * @return [to − from, F] features
   * @throws IllegalArgumentException naming rows when the range is not within [0, N]
   */
  public Tensor rows(int from, int to) {
    checkArgument(0 <= from && from <= to && to <= size(),
        "rows: range [%s, %s) is not within the %s samples", from, to, size());
    return features != null ? features.slice(0, from, to) : bytes.convert(from, to);
  }

  /**
   * Number of samples, N.
   *
   * @return the number of samples
   */
  public int size() {
    return features != null ? features.dim(0) : bytes.rows();
  }

  /**
   * Number of features per sample, F.
   *
   * @return features per sample
   */
  public int featureCount() {
    return features != null ? features.dim(1) : bytes.columns();
  }

  /**
   * The type of the features (of the converted rows, for a dataset of bytes).
   *
   * @return the features' dtype
   */
  public DType dtype() {
    return features != null ? features.dtype() : bytes.dtype();
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
    return Labels.classIndices("classIndices", labels);
  }

  /**
   * The largest class index plus one (0 for an empty dataset). A subset that lacks the highest
   * class reports fewer classes than the whole; where that matters, pass the count explicitly
   * (for data read from a CSV file, {@code CsvData.classNames().size()}).
   *
   * @return the largest class index plus 1
   */
  public int classCount() {
    return Arrays.stream(Labels.classIndices("classCount", labels)).max().orElse(-1) + 1;
  }

  /**
   * The class indices as one-hot rows: shape {@code [N, classes]}.
   *
   * @param classes the number of classes K
   * @return [N, K] one-hot rows
   */
  public Tensor oneHotLabels(int classes) {
    return Labels.oneHot(labels, classes);
  }

  /**
   * This dataset with its class indices replaced by one-hot rows ({@link #oneHotLabels}).
   *
   * @param classes the number of classes K
   * @return the same features with [N, K] one-hot labels
   */
  public Dataset withOneHotLabels(int classes) {
    return withLabels(oneHotLabels(classes));
  }

  /**
   * The same labels with other features, such as standardised ones; N must not change. The result
   * holds {@code newFeatures}, a tensor, whatever this dataset holds.
   *
   * @param newFeatures [N, F] features for the same N samples
   * @return the same labels with the new features
   */
  public Dataset withFeatures(Tensor newFeatures) {
    return new Dataset(newFeatures, labels);
  }

  /**
   * This dataset with its features in {@code dtype}, the labels as they are: tensor features
   * converted, a dataset of bytes the same bytes converted straight to {@code dtype} when used
   * (Fashion-MNIST read as float64 and trained in float32 never makes the 376 MB of float64).
   *
   * @param dtype the features' new type
   * @return the dataset in {@code dtype}; this one when its features already are
   */
  public Dataset to(DType dtype) {
    checkNotNull(dtype, "Dataset.to: dtype is null");
    if (dtype == dtype()) {
      return this;
    }
    return features != null ? new Dataset(features.to(dtype), labels)
        : new Dataset(bytes.as(dtype), labels);
  }

  /**
   * The samples at {@code indices}, in that order; repeats are allowed (as in a bootstrap
   * sample). A dataset of bytes gives a dataset of the picked bytes.
   *
   * @param indices the rows to keep, in order
   * @return the samples at {@code indices}
   */
  public Dataset subset(int[] indices) {
    checkNotNull(indices, "subset: indices are null");
    double[] picks = new double[indices.length];
    int size = size();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= size) {
        // Built here, not by checkArgument: its arguments would box every index of every batch.
        throw new IllegalArgumentException(String.format(Locale.ROOT, 
            "subset: index %s (at position %s) out of range for %s samples", indices[i], i, size));
      }
      picks[i] = indices[i];
    }
    Tensor index = Tensor.vector(picks);
    if (features != null) {
      return new Dataset(features.take(0, index), labels.take(0, index));
    }
    return new Dataset(bytes.pick(indices), labels.take(0, index));
  }

  /**
   * A random split into disjoint training and test sets that together hold every sample: {@code
   * round(testFraction · N)} samples go to the test set. See {@link Split#random}.
   *
   * @param testFraction the share of samples held out for testing, in [0, 1] (0 and 1 leave a
   *     part empty)
   * @param seed the seed of the random choices
   * @return the training and test samples
   */
  public Split split(double testFraction, long seed) {
    return Split.random(this, testFraction, seed);
  }

  /**
   * A split that keeps each class's proportion in both parts. See {@link Split#stratified}.
   *
   * @param testFraction the share of samples held out for testing, in [0, 1] (0 and 1 leave a
   *     part empty)
   * @param seed the seed of the random choices
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
   * @param seed the seed of the random choices
   * @param dropLast whether to skip a last batch smaller than the rest (a batch size above the
   *     data's size is that size: one batch of every row, kept, where PyTorch's loader would give
   *     none and an epoch would train nothing)
   * @return the batches of every epoch
   */
  public MiniBatches batches(int batchSize, long seed, boolean dropLast) {
    return MiniBatches.shuffled(this, batchSize, seed).dropLast(dropLast);
  }

  /**
   * Whether {@code o} is a dataset of the same labels and features, value for value and of the
   * same dtype, however each holds its features.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Dataset other) || !labels.equals(other.labels)
        || dtype() != other.dtype() || featureCount() != other.featureCount()) {
      return false;
    }
    if (features != null && other.features != null) {
      return features.equals(other.features);
    }
    for (int from = 0; from < size(); from += EQUALS_ROWS) {
      int to = Math.min(size(), from + EQUALS_ROWS);
      if (!rows(from, to).equals(other.rows(from, to))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of the labels, the features' shape and dtype, consistent with {@link #equals}; it does
   * not read the features, so that a dataset of bytes is not converted to be hashed.
   */
  @Override
  public int hashCode() {
    return (31 * (31 * labels.hashCode() + size()) + featureCount()) * 31 + dtype().ordinal();
  }

  /**
   * A summary, not the values: {@code Dataset[150 samples, features [150, 4], labels [150]]}, and
   * for features held as bytes {@code Dataset[60000 samples, features [60000, 784] (unsigned
   * bytes / 255.0 as float32), labels [60000]]}.
   */
  @Override
  public String toString() {
    return "Dataset[" + size() + " samples, features " + Shape.of(size(), featureCount())
        + (bytes == null ? "" : " (" + bytes.describe() + ")") + ", labels " + labels.shape()
        + "]";
  }

  private Dataset withLabels(Tensor newLabels) {
    return features != null ? new Dataset(features, newLabels) : new Dataset(bytes, newLabels);
  }
}
