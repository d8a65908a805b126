package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The bodies of the factories whose every element is given: {@link Tensors}' one value everywhere
 * or bytes scaled, each written straight into an array of its type, with no float64 copy first,
 * and {@link Tensor}'s values laid out in a shape or rows of a matrix.
 */
final class FilledTensors {
  private FilledTensors() {}

  /** {@code value} everywhere; {@code op} names the public factory in the messages. */
  static Tensor filled(String op, Shape shape, double value, DType dtype) {
    checkNotNull(shape, "%s: shape is null", op);
    checkNotNull(dtype, "%s: dtype is null", op);
    requireFloat32Range(op, "the value", value, dtype);
    ArrayLimit.requireAllocatable(op, shape);
    // A new array already holds +0.0, so only +0.0 itself may skip the fill; −0.0 compares
    // equal to 0 but is another value (1 / −0.0 is −∞), so the test is on the bits.
    boolean positiveZero = Double.doubleToRawLongBits(value) == 0L;
    if (dtype == DType.FLOAT32) {
      float[] data = new float[shape.size()];
      if (!positiveZero) {
        Arrays.fill(data, (float) value);
      }
      return new Tensor(shape, data);
    }
    double[] data = new double[shape.size()];
    if (!positiveZero) {
      Arrays.fill(data, value);
    }
    return new Tensor(shape, data);
  }

  /**
   * Refuses a finite {@code value} that float32 rounds to an infinity, as PyTorch's {@code full}
   * refuses it ("value cannot be converted to type float without overflow") and checkpoint loading
   * here does ({@link Tensor#indexBeyondFloat32}): 1e39 asked for and ∞ given hides the mistake
   * until NaN appears far from it. An infinity or NaN asked for is a value, and is given.
   */
  static void requireFloat32Range(String op, String what, double value, DType dtype) {
    if (dtype == DType.FLOAT32 && Double.isFinite(value) && Float.isInfinite((float) value)) {
      throw new IllegalArgumentException(op + ": " + what + " " + value + " is beyond float32's"
          + " largest value " + Float.MAX_VALUE + " and would become an infinity; give an"
          + " infinity itself for one, or make the tensor float64");
    }
  }

  /** See {@link Tensors#fromUnsignedBytes}. */
  static Tensor fromUnsignedBytes(byte[] bytes, double divisor, DType dtype, Shape shape) {
    checkNotNull(bytes, "fromUnsignedBytes: bytes are null");
    checkNotNull(dtype, "fromUnsignedBytes: dtype is null");
    checkNotNull(shape, "fromUnsignedBytes: shape is null");
    // Asked first: size() of a shape past an int said "shape: ...", naming no factory.
    ArrayLimit.requireAllocatable("fromUnsignedBytes", shape);
    checkArgument(bytes.length == shape.size(),
        "fromUnsignedBytes: %s bytes do not fill shape %s (%s elements)", bytes.length, shape,
        shape.size());
    checkArgument(divisor > 0 && Double.isFinite(divisor),
        "fromUnsignedBytes: the divisor must be positive and finite, got %s", divisor);
    // Every element is written: a recycled array will do (a batch of images, every step). The
    // 256 possible values are divided once, as the table's own expression (so the same bits),
    // and looked up: a division per element does not vectorize, and a float32 batch of 128
    // Fashion-MNIST images took 0.29 ms that way against 0.045 with the table.
    if (dtype == DType.FLOAT32) {
      float[] value = new float[256];
      for (int b = 0; b < 256; b++) {
        value[b] = (float) (b / divisor);
      }
      float[] data = Recycling.bufferF32(bytes.length);
      for (int i = 0; i < data.length; i++) {
        data[i] = value[bytes[i] & 0xFF];
      }
      return new Tensor(shape, data);
    }
    double[] value = new double[256];
    for (int b = 0; b < 256; b++) {
      value[b] = b / divisor;
    }
    double[] data = Recycling.bufferF64(bytes.length);
    for (int i = 0; i < data.length; i++) {
      data[i] = value[bytes[i] & 0xFF];
    }
    return new Tensor(shape, data);
  }

  /** The shape {@link Tensor#of(double[], int...)} lays {@code length} values out in, checked. */
  static Shape filledShape(int length, int[] dims) {
    Shape shape = Shape.of("of", dims);
    // A shape past an int's elements holds more than any array of values; its size() said
    // "shape: ..." before this message could name Tensor.of.
    String elements = !shape.hasIntSize() ? "more than 2^31 - 1 elements"
        : shape.size() + " element" + (shape.size() == 1 ? "" : "s");
    checkArgument(shape.hasIntSize() && length == shape.size(),
        "of: %s values do not fill shape %s (%s)%s", length, shape, elements, dims.length == 0
            ? "; without dimensions Tensor.of makes a scalar: give the dimensions, or make a"
                + " vector with Tensor.vector" : "");
    return shape;
  }

  /** See {@link Tensor#matrix}. */
  static Tensor matrix(double[][] rows) {
    checkNotNull(rows, "matrix: rows are null");
    int cols = rows.length == 0 ? 0 : checkNotNull(rows[0], "matrix: row 0 is null").length;
    checkArgument((long) rows.length * cols <= Tensors.LONGEST_ARRAY, "matrix: %s rows of %s"
        + " values are more than a Java array holds", rows.length, cols);
    double[] data = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      checkNotNull(rows[r], "matrix: row %s is null", r);
      checkArgument(rows[r].length == cols, "matrix: row %s has %s values, row 0 has %s", r,
          rows[r].length, cols);
      System.arraycopy(rows[r], 0, data, r * cols, cols);
    }
    return new Tensor(Shape.of(rows.length, cols), data);
  }
}
