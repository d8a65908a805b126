package dev.chainrule.optim.data;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers appended one at a time, kept in the element type of the tensor they will become: a
 * float32 data set read from text never exists as float64 first, which for a large file would
 * double the memory of the read.
 *
 * <p>They are kept in chunks, each new one as large as all the earlier ones together (as {@link
 * IdxReader} reads), and joined once at the end. One array grown by half copied every value about
 * twice more and allocated three times the data: 12.5 million float64 values (a 44 MB CSV file
 * of 16,000 rows of 784) took 170 to 330 ms to add and turn into a tensor, most of it copies and
 * zeroing of the discarded arrays.
 */
final class GrowingValues {
  /** Values in the first chunk; later chunks hold as many as all the earlier ones. */
  private static final int FIRST_CHUNK = 1 << 16;

  private final DType dtype;
  private final int most;
  /** The chunks, double[] for float64 and float[] otherwise; the last one is being filled. */
  private final List<Object> chunks = new ArrayList<>();
  private double[] wide = new double[0];
  private float[] narrow = new float[0];
  private int inChunk;
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
   * Whether {@code more} values fit: no more than {@link #most()} (at most what one Java array
   * holds, which the joined tensor must).
   */
  boolean fits(int more) {
    return (long) size + more <= most;
  }

  void add(double value) {
    if (inChunk == (dtype == DType.FLOAT64 ? wide.length : narrow.length)) {
      if (size == most) {
        throw new IllegalStateException("GrowingValues: full at " + most + " values");
      }
      int length = Math.min(most - size, Math.max(FIRST_CHUNK, size));
      if (dtype == DType.FLOAT64) {
        wide = new double[length];
        chunks.add(wide);
      } else {
        narrow = new float[length];
        chunks.add(narrow);
      }
      inChunk = 0;
    }
    if (dtype == DType.FLOAT64) {
      wide[inChunk++] = value;
    } else {
      narrow[inChunk++] = (float) value;
    }
    size++;
  }

  /** The values so far as a tensor of the given shape, which they must fill. */
  Tensor toTensor(int... dims) {
    return dtype == DType.FLOAT64 ? Tensor.of((double[]) joined(new double[size]), dims)
        : Tensor.of((float[]) joined(new float[size]), dims);
  }

  /**
   * The chunks' values moved into {@code all}, an array of {@link #size} elements, which becomes
   * the one full chunk. Each chunk is let go once copied: just past a chunk's end the chunks hold
   * up to twice the values, and kept through the join and Tensor.of's copy they raised the peak
   * to four times the data (16.8 million float64 values needed -Xmx620m where one growing array
   * had needed 520m).
   */
  private Object joined(Object all) {
    int at = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Object chunk = chunks.set(i, null);
      int length = Math.min(Array.getLength(chunk), size - at);
      System.arraycopy(chunk, 0, all, at, length);
      at += length;
    }
    chunks.clear();
    chunks.add(all);
    if (dtype == DType.FLOAT64) {
      wide = (double[]) all;
    } else {
      narrow = (float[]) all;
    }
    inChunk = size;
    return all;
  }
}
