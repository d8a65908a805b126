package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * PyTorch's {@code Embedding}: a table {@code weight} [count, dimension] whose rows are looked up
 * by index, so indices of any shape [...] give [..., dimension]. The lookup is a
 * {@link Variable#take} on the table; its gradient scatters each output row's gradient back into
 * the row it came from (adding where an index repeats). Indices are whole numbers in
 * [0, count), given as a tensor of any type (float32 holds them exactly up to 2²⁴); the table
 * starts N(0, 1), as PyTorch's does.
 */
public final class Embedding extends Module {
  private final int count;
  private final int dimension;
  private final Variable weight;

  private Embedding(Tensor weight) {
    this.count = weight.dim(0);
    this.dimension = weight.dim(1);
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
    return of(count, dimension, Tensors.seeded(seed));
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
    checkArgument(count > 0 && dimension > 0, "Embedding: sizes must be positive, got %s x %s",
        count, dimension);
    checkNotNull(random, "Embedding: generator is null");
    ParameterSizes.checkFits("Embedding(" + count + ", " + dimension + ")",
        "a table of " + count + " × " + dimension, (long) count * dimension);
    return new Embedding(Tensors.randn(Shape.of(count, dimension), random));
  }

  /**
   * A layer whose table is the given tensor [count, dimension] (used as it is, not copied).
   *
   * @param weight the table
   * @return the layer
   */
  public static Embedding of(Tensor weight) {
    checkNotNull(weight, "Embedding: weight is null");
    checkArgument(weight.rank() == 2 && weight.size() > 0,
        "Embedding: weight %s should be [count, dimension]", weight.shape());
    return new Embedding(weight);
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
    return weight.take(0, index);
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

  @Override
  protected String describe() {
    return "Embedding(" + count + ", " + dimension + ")";
  }
}
