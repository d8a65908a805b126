package dev.chainrule.core;

import java.util.Arrays;

/**
 * The elements of a tensor: one primitive array, {@code double[]} for {@link DType#FLOAT64} or
 * {@code float[]} for {@link DType#FLOAT32}, never shared with another tensor. Kernels read the
 * array itself ({@link Tensor#dataF64()}, {@link Tensor#dataF32()}); what does not depend on the
 * element type (copies, conversion, equality, reading single elements) is here.
 */
sealed interface Storage permits Storage.F64, Storage.F32 {
  DType dtype();

  /** Number of elements. */
  int length();

  /** Element {@code i}, widened to double where it is a float. */
  double get(int i);

  /** The primitive array, for type-independent copies with {@link System#arraycopy}. */
  Object array();

  /** A new zeroed storage of the same type. */
  Storage zeros(int length);

  /**
   * A storage of the same type with arbitrary contents, perhaps a recycled array, for a kernel
   * that overwrites every element (see {@link Recycling}).
   */
  Storage buffer(int length);

  Storage copy();

  /** The same values in another type (itself when it has that type already). */
  Storage to(DType dtype);

  /**
   * For each of {@code count} blocks o, {@code block} elements from {@code in} at {@code inStart
   * + o·inPitch} to {@code out} at {@code outStart + o·outPitch}; both storages of one type.
   * Short blocks are copied in a loop rather than a {@link System#arraycopy} call each
   * ({@link BlockCopyF64}).
   */
  static void copyBlocks(Storage in, int inStart, int inPitch, Storage out, int outStart,
      int outPitch, int block, int count) {
    if (in instanceof F64 wide) {
      BlockCopyF64.copy(wide.values(), inStart, inPitch, ((F64) out).values(), outStart,
          outPitch, block, count);
    } else {
      BlockCopyF32.copy(((F32) in).values(), inStart, inPitch, ((F32) out).values(), outStart,
          outPitch, block, count);
    }
  }

  /**
   * float64 storage. Equality compares {@link Double#doubleToLongBits} of the values: bitwise but
   * for NaN, every NaN equal to every other; 0.0 differs from −0.0.
   */
  record F64(double[] values) implements Storage {
    @Override public DType dtype() { return DType.FLOAT64; }
    @Override public int length() { return values.length; }
    @Override public double get(int i) { return values[i]; }
    @Override public Object array() { return values; }
    @Override public Storage zeros(int length) { return new F64(new double[length]); }
    @Override public Storage buffer(int length) { return new F64(Recycling.bufferF64(length)); }
    @Override public Storage copy() { return new F64(values.clone()); }

    @Override
    public Storage to(DType dtype) {
      if (dtype == DType.FLOAT64) {
        return this;
      }
      float[] narrow = new float[values.length];
      for (int i = 0; i < narrow.length; i++) {
        narrow[i] = (float) values[i];
      }
      return new F32(narrow);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof F64 other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "F64" + Arrays.toString(values);
    }
  }

  /** float32 storage. Equality compares {@link Float#floatToIntBits}, as {@link F64}'s. */
  record F32(float[] values) implements Storage {
    @Override public DType dtype() { return DType.FLOAT32; }
    @Override public int length() { return values.length; }
    @Override public double get(int i) { return values[i]; }
    @Override public Object array() { return values; }
    @Override public Storage zeros(int length) { return new F32(new float[length]); }
    @Override public Storage buffer(int length) { return new F32(Recycling.bufferF32(length)); }
    @Override public Storage copy() { return new F32(values.clone()); }

    @Override
    public Storage to(DType dtype) {
      if (dtype == DType.FLOAT32) {
        return this;
      }
      double[] wide = new double[values.length];
      for (int i = 0; i < wide.length; i++) {
        wide[i] = values[i];
      }
      return new F64(wide);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof F32 other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "F32" + Arrays.toString(values);
    }
  }
}
