package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Vector API's small kernels ({@code VectorRowsF64} and its float32 twin) against the naive
 * product of {@link GemmCase}, called directly on every shape they take: rows one or two vectors
 * wide with a short last block, a transposed B copied, results turned around; and which shapes
 * they take. core's tests run with {@code --add-modules jdk.incubator.vector} (core/pom.xml).
 */
class VectorRowsTest {
  /** Calls the kernels, as a Gemm for {@link GemmCase}, refusing a shape they do not take. */
  private static final class Direct implements Gemm {
    @Override
    public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
        boolean transposeB, double beta, MatrixBlockF64 c) {
      int k = transposeA ? a.rows() : a.cols();
      OperandF64 left = new OperandF64(a, transposeA);
      OperandF64 right = new OperandF64(b, transposeB);
      assertTrue(VectorRowsF64.takes(left, right, c.rows(), c.cols(), k), "not taken");
      VectorRowsF64.gemm(alpha, left, right, beta, c, k);
    }

    @Override
    public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
        boolean transposeB, float beta, MatrixBlockF32 c) {
      int k = transposeA ? a.rows() : a.cols();
      OperandF32 left = new OperandF32(a, transposeA);
      OperandF32 right = new OperandF32(b, transposeB);
      assertTrue(VectorRowsF32.takes(left, right, c.rows(), c.cols(), k), "not taken");
      VectorRowsF32.gemm(alpha, left, right, beta, c, k);
    }
  }

  /** A shape the kernels take for vectors of {@code lanes} lanes. */
  private record Shape(int vectors, boolean turned, int rows, int other, int k, boolean ta,
      boolean tb) {
    GemmCase at(int lanes, double alpha, double beta, boolean nan, long seed) {
      int width = vectors * lanes;
      // Straight: C is rows × width, and a transposed B at most 256 elements. Turned: C is
      // width × other (other ≤ 7, so C ≤ 256 elements; one of four float64 lanes is a vector
      // wide, and is taken straight), and op(A)ᵀ, copied unless A is stored transposed, at most
      // 256 elements too.
      int copied = Math.min(k, 256 / width);
      return turned
          ? new GemmCase(width, other, ta ? k : copied, ta, tb, alpha, beta, nan, 2, seed)
          : new GemmCase(rows, width, tb ? copied : k, ta, tb, alpha, beta, nan, 2, seed);
    }
  }

  @Provide
  Arbitrary<Shape> shapes() {
    // Up to 19 rows: blocks of 4 (two vectors) and 8 (one vector) end inside C and past it.
    return Combinators.combine(Arbitraries.of(1, 2), Arbitraries.of(true, false),
        Arbitraries.integers().between(1, 19), Arbitraries.integers().between(1, 7),
        Arbitraries.integers().between(1, 16), Arbitraries.of(true, false),
        Arbitraries.of(true, false)).as(Shape::new);
  }

  @Property(tries = 200)
  void agreeWithTheNaiveProductInBothTypes(@ForAll("shapes") Shape shape,
      @ForAll("factors") double alpha, @ForAll("factors") double beta) {
    assumeTrue(VectorApi.enabled());
    long seed = shape.hashCode();
    shape.at(DoubleVector.SPECIES_PREFERRED.length(), alpha, beta, beta == 0, seed)
        .checkF64(new Direct());
    shape.at(FloatVector.SPECIES_PREFERRED.length(), alpha, beta, beta == 0, seed)
        .checkF32(new Direct());
  }

  @Provide
  Arbitrary<Double> factors() {
    return Arbitraries.of(0.0, 1.0, -0.5, 2.0);
  }

  @Example
  void eachElementIsOneFusedChainAlongTheDepth() {
    assumeTrue(VectorApi.enabled());
    // Lanewise operations only: element (i, j) is β·C, then α·A(i, p) times B(p, j) fused in
    // for p = 0, 1, ... in order, whether HotSpot compiled the kernel or runs it as plain Java,
    // so a result's bits are the scalar chain's. Exact: assertEquals on doubles compares bits.
    int lanes = DoubleVector.SPECIES_PREFERRED.length();
    int m = 11;
    int n = 2 * lanes;
    int k = 9;
    Random random = new Random(5);
    double[] a = random.doubles(m * k, -1, 1).toArray();
    double[] b = random.doubles(k * n, -1, 1).toArray();
    double[] c = random.doubles(m * n, -1, 1).toArray();
    double[] start = c.clone();
    double alpha = 0.3;
    double beta = -1.5;
    VectorRowsF64.gemm(alpha, new OperandF64(MatrixBlockF64.of(a, m, k), false),
        new OperandF64(MatrixBlockF64.of(b, k, n), false), beta, MatrixBlockF64.of(c, m, n), k);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = beta * start[i * n + j];
        for (int p = 0; p < k; p++) {
          sum = Math.fma(alpha * a[i * k + p], b[p * n + j], sum);
        }
        assertEquals(sum, c[i * n + j], "element " + i + ", " + j);
      }
    }
  }

  @Example
  void theIrisNetworksProductsOneOrTwoVectorsWideAreTaken() {
    int lanes = DoubleVector.SPECIES_PREFERRED.length();
    assumeTrue(VectorApi.enabled() && lanes == 8, "512-bit vectors: 16 units are two of them");
    assertTrue(takes(150, 16, 4, false, true), "the hidden layer's x·Wᵀ, W copied");
    assertTrue(takes(3, 16, 150, true, false), "the logits' weight gradient gᵀ·h");
    assertTrue(takes(150, 16, 3, false, false), "the hidden layer's gradient g·W");
    assertTrue(takes(16, 4, 150, true, false), "the hidden weights' gradient, turned around");
    assertFalse(takes(150, 3, 16, false, true), "three logits: left to the library");
    assertFalse(takes(150, 16, 40, false, true), "a copy of W of 640 elements");
    assertFalse(takes(16, 4, 150, false, false), "turned, A would be copied: 2,400 elements");
    assertFalse(takes(16, 20, 150, true, false), "turned, a result of 320 elements");
    JavaGemm.Blocking blocking = JavaGemm.tuned();
    assertTrue(VectorWarmupF64.rowsAreWarm(), "the small kernels never compiled");
    OperandF64 x = new OperandF64(MatrixBlockF64.of(new double[150 * 4], 150, 4), false);
    OperandF64 w = new OperandF64(MatrixBlockF64.of(new double[16 * 4], 16, 4), true);
    assertTrue(JavaGemmF64.takesVectorRows(blocking, x, w, 150, 16, 4));
    // A product of a few dozen multiply-adds stays with the direct loop, even one vector wide.
    OperandF64 row = new OperandF64(MatrixBlockF64.of(new double[8], 1, 8), false);
    OperandF64 square = new OperandF64(MatrixBlockF64.of(new double[8 * 8], 8, 8), false);
    assertTrue(VectorRowsF64.takes(row, square, 1, 8, 8));
    assertFalse(JavaGemmF64.takesVectorRows(blocking, row, square, 1, 8, 8));
  }

  @Example
  void resultsTurnedAroundAreTakenUpToMaxCopiedElements() {
    assumeTrue(VectorApi.enabled(), "core's tests run with the module (core/pom.xml)");
    // Columns a vector tall, A stored transposed (not copied), and rows no vector's width: the
    // result is turned around, and copied back, up to MAX_COPIED elements.
    int lanes = DoubleVector.SPECIES_PREFERRED.length();
    int cols = VectorRowsF64.MAX_COPIED / lanes;
    assertTrue(takes(lanes, cols, 150, true, false), "MAX_COPIED elements");
    assertFalse(takes(lanes, cols + 1, 150, true, false), "one column more");
  }

  private static boolean takes(int m, int n, int k, boolean ta, boolean tb) {
    MatrixBlockF64 a = ta ? MatrixBlockF64.of(new double[k * m], k, m)
        : MatrixBlockF64.of(new double[m * k], m, k);
    MatrixBlockF64 b = tb ? MatrixBlockF64.of(new double[n * k], n, k)
        : MatrixBlockF64.of(new double[k * n], k, n);
    return VectorRowsF64.takes(new OperandF64(a, ta), new OperandF64(b, tb), m, n, k);
  }
}
