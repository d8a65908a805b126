package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise operations: arguments checked and types resolved here, once, then the loops of the
 * operands' type run ({@code UnaryF64}, {@code BinaryF64}, {@code UpdatesF64} and their generated
 * float32 twins). Two tensors of different types compute in the type {@link DType#resultOf}
 * gives; a {@code double} scalar takes the tensor's type.
 */
final class Elementwise {
  private Elementwise() {}

  static Tensor map(Tensor x, UnaryOp op) {
    return isF64(x) ? UnaryF64.apply(op, x) : UnaryF32.apply(op, x);
  }

  /** {@code op} of a tensor no one else has seen, through its own array where the loop allows. */
  static Tensor activateUnseen(Tensor z, UnaryOp op) {
    return isF64(z) ? UnaryF64.activateUnseen(op, z) : UnaryF32.activateUnseen(op, z);
  }

  static Tensor map(Tensor x, DoubleUnaryOperator f) {
    return isF64(x) ? UnaryF64.map(x, f) : UnaryF32.map(x, f);
  }

  static Tensor clamp(Tensor x, double min, double max) {
    checkClampBounds("clamp", min, max);
    return isF64(x) ? UnaryF64.clamp(x, min, max) : UnaryF32.clamp(x, (float) min, (float) max);
  }

  /** {@link #clamp} into the tensor's own storage. */
  static void clampInPlace(Tensor x, double min, double max) {
    checkClampBounds("clampInPlace", min, max);
    if (isF64(x)) {
      UnaryF64.clampInPlace(x, min, max);
    } else {
      UnaryF32.clampInPlace(x, (float) min, (float) max);
    }
  }

  private static void checkClampBounds(String op, double min, double max) {
    checkArgument(!Double.isNaN(min) && !Double.isNaN(max),
        "%s: the bounds must be numbers, got [%s, %s]", op, min, max);
    checkArgument(!(min > max), "%s: min %s > max %s", op, min, max);
  }

  /** ELU with a checked α, in one kernel; α is taken in x's type, as {@code mul(α)} takes it. */
  static Tensor elu(Tensor x, double alpha) {
    return isF64(x) ? UnaryF64.elu(x, alpha) : UnaryF32.elu(x, (float) alpha);
  }

  static Tensor zip(BinaryOp op, Tensor a, Tensor b) {
    checkNotNull(b, "%s: the other tensor is null", op.label);
    Shape shape = resultShape(op.label, a.shape(), b.shape());
    DType type = DType.resultOf(a, b);
    return type == DType.FLOAT64
        ? BinaryF64.zip(op, a.to(type), b.to(type), shape)
        : BinaryF32.zip(op, a.to(type), b.to(type), shape);
  }

  /**
   * The broadcast shape of two operands. Equal shapes and a scalar operand (every constant of a
   * rule: {@code g.mul(-1)}, {@code y.add(1)}) need no walk: the other shape is the result, as
   * {@link Broadcast#shapes} would build it (ElementwiseShapeTest).
   */
  static Shape resultShape(String op, Shape a, Shape b) {
    if (a.equals(b) || b.isScalar()) {
      return a;
    }
    return a.isScalar() ? b : Broadcast.ofResult(op, a, b);
  }

  static Tensor zip(BinaryOp op, Tensor a, double s) {
    return isF64(a) ? BinaryF64.zip(op, a, s, false) : BinaryF32.zip(op, a, (float) s, false);
  }

  /**
   * {@code a} where {@code gate} is not ≤ 0 (positive or NaN), else 0; same shapes, the gate read
   * in its own type.
   */
  static Tensor gatePositive(Tensor a, Tensor gate) {
    Tensor same = gateOf(a, gate);
    return isF64(a) ? BinaryF64.gatePositive(a, same) : BinaryF32.gatePositive(a, same);
  }

  /**
   * {@link #gatePositive} where {@code a} is finite; elsewhere NaN may stand for +0.0 (see {@code
   * BinaryF64.gatePositiveOfFinite}).
   */
  static Tensor gatePositiveOfFinite(Tensor a, Tensor gate) {
    Tensor same = gateOf(a, gate);
    return isF64(a) ? BinaryF64.gatePositiveOfFinite(a, same)
        : BinaryF32.gatePositiveOfFinite(a, same);
  }

  private static Tensor gateOf(Tensor a, Tensor gate) {
    checkNotNull(gate, "gatePositive: gate is null");
    checkArgument(a.shape().equals(gate.shape()), "gatePositive: shapes %s and %s differ (the"
        + " gate does not broadcast)", a.shape(), gate.shape());
    // A float64 gate read in float32 is first made 1 and 0 in its own type, as where's mask is: a
    // positive value below float32's smallest would round to 0 and close the gate. 1 where it is
    // not ≤ 0, so that a NaN opens it as it does in float64.
    return gate.dtype() == DType.FLOAT64 && a.dtype() == DType.FLOAT32
        ? gate.le(0.0).eq(0.0).to(DType.FLOAT32) : gate.to(a.dtype());
  }

  /** g·(1 − y²) for tanh's output y; g and y of one shape and one type. */
  static Tensor tanhBackward(Tensor g, Tensor y) {
    checkSameLayout("tanhBackward", g, y);
    return isF64(g) ? BinaryF64.tanhBackward(g, y) : BinaryF32.tanhBackward(g, y);
  }

  /** g·y·(1 − y) for sigmoid's output y; g and y of one shape and one type. */
  static Tensor sigmoidBackward(Tensor g, Tensor y) {
    checkSameLayout("sigmoidBackward", g, y);
    return isF64(g) ? BinaryF64.sigmoidBackward(g, y) : BinaryF32.sigmoidBackward(g, y);
  }

  /**
   * A gradient and the output it belongs to always match (the engine gives every gradient its
   * output's shape and type), so a mismatch is a caller's mistake: refused rather than broadcast
   * or promoted, which would hide it.
   */
  private static void checkSameLayout(String op, Tensor g, Tensor y) {
    checkNotNull(y, "%s: the output is null", op);
    checkArgument(g.shape().equals(y.shape()) && g.dtype() == y.dtype(), "%s: the gradient"
        + " (%s %s) and the output (%s %s) must have one shape and one type", op, g.dtype(),
        g.shape(), y.dtype(), y.shape());
  }

  /** Picks {@code a} where the mask is non-zero and {@code b} elsewhere (NaN counts as true). */
  static Tensor where(Tensor mask, Tensor a, Tensor b) {
    checkNotNull(mask, "where: mask is null");
    checkNotNull(a, "where: first tensor is null");
    checkNotNull(b, "where: second tensor is null");
    Shape shape = Broadcast.ofResult("where", mask.shape(), a.shape(), b.shape());
    DType type = DType.resultOf(a, b);
    // The mask is read in the values' type. A float64 mask read in float32 is first made 1 and 0
    // in its own type: a non-zero below float32's smallest would round to zero and pick b.
    Tensor picks = mask.dtype() == DType.FLOAT64 && type == DType.FLOAT32 ? mask.ne(0.0) : mask;
    return type == DType.FLOAT64
        ? BinaryF64.where(picks.to(type), a.to(type), b.to(type), shape)
        : BinaryF32.where(picks.to(type), a.to(type), b.to(type), shape);
  }

  // ---- in place: the only mutators, for optimizers and gradient buffers owning their tensor ----

  /** target += alpha · x; {@code x} is converted to the target's type. */
  static void axpy(String op, Tensor target, double alpha, Tensor x) {
    checkNotNull(x, "%s: the other tensor is null", op);
    checkArgument(
        target.shape().equals(x.shape()),
        "%s: shapes %s and %s differ (in-place updates do not broadcast)",
        op, target.shape(), x.shape());
    Tensor same = x.to(target.dtype());
    if (isF64(target)) {
      UpdatesF64.axpy(target, alpha, same);
    } else {
      UpdatesF32.axpy(target, (float) alpha, same);
    }
  }

  static void scale(Tensor target, double factor) {
    if (isF64(target)) {
      UpdatesF64.scale(target, factor);
    } else {
      UpdatesF32.scale(target, (float) factor);
    }
  }

  static void assign(Tensor target, Tensor source) {
    checkNotNull(source, "assignInPlace: source is null");
    checkArgument(
        target.shape().equals(source.shape()),
        "assignInPlace: shapes %s and %s differ", target.shape(), source.shape());
    Tensor same = source.to(target.dtype());
    if (isF64(target)) {
      UpdatesF64.assign(target, same);
    } else {
      UpdatesF32.assign(target, same);
    }
  }

  /** NumPy's allclose, compared in float64 (exact for either type). */
  static boolean allClose(Tensor a, Tensor b, double rtol, double atol) {
    checkArgument(rtol >= 0 && atol >= 0 && rtol < Double.POSITIVE_INFINITY
        && atol < Double.POSITIVE_INFINITY, "allClose: tolerances must be finite and at least 0,"
        + " got rtol %s and atol %s", rtol, atol);
    if (!a.shape().equals(b.shape())) {
      return false;
    }
    Storage x = a.storage();
    Storage y = b.storage();
    for (int i = 0; i < x.length(); i++) {
      double u = x.get(i);
      double v = y.get(i);
      // An infinity is close only to itself: atol + rtol·|∞| would pass anything.
      boolean close = u == v || Double.isFinite(u) && Double.isFinite(v)
          && Math.abs(u - v) <= atol + rtol * Math.abs(v);
      if (!close) {
        return false;
      }
    }
    return true;
  }

  static boolean isF64(Tensor x) {
    return x.dtype() == DType.FLOAT64;
  }
}
