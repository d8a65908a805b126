package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Java kernel's driver sends each product down the path its {@link JavaGemm.Blocking}
 * chooses ({@link JavaGemmBlockingTest} checks the choices themselves). The paths agree within
 * rounding ({@link GemmBackendProperties}), but most add in an order of their own: the direct
 * loop and the register blocks both form α·Σ a·b + β·c (no test can tell those two apart, and
 * none tries), the panels β·c + Σ (α·a)·b four terms at a time, turned around the same with
 * (α·b)·a, and the Vector API's small kernels (in a JVM with the module, as core's tests run)
 * β·c then each (α·a)·b fused in along the depth. So the exact bits of C tell which path ran:
 * each case below first checks that the paths it must be told from give other bits for its
 * values (else it could not tell), then that JavaGemm gives exactly the chosen path's.
 */
class JavaGemmPathsTest {
  /**
   * Panels 4 × 4, turned below 3 columns, direct below 100 multiply-adds, never parallel, never
   * in pairs, register blocks up to 12 elements.
   */
  private static final JavaGemm.Blocking BLOCKING = new JavaGemm.Blocking(4, 4, 3, 100,
      Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 12);
  /** α and β that are not powers of two, so that where they are applied shows in the bits. */
  private static final double ALPHA = 0.3;
  private static final double BETA = 0.7;

  private enum Path { DIRECT, REGISTER_BLOCKS, PANELS, TURNED_PANELS, VECTOR_ROWS }

  /** An m × k by k × n product over a C with values in it, the same values on every call. */
  private record Product(int m, int n, int k) {
    private MatrixBlockF64[] operands() {
      Random random = new Random(31L * m + 7L * n + k);
      return new MatrixBlockF64[] {
          MatrixBlockF64.of(random.doubles(m * k, -1, 1).toArray(), m, k),
          MatrixBlockF64.of(random.doubles(k * n, -1, 1).toArray(), k, n),
          MatrixBlockF64.of(random.doubles(m * n, -1, 1).toArray(), m, n)};
    }

    /** C computed by one path's kernel, called directly. */
    double[] by(Path path) {
      MatrixBlockF64[] abc = operands();
      OperandF64 left = new OperandF64(abc[0], false);
      OperandF64 right = new OperandF64(abc[1], false);
      MatrixBlockF64 c = abc[2];
      switch (path) {
        case DIRECT -> SmallGemmF64.gemm(ALPHA, left, right, BETA, c, k);
        case REGISTER_BLOCKS -> NarrowGemmF64.gemm(ALPHA, left, right, BETA, c, k);
        case PANELS -> new PanelsF64(ALPHA, left, right, BETA, c, false, m, n, k)
            .compute(0, m, BLOCKING);
        case VECTOR_ROWS -> VectorRowsF64.gemm(ALPHA, left, right, BETA, c, k);
        default -> new PanelsF64(ALPHA, right.transposed(), left.transposed(), BETA, c, true, n,
            m, k).compute(0, n, BLOCKING);
      }
      return c.data();
    }

    /** C computed by JavaGemm, which chooses the path. */
    double[] byJavaGemm() {
      MatrixBlockF64[] abc = operands();
      new JavaGemm(BLOCKING).gemm(ALPHA, abc[0], false, abc[1], false, BETA, abc[2]);
      return abc[2].data();
    }

    void takes(Path chosen, Path... others) {
      double[] expected = by(chosen);
      for (Path other : others) {
        assertFalse(Arrays.equals(expected, by(other)),
            this + ": " + chosen + " and " + other + " give the same bits, so cannot be told");
      }
      assertArrayEquals(expected, byJavaGemm(), this + " should take " + chosen);
    }
  }

  @Test
  void productsBelowSmallWorkTakeTheDirectLoop() {
    // 3·5·6 = 90 multiply-adds; 15 elements, too many for register blocks.
    new Product(3, 5, 6).takes(Path.DIRECT, Path.PANELS);
  }

  @Test
  void smallResultsOverALongDepthTakeRegisterBlocks() {
    // 3·4·20 = 240 multiply-adds into 12 elements.
    new Product(3, 4, 20).takes(Path.REGISTER_BLOCKS, Path.PANELS, Path.TURNED_PANELS);
  }

