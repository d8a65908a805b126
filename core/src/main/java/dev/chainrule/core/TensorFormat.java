package dev.chainrule.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * NumPy-like text for tensors: nested brackets, columns aligned, a {@code dtype=float32} note
 * for the type that is not the default, and for more than
 * {@value #SUMMARY_THRESHOLD} elements only the first and last {@value #EDGE_ITEMS} entries of each
 * axis around an ellipsis. An empty tensor is {@code []} with its shape.
 *
 * <p>Numbers take one of three notations, chosen for all the elements shown ({@link Notation}):
 * a number printed with fewer than four decimals is exactly that number (as the shortest decimal
 * that reads back as its value in its type, {@code 0.1} included), and any element that must be
 * rounded gives every element four decimals, as PyTorch 1.13 prints them.
 */
final class TensorFormat {
  static final int SUMMARY_THRESHOLD = 1000;
  static final int EDGE_ITEMS = 3;
  /** The decimals of the fixed notation and of the scientific notation's digits, PyTorch's. */
  private static final int DECIMALS = 4;
  private static final String PREFIX = "tensor(";

  private TensorFormat() {}

  static String format(Tensor x) {
    boolean summarize = x.size() > SUMMARY_THRESHOLD;
    // Only the elements shown are read, as PyTorch reads them: the whole tensor copied to
    // doubles ran a large one out of memory, and a hidden element chose the notation.
    Tensor shown = summarize ? edges(x) : x;
    double[] values = shown.toArray();
    Notation notation = Notation.of(values, x.dtype());
    int width = 0;
    for (double v : values) {
      width = Math.max(width, number(v, notation, x.dtype()).length());
    }
    StringBuilder text = new StringBuilder(PREFIX);
    if (x.rank() == 0) {
      text.append(number(values[0], notation, x.dtype()));
    } else if (x.size() == 0) {
      // One "[]" for the whole tensor, as PyTorch and NumPy print it, the shape saying the rest:
      // nested brackets per row of a [100000, 0] tensor would be megabytes of nothing.
      text.append("[]");
    } else {
      append(text, x.shape().dimsView(), shown.shape().walkStrides(), values, 0, 0, width,
          summarize, new Numbers(notation, x.dtype()));
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
      int width, boolean summarize, Numbers numbers) {
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
        String n = number(values[at], numbers.notation(), numbers.dtype());
        text.append(" ".repeat(width - n.length())).append(n);
      } else {
        append(text, dims, strides, values, axis + 1, at, width, summarize, numbers);
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

  /** How the elements of one tensor are written, and their type, which says what is exact. */
  private record Numbers(Notation notation, DType dtype) {}

  /**
   * The notation of every element shown, PyTorch 1.13's choice ({@code torch/_tensor_str.py}) with
   * two differences, both deliberate:
   *
   * <ul>
   *   <li>where no element needs rounding, whole numbers print plainly and the others with the
   *       digits they have (NumPy's way, {@code [  1, 2.5,  -3]}), where PyTorch pads every
   *       element to four decimals ({@code [ 1.0000,  2.5000, -3.0000]}) and writes whole ones
   *       with a point ({@code [1., 2., 3.]} for chainrule's {@code [1, 2, 3]});
   *   <li>whole numbers never turn scientific for their spread, as they lose no digit: 3 and
   *       10⁶ print as {@code tensor([      3, 1000000])}, where PyTorch's ratio rule writes
   *       {@code tensor([3.0000e+00, 1.0000e+06])}.
   * </ul>
   *
   * <p>The bounds are PyTorch's: a magnitude above 10⁸ (10⁸ itself stays plain, {@code
   * [100000000]}, PyTorch's {@code [100000000.]}), a ratio above 1000, a magnitude below 10⁻⁴.
   */
  enum Notation {
    /**
     * {@code 1.5000e-04}: when any magnitude is above 10⁸, or when some element is not whole and
     * the magnitudes reach below 10⁻⁴ or span a ratio above 1000, where four decimals would leave
     * the smallest a digit or two, or none.
     */
    SCIENTIFIC,
    /**
     * {@code 0.5000}: every element to four decimals, when any is not exactly what fewer decimals
     * show; stripped, 0.50001 and 0.5 would both read "0.5", as if exact.
     */
    FIXED,
    /** {@code 3}, {@code 2.5}: every element exactly, in at most four decimals. */
    EXACT;

    static Notation of(double[] values, DType dtype) {
      double min = Double.POSITIVE_INFINITY;
      double max = 0;
      boolean whole = true;
      boolean exact = true;
      for (double v : values) {
        if (!Double.isFinite(v)) {
          continue;  // NaN and ±∞ print as themselves in any notation, and choose none
        }
        if (v != 0) {
          min = Math.min(min, Math.abs(v));
          max = Math.max(max, Math.abs(v));
        }
        boolean isWhole = v == Math.rint(v);
        whole &= isWhole;
        exact = exact && (isWhole || shortest(v, dtype).stripTrailingZeros().scale() <= DECIMALS);
      }
      // Whole numbers lose no digit however far apart, so only a magnitude above 10⁸ (which
      // PyTorch writes in scientific notation too) leaves the plain notation; PyTorch's ratio
      // rule for them prints arange(1002) as 0.0000e+00 ... 1.0010e+03. Above, not from: 10⁸
      // itself is plain in PyTorch (tensor([100000000.])), and was scientific here.
      if (max > 1e8 || !whole && max > 0 && (min < 1e-4 || max / min > 1000)) {
        return SCIENTIFIC;
      }
      return exact ? EXACT : FIXED;
    }
  }

  /**
   * The shortest decimal that reads back as {@code v} in its type: a float32 element is a float,
   * and its double's exact expansion (0.100000001490116...) is not what was written.
   */
  private static BigDecimal shortest(double v, DType dtype) {
    return new BigDecimal(dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v));
  }

  /**
   * One element in the notation. Rounding starts from the stored value itself ({@code new
   * BigDecimal(v)} is exact), as Python's format does for PyTorch: rounding its shortest decimal
   * instead rounds twice, and 0.00015, stored as 1.4999999999999999e-4, printed 0.0002.
   */
  static String number(double v, Notation notation, DType dtype) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    // −0 is a value of its own (1 / −0 is −∞; PyTorch prints "-0."), and neither a long nor a
    // BigDecimal has a −0.
    String sign = Math.copySign(1.0, v) < 0 ? "-" : "";
    BigDecimal magnitude = new BigDecimal(Math.abs(v));
    switch (notation) {
      case SCIENTIFIC -> {
        if (v == 0) {
          return sign + "0.0000e+00";
        }
        BigDecimal rounded = magnitude.round(new MathContext(DECIMALS + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.movePointLeft(exponent).setScale(DECIMALS).toPlainString();
        String e = Integer.toString(Math.abs(exponent));
        return sign + digits + (exponent < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
      }
      case FIXED -> {
        return sign + magnitude.setScale(DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
      }
      default -> {
        if (v == Math.rint(v)) {
          return sign + Long.toString((long) Math.abs(v));
        }
        return sign + shortest(Math.abs(v), dtype).stripTrailingZeros().toPlainString();
      }
    }
  }
}
