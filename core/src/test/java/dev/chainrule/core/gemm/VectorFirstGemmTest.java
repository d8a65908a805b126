package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * When the Vector API kernels are preferred to a native library, and which products then go to
 * them: the large, wide ones of either type, and small ones one or two vectors wide, once
 * compiled; the other small and narrow products stay with the library.
 */
class VectorFirstGemmTest {
  @Test
  void preferredOnlyToKernelsSetWithoutTheProcessorsAvx512() {
    assertTrue(VectorFirstGemm.outruns("Haswell", true, 512));
    assertTrue(VectorFirstGemm.outruns(" zen ", true, 512));
    assertFalse(VectorFirstGemm.outruns("SkylakeX", true, 512), "AVX-512 kernels");
    assertFalse(VectorFirstGemm.outruns("Haswell", false, 512), "no AVX-512 to leave out");
    assertFalse(VectorFirstGemm.outruns("Haswell", true, 0), "no Vector API kernels");
    assertFalse(VectorFirstGemm.outruns("Haswell", true, 256), "vectors as wide as AVX2's");
    assertFalse(VectorFirstGemm.outruns(null, true, 512), "OpenBLAS picks its own");
    assertFalse(VectorFirstGemm.outruns(" ", true, 512), "blank is unset");
  }

  @Test
  void theSelectionSuggestsTheModuleOnlyWhereItsKernelsWouldTakeProducts() {
    assertTrue(VectorFirstGemm.wouldOutrunWithTheModule("Haswell", true, false, false, 512));
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule("Haswell", true, true, false, 512),
        "the module is there already");
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule("Haswell", true, false, true, 512),
        "-Dchainrule.gemm.vector=false turned the kernels off");
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule("SkylakeX", true, false, false, 512),
        "OpenBLAS runs AVX-512 kernels");
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule("Haswell", false, false, false, 512),
        "no AVX-512 to gain");
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule(null, true, false, false, 512),
        "OpenBLAS picks its own kernels");
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule("Haswell", true, false, false, 256),
        "HotSpot gives this JVM 256-bit vectors (as on some Skylake Xeons, or -XX:UseAVX=2)");
    assertFalse(VectorFirstGemm.wouldOutrunWithTheModule("Haswell", true, false, false, 0),
        "no optimizing compiler (-XX:TieredStopAtLevel=1), or a JVM that does not say");
  }

  @Test
  void largeWideAndSmallVectorWideProductsGoToTheKernelsTheRestToTheLibrary() {
    assumeTrue(VectorApi.enabled(), "core's tests run with the Vector API (core/pom.xml)");
    awaitWarm();
    RecordingGemm library = new RecordingGemm();
    VectorFirstGemm gemm = new VectorFirstGemm(library);
    // A hidden layer's product, the Iris network's first layer (16 units, a vector or two) and
    // its three logits, and one narrower than half a tile (a classifier's ten outputs where the
    // vectors are 512 bits: a float64 tile is 32 columns then, 16 with 256-bit vectors).
    int narrowF64 = VectorTileF64.TILE_COLS / 2 - 1;
    int narrowF32 = VectorTileF32.TILE_COLS / 2 - 1;
    new GemmCase(128, 256, 64, false, true, 1, 0, true, 1, 1).checkF64(gemm);
    new GemmCase(150, 16, 4, false, true, 1, 0, false, 1, 3).checkF64(gemm);
    new GemmCase(150, 3, 16, false, true, 1, 0, false, 1, 7).checkF64(gemm);
    new GemmCase(128, narrowF64, 128, false, true, 1, 0, false, 1, 4).checkF64(gemm);
    // float32 alike: a layer's forward product (x·Wᵀ, whose panels float32 copies rather than
    // gathers) and the Iris layer to the kernels; the logits, and one narrower than half a
    // float32 tile (twice float64's lanes, so twice its columns) to the library.
    new GemmCase(128, 256, 64, false, true, 1, 1, false, 1, 2).checkF32(gemm);
    new GemmCase(150, 16, 4, false, true, 1, 0, false, 1, 5).checkF32(gemm);
    new GemmCase(150, 3, 16, false, true, 1, 0, false, 1, 8).checkF32(gemm);
    new GemmCase(128, narrowF32, 128, false, true, 1, 0, false, 1, 6).checkF32(gemm);
    // 16 units are a vector or two wide in both types with 512-bit vectors, only in float32
    // with 256-bit ones (four float64 lanes).
    boolean float64Rows = DoubleVector.SPECIES_PREFERRED.length() >= 8;
    List<String> expected = new ArrayList<>();
    if (!float64Rows) {
      expected.add("f64 150 x 16 x 4");
    }
    expected.addAll(List.of("f64 150 x 3 x 16", "f64 128 x " + narrowF64 + " x 128",
        "f32 150 x 3 x 16", "f32 128 x " + narrowF32 + " x 128"));
    assertEquals(expected, library.products);
  }

  @Test
  void productsOfAtLeastVectorWorkGoToTheTilesCountingATransposedAsDepthByItsRows() {
    assumeTrue(VectorApi.enabled(), "core's tests run with the Vector API (core/pom.xml)");
    awaitWarm();
    RecordingGemm library = new RecordingGemm();
    VectorFirstGemm gemm = new VectorFirstGemm(library);
    // 64 × 64 × 16 is VECTOR_WORK exactly; 128 × 256 over a depth of one (A stored transposed,
    // 1 × 128) is half of it, though A's 128 columns would make it a large product.
    assertEquals(VectorFirstGemm.VECTOR_WORK, 64L * 64 * 16);
    new GemmCase(64, 64, 16, false, false, 1, 0, false, 1, 9).checkF64(gemm);
    new GemmCase(64, 64, 16, true, false, 1, 0, false, 1, 10).checkF32(gemm);
    new GemmCase(128, 256, 1, true, true, 1, 0, false, 1, 11).checkF64(gemm);
    new GemmCase(128, 256, 1, true, true, 1, 0, false, 1, 12).checkF32(gemm);
    assertEquals(List.of("f64 128 x 256 x 1", "f32 128 x 256 x 1"), library.products);
  }

  @Test
  void aMissingOperandIsNamedInEitherType() {
    VectorFirstGemm gemm = new VectorFirstGemm(new RecordingGemm());
    MatrixBlockF64 b = MatrixBlockF64.of(new double[4], 2, 2);
    MatrixBlockF32 b32 = MatrixBlockF32.of(new float[4], 2, 2);
    NullPointerException missing = assertThrows(NullPointerException.class,
        () -> gemm.gemm(1.0, null, false, b, false, 0.0, b));
    assertEquals("gemm: A is null", missing.getMessage());
    missing = assertThrows(NullPointerException.class,
        () -> gemm.gemm(1f, b32, false, b32, false, 0f, null));
    assertEquals("gemm: C is null", missing.getMessage());
  }

  /** The first product that could take the kernels waits for this decision. */
  private static void awaitWarm() {
    assertTrue(VectorWarmupF64.isWarm(), "the float64 Vector API kernels were never compiled");
    assertTrue(VectorWarmupF32.isWarm(), "the float32 Vector API kernels were never compiled");
    assertTrue(VectorWarmupF64.rowsAreWarm(), "the float64 small kernels were never compiled");
    assertTrue(VectorWarmupF32.rowsAreWarm(), "the float32 small kernels were never compiled");
  }
}
