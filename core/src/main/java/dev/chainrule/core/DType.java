package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Element type of a {@link Tensor}: IEEE 754 binary64 or binary32.
 *
 * <p>FLOAT64 is the default of every factory and the precision of every gradient check. FLOAT32
 * halves memory and roughly doubles the speed of matrix products and elementwise kernels, which is
 * what training wants. Mixing them follows PyTorch (and NumPy): an operation on a float32 and a
 * float64 tensor computes in float64 ({@link #promote}), while a Java {@code double} scalar does
 * not promote a float32 tensor ({@code x.mul(0.5)} stays float32), and in arithmetic, comparisons
 * and {@code where} neither does a rank-0 tensor beside one with dimensions ({@link #resultOf}).
 */
public enum DType {
  /** IEEE 754 binary64, the default. */
  FLOAT64(8, "F64"),
  /** IEEE 754 binary32. */
  FLOAT32(4, "F32");

  private final int byteSize;
  private final String shortName;

  DType(int byteSize, String shortName) {
    this.byteSize = byteSize;
    this.shortName = shortName;
  }

  /**
   * Bytes per element.
   *
   * @return 8 for FLOAT64, 4 for FLOAT32
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * The short name safetensors headers give this type (chainrule's checkpoint code maps the
   * file's types itself, which include types no tensor here has, such as I64).
   *
   * @return {@code F64} or {@code F32}
   */
  public String shortName() {
    return shortName;
  }

  /**
   * The wider of two types: the type an operation on both computes in.
   *
   * @param a one operand's type
   * @param b the other operand's type
   * @return FLOAT64 if either is FLOAT64, else FLOAT32
   */
  public static DType promote(DType a, DType b) {
    // A null answered FLOAT64 beside FLOAT64 and FLOAT32 otherwise, as if it were a type.
    checkNotNull(a, "promote: the first type is null");
    checkNotNull(b, "promote: the second type is null");
    return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
  }

  /**
   * The type an elementwise operation on two tensors computes in: the wider, unless one is a
   * rank-0 tensor and the other is not, when the other's type wins, as in PyTorch (and NumPy
   * before 2.0, whose NEP 50 widens by the rank-0 array's type too). A
   * constant {@code Tensor.scalar(eps)} (float64, as every factory makes it) in a float32
   * model's op then keeps the model in float32, as {@code x.add(eps)} does, where it silently
   * turned every value after it into float64.
   *
   * @param a one operand
   * @param b the other
   * @return the type of the result
   */
  public static DType resultOf(Tensor a, Tensor b) {
    checkNotNull(a, "resultOf: the first tensor is null");
    checkNotNull(b, "resultOf: the second tensor is null");
    boolean scalarA = a.shape().rank() == 0;
    boolean scalarB = b.shape().rank() == 0;
    if (scalarA != scalarB) {
      return scalarA ? b.dtype() : a.dtype();
    }
    return promote(a.dtype(), b.dtype());
  }

  /**
   * The type named {@code float64} or {@code float32} (also {@code double}, {@code float},
   * {@code F64}, {@code F32}; any case), for command lines and configuration files.
   *
   * @param name the name, with surrounding blanks ignored; {@code null} is refused like any
   *     unknown name
   * @return the type it names
   * @throws IllegalArgumentException naming the text and the accepted names when it names no type
   */
  public static DType parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "float64", "f64", "double" -> FLOAT64;
      case "float32", "f32", "float" -> FLOAT32;
      default -> throw new IllegalArgumentException(
          "dtype: unknown type '" + name + "' (expected float32 or float64)");
    };
  }

  /** {@code float64} or {@code float32}, as NumPy and PyTorch print them. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
