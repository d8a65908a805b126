package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * The first row of training data holding a NaN or an infinity, in the words a diverging run uses
 * to name it ({@code row 77 of the training data holds NaN (feature 2)}): a row of NaN makes the
 * loss NaN some batches in, and a run reported as diverging sends its user to the learning rate.
 * Shared by {@code Trainer} and the Spark trainer, which searches each shard with its first row's
 * number. A dataset may hold NaN on purpose (a CSV read keeping missing values), so this is asked
 * only once something is no longer finite.
 */
public final class NonFiniteRows {
  /** What to do about such a row, after its description. */
  public static final String ADVICE =
      "no learning rate causes that; drop the rows holding such values, or fill them in";

  /**
   * A row holding a value that is not finite.
   *
   * @param row its number: the data's own, plus the first row's number given
   * @param description e.g. {@code row 77 of the training data holds NaN (feature 2)}
   * @serial exclude (a record is serialized as its components, which the tags above describe;
   *     JDK 17's javadoc asks for a comment on each component's field, which cannot have one)
   */
  public record Row(int row, String description) implements Serializable {}

  private NonFiniteRows() {}

  /**
   * The first row whose features, or else whose targets, hold a NaN or an infinity.
   *
   * @param data the rows
   * @param firstRow the number of the data's first row (a shard's place in the whole data)
   * @return the row, or empty when every value is finite
   */
  public static Optional<Row> first(Dataset data, int firstRow) {
    return first(data, firstRow, "training data");
  }

  /**
   * As {@link #first(Dataset, int)}, naming the rows otherwise ({@code row 3 of the validation
   * data holds NaN (feature 0)}).
   *
   * @param data the rows
   * @param firstRow the number of the data's first row (a shard's place in the whole data)
   * @param name what the description calls the rows, such as {@code "validation data"}
   * @return the row, or empty when every value is finite
   */
  public static Optional<Row> first(Dataset data, int firstRow, String name) {
    checkNotNull(data, "NonFiniteRows: data is null");
    checkNotNull(name, "NonFiniteRows: name is null");
    // Bytes are always finite: not converted to be searched.
    Tensor x = data.unsignedBytes().isPresent() ? null : data.features();
    int at = x == null ? -1 : x.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (at >= 0) {
      int perRow = x.size() / x.shape().dim(0);
      int row = firstRow + at / perRow;
      return Optional.of(new Row(row, String.format(Locale.ROOT, "row %d of the %s holds %s"
          + " (feature %d)", row, name, x.flatGet(at), at % perRow)));
    }
    Tensor y = data.labels();
    int label = y.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    if (label >= 0) {
      int perRow = y.size() / y.shape().dim(0);  // a label [N] or a row of targets [N, K]
      int row = firstRow + label / perRow;
      return Optional.of(new Row(row, String.format(Locale.ROOT, "row %d of the %s has the"
          + " target %s", row, name, y.flatGet(label))));
    }
    return Optional.empty();
  }
}
