package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The Vector API kernels ({@code VectorPanelsF64} and its float32 twin) against the naive product
 * of {@link GemmCase}, called directly so that every size reaches them: tiles cut by C's edges,
 * several blocks of the depth and of the columns, both ways of splitting a product across tasks.
 * core's tests run with {@code --add-modules jdk.incubator.vector} (core/pom.xml); the other
 * modules' tests run without it, and so keep JavaGemm's other paths covered in a whole build.
 */
class VectorPanelsTest {
  /** Calls the kernels with a fixed number of tasks, as a Gemm for {@link GemmCase}. */
  private record Direct(int tasks) implements Gemm {
    @Override
    public void gemm(double alpha, MatrixBlockF64 a, boolean transposeA, MatrixBlockF64 b,
        boolean transposeB, double beta, MatrixBlockF64 c) {
      int k = transposeA ? a.rows() : a.cols();
      VectorPanelsF64.gemm(alpha, new OperandF64(a, transposeA), new OperandF64(b, transposeB),
          beta, c, k, tasks);
    }

    @Override
    public void gemm(float alpha, MatrixBlockF32 a, boolean transposeA, MatrixBlockF32 b,
        boolean transposeB, float beta, MatrixBlockF32 c) {
      int k = transposeA ? a.rows() : a.cols();
      VectorPanelsF32.gemm(alpha, new OperandF32(a, transposeA), new OperandF32(b, transposeB),
          beta, c, k, tasks);
    }
  }

  @Example
  void theKernelsRunInThisBuildsTests() {
    assumeTrue(VectorApi.readable(), "core's surefire runs with --add-modules "
        + VectorApi.MODULE + "; this JVM was started without it");
    // Where the module is resolved, only narrow vectors, the property or a JVM without its
    // optimizing compiler (VectorApiCompilerTest) turn the kernels off.
    assertEquals(VectorApi.preferredBits() >= 256
            && !"false".equals(System.getProperty(VectorApi.PROPERTY))
            && VectorApi.optimizingCompilerRuns(), VectorApi.enabled(),
        "preferred vectors of " + VectorApi.preferredBits() + " bits");
  }

