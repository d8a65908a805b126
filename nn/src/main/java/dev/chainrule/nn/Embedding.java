package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * PyTorch's {@code Embedding}: a table {@code weight} [count, dimension] whose rows are looked up
 * by index, so indices of any shape [...] give [..., dimension]. The lookup is a
 * {@link Variable#take} on the table; its gradient scatters each output row's gradient back into
 * the row it came from (adding where an index repeats). Indices are whole numbers in
 * [0, count), given as a tensor of any type (float32 holds them exactly up to 2²⁴); the table
 * starts N(0, 1), as PyTorch's does.
 *
 * <p>A padding index ({@link Builder#paddingIndex}, PyTorch's {@code padding_idx}) marks one row
 * whose gradient is always zero: lookups of it still return what the row holds, zeros when the
 * builder drew the table, whatever was loaded or given otherwise, but it gets no gradient from
 * them. Like PyTorch's, this zeroes the gradient and does not freeze the row: an optimizer still
 * moves it by what does not come from the gradient (SGD's weight decay shrinks a non-zero padding
 * row, momentum carries on an earlier step). The padding index is an option of the layer, not
 * state: {@link #stateDict()} holds {@code weight} only, as PyTorch's does, so a table loaded into
 * a layer built with the same option behaves as it did.
 */
public final class Embedding extends Module {
  private final int count;
  private final int dimension;
  /** The padding row in [0, count), or −1 for none. */
  private final int paddingRow;
  private final Variable weight;

  private Embedding(Tensor weight, int paddingRow) {
    this.count = weight.dim(0);
    this.dimension = weight.dim(1);
    this.paddingRow = paddingRow;
    this.weight = registerParameter("weight", weight);
  }

  /**
   * A table of {@code count} rows of {@code dimension} values drawn N(0, 1) from {@code seed}.
   *
   * @param count how many indices (rows)
   * @param dimension the length of each row
   * @param seed the seed of the table
   * @return the layer
   */
  public static Embedding of(int count, int dimension, long seed) {
    return builder(count, dimension).seed(seed).build();
  }

  /**
   * A table of {@code count} rows of {@code dimension} values drawn N(0, 1) from a generator.
   *
   * @param count how many indices (rows)
   * @param dimension the length of each row
   * @param random the generator (which then advances)
   * @return the layer
   */
  public static Embedding of(int count, int dimension, RandomGenerator random) {
    return builder(count, dimension).random(random).build();
  }

  /**
   * Options for a table of {@code count} rows of {@code dimension} values.
   *
   * @param count how many indices (rows), positive
   * @param dimension the length of each row, positive
   * @return the builder
   */
  public static Builder builder(int count, int dimension) {
    return new Builder(count, dimension);
  }

  /**
   * A layer whose table is the given tensor [count, dimension] (used as it is, not copied).
   * Unlike PyTorch, which takes an empty table, count and dimension must be positive.
   *
   * @param weight the table
   * @return the layer
   * @throws IllegalArgumentException naming the layer and the shape when the weight is not
   *     [count, dimension] or either size is 0
   */
  public static Embedding of(Tensor weight) {
    checkTable(weight);
    return new Embedding(weight, -1);
  }

  /**
   * A layer whose table is the given tensor (used as it is, not copied) with a padding index,
   * PyTorch's {@code Embedding.from_pretrained(weight, freeze=False, padding_idx=k)}: the padding
   * row keeps the values given, zeros or not, and gets no gradient.
   *
   * @param weight the table [count, dimension]
   * @param paddingIndex the padding row, in [−count, count); a negative one counts from the end
   * @return the layer
   * @throws IllegalArgumentException naming the layer and the index when it is out of range
   */
  public static Embedding of(Tensor weight, int paddingIndex) {
    checkTable(weight);
    return new Embedding(weight, paddingRow(weight.dim(0), weight.dim(1), paddingIndex));
  }

  private static void checkTable(Tensor weight) {
    checkNotNull(weight, "Embedding: weight is null");
    checkArgument(weight.rank() == 2, "Embedding: weight %s should be [count, dimension]",
        weight.shape());
    // Its own message: [0, 3] has the form asked for, and what is wrong is the empty size.
    checkArgument(weight.dim(0) > 0 && weight.dim(1) > 0,
        "Embedding: weight %s: sizes must be positive (count %s, dimension %s)", weight.shape(),
        weight.dim(0), weight.dim(1));
  }

  /** The row a padding index names, PyTorch's rule: a negative index counts from the end. */
  private static int paddingRow(int count, int dimension, int paddingIndex) {
    checkArgument(paddingIndex >= -count && paddingIndex < count, "Embedding(%s, %s): padding"
        + " index must lie in [-%s, %s), got %s", count, dimension, count, count, paddingIndex);
    return paddingIndex < 0 ? count + paddingIndex : paddingIndex;
  }

  /** Options of an Embedding; defaults: no padding index, N(0, 1) rows from seed 0. */
  public static final class Builder {
    private final int count;
    private final int dimension;
    /** −1 for none; otherwise already in [0, count). */
    private int paddingRow = -1;
    private long seed;
    private RandomGenerator random;

    private Builder(int count, int dimension) {
      checkArgument(count > 0 && dimension > 0, "Embedding: sizes must be positive, got %s x %s",
          count, dimension);
      ParameterSizes.checkFits("Embedding(" + count + ", " + dimension + ")",
          "a table of " + count + " × " + dimension, (long) count * dimension);
      this.count = count;
      this.dimension = dimension;
    }

    /**
     * The row that gets no gradient and starts as zeros (PyTorch's {@code padding_idx}).
     *
     * @param index in [−count, count); a negative one counts from the end (−1 is the last row)
     * @return this builder
     * @throws IllegalArgumentException naming the layer and the index when it is out of range
     */
    public Builder paddingIndex(int index) {
      this.paddingRow = paddingRow(count, dimension, index);
      return this;
    }

    /**
     * Seeds a fresh generator for the table. Without this or {@link #random}, the seed is 0: two
     * layers of one shape built without either start equal (PyTorch's one global generator would
     * give them different values), so give each layer its own seed, or all one shared generator.
     *
     * @param newSeed the seed
     * @return this builder
     */
    public Builder seed(long newSeed) {
      this.seed = newSeed;
      this.random = null;
      return this;
    }

    /**
     * Draws the table from a shared generator (which then advances).
     *
     * @param generator the generator
     * @return this builder
     */
    public Builder random(RandomGenerator generator) {
      this.random = checkNotNull(generator, "Embedding: generator is null");
      return this;
    }

    /**
     * The layer, its table drawn now: N(0, 1), the padding row then set to zeros (PyTorch draws
     * every row and zeroes that one too, so the other rows are the draws they are without it).
     *
     * @return the layer
     */
    public Embedding build() {
      RandomGenerator r = random != null ? random : Tensors.seeded(seed);
      Tensor table = Tensors.randn(Shape.of(count, dimension), r);
      if (paddingRow >= 0) {
        double[] values = table.toArray();
        Arrays.fill(values, paddingRow * dimension, (paddingRow + 1) * dimension, 0);
        table = Tensor.of(values, count, dimension).to(table.dtype());
      }
      return new Embedding(table, paddingRow);
    }
  }

  @Override
  public Variable forward(Variable indices) {
    if (indices == null) {
      throw new NullPointerException(describe() + ": indices are null");
    }
    Tensor index = indices.value();
    // One pass that makes nothing when every index is fine; the message's figures only on failure.
    int bad = index.indexNotClass(count);
    if (bad >= 0) {
      // A NaN anywhere first (the one value outside every range): the range of values around
      // it would read "from NaN to NaN".
      int nan = index.indexOutside(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      if (nan >= 0) {
        throw badInput("indices must be whole numbers, got NaN at %s",
            Arrays.toString(index.shape().unravel(nan)));
      }
      double low = index.min().item();
      double high = index.max().item();
      if (!(low >= 0 && high < count)) {
        throw badInput("indices must lie in [0, %s), got values from %s to %s", count, low,
            high);
      }
      throw badInput("indices must be whole numbers, got %s at %s", index.flatGet(bad),
          Arrays.toString(index.shape().unravel(bad)));
    }
    Variable rows = weight.take(0, index);
    return paddingRow < 0 ? rows : withoutPaddingGradient(rows, index);
  }

  /**
   * The rows looked up, the padding row's lookups cut off the graph by a {@code where} that picks
   * their detached values: their gradient is dropped there (selected away, not multiplied by 0, so
   * an infinite or NaN gradient leaves 0 too), and take's backward scatters nothing into the
   * padding row, as PyTorch's embedding_backward skips padding_idx. No op of its own, so nothing
   * new for the op catalogue; a batch without the padding index needs no where at all.
   */
  private Variable withoutPaddingGradient(Variable rows, Tensor index) {
    if (!rows.requiresGrad()) {
      return rows;
    }
    Tensor padding = index.eq(paddingRow);
    if (padding.sum().item() == 0) {
      return rows;
    }
    // [..., 1] against rows' [..., dimension]: a whole row is picked or not.
    return Variable.where(padding.unsqueeze(padding.rank()), rows.detach(), rows);
  }

  /**
   * The table [count, dimension].
   *
   * @return the weight parameter
   */
  public Variable weight() {
    return weight;
  }

  /**
   * How many rows the table has.
   *
   * @return the number of embeddings
   */
  public int count() {
    return count;
  }

  /**
   * The length of each row.
   *
   * @return the embedding dimension
   */
  public int dimension() {
    return dimension;
  }

  /**
   * The padding row, counted from 0 (a negative index given is converted, as PyTorch's {@code
   * padding_idx} is), or empty for a layer without one.
   *
   * @return the padding index in [0, count), or empty
   */
  public OptionalInt paddingIndex() {
    return paddingRow < 0 ? OptionalInt.empty() : OptionalInt.of(paddingRow);
  }

  @Override
  protected String describe() {
    return "Embedding(" + count + ", " + dimension
        + (paddingRow < 0 ? "" : ", padding index " + paddingRow) + ")";
  }

  /** True: each row's indices are looked up alone. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
