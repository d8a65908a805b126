package dev.chainrule.optim.data;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;

/**
 * Numbers appended one at a time, kept in the element type of the tensor they will become: a
 * float32 data set read from text never exists as float64 first, which for a large file would
 * double the memory of the read.
 */
final class GrowingValues {

  private final DType dtype;
  private final int most;
  private double[] wide = new double[0];
  private float[] narrow = new float[0];
  private int size;

  GrowingValues(DType dtype) {
    this(dtype, Tensors.LONGEST_ARRAY);
  }

  /** Values of {@code dtype}, at most {@code most} of them (fewer in tests). */
  GrowingValues(DType dtype, int most) {
    this.dtype = dtype;
    this.most = most;
  }

  /** How many values there are. */
  int size() {
    return size;
  }

  /** The most values this holds. */
  int most() {
    return most;
  }

  /**
   * Whether {@code more} values fit: past {@link #most()}, growing by half overflowed int and
   * threw a bare NegativeArraySizeException.
   */
  boolean fits(int more) {
    return (long) size + more <= most;
  }

  void add(double value) {
    int capacity = dtype == DType.FLOAT64 ? wide.length : narrow.length;
    if (size == capacity) {
      if (size == most) {
        throw new IllegalStateException("GrowingValues: full at " + most + " values");
      }
      int grown = (int) Math.min(most, Math.max(16, capacity + (long) (capacity >> 1)));
      if (dtype == DType.FLOAT64) {
        wide = Arrays.copyOf(wide, grown);
      } else {
        narrow = Arrays.copyOf(narrow, grown);
      }
    }
    if (dtype == DType.FLOAT64) {
      wide[size++] = value;
    } else {
      narrow[size++] = (float) value;
    }
  }

  /** The values so far as a tensor of the given shape, which they must fill. */
  Tensor toTensor(int... dims) {
    return dtype == DType.FLOAT64 ? Tensor.of(Arrays.copyOf(wide, size), dims)
        : Tensor.of(Arrays.copyOf(narrow, size), dims);
  }
}
