package dev.chainrule.core;

/**
 * Broadcasting binary operations on float64 tensors, and the template of their float32 twin
 * ({@code BinaryF32}, generated at build time). The caller has checked the shapes and converted
 * both operands to this type.
 *
 * <p>Layouts are told apart before any loop runs: equal shapes, a scalar on either side, a block
 * repeated along the leading axes (a bias row against a batch), an element repeated along the
 * trailing axes (a keepDims column), and the general broadcast through offset lists. The common
 * operations have a loop per layout in which every array is indexed by the loop counter alone,
 * the form HotSpot vectorizes; the others go through {@link #apply} per element.
 */
// The (double) casts narrow results in the generated float32 twin; here they change nothing.
@SuppressWarnings("cast")
final class BinaryF64 {
  private BinaryF64() {}

  /** {@code a ∘ b} broadcast to {@code shape}. */
  static Tensor zip(BinaryOp op, Tensor a, Tensor b, Shape shape) {
    double[] x = a.dataF64();
    double[] y = b.dataF64();
    double[] out = Recycling.bufferF64(shape.size());
    if (a.shape().equals(b.shape())) {
      arrays(op, x, y, out);
    } else if (!(shape.equals(a.shape()) && broadcastInto(op, x, b, shape, out, false))
        && !(shape.equals(b.shape()) && broadcastInto(op, y, a, shape, out, true))) {
      int[] dims = shape.dimsView();
      int[] ia = Broadcast.offsets(dims, Broadcast.strides(a.shape(), shape), 0);
      int[] ib = Broadcast.offsets(dims, Broadcast.strides(b.shape(), shape), 0);
      for (int i = 0; i < out.length; i++) {
        out[i] = apply(op, x[ia[i]], y[ib[i]]);
      }
    }
    return new Tensor(shape, out);
  }

  /** {@code a ∘ s}, or {@code s ∘ a} when {@code swapped}. */
  static Tensor zip(BinaryOp op, Tensor a, double s, boolean swapped) {
    double[] x = a.dataF64();
    double[] out = Recycling.bufferF64(x.length);
    scalar(op, x, s, swapped, out, 0, out.length);
    return new Tensor(a.shape(), out);
  }

  /**
   * {@code a} where {@code gate} is not ≤ 0 (positive or NaN) and +0.0 elsewhere, NaN in {@code a}
   * included: the gradient of ReLU in one pass, where a mask and a product would take two and a
   * temporary.
   */
  static Tensor gatePositive(Tensor a, Tensor gate) {
    double[] x = a.dataF64();
    double[] c = gate.dataF64();
    double[] out = Recycling.bufferF64(x.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = SignGate.pass(x[i], c[i]);
    }
    return new Tensor(a.shape(), out);
  }

  /**
   * {@link #gatePositive} in arithmetic that vectorizes ({@link SignGate#passFinite}): the same
   * bits wherever {@code a} is finite, and NaN (not +0.0) for a non-finite element behind a
   * closed gate, or for a NaN gate. For a caller that sums the result anyway and gates again with
   * {@link #gatePositive} when a sum is not finite: about half the bit gate's time (150 × 16).
   */
  static Tensor gatePositiveOfFinite(Tensor a, Tensor gate) {
    double[] x = a.dataF64();
    double[] c = gate.dataF64();
    double[] out = Recycling.bufferF64(x.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = SignGate.passFinite(x[i], SignGate.opening(c[i]));
    }
    return new Tensor(a.shape(), out);
  }

  /**
   * tanh's gradient g·(1 − y²) from its output y, in one pass where the rule's composition took
   * four. Written as that composition rounded, {@code g.mul(y.square().neg().add(1))}, so the
   * fused rule's results stay bit for bit what they were.
   */
  static Tensor tanhBackward(Tensor g, Tensor y) {
    double[] dy = g.dataF64();
    double[] v = y.dataF64();
    double[] out = Recycling.bufferF64(v.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = dy[i] * (-(v[i] * v[i]) + 1);
    }
    return new Tensor(g.shape(), out);
  }

  /**
   * sigmoid's gradient g·y·(1 − y) from its output y, rounded as the composition it replaces,
   * {@code g.mul(y).mul(y.neg().add(1))}.
   */
  static Tensor sigmoidBackward(Tensor g, Tensor y) {
    double[] dy = g.dataF64();
    double[] v = y.dataF64();
    double[] out = Recycling.bufferF64(v.length);
    for (int i = 0; i < out.length; i++) {
      out[i] = (dy[i] * v[i]) * (-v[i] + 1);
    }
    return new Tensor(g.shape(), out);
  }