  @Test
  void widerResultsTakePanelsAsTheyAre() {
    // 4·5·20 = 400 multiply-adds into 20 elements, 5 columns: not turned.
    new Product(4, 5, 20).takes(Path.PANELS, Path.REGISTER_BLOCKS, Path.TURNED_PANELS);
  }

  @Test
  void narrowTallResultsTakePanelsTurnedAround() {
    // 8·2·10 = 160 multiply-adds into 16 elements, 2 columns below 3 and fewer than the rows.
    new Product(8, 2, 10).takes(Path.TURNED_PANELS, Path.PANELS, Path.REGISTER_BLOCKS);
  }

  @Test
  void resultsAVectorWideTakeTheVectorApisSmallKernelsWhereTheJvmHasThem() {
    assumeTrue(VectorApi.enabled(), "core's tests run with the module (core/pom.xml)");
    assumeTrue(VectorWarmupF64.rowsAreWarm(), "the small kernels never compiled in this JVM");
    // Rows one vector of the JVM's wide, 4,096 multiply-adds (JavaGemmF64.VECTOR_ROWS_WORK).
    int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
    new Product(16, lanes, 256 / lanes).takes(Path.VECTOR_ROWS, Path.PANELS, Path.DIRECT);
  }
  @Test
  void thePanelsPathsComputeTheProductTurnedOrNotInPairsOrNot() {
    // The tests above hold JavaGemm to a path's own kernel, which agrees with itself even where
    // it is wrong; here JavaGemm's panels paths against GemmCase's naive product (its tolerance:
    // a few roundings per multiply-add), with output rows in pairs (2 × 2 and up) and without.
    JavaGemm.Blocking inPairs = new JavaGemm.Blocking(4, 4, 3, 100, Long.MAX_VALUE, 2, 2, 12);
    for (JavaGemm.Blocking blocking : new JavaGemm.Blocking[] {BLOCKING, inPairs}) {
      for (boolean ta : new boolean[] {false, true}) {
        // 4 × 5 × 20 as it is, 8 × 2 × 10 turned around (Product's shapes above).
        new GemmCase(4, 5, 20, ta, !ta, ALPHA, BETA, false, 1, 5).checkF64(new JavaGemm(blocking));
        new GemmCase(8, 2, 10, ta, ta, ALPHA, BETA, false, 1, 6).checkF64(new JavaGemm(blocking));
      }
    }
  }

  @Test
  void theVectorKernelsTakeAtLeastVectorWorkAndTheSmallKernelsLess() {
    assumeTrue(VectorApi.enabled(), "core's tests run with the module (core/pom.xml)");
    assumeTrue(VectorWarmupF64.isWarm() && VectorWarmupF64.rowsAreWarm(), "never compiled");
    // 32 × 32 × 32 is VECTOR_WORK multiply-adds exactly, a result the tiles take.
    assertEquals(JavaGemmF64.VECTOR_WORK, 32L * 32 * 32);
    assertTrue(JavaGemmF64.takesVectorKernels(BLOCKING, 32, 32, 32), "VECTOR_WORK");
    assertFalse(JavaGemmF64.takesVectorKernels(BLOCKING, 32, 32, 31), "less than VECTOR_WORK");
    // Rows one vector wide, 64 of them, over the depth that makes VECTOR_WORK and one less.
    int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
    int k = (int) (JavaGemmF64.VECTOR_WORK / (64 * lanes));
    assertFalse(takesRows(64, lanes, k), "VECTOR_WORK goes to the tiles' side of the line");
    assertTrue(takesRows(64, lanes, k - 1), "less than VECTOR_WORK");
  }

  @Test
  void theVectorKernelsSplitProductsOfAtLeastVectorParallelWorkAcrossTheCores() {
    long parallel = JavaGemmF64.VECTOR_PARALLEL_WORK;
    assertEquals(1, JavaGemmF64.vectorTasks(parallel - 1), "one task below");
    assertEquals(Runtime.getRuntime().availableProcessors(), JavaGemmF64.vectorTasks(parallel));
  }

  private static boolean takesRows(int m, int n, int k) {
    OperandF64 left = new OperandF64(MatrixBlockF64.of(new double[m * k], m, k), false);
    OperandF64 right = new OperandF64(MatrixBlockF64.of(new double[k * n], k, n), false);
    return JavaGemmF64.takesVectorRows(BLOCKING, left, right, m, n, k);
  }
}
