package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The choice of backend, with what the native search "found" injected, not this machine's. */
class GemmSelectionTest {
  private static final Path OPENBLAS =
      Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so");
  private static final Path REFERENCE = Path.of("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0");

  /** A source that finds the given library (or nothing) and loads it as {@code loaded}. */
  private static final class FakeSource implements NativeBlasSource {
    private final Optional<BlasLibrary> library;
    private final Gemm loaded;
    private int loads;

    FakeSource(BlasLibrary.Kind kind, Path path, Gemm loaded) {
      this.library = kind == null ? Optional.empty() : Optional.of(new BlasLibrary(kind, path));
      this.loaded = loaded;
    }

    @Override
    public Search search() {
      return new Search(library, library.map(l -> l.kind() + " at " + l.path())
          .orElse("no BLAS library found (looked for libopenblas.so.0 in /nowhere)"));
    }

    @Override
    public Gemm load(BlasLibrary found) {
      loads++;
      if (loaded == null) {
        throw new IllegalStateException("netlib's JNI binding did not load " + found.path());
      }
      return loaded;
    }
  }

  private final Gemm nativeStandIn = new EjmlGemm();

  @Test
  void automaticChoiceTakesAnOptimizedLibraryThatLoads() {
    for (BlasLibrary.Kind kind : new BlasLibrary.Kind[] {BlasLibrary.Kind.OPENBLAS,
        BlasLibrary.Kind.BLIS, BlasLibrary.Kind.MKL}) {
      // OpenBLAS left to pick its own kernels: the library takes every product.
      GemmSelection selection =
          GemmSelection.decide(null, new FakeSource(kind, OPENBLAS, nativeStandIn), name -> null);
      assertSame(nativeStandIn, selection.gemm().orElseThrow(), kind.toString());
      assertTrue(selection.reason().startsWith("chosen automatically"), selection.reason());
    }
  }

