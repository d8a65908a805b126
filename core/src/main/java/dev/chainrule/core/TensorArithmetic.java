package dev.chainrule.core;

/**
 * Elementwise arithmetic and comparisons of tensors, part of {@link Tensor}'s API in a file of its
 * own. Its binary operations broadcast as NumPy's do, two tensors of different types compute in
 * the wider one unless only one of them is rank 0, whose type then yields as in PyTorch ({@link
 * DType#resultOf}), and a Java {@code double} operand takes the tensor's type. {@link Tensor} is
 * the only implementation.
 */
public sealed interface TensorArithmetic permits Tensor {
  // ---- elementwise, binary (broadcasting; mixed types as DType.resultOf says) ----

  /**
   * Elementwise sum, this + other.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming add and the shapes when they do not broadcast
   */
  default Tensor add(Tensor other) { return Elementwise.zip(BinaryOp.ADD, self(), other); }

  /**
   * Elementwise difference, this − other.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming sub and the shapes when they do not broadcast
   */
  default Tensor sub(Tensor other) { return Elementwise.zip(BinaryOp.SUB, self(), other); }

  /**
   * Elementwise (Hadamard) product, this ⊙ other; see {@link Tensor#matmul} for the matrix product.
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming mul and the shapes when they do not broadcast
   */
  default Tensor mul(Tensor other) { return Elementwise.zip(BinaryOp.MUL, self(), other); }

  /**
   * Elementwise quotient, this / other (IEEE 754: x / 0 is ±∞, 0 / 0 is NaN).
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming div and the shapes when they do not broadcast
   */
  default Tensor div(Tensor other) { return Elementwise.zip(BinaryOp.DIV, self(), other); }

  /**
   * Elementwise power, this^exponent, as C99's {@code pow} and NumPy's: x⁰ = 1 and 1ˣ = 1 for
   * every x, NaN included, (−1)^±∞ = 1, and a negative base to a non-integer power is NaN.
   * Elsewhere the same as {@link Math#pow}, signed zeros and infinities included, at every
   * exponent: (−0.0)^0.5 = +0.0, (−∞)^0.5 = +∞, (−∞)^−0.5 = +0.0 and (−0.0)^−0.5 = +∞. PyTorch
   * 1.13 gives those with a tensor exponent, but with a number of ±0.5 it takes sqrt or rsqrt,
   * which give −0.0, NaN, NaN and −∞ there.
   *
   * @param exponent the exponents; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming pow and the shapes when they do not broadcast
   */
  default Tensor pow(Tensor exponent) { return Elementwise.zip(BinaryOp.POW, self(), exponent); }

  /**
   * Elementwise maximum (NumPy's {@code maximum}); NaN propagates. Of 0.0 and −0.0, 0.0 is the
   * larger, as for Java's {@link Math#max}, in either order (NumPy, comparing them equal, gives
   * the second operand; PyTorch 1.13's answer depends on the tensor's size: the first operand for
   * 1 or 3 elements, the second for 64, a mix of both for 1000 float32 elements).
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming maximum and the shapes when they do not broadcast
   */
  default Tensor maximum(Tensor other) { return Elementwise.zip(BinaryOp.MAX, self(), other); }

  /**
   * Elementwise minimum (NumPy's {@code minimum}); NaN propagates. Of 0.0 and −0.0, −0.0 is the
   * smaller, as for Java's {@link Math#min}, in either order (NumPy gives the second operand;
   * PyTorch 1.13's answer depends on the tensor's size, as for {@link Tensor#maximum}).
   *
   * @param other the right operand; the two broadcast
   * @return a new tensor of the broadcast shape, in the wider of the two types, or the other's
   *     when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming minimum and the shapes when they do not broadcast
   */
  default Tensor minimum(Tensor other) { return Elementwise.zip(BinaryOp.MIN, self(), other); }

