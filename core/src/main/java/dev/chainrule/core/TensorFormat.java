package dev.chainrule.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * NumPy-like text for tensors: nested brackets, columns aligned, a {@code dtype=float32} note
 * for the type that is not the default, and for more than
 * {@value #SUMMARY_THRESHOLD} elements only the first and last {@value #EDGE_ITEMS} entries of each
 * axis around an ellipsis. An empty tensor is {@code []} with its shape.
 */
final class TensorFormat {
  static final int SUMMARY_THRESHOLD = 1000;
  static final int EDGE_ITEMS = 3;
  private static final String PREFIX = "tensor(";

  private TensorFormat() {}

  static String format(Tensor x) {
    boolean summarize = x.size() > SUMMARY_THRESHOLD;
    // Only the elements shown are read, as PyTorch reads them: the whole tensor copied to
    // doubles ran a large one out of memory, and a hidden element chose the notation.
    Tensor shown = summarize ? edges(x) : x;
    double[] values = shown.toArray();
    boolean scientific = needsScientific(values);
    int width = 0;
    for (double v : values) {
      width = Math.max(width, number(v, scientific).length());
    }
    StringBuilder text = new StringBuilder(PREFIX);
    if (x.rank() == 0) {
      text.append(number(values[0], scientific));
    } else if (x.size() == 0) {
      // One "[]" for the whole tensor, as PyTorch and NumPy print it, the shape saying the rest:
      // nested brackets per row of a [100000, 0] tensor would be megabytes of nothing.
      text.append("[]");
    } else {
      append(text, x.shape().dimsView(), shown.shape().walkStrides(), values, 0, 0, width,
          summarize, scientific);
    }
    if (summarize || x.size() == 0) {
      text.append(", shape=").append(x.shape());
    }
    if (x.dtype() != DType.FLOAT64) {
      text.append(", dtype=").append(x.dtype());
    }
    return text.append(')').toString();
  }

  /** The first and last {@value #EDGE_ITEMS} entries of every axis longer than twice that. */
  private static Tensor edges(Tensor x) {
    Tensor edges = x;
    for (int axis = 0; axis < x.rank(); axis++) {
      int dim = x.dim(axis);
      if (dim > 2 * EDGE_ITEMS) {
        edges = edges.slice(axis, 0, EDGE_ITEMS).concat(axis,
            edges.slice(axis, dim - EDGE_ITEMS, dim));
      }
    }
    return edges;
  }

  /**
   * Writes the entries of axis {@code axis} from {@code offset} on; {@code dims} are the tensor's,
   * {@code strides} those of the entries shown, where a summarized axis keeps only its edges.
   */
  private static void append(
      StringBuilder text, int[] dims, int[] strides, double[] values, int axis, int offset,
      int width, boolean summarize, boolean scientific) {
    boolean last = axis == dims.length - 1;
    boolean cut = summarize && dims[axis] > 2 * EDGE_ITEMS;
    text.append('[');
    for (int i = 0; i < dims[axis]; i++) {
      if (cut && i == EDGE_ITEMS) {
        text.append(last ? "..., " : "...,\n" + indent(axis));
        i = dims[axis] - EDGE_ITEMS - 1;
        continue;
      }
      // Entry i's place among those shown: past the ellipsis, the last EDGE_ITEMS follow the first.
      int at = offset + (cut && i > EDGE_ITEMS ? i - dims[axis] + 2 * EDGE_ITEMS : i)
          * strides[axis];
      if (last) {
        String n = number(values[at], scientific);
        text.append(" ".repeat(width - n.length())).append(n);
      } else {
        append(text, dims, strides, values, axis + 1, at, width, summarize, scientific);
      }
      if (i < dims[axis] - 1) {
        // One comma, then a blank line per axis below this one, as NumPy separates blocks.
        text.append(last ? ", " : "," + "\n".repeat(dims.length - axis - 1) + indent(axis));
      }
    }
    text.append(']');
  }

  private static String indent(int axis) {
    return " ".repeat(PREFIX.length() + axis + 1);
  }

  /**
   * Scientific notation for every element when any finite element is too large or too small for
   * four decimals to show it, as NumPy does; otherwise whole numbers plainly (−0 as "-0") and the
   * rest rounded to four decimals, trailing zeros dropped unless that would leave a whole number.
   */
  private static boolean needsScientific(double[] data) {
    for (double v : data) {
      double magnitude = Math.abs(v);
      if (Double.isFinite(v) && v != 0 && (magnitude < 1e-4 || magnitude >= 1e8)) {
        return true;
      }
    }
    return false;
  }

  static String number(double v, boolean scientific) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (scientific) {
      return String.format(Locale.ROOT, "%.4e", v);
    }
    if (v == Math.rint(v)) {
      // −0 is a value of its own (1 / −0 is −∞; PyTorch prints "-0."), and a long has no −0.
      return v == 0 && Math.copySign(1.0, v) < 0 ? "-0" : Long.toString((long) v);
    }
    BigDecimal rounded = BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    BigDecimal trimmed = rounded.stripTrailingZeros();
    // A value that is not whole but rounds to one at four decimals (3.00001) keeps the zeros,
    // "3.0000": stripped to "3" it would read as exactly 3, the way whole numbers print.
    return trimmed.scale() > 0 ? trimmed.toPlainString() : rounded.toPlainString();
  }
}