  @Test
  void openBlasHeldBelowTheProcessorsVectorsSharesTheProductsWithTheVectorApiKernels() {
    GemmSelection haswell = GemmSelection.decide(null,
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn),
        name -> name.equals("OPENBLAS_CORETYPE") ? "Haswell" : null);
    // What this machine and JVM allow: AVX-512 in the processor, 512-bit vectors in the JVM.
    boolean outruns = VectorApi.kernelBits() >= 512 && OpenBlasCoreType.processorHasAvx512();
    Gemm chosen = haswell.gemm().orElseThrow();
    assertEquals(outruns, chosen instanceof VectorFirstGemm, haswell.toString());
    assertEquals(outruns, haswell.reason().contains("; products of at least 65536"
        + " multiply-adds go to the Java kernels on the Vector API's 512-bit vectors instead"),
        haswell.reason());
    // core's tests run with the module, so the reason never suggests it here; the hint itself,
    // and when it is given (VectorFirstGemmTest), are tested apart.
    assertFalse(haswell.reason().contains("--add-modules"), haswell.reason());
    assertEquals("r", GemmSelection.withModuleHint("r", false));
    assertTrue(GemmSelection.withModuleHint("r", true).startsWith("r; in a JVM started with"
        + " --add-modules jdk.incubator.vector, chainrule's own kernels on 512-bit vectors"
        + " would take the large products instead"));
    // Kernels of the processor's own width, or insisting on native: the library takes them all.
    GemmSelection skylake = GemmSelection.decide(null,
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn),
        name -> name.equals("OPENBLAS_CORETYPE") ? "SkylakeX" : null);
    assertSame(nativeStandIn, skylake.gemm().orElseThrow());
    GemmSelection insisted = GemmSelection.decide("native",
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn),
        name -> name.equals("OPENBLAS_CORETYPE") ? "Haswell" : null);
    assertSame(nativeStandIn, insisted.gemm().orElseThrow());
  }

  @Test
  void automaticChoiceNeverTakesTheReferenceBlasAndDoesNotEvenLoadIt() {
    FakeSource source = new FakeSource(BlasLibrary.Kind.REFERENCE, REFERENCE, nativeStandIn);
    GemmSelection selection = GemmSelection.decide(null, source);
    assertInstanceOf(JavaGemm.class, selection.gemm().orElseThrow());
    assertEquals(0, source.loads);
    assertEquals("Java, chosen automatically; native not used: reference BLAS at " + REFERENCE
        + " is not an optimized BLAS (OpenBLAS, BLIS or MKL)", selection.toString());
  }

  @Test
  void automaticChoiceFallsBackToJavaWhenNothingIsFoundOrLoadingFails() {
    GemmSelection none = GemmSelection.decide("", new FakeSource(null, null, nativeStandIn));
    assertInstanceOf(JavaGemm.class, none.gemm().orElseThrow());
    assertTrue(none.reason().contains("no BLAS library found"), none.reason());

    GemmSelection broken =
        GemmSelection.decide(null, new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, null));
    assertInstanceOf(JavaGemm.class, broken.gemm().orElseThrow());
    assertTrue(broken.reason().contains("did not load " + OPENBLAS), broken.reason());
  }

  @Test
  void javaAndEjmlAreTakenAsAskedWithoutLookingForNativeCode() {
    FakeSource source = new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn);
    assertEquals("Java, chosen with -Dchainrule.gemm=java",
        GemmSelection.decide("java", source).toString());
    assertEquals("EJML, chosen with -Dchainrule.gemm=ejml",
        GemmSelection.decide(" EJML ", source).toString());
    assertEquals(0, source.loads);
  }

  @Test
  void nativeOnRequestTakesAnyLibraryButTheReferenceOne() {
    GemmSelection unidentified = GemmSelection.decide("native",
        new FakeSource(BlasLibrary.Kind.UNKNOWN, Path.of("/opt/x/libblas.so"), nativeStandIn));
    assertSame(nativeStandIn, unidentified.gemm().orElseThrow());
    assertEquals("chosen with -Dchainrule.gemm=native", unidentified.reason());
  }

  @Test
  void nativeOnRequestFailsWithTheReasonWhenUnavailable() {
    GemmSelection reference = GemmSelection.decide("native",
        new FakeSource(BlasLibrary.Kind.REFERENCE, REFERENCE, nativeStandIn));
    assertFalse(reference.gemm().isPresent());
    assertTrue(reference.reason().startsWith("-Dchainrule.gemm=native, but the only BLAS is "
        + "reference BLAS at " + REFERENCE + ", the unoptimized reference implementation"),
        reference.reason());
    assertTrue(reference.reason().contains("apt-get install libopenblas0-pthread"));

    GemmSelection none = GemmSelection.decide("native", new FakeSource(null, null, null));
    assertFalse(none.gemm().isPresent());
    assertTrue(none.reason().contains("no BLAS library found"), none.reason());

    GemmSelection broken = GemmSelection.decide("native",
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, null));
    assertFalse(broken.gemm().isPresent());
    assertTrue(broken.reason().contains("did not load"), broken.reason());
  }

  @Test
  void anUnknownBackendNameIsRefused() {
    GemmSelection selection =
        GemmSelection.decide("cuda", new FakeSource(null, null, nativeStandIn));
    assertFalse(selection.gemm().isPresent());
    assertEquals("no GEMM backend: -Dchainrule.gemm=cuda is not a backend; use java, ejml or "
        + "native", selection.toString());
  }

  @Test
  void restorePutsBackTheSelectionThatSetReplacedWithItsDescription() {
    GemmSelection before = GemmBackend.selection();
    Gemm original = GemmBackend.get();
    Gemm other = original instanceof JavaGemm ? new EjmlGemm() : new JavaGemm();
    try {
      assertSame(original, GemmBackend.set(other));
      assertSame(other, GemmBackend.get());
      assertTrue(GemmBackend.describe().contains("installed with GemmBackend.set"),
          GemmBackend.describe());
    } finally {
      GemmBackend.restore(before);
    }
    assertSame(original, GemmBackend.get());
    assertEquals(before.toString(), GemmBackend.describe());
  }

  @Test
  void anOpenBlasChoiceSaysHowItsKernelsWereChosen() {
    GemmSelection forced = GemmSelection.decide(null,
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn),
        name -> name.equals("OPENBLAS_CORETYPE") ? " SkylakeX " : null);
    assertTrue(forced.reason().endsWith("; OpenBLAS's kernels set by OPENBLAS_CORETYPE=SkylakeX"),
        forced.reason());
    GemmSelection detected = GemmSelection.decide("native",
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn), name -> null);
    assertTrue(detected.reason().startsWith("chosen with -Dchainrule.gemm=native; OpenBLAS picks"
        + " its kernels for this processor (OPENBLAS_VERBOSE=2 prints which"), detected.reason());
    GemmSelection blank = GemmSelection.decide(null,
        new FakeSource(BlasLibrary.Kind.OPENBLAS, OPENBLAS, nativeStandIn), name -> "");
    assertTrue(blank.reason().contains("OpenBLAS picks its kernels"), blank.reason());
    GemmSelection blis = GemmSelection.decide(null,
        new FakeSource(BlasLibrary.Kind.BLIS, OPENBLAS, nativeStandIn), name -> "SkylakeX");
    assertFalse(blis.reason().contains("OPENBLAS"), "BLIS reads no OpenBLAS variable");
  }
}