  /**
   * this + s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  default Tensor add(double s) { return Elementwise.zip(BinaryOp.ADD, self(), s); }

  /**
   * this − s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  default Tensor sub(double s) { return Elementwise.zip(BinaryOp.SUB, self(), s); }

  /**
   * this · s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  default Tensor mul(double s) { return Elementwise.zip(BinaryOp.MUL, self(), s); }

  /**
   * this / s, elementwise.
   *
   * @param s the scalar, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  default Tensor div(double s) { return Elementwise.zip(BinaryOp.DIV, self(), s); }

  /**
   * this^exponent, elementwise, as {@link Tensor#pow(Tensor)}: C99's {@code pow}, where 1ˣ = 1 and
   * (−1)^±∞ = 1 (Math.pow gives NaN), at ±0.5 too: (−0.0)^0.5 = +0.0 and (−∞)^0.5 = +∞, where
   * PyTorch 1.13's {@code pow(x, 0.5)}, a square root, gives −0.0 and NaN (see there).
   *
   * @param exponent the exponent, taken in this tensor's type (it does not promote float32)
   * @return a new tensor of this shape and type
   */
  default Tensor pow(double exponent) { return Elementwise.zip(BinaryOp.POW, self(), exponent); }

  // ---- comparisons: 1 where true, 0 where false (NaN compares false except in ne) ----

  /**
   * 1 where this = o, 0 elsewhere; NaN equals nothing.
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types, or
   *     the other's when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming eq and the shapes when they do not broadcast
   */
  default Tensor eq(Tensor o) { return Elementwise.zip(BinaryOp.EQ, self(), o); }

  /**
   * 1 where this ≠ o, 0 elsewhere; NaN differs from everything, itself included.
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types, or
   *     the other's when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming ne and the shapes when they do not broadcast
   */
  default Tensor ne(Tensor o) { return Elementwise.zip(BinaryOp.NE, self(), o); }

  /**
   * 1 where this &lt; o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types, or
   *     the other's when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming lt and the shapes when they do not broadcast
   */
  default Tensor lt(Tensor o) { return Elementwise.zip(BinaryOp.LT, self(), o); }

  /**
   * 1 where this ≤ o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types, or
   *     the other's when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming le and the shapes when they do not broadcast
   */
  default Tensor le(Tensor o) { return Elementwise.zip(BinaryOp.LE, self(), o); }

  /**
   * 1 where this &gt; o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types, or
   *     the other's when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming gt and the shapes when they do not broadcast
   */
  default Tensor gt(Tensor o) { return Elementwise.zip(BinaryOp.GT, self(), o); }

  /**
   * 1 where this ≥ o, 0 elsewhere (0 where either is NaN).
   *
   * @param o the other operand; the two broadcast
   * @return a new tensor of 1s and 0s of the broadcast shape, in the wider of the two types, or
   *     the other's when only one is rank 0 ({@link DType#resultOf})
   * @throws IllegalArgumentException naming ge and the shapes when they do not broadcast
   */
  default Tensor ge(Tensor o) { return Elementwise.zip(BinaryOp.GE, self(), o); }

  /**
   * 1 where this = s, 0 elsewhere; NaN equals nothing.
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  default Tensor eq(double s) { return Elementwise.zip(BinaryOp.EQ, self(), s); }

  /**
   * 1 where this ≠ s, 0 elsewhere; NaN differs from everything.
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  default Tensor ne(double s) { return Elementwise.zip(BinaryOp.NE, self(), s); }

  /**
   * 1 where this &lt; s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  default Tensor lt(double s) { return Elementwise.zip(BinaryOp.LT, self(), s); }

  /**
   * 1 where this ≤ s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  default Tensor le(double s) { return Elementwise.zip(BinaryOp.LE, self(), s); }

  /**
   * 1 where this &gt; s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  default Tensor gt(double s) { return Elementwise.zip(BinaryOp.GT, self(), s); }

  /**
   * 1 where this ≥ s, 0 elsewhere (0 for NaN).
   *
   * @param s the value compared with, taken in this tensor's type
   * @return a new tensor of 1s and 0s, of this shape and type
   */
  default Tensor ge(double s) { return Elementwise.zip(BinaryOp.GE, self(), s); }

  /** The tensor itself, this interface's only implementation. */
  private Tensor self() {
    return (Tensor) this;
  }
}
