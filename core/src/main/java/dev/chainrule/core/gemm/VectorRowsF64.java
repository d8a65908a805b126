package dev.chainrule.core.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small products of {@link JavaGemm} on the incubating Vector API, used only where the JVM runs
 * with {@code --add-modules jdk.incubator.vector} ({@link VectorApi}), for results one or two
 * vectors wide: a small network's layers, such as the Iris network's 150 × 16 activations and the
 * gradients of its 16 × 4 and 3 × 16 weights (this file is the template, its float32 twin is
 * generated). Eight sums at a time are held in vector registers, four rows of C of two vectors
 * or eight of one, each step of the depth a row of B times broadcast elements of A: no packed
 * panels, whose set-up costs more than these products' arithmetic. OpenBLAS's Haswell kernels,
 * called through JNI, took about twice as long on the Iris network's products
 * (docs/performance-history.md, the forty-first session).
 *
 * <p>The rows of B are read where they lie; a transposed B (a layer's forward product x·Wᵀ) is
 * copied first, at most {@link #MAX_COPIED} elements. A result whose rows are not one or two
 * vectors wide but whose columns are (a weight gradient of 16 × 4) is computed turned around, as
 * Cᵀ = Bᵀ·Aᵀ, and written back transposed. Other widths are left to the library: masked vectors
 * for a partial width ran many times slower in JDK 17, and the Iris network's 150 × 3 logits,
 * computed with B's rows padded with zeros to a vector, took longer than OpenBLAS's product.
 * The kernels use lanewise operations only, no sum across lanes (whose order the Vector API
 * leaves free), so a result has the same bits whether HotSpot compiled them yet or not.
 */
final class VectorRowsF64 {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /**
   * Rows of C summed together in the two-vector kernel, twice as many in the one-vector one:
   * eight independent sums either way, which hide the fused multiply-add's latency (four rows of
   * one vector took a tenth longer than eight).
   */
  private static final int ROWS = 4;
  /**
   * Elements copied, of a transposed B or of a turned-around C before it is written back: a
   * layer of 16 units over 16 inputs. Copying is scalar and strided; 2,400 elements took longer
   * than OpenBLAS's whole product.
   */
  static final int MAX_COPIED = 256;

  private VectorRowsF64() {}

  /** Whether these kernels compute an {@code m × n} C over depth {@code k}. */
  static boolean takes(OperandF64 left, OperandF64 right, int m, int n, int k) {
    return straight(right, n, k) || turns(left, m, n, k);
  }

  /** Whether C's rows are one or two vectors wide, and B's rows contiguous or few. */
  private static boolean straight(OperandF64 right, int width, int k) {
    return (width == LANES || width == 2 * LANES)
        && (!right.isTransposed() || (long) k * width <= MAX_COPIED);
  }

  /** Whether C's columns are one or two vectors tall, and C small: computed as Cᵀ. */
  private static boolean turns(OperandF64 left, int m, int n, int k) {
    return straight(left.transposed(), m, k) && (long) m * n <= MAX_COPIED;
  }

  /** C ← α·left·right + β·C, for a product {@link #takes} accepts. */
  static void gemm(double alpha, OperandF64 left, OperandF64 right, double beta,
      MatrixBlockF64 c, int k) {
    int m = c.rows();
    int n = c.cols();
    assert takes(left, right, m, n, k) : m + " × " + n + " × " + k + " is not these kernels'";
    if (straight(right, n, k)) {
      rows(alpha, left, right, beta, c.data(), c.offset(), m, n, k);
    } else {
      double[] turned = new double[n * m];
      rows(alpha, right.transposed(), left.transposed(), 0, turned, 0, n, m, k);
      writeBack(turned, m, beta, c);
    }
  }

  /** out ← α·left·right + β·out for an {@code m × n} out of contiguous rows from {@code at}. */
  private static void rows(double alpha, OperandF64 left, OperandF64 right, double beta,
      double[] out, int at, int m, int n, int k) {
    if (right.isTransposed()) {
      rows(alpha, left, contiguous(1, right, k, n), 0, n, beta, out, at, m, n, k);
    } else {
      rows(alpha, left, right.data(), right.at(0, 0), right.rowStep(), beta, out, at, m, n, k);
    }
  }

  /** The same, B's row p at {@code b[bAt + p·bStep]}. */
  private static void rows(double alpha, OperandF64 left, double[] b, int bAt, int bStep,
      double beta, double[] out, int at, int m, int n, int k) {
    // α scales a copy of A, not each element as it is read: broadcast straight from the array,
    // an element costs a load, where a computed one took the shuffle unit that the one-vector
    // kernel's eight broadcasts a step already keep busy.
    OperandF64 scaled = alpha == 1 ? left : scaled(alpha, left, m, k);
    if (n == LANES) {
      oneVector(scaled, b, bAt, bStep, beta, out, at, m, k);
    } else {
      twoVectors(scaled, b, bAt, bStep, beta, out, at, m, k);
    }
  }

  /** α·op(A), {@code m × k}, as a new matrix. */
  private static OperandF64 scaled(double alpha, OperandF64 left, int m, int k) {
    return new OperandF64(MatrixBlockF64.of(contiguous(alpha, left, m, k), m, k), false);
  }

  /** factor·op(M), {@code rows × cols}, into a new array of contiguous rows (×1 is exact). */
  private static double[] contiguous(double factor, OperandF64 operand, int rows, int cols) {
    double[] data = operand.data();
    double[] copy = new double[rows * cols];
    for (int r = 0, to = 0; r < rows; r++) {
      for (int s = 0, from = operand.at(r, 0); s < cols; s++, to++, from += operand.colStep()) {
        copy[to] = factor * data[from];
      }
    }
    return copy;
  }

  /** C ← turnedᵀ + β·C, for the {@code n × m} Cᵀ computed in {@code turned}. */
  private static void writeBack(double[] turned, int m, double beta, MatrixBlockF64 c) {
    double[] out = c.data();
    for (int i = 0, ci = c.offset(); i < m; i++) {
      for (int j = 0, ti = i; j < c.cols(); j++, ci++, ti += m) {
        // β = 0 must not read C: 0·NaN would be NaN.
        out[ci] = beta == 0 ? turned[ti] : turned[ti] + beta * out[ci];
      }
    }
  }

  // The last block of rows may be short: its missing rows repeat the last real one, computed
  // and not stored, so every block runs the same loop. Each sum starts from β·C (C is not read
  // when β = 0: 0·NaN would be NaN) and adds A's elements (scaled by α) times B's rows; the
  // sums stay in the method, since C2 boxes a vector passed to a method it does not inline.

  private static void oneVector(OperandF64 left, double[] b, int bAt, int bStep,
      double beta, double[] out, int at, int m, int k) {
    double[] a = left.data();
    int aStep = left.colStep();
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int i = 0; i < m; i += 2 * ROWS) {
      int c0 = at + i * LANES;
      int c1 = at + Math.min(i + 1, m - 1) * LANES;
      int c2 = at + Math.min(i + 2, m - 1) * LANES;
      int c3 = at + Math.min(i + 3, m - 1) * LANES;
      int c4 = at + Math.min(i + 4, m - 1) * LANES;
      int c5 = at + Math.min(i + 5, m - 1) * LANES;
      int c6 = at + Math.min(i + 6, m - 1) * LANES;
      int c7 = at + Math.min(i + 7, m - 1) * LANES;
      DoubleVector s0 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c0).mul(beta);
      DoubleVector s1 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c1).mul(beta);
      DoubleVector s2 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c2).mul(beta);
      DoubleVector s3 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c3).mul(beta);
      DoubleVector s4 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c4).mul(beta);
      DoubleVector s5 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c5).mul(beta);
      DoubleVector s6 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c6).mul(beta);
      DoubleVector s7 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c7).mul(beta);
      int a0 = left.at(i, 0);
      int a1 = left.at(Math.min(i + 1, m - 1), 0);
      int a2 = left.at(Math.min(i + 2, m - 1), 0);
      int a3 = left.at(Math.min(i + 3, m - 1), 0);
      int a4 = left.at(Math.min(i + 4, m - 1), 0);
      int a5 = left.at(Math.min(i + 5, m - 1), 0);
      int a6 = left.at(Math.min(i + 6, m - 1), 0);
      int a7 = left.at(Math.min(i + 7, m - 1), 0);
      for (int p = 0, bi = bAt, ap = 0; p < k; p++, bi += bStep, ap += aStep) {
        DoubleVector row = DoubleVector.fromArray(SPECIES, b, bi);
        s0 = row.fma(DoubleVector.broadcast(SPECIES, a[a0 + ap]), s0);
        s1 = row.fma(DoubleVector.broadcast(SPECIES, a[a1 + ap]), s1);
        s2 = row.fma(DoubleVector.broadcast(SPECIES, a[a2 + ap]), s2);
        s3 = row.fma(DoubleVector.broadcast(SPECIES, a[a3 + ap]), s3);
        s4 = row.fma(DoubleVector.broadcast(SPECIES, a[a4 + ap]), s4);
        s5 = row.fma(DoubleVector.broadcast(SPECIES, a[a5 + ap]), s5);
        s6 = row.fma(DoubleVector.broadcast(SPECIES, a[a6 + ap]), s6);
        s7 = row.fma(DoubleVector.broadcast(SPECIES, a[a7 + ap]), s7);
      }
      s0.intoArray(out, c0);
      if (i + 1 < m) {
        s1.intoArray(out, c1);
      }
      if (i + 2 < m) {
        s2.intoArray(out, c2);
      }
      if (i < m - 3) {
        s3.intoArray(out, c3);
      }
      if (i + 4 < m) {
        s4.intoArray(out, c4);
      }
      if (i + 5 < m) {
        s5.intoArray(out, c5);
      }
      if (i + 6 < m) {
        s6.intoArray(out, c6);
      }
      if (i < m - 7) {
        s7.intoArray(out, c7);
      }
    }
  }

  private static void twoVectors(OperandF64 left, double[] b, int bAt, int bStep,
      double beta, double[] out, int at, int m, int k) {
    double[] a = left.data();
    int aStep = left.colStep();
    int n = 2 * LANES;
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int i = 0; i < m; i += ROWS) {
      int c0 = at + i * n;
      int c1 = at + Math.min(i + 1, m - 1) * n;
      int c2 = at + Math.min(i + 2, m - 1) * n;
      int c3 = at + Math.min(i + 3, m - 1) * n;
      DoubleVector s00 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c0).mul(beta);
      DoubleVector s01 =
          beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c0 + LANES).mul(beta);
      DoubleVector s10 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c1).mul(beta);
      DoubleVector s11 =
          beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c1 + LANES).mul(beta);
      DoubleVector s20 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c2).mul(beta);
      DoubleVector s21 =
          beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c2 + LANES).mul(beta);
      DoubleVector s30 = beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c3).mul(beta);
      DoubleVector s31 =
          beta == 0 ? zero : DoubleVector.fromArray(SPECIES, out, c3 + LANES).mul(beta);
      int a0 = left.at(i, 0);
      int a1 = left.at(Math.min(i + 1, m - 1), 0);
      int a2 = left.at(Math.min(i + 2, m - 1), 0);
      int a3 = left.at(Math.min(i + 3, m - 1), 0);
      for (int p = 0, bi = bAt, ap = 0; p < k; p++, bi += bStep, ap += aStep) {
        DoubleVector first = DoubleVector.fromArray(SPECIES, b, bi);
        DoubleVector second = DoubleVector.fromArray(SPECIES, b, bi + LANES);
        DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + ap]);
        s00 = first.fma(x, s00);
        s01 = second.fma(x, s01);
        x = DoubleVector.broadcast(SPECIES, a[a1 + ap]);
        s10 = first.fma(x, s10);
        s11 = second.fma(x, s11);
        x = DoubleVector.broadcast(SPECIES, a[a2 + ap]);
        s20 = first.fma(x, s20);
        s21 = second.fma(x, s21);
        x = DoubleVector.broadcast(SPECIES, a[a3 + ap]);
        s30 = first.fma(x, s30);
        s31 = second.fma(x, s31);
      }
      s00.intoArray(out, c0);
      s01.intoArray(out, c0 + LANES);
      if (i + 1 < m) {
        s10.intoArray(out, c1);
        s11.intoArray(out, c1 + LANES);
      }
      if (i + 2 < m) {
        s20.intoArray(out, c2);
        s21.intoArray(out, c2 + LANES);
      }
      if (i < m - 3) {
        s30.intoArray(out, c3);
        s31.intoArray(out, c3 + LANES);
      }
    }
  }
}