  /**
   * Picks {@code a} where the mask is non-zero (NaN counts as true) and {@code b} elsewhere, on
   * the bits ({@link MaskPick}); operands of the result's shape or of one element (the 0 that
   * where's gradient picks against) are read directly, at a step of 1 or 0, without the
   * broadcast's offset arrays (an int array per operand of the result's size: 2 ms against
   * 0.46 for 512 × 512).
   */
  static Tensor where(Tensor mask, Tensor a, Tensor b, Shape shape) {
    double[] m = mask.dataF64();
    double[] x = a.dataF64();
    double[] y = b.dataF64();
    double[] out = Recycling.bufferF64(shape.size());
    if (fullOrOne(m, out) && fullOrOne(x, out) && fullOrOne(y, out)) {
      // A size equal to the result's after broadcasting means an equal shape up to leading 1s:
      // the same layout.
      int sm = m.length == out.length ? 1 : 0;
      int sx = x.length == out.length ? 1 : 0;
      int sy = y.length == out.length ? 1 : 0;
      for (int i = 0; i < out.length; i++) {
        out[i] = MaskPick.pick(m[i * sm], x[i * sx], y[i * sy]);
      }
      return new Tensor(shape, out);
    }
    int[] dims = shape.dimsView();
    int[] im = Broadcast.offsets(dims, Broadcast.strides(mask.shape(), shape), 0);
    int[] ia = Broadcast.offsets(dims, Broadcast.strides(a.shape(), shape), 0);
    int[] ib = Broadcast.offsets(dims, Broadcast.strides(b.shape(), shape), 0);
    for (int i = 0; i < out.length; i++) {
      out[i] = MaskPick.pick(m[im[i]], x[ia[i]], y[ib[i]]);
    }
    return new Tensor(shape, out);
  }

  /** Whether an operand of {@code where} has the result's size or one element. */
  private static boolean fullOrOne(double[] operand, double[] out) {
    return operand.length == out.length || operand.length == 1;
  }

  /**
   * out = full ∘ small (small ∘ full when {@code swapped}) where {@code small} is a scalar, repeats
   * as a block (bias rows) or repeats element by element along trailing axes and as a block along
   * leading ones (keepDims columns, per-channel values of an image batch); false if none.
   */
  private static boolean broadcastInto(BinaryOp op, double[] full, Tensor small, Shape shape,
      double[] out, boolean swapped) {
    double[] y = small.dataF64();
    if (y.length == 1) {
      scalar(op, full, y[0], swapped, out, 0, out.length);
      return true;
    }
    int block = Broadcast.suffixBlock(small.shape(), shape);
    if (block > 0) {
      for (int start = 0; start < out.length; start += block) {
        block(op, full, y, swapped, out, start, block);
      }
      return true;
    }
    int[] middle = Broadcast.middleRepeat(small.shape(), shape);
    if (middle != null) {
      int inner = middle[1];
      for (int o = 0, at = 0; o < middle[0]; o++) {
        for (int j = 0; j < y.length; j++, at += inner) {
          scalar(op, full, y[j], swapped, out, at, at + inner);
        }
      }
      return true;
    }
    return false;
  }

