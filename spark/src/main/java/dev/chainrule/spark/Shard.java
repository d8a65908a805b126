package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.UnsignedBytes;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A contiguous block of training rows, {@code firstRow} to {@code firstRow + rows() − 1} of the
 * whole training set, as plain arrays: features {@code [rows, F]} packed in their own dtype, or
 * kept as the unsigned bytes of a dataset of {@link Dataset#ofUnsignedBytes bytes} (image pixels:
 * a quarter of their float32 size in every broadcast, task and cached partition), and labels,
 * either class indices {@code [rows]} or targets {@code [rows, K]}. The shards of a training set
 * tile its rows exactly once; the global row numbers are what let every partition find its part
 * of a mini-batch drawn from the whole set.
 *
 * <p>Build shards with {@link Shards#parallelize} from data on the driver, or with {@link #of}
 * inside a job that reads the data where it lives (numbering rows by partition, as {@code
 * zipWithIndex} does).
 */
public final class Shard implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The row number of the first row in the whole training set. */
  private final int firstRow;
  /** Rows in this shard. */
  private final int rows;
  /** K for targets {@code [rows, K]}, 0 for class indices {@code [rows]}. */
  private final int targetColumns;
  /** The features {@code [rows, F]}, or null when they are {@link #featureBytes}. */
  private final PackedTensors features;
  /** The features as unsigned bytes, F to a row, or null when they are packed. */
  private final byte[] featureBytes;
  /** F, the bytes per row of {@link #featureBytes}. */
  private final int featureColumns;
  /** What each feature byte is divided by. */
  private final double divisor;
  /** The type the feature bytes convert to. */
  private final DType dtype;
  /** The labels, row-major. */
  private final double[] labels;
  // The tensors, made once per shard object: cached shards live across steps, and copying a
  // whole shard every step would cost more than the step's own rows.
  private transient volatile Dataset dataset;

  private Shard(int firstRow, Dataset data) {
    this.firstRow = firstRow;
    this.rows = data.size();
    this.targetColumns = data.hasClassIndices() ? 0 : data.labels().dim(1);
    Optional<UnsignedBytes> bytes = data.unsignedBytes();
    this.features = bytes.isPresent() ? null : PackedTensors.pack(List.of(data.features()));
    this.featureBytes = bytes.map(UnsignedBytes::bytes).orElse(null);
    this.featureColumns = data.featureCount();
    this.divisor = bytes.map(UnsignedBytes::divisor).orElse(Double.NaN);
    this.dtype = data.dtype();
    this.labels = data.labels().toArray();
  }

  /**
   * The rows of {@code data}, numbered from {@code firstRow} in the whole training set.
   *
   * @param firstRow the first row's number in the whole set
   * @param data the rows
   * @return the shard
   */
  public static Shard of(int firstRow, Dataset data) {
    checkNotNull(data, "Shard.of: data is null");
    checkArgument(firstRow >= 0, "Shard.of: first row must not be negative, got %s", firstRow);
    checkArgument((long) firstRow + data.size() <= Integer.MAX_VALUE,
        "Shard.of: rows %s to %s exceed the largest row number", firstRow,
        (long) firstRow + data.size());
    return new Shard(firstRow, data);
  }

  /**
   * The global number of this shard's first row.
   *
   * @return the first row's number in the whole training set
   */
  public int firstRow() {
    return firstRow;
  }

  /**
   * Rows in this shard.
   *
   * @return the number of rows
   */
  public int rows() {
    return rows;
  }

  /** Features per row, F: compared with the model's inputs before training. */
  int featureCount() {
    return featureColumns;
  }

  /**
   * One past the global number of the last row.
   *
   * @return {@code firstRow() + rows()}
   */
  public int endRow() {
    return firstRow + rows();
  }

  /**
   * The rows as a dataset, made on first use and kept: its tensors must not be changed.
   *
   * @return features and labels of this shard's rows
   */
  public Dataset dataset() {
    Dataset rowsAsData = dataset;
    if (rowsAsData == null) {
      Tensor y = targetColumns == 0 ? Tensor.of(labels, rows)
          : Tensor.of(labels, rows, targetColumns);
      rowsAsData = features != null ? new Dataset(features.unpack().get(0), y)
          : Dataset.ofUnsignedBytes(featureBytes, featureColumns, divisor, dtype, y);
      dataset = rowsAsData;
    }
    return rowsAsData;
  }

  /**
   * The positions in this shard of the global rows in {@code batch} that it holds, in the batch's
   * order (which is the order single-machine training visits them in).
   *
   * @param batch global row numbers
   * @return positions in this shard, for {@code dataset().subset}
   */
  public int[] localRows(int[] batch) {
    return Arrays.stream(batch).filter(r -> r >= firstRow && r < endRow())
        .map(r -> r - firstRow).toArray();
  }

  @Override
  public String toString() {
    return "Shard[rows " + firstRow + ".." + (endRow() - 1) + "]";
  }
}
