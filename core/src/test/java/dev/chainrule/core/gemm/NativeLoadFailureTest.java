package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Why an installed OpenBLAS did not load. netlib says only "Unable to load native
 * implementation", both when it cannot copy its JNI library into an unwritable java.io.tmpdir
 * and when the JVM denies native access (JDK 24+ with --illegal-native-access=deny), and the
 * refusal advised installing the OpenBLAS that was installed. The conditions are passed in, not
 * this JVM's.
 */
class NativeLoadFailureTest {
  private static final Path OPENBLAS =
      Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so");

  /** Finds OpenBLAS, which then fails to load with {@code message}. */
  private record FailingSource(String message) implements NativeBlasSource {
    @Override
    public Search search() {
      BlasLibrary library = new BlasLibrary(BlasLibrary.Kind.OPENBLAS, OPENBLAS);
      return new Search(Optional.of(library), "OpenBLAS at " + OPENBLAS);
    }

    @Override
    public Gemm load(BlasLibrary library) {
      throw new IllegalStateException(message);
    }
  }

  @Test
  void aFoundLibraryThatDidNotLoadIsNotToBeInstalled() {
    GemmSelection failed = GemmSelection.decide("native",
        new FailingSource("netlib's JNI binding did not load " + OPENBLAS), name -> null);
    assertFalse(failed.gemm().isPresent());
    assertEquals("-Dchainrule.gemm=native, but netlib's JNI binding did not load " + OPENBLAS
        + "; leave chainrule.gemm unset to use the Java kernel", failed.reason());
  }

  @Test
  void anUnwritableTemporaryFolderIsNamed() {
    assertEquals("; java.io.tmpdir (/nonexistent) is not a writable folder, and netlib copies its"
        + " JNI library there to load it: set -Djava.io.tmpdir to a writable folder not mounted"
        + " noexec", NativeBlasLoader.likelyCauses("/nonexistent", false, "", 17, null));
  }

  @Test
  void deniableNativeAccessIsNamedFromJava24() {
    String advice = "; on Java 24 and later the JVM may deny native access"
        + " (--illegal-native-access=deny): run java with --enable-native-access=ALL-UNNAMED";
    assertEquals(advice, NativeBlasLoader.likelyCauses("/tmp", true, "", 25, "ALL-UNNAMED"));
    assertTrue(NativeBlasLoader.likelyCauses("/x", false, "", 24, "ALL-UNNAMED").endsWith(advice));
    // Before 24 access is only warned about; with access enabled it is not the cause.
    assertEquals("", NativeBlasLoader.likelyCauses("/tmp", true, "", 23, "ALL-UNNAMED"));
    assertEquals("", NativeBlasLoader.likelyCauses("/tmp", true, "", 25, null));
  }
}
