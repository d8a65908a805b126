package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every comparison, maximum and minimum at ties, in every layout the kernels tell apart (equal
 * shapes, a one-element tensor on either side, a bias-like block on either side, a keepDims column
 * on either side, a general broadcast, a scalar): {@code >} and {@code >=} differ only where the
 * operands are equal, so a test without ties cannot tell them apart. The expected values are Java's
 * own comparisons, element by element; NaN, signed zeros and infinities ride along.
 */
class ComparisonTiesTest {
  /**
   * Each value meets each other one, itself included: ties, both orders, −0.0 against 0.0, ∞
   * against ∞ (whose difference, which the comparison kernels test the sign of, is NaN), the least
   * subnormal against zero (a difference kept from 0 by gradual underflow) and the largest values
   * against each other (a difference that overflows).
   */
  private static final double[] VALUES = {-1, 0, -0.0, 2, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};

  private record Case(String name, BiFunction<Tensor, Tensor, Tensor> tensors,
      BiFunction<Tensor, Double, Tensor> scalar, DoubleBinaryOperator expected) {}

  private static final Case[] CASES = {
      new Case("eq", Tensor::eq, Tensor::eq, (a, b) -> a == b ? 1 : 0),
      new Case("ne", Tensor::ne, Tensor::ne, (a, b) -> a != b ? 1 : 0),
      new Case("lt", Tensor::lt, Tensor::lt, (a, b) -> a < b ? 1 : 0),
      new Case("le", Tensor::le, Tensor::le, (a, b) -> a <= b ? 1 : 0),
      new Case("gt", Tensor::gt, Tensor::gt, (a, b) -> a > b ? 1 : 0),
      new Case("ge", Tensor::ge, Tensor::ge, (a, b) -> a >= b ? 1 : 0),
      new Case("maximum", Tensor::maximum, (t, s) -> t.maximum(Tensor.scalar(s, t.dtype())),
          Math::max),
      new Case("minimum", Tensor::minimum, (t, s) -> t.minimum(Tensor.scalar(s, t.dtype())),
          Math::min)};

  /** The expected result, by the slow obvious broadcast. */
  private static Tensor naive(DoubleBinaryOperator f, Tensor a, Tensor b) {
    Shape shape = Broadcast.shapes("naive", a.shape(), b.shape());
    double[] out = new double[shape.size()];
    for (int i = 0; i < out.length; i++) {
      int[] index = Naive.unravel(i, shape.dims());
      out[i] = f.applyAsDouble(Naive.broadcastRead(a, index), Naive.broadcastRead(b, index));
    }
    return Tensor.of(out, shape.dims());
  }

  /** Bitwise, so that maximum(−0.0, 0.0) = 0.0 and NaN = NaN are checked exactly. */
  private static void assertSame(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what);
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    for (int i = 0; i < e.length; i++) {
      assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]),
          what + " at " + i + ": expected " + e[i] + ", got " + a[i]);
    }
  }

  /** Every pair of {@link #VALUES}: a is constant along axis 1, b along axis 0. */
  private static Tensor rows() {
    double[] data = new double[VALUES.length * VALUES.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = VALUES[i / VALUES.length];
    }
    return Tensor.of(data, VALUES.length, VALUES.length);
  }

  private static Tensor columns() {
    double[] data = new double[VALUES.length * VALUES.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = VALUES[i % VALUES.length];
    }
    return Tensor.of(data, VALUES.length, VALUES.length);
  }

  private static void check(Tensor a, Tensor b, String layout) {
    for (Case c : CASES) {
      for (DType type : DType.values()) {
        Tensor x = a.to(type);
        Tensor y = b.to(type);
        Tensor expected = naive(c.expected(), x.to(DType.FLOAT64), y.to(DType.FLOAT64)).to(type);
        assertSame(expected, c.tensors().apply(x, y), c.name() + " " + type + ", " + layout);
      }
    }
  }

  @Test
  void equalShapes() {
    check(rows(), columns(), "equal shapes");
  }

  @Test
  void aOneElementTensorOnEitherSide() {
    for (double v : VALUES) {
      Tensor one = Tensor.vector(v).reshape(1, 1);
      check(rows(), one, "one element on the right");
      check(one, rows(), "one element on the left");
      check(Tensor.vector(VALUES), Tensor.scalar(v), "rank-0 on the right");
      check(Tensor.scalar(v), Tensor.vector(VALUES), "rank-0 on the left");
    }
  }

  @Test
  void aBlockRepeatedAlongTheLeadingAxes() {
    Tensor row = Tensor.vector(VALUES);
    check(rows(), row, "bias row on the right");
    check(row, rows(), "bias row on the left");
  }

  @Test
  void anElementRepeatedAlongTheTrailingAxes() {
    Tensor column = Tensor.vector(VALUES).reshape(VALUES.length, 1);
    check(columns(), column, "keepDims column on the right");
    check(column, columns(), "keepDims column on the left");
  }

  @Test
  void aGeneralBroadcast() {
    Tensor column = Tensor.vector(VALUES).reshape(VALUES.length, 1);
    Tensor row = Tensor.vector(VALUES).reshape(1, VALUES.length);
    check(column, row, "column against row");
    check(row, column, "row against column");
  }

  @Test
  void aDoubleOperand() {
    for (Case c : CASES) {
      for (DType type : DType.values()) {
        Tensor x = Tensor.vector(VALUES).to(type);
        for (double s : VALUES) {
          if (type == DType.FLOAT32 && Double.isFinite(s) && Math.abs(s) > Float.MAX_VALUE) {
            continue;  // maximum's Tensor.scalar(s, float32) refuses it, with its own test
          }
          // The scalar is rounded to the tensor's type first (a double does not promote a
          // float32 tensor, as in PyTorch): 4.9e-324 is 0 against float32.
          Tensor expected = naive(c.expected(), x.to(DType.FLOAT64),
              Tensor.scalar(s).to(type).to(DType.FLOAT64)).to(type);
          assertSame(expected, c.scalar().apply(x, s), c.name() + " " + type + " with " + s);
        }
      }
    }
  }

  @Test
  void clampKeepsItsBoundsAndWhatLiesBetween() {
    Tensor x = Tensor.vector(-2, -1, -0.5, 0, 1, 3, Double.NaN);
    for (DType type : DType.values()) {
      assertSame(Tensor.vector(-1, -1, -0.5, 0, 1, 1, Double.NaN).to(type),
          x.to(type).clamp(-1, 1), "clamp " + type);
      assertSame(Tensor.vector(1, 1, 1, 1, 1, 1, Double.NaN).to(type),
          x.to(type).clamp(1, 1), "clamp to a single value " + type);
    }
  }

  @Test
  void reluIsZeroAtZeroAndKeepsNaN() {
    Tensor x = Tensor.vector(-1, -0.0, 0, 1e-300, 2, Double.NaN);
    assertSame(Tensor.vector(0, 0, 0, 1e-300, 2, Double.NaN), x.relu(), "relu");
  }
}