  @Provide
  Arbitrary<GemmCase> cases() {
    // Up to 70 rows: tiles of 6 rows end inside C and past it; up to 150 columns: a float64 tile
    // is 32 wide with 512-bit vectors, a float32 one 64.
    Arbitrary<Integer> rows = Arbitraries.integers().between(1, 70);
    Arbitrary<Integer> cols = Arbitraries.integers().between(1, 150);
    // Past one block of the depth (400 float64, 800 float32) now and then, evenly split.
    Arbitrary<Integer> depth = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(1, 40)),
        Tuple.of(1, Arbitraries.integers().between(390, 900)));
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<Double> alpha = Arbitraries.of(1.0, -0.5, 2.0);
    Arbitrary<Double> beta = Arbitraries.of(0.0, 1.0, -1.5);
    return Combinators.combine(rows, cols, depth, flag, flag, alpha, beta, flag)
        .as((m, n, k, ta, tb, a, b, nan) -> new GemmCase(m, n, k, ta, tb, a, b, nan, 3,
            31L * m + 17L * n + k));
  }

  @Property(tries = 150)
  void agreeWithTheNaiveProductInBothTypes(@ForAll("cases") GemmCase c,
      @ForAll("taskCounts") int tasks) {
    assumeTrue(VectorApi.enabled());
    c.checkF64(new Direct(tasks));
    c.checkF32(new Direct(tasks));
  }

  @Provide
  Arbitrary<Integer> taskCounts() {
    return Arbitraries.of(1, 2, 3);
  }

  @Example
  void productsWiderThanAColumnBlockAndDeeperThanADepthBlock() {
    assumeTrue(VectorApi.enabled());
    // columnBlock(k) columns are packed at once: one more column makes a last column block of
    // one column in float64 (three in float32, after two full ones), and these depths come in
    // three and two blocks.
    int deepF64 = 2 * VectorPanelsF64.DEPTH_BLOCK + 7;
    int deepF32 = VectorPanelsF32.DEPTH_BLOCK + 9;
    int wide = VectorPanelsF64.columnBlock(deepF64) + 1;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (int tasks : new int[] {1, 2}) {
          new GemmCase(13, wide, deepF64, ta, tb, 1, 0, true, 2, 5).checkF64(new Direct(tasks));
          new GemmCase(13, 2 * VectorPanelsF32.columnBlock(deepF32) + 3, deepF32, ta, tb, -0.5,
              1, false, 2, 6).checkF32(new Direct(tasks));
        }
      }
    }
  }

  @Example
  void theWarmUpOpensTheWayInBothTypes() {
    assumeTrue(VectorApi.enabled());
    // The verdict is whether the kernels get compiled at all (uncompiled they are hundreds of
    // times slower than the panels path, compiled faster; the margin is four times), not a
    // measure of their speed: false here means this JVM would never use them.
    assertTrue(VectorWarmupF64.isWarm(), "float64 kernels never compiled");
    assertTrue(VectorWarmupF32.isWarm(), "float32 kernels never compiled");
    assertTrue(JavaGemmF64.takesVectorKernels(JavaGemm.tuned(), 128, 256, 784));
    assertTrue(JavaGemmF32.takesVectorKernels(JavaGemm.tuned(), 128, 256, 784));
    // Small products keep the other paths, and never wait for the kernels.
    assertFalse(JavaGemmF64.takesVectorKernels(JavaGemm.tuned(), 150, 16, 4));
  }

  @Example
  void aColumnBlockIsTheWholePanelsThePackedRightHoldsAtItsDeepestBlock() {
    assumeTrue(VectorApi.enabled());
    // k's blocks are at most DEPTH_BLOCK deep and of even depth (the deepest one row deeper
    // than the others at most); B is packed as many whole panels wide as fit PACKED_RIGHT at
    // that depth. Shallow depths, where the 32-column panels do not hide a row of error, and
    // depths on both sides of one and of two full blocks.
    int block = VectorPanelsF64.DEPTH_BLOCK;
    for (int k : new int[] {1, 3, 7, 128, block - 1, block, block + 1, 2 * block + 7, 784}) {
      int blocks = (k + block - 1) / block;
      int deepest = (k + blocks - 1) / blocks;
      int columns = VectorPanelsF64.columnBlock(k);
      assertEquals(0, columns % VectorTileF64.TILE_COLS, "whole panels at depth " + k);
      assertTrue((long) columns * deepest <= VectorPanelsF64.PACKED_RIGHT, "fits, depth " + k);
      assertTrue((long) (columns + VectorTileF64.TILE_COLS) * deepest
          > VectorPanelsF64.PACKED_RIGHT, "one panel more would not fit, depth " + k);
    }
  }

  @Example
  void aProductIsSplitAlongTheSideOfCThatLeavesEachTaskLessToPack() {
    // Per task, split by columns: k·m of A and k·n/tasks of B; by rows: k·n and k·m/tasks. So
    // a wider C splits its columns, a taller one or a square its rows.
    for (int tasks : new int[] {2, 3, 8}) {
      for (int k : new int[] {300, 784}) {
        assertTrue(VectorPanelsF64.splitsColumns(128, 784, k, tasks), "wide, " + tasks);
        assertTrue(VectorPanelsF64.splitsColumns(128, 129, k, tasks), "a column wider");
        assertFalse(VectorPanelsF64.splitsColumns(784, 128, k, tasks), "tall, " + tasks);
        assertFalse(VectorPanelsF64.splitsColumns(129, 128, k, tasks), "a row taller");
        assertFalse(VectorPanelsF64.splitsColumns(256, 256, k, tasks), "square: rows");
      }
    }
  }

  @Example
  void theKernelsTakeResultsAtLeastHalfATileHighAndHalfATileWide() {
    assumeTrue(VectorApi.enabled());
    int halfHigh = VectorTileF64.TILE_ROWS / 2;
    int halfWide = VectorTileF64.TILE_COLS / 2;
    assertTrue(VectorPanelsF64.takes(halfHigh, halfWide, 1), "half a tile each way");
    assertFalse(VectorPanelsF64.takes(halfHigh - 1, 1000, 1000), "a row short of half a tile");
    assertFalse(VectorPanelsF64.takes(1000, halfWide - 1, 1000), "a column short of half");
  }

  @Example
  void javaGemmTakesTheKernelsForAnMlpLayer() {
    assumeTrue(VectorApi.enabled());
    assertTrue(VectorPanelsF64.takes(128, 256, 784), "a hidden layer's product");
    // A result narrower than half a tile would be mostly padding: the panels path's turn. A
    // tile is 32 columns with 512-bit vectors, 16 with 256-bit ones, so the limit is the tile's.
    int half = VectorTileF64.TILE_COLS / 2;
    assertTrue(VectorPanelsF64.takes(128, half, 128), "half a tile wide");
    assertFalse(VectorPanelsF64.takes(128, half - 1, 128), "narrower than half a tile");
    new GemmCase(128, 256, 300, false, true, 1, 0, true, 1, 9).checkF64(new JavaGemm());
    new GemmCase(128, 256, 300, true, false, 1, 1, false, 1, 9).checkF32(new JavaGemm());
  }

  @Example
  void theBitsDoNotDependOnHowManyTasksShareAProduct() {
    assumeTrue(VectorApi.enabled());
    // Each element's sums and merges are the same whichever task computes its tile: a seed's
    // bits must not change with the machine's core count. A transposed right operand, β = 1 and
    // two blocks of the depth take every path of the packing and of the merge.
    Random random = new Random(11);
    int m = 70;
    int n = 150;
    int k = VectorPanelsF64.DEPTH_BLOCK + 9;
    double[] a = random.doubles(m * k, -1, 1).toArray();
    double[] b = random.doubles(n * k, -1, 1).toArray();
    double[] start = random.doubles(m * n, -1, 1).toArray();
    double[][] results = new double[3][];
    for (int tasks = 1; tasks <= 3; tasks++) {
      double[] c = start.clone();
      VectorPanelsF64.gemm(0.5, new OperandF64(MatrixBlockF64.of(a, m, k), false),
          new OperandF64(MatrixBlockF64.of(b, n, k), true), 1, MatrixBlockF64.of(c, m, n), k,
          tasks);
      results[tasks - 1] = c;
    }
    // Exact: assertArrayEquals on doubles compares bits here, with no tolerance.
    assertArrayEquals(results[0], results[1], "two tasks");
    assertArrayEquals(results[0], results[2], "three tasks");
  }
}
