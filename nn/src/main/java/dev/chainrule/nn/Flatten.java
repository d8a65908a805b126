package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.loss.AxisProducts;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * PyTorch's {@code Flatten}: the axes from {@code startDim} to {@code endDim} (by default all but
 * the batch axis) made one, so [N, C, H, W] becomes [N, C·H·W] for a {@link Dense} layer.
 */
public final class Flatten extends Module {
  private final int startDim;
  private final int endDim;

  private Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  /**
   * Flattens every axis but the first: [N, ...] becomes [N, product of the rest].
   *
   * @return the layer
   */
  public static Flatten of() {
    return new Flatten(1, -1);
  }

  /**
   * Flattens the axes {@code startDim} to {@code endDim}, both included (negative ones count from
   * the end).
   *
   * @param startDim the first axis to merge
   * @param endDim the last axis to merge
   * @return the layer
   */
  public static Flatten of(int startDim, int endDim) {
    return new Flatten(startDim, endDim);
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "Flatten: input is null");
    if (x.rank() == 0 && (startDim == 0 || startDim == -1) && (endDim == 0 || endDim == -1)) {
      // As PyTorch: a 0-dim value has one axis to name, 0 or −1, and flattens to [1].
      return x.reshape(1);
    }
    int rank = x.rank();
    int start = startDim < 0 ? startDim + rank : startDim;
    int end = endDim < 0 ? endDim + rank : endDim;
    if (!(start >= 0 && end < rank && start <= end)) {
      throw badInput("input %s has no axes %s to %s", x.shape(), startDim, endDim);
    }
    int[] dims = x.shape().dims();
    int[] out = new int[rank - (end - start)];
    System.arraycopy(dims, 0, out, 0, start);
    // Held at 2^31 once past an int: an int product wrapped, so [0, 65536, 65536] became [0, 0]
    // silently and [65536, 32768, 0] asked reshape for [-2^31, 0], which blamed reshape.
    long merged = AxisProducts.capped(dims, start, end + 1);
    if (merged > Integer.MAX_VALUE) {
      // PyTorch gives [0, 4294967296]; here an axis is an int.
      StringJoiner sizes = new StringJoiner(" × ");
      for (int i = start; i <= end; i++) {
        sizes.add(Integer.toString(dims[i]));
      }
      throw badInput("input %s: axes %s to %s would become one axis of %s = %s, more than an"
          + " axis holds (2^31 - 1)", x.shape(), startDim, endDim, sizes,
          AxisProducts.exact(dims, start, end + 1));
    }
    out[start] = (int) merged;
    System.arraycopy(dims, end + 1, out, start + 1, rank - end - 1);
    return Arrays.equals(out, dims) ? x : x.reshape(out);
  }

  /**
   * Row by row when axis 0 is kept: merging it (a start of 0, or a negative start, which may
   * count back to it) joins the rows.
   */
  @Override
  protected boolean evaluatesRowsAlone() {
    return startDim >= 1;
  }

  @Override
  protected String describe() {
    return startDim == 1 && endDim == -1 ? "Flatten" : "Flatten(" + startDim + ", " + endDim + ")";
  }
}
