package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.Locale;

/**
 * Features kept as unsigned bytes, one row of {@code columns} bytes per sample, that become
 * {@code byte / divisor} in {@code dtype} only for the rows asked for: 60,000 Fashion-MNIST images
 * stay 47 MB of bytes instead of 188 MB of float32 (376 MB of float64), as torchvision keeps MNIST
 * as uint8 and converts a batch at a time. The values are those of {@link
 * Tensors#fromUnsignedBytes} over the same bytes, bit for bit, because that is what converts them.
 *
 * <p>The array is owned: nothing else writes to it after construction.
 */
final class UnsignedByteRows {
  private final byte[] bytes;
  private final int rows;
  private final int columns;
  private final double divisor;
  private final DType dtype;

  /** Takes ownership of {@code bytes}; the arguments are valid (see {@link #owned}). */
  private UnsignedByteRows(byte[] bytes, int columns, double divisor, DType dtype) {
    this.bytes = bytes;
    this.rows = bytes.length / columns;
    this.columns = columns;
    this.divisor = divisor;
    this.dtype = dtype;
  }

  /**
   * Rows that take ownership of {@code bytes}, once the arguments are checked; messages name
   * {@code ofUnsignedBytes}, the dataset's public way in.
   */
  static UnsignedByteRows owned(byte[] bytes, int columns, double divisor, DType dtype) {
    check("ofUnsignedBytes", bytes, columns, divisor);
    checkNotNull(dtype, "ofUnsignedBytes: dtype is null");
    return new UnsignedByteRows(bytes, columns, divisor, dtype);
  }

  /**
   * The rows' checks, which {@link UnsignedBytes} makes too, in the same words under its own
   * name: bytes that are whole rows of a positive number of columns, and a positive, finite
   * divisor.
   */
  static void check(String op, byte[] bytes, int columns, double divisor) {
    checkNotNull(bytes, "%s: bytes are null", op);
    checkArgument(columns > 0, "%s: columns must be positive, got %s", op, columns);
    checkArgument(bytes.length % columns == 0,
        "%s: %s bytes are not whole rows of %s columns", op, bytes.length, columns);
    checkArgument(divisor > 0 && Double.isFinite(divisor),
        "%s: the divisor must be positive and finite, got %s", op, divisor);
  }

  int rows() {
    return rows;
  }

  int columns() {
    return columns;
  }

  DType dtype() {
    return dtype;
  }

  Shape shape() {
    return Shape.of(rows, columns);
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive), converted; the range is checked. */
  Tensor convert(int from, int to) {
    byte[] part = from == 0 && to == rows ? bytes
        : Arrays.copyOfRange(bytes, from * columns, to * columns);
    return Tensors.fromUnsignedBytes(part, divisor, dtype, Shape.of(to - from, columns));
  }

  /** The same bytes, converted to {@code newType} when used; the array is shared, never written. */
  UnsignedByteRows as(DType newType) {
    return new UnsignedByteRows(bytes, columns, divisor, newType);
  }

  /**
   * The rows at {@code indices} (each checked by the caller), still as bytes; messages name
   * {@code subset}, the dataset's method that picks them.
   */
  UnsignedByteRows pick(int[] indices) {
    checkArgument((long) indices.length * columns <= Integer.MAX_VALUE - 8,
        "subset: %s rows of %s bytes do not fit in an array", indices.length, columns);
    byte[] picked = new byte[indices.length * columns];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(bytes, indices[i] * columns, picked, i * columns, columns);
    }
    return new UnsignedByteRows(picked, columns, divisor, dtype);
  }

  /** A copy of the bytes, with their row length and divisor. */
  UnsignedBytes copy() {
    return new UnsignedBytes(bytes.clone(), columns, divisor);
  }

  /** {@code unsigned bytes / 255.0 as float32}, for a dataset's summary. */
  String describe() {
    return "unsigned bytes / " + divisor + " as " + dtype.name().toLowerCase(Locale.ROOT);
  }
}