  /**
   * out[i] = x[i] ∘ y[i], a loop per operation: one loop calling {@link #apply} switched on the
   * operation for every element, which HotSpot does not hoist, took maximum 2.6 ns an element at
   * 512 × 512 (PyTorch's 0.35) and gt 1.2.
   */
  private static void arrays(BinaryOp op, double[] x, double[] y, double[] out) {
    int n = out.length;
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) { out[i] = x[i] + y[i]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[i] = x[i] - y[i]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[i] = x[i] * y[i]; } }
      case DIV -> { for (int i = 0; i < n; i++) { out[i] = x[i] / y[i]; } }
      case MAX -> { for (int i = 0; i < n; i++) { out[i] = Math.max(x[i], y[i]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[i] = Math.min(x[i], y[i]); } }
      case EQ, NE, LT, LE, GT, GE -> CompareF64.arrays(op, x, y, out);
      case POW -> { for (int i = 0; i < n; i++) { out[i] = pow(x[i], y[i]); } }
      default -> throw new AssertionError("no loop for " + op);
    }
  }

  /**
   * out[i] = x[i] ∘ s (s ∘ x[i] when {@code swapped}) for i in [from, to). The comparisons have
   * loops of their own: masks such as {@code x.gt(0)} are built on every backward pass.
   */
  private static void scalar(BinaryOp op, double[] x, double s, boolean swapped, double[] out,
      int from, int to) {
    if (swapped) {
      switch (op) {
        case SUB -> { for (int i = from; i < to; i++) { out[i] = s - x[i]; } }
        case DIV -> { for (int i = from; i < to; i++) { out[i] = s / x[i]; } }
        case POW -> { for (int i = from; i < to; i++) { out[i] = apply(op, s, x[i]); } }
        default -> scalar(op.mirrored(), x, s, false, out, from, to);
      }
      return;
    }
    switch (op) {
      case ADD -> { for (int i = from; i < to; i++) { out[i] = x[i] + s; } }
      case SUB -> { for (int i = from; i < to; i++) { out[i] = x[i] - s; } }
      case MUL -> { for (int i = from; i < to; i++) { out[i] = x[i] * s; } }
      case DIV -> { for (int i = from; i < to; i++) { out[i] = x[i] / s; } }
      case MAX -> { for (int i = from; i < to; i++) { out[i] = Math.max(x[i], s); } }
      case MIN -> { for (int i = from; i < to; i++) { out[i] = Math.min(x[i], s); } }
      case EQ, NE, LT, LE, GT, GE -> CompareF64.scalar(op, x, s, out, from, to);
      case POW -> power(x, s, out, from, to);
      default -> throw new AssertionError("no loop for " + op);
    }
  }

  /**
   * xˢ for a scalar s. Math.pow is one scalar call per element, 17 ns (float32: widened, 18 ns)
   * against PyTorch's 0.1–0.2 ns for x³ at 512 × 512; for the exponents a network's formulas
   * use most (a cube in geluTanh and its rule's square, a reciprocal) the products and the
   * quotient below are what PyTorch computes and vectorize: x² and 1/x are correctly rounded,
   * as Math.pow's, x³ rounds twice (within 1.5 ulps; Math.pow within 1). The signed zeros,
   * infinities and NaNs come out as C99's pow gives them, 1ˢ and (−1)ˢ included.
   */
  private static void power(double[] x, double s, double[] out, int from, int to) {
    if (s == 2) {
      for (int i = from; i < to; i++) { out[i] = x[i] * x[i]; }
    } else if (s == 3) {
      for (int i = from; i < to; i++) { out[i] = cube(x[i]); }
    } else if (s == -1) {
      for (int i = from; i < to; i++) { out[i] = 1 / x[i]; }
    } else {
      for (int i = from; i < to; i++) { out[i] = pow(x[i], s); }
    }
  }

  /** x³ as PyTorch computes it, x·x·x; geluTanh's kernel uses it to keep its composition's bits. */
  static double cube(double x) {
    return x * x * x;
  }

  /**
   * out[start + j] = x[start + j] ∘ y[j] (y[j] ∘ x[start + j] when {@code swapped}) for j in
   * [0, length): one row of a bias-like broadcast. The row of y is copied into out first, so the
   * loop reads and writes at one index: HotSpot 17 does not vectorize a loop whose arrays are
   * read at offsets it cannot compare with the written one ({@code y[j]} against
   * {@code out[start + j]}), since they might be one array; the copy halves the time (float32,
   * rows of 512: 0.27 against 0.53 ns per element).
   */
  private static void block(BinaryOp op, double[] x, double[] y, boolean swapped, double[] out,
      int start, int length) {
    int end = start + length;
    System.arraycopy(y, 0, out, start, length);
    switch (op) {
      case EQ, NE, LT, LE, GT, GE -> {
        CompareF64.row(swapped ? op.mirrored() : op, x, y, out, start, end);
        return;
      }
      default -> { }
    }
    if (!swapped) {
      switch (op) {
        case ADD -> { for (int i = start; i < end; i++) { out[i] = x[i] + out[i]; } }
        case SUB -> { for (int i = start; i < end; i++) { out[i] = x[i] - out[i]; } }
        case MUL -> { for (int i = start; i < end; i++) { out[i] = x[i] * out[i]; } }
        case DIV -> { for (int i = start; i < end; i++) { out[i] = x[i] / out[i]; } }
        default -> { for (int i = start; i < end; i++) { out[i] = apply(op, x[i], out[i]); } }
      }
      return;
    }
    switch (op) {
      case ADD -> { for (int i = start; i < end; i++) { out[i] = out[i] + x[i]; } }
      case SUB -> { for (int i = start; i < end; i++) { out[i] = out[i] - x[i]; } }
      case MUL -> { for (int i = start; i < end; i++) { out[i] = out[i] * x[i]; } }
      case DIV -> { for (int i = start; i < end; i++) { out[i] = out[i] / x[i]; } }
      default -> { for (int i = start; i < end; i++) { out[i] = apply(op, out[i], x[i]); } }
    }
  }

  /** a ∘ b for one pair of numbers. */
  static double apply(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> pow(a, b);
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      case EQ -> bit(a == b);
      case NE -> bit(a != b);
      case LT -> bit(a < b);
      case LE -> bit(a <= b);
      case GT -> bit(a > b);
      case GE -> bit(a >= b);
    };
  }

  /**
   * aᵇ as IEEE 754 and C99 define it, which NumPy and PyTorch follow. {@link Math#pow} gives NaN
   * for 1ᵇ when b is NaN or infinite and for (−1)^±∞; C99 gives 1, because 1ᵇ is 1 whatever b is,
   * and every double of magnitude 2⁵³ or more is an even integer, so (−1)ᵇ tends to 1. Everything
   * else, x⁰ = 1 for every x (NaN included), is Math.pow's.
   */
  static double pow(double a, double b) {
    if (a == 1 || (a == -1 && Double.isInfinite(b))) {
      return 1;
    }
    return (double) Math.pow(a, b);
  }

  /**
   * 1 or 0. Written as an int first: {@code b ? 1.0 : 0.0} compiles to a branch, which masks of
   * mixed signs mispredict half the time, and the int form to a conditional move (2,400
   * elements: 1.8 µs as a branch, 1.2 µs as a move).
   */
  private static double bit(boolean b) {
    int one = b ? 1 : 0;
    return one;
  }
}
