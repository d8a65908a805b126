package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The process-wide backend: chosen from {@code -Dchainrule.gemm} on first use and kept, and a
 * failed choice reported by {@link GemmBackend#get()} with its reason. Each test puts back the
 * selection it found.
 */
class GemmBackendTest {
  @Test
  void getThrowsTheReasonWhenTheRequestedBackendIsUnavailable() {
    GemmSelection saved = GemmBackend.selection();
    String reason = "-Dchainrule.gemm=native, but no BLAS library found (looked for nothing)";
    try {
      GemmBackend.restore(new GemmSelection(Optional.empty(), reason));
      assertEquals(reason,
          assertThrows(IllegalStateException.class, GemmBackend::get).getMessage());
      assertEquals("no GEMM backend: " + reason, GemmBackend.describe());
    } finally {
      GemmBackend.restore(saved);
    }
  }

  @Test
  void theFirstCallChoosesFromThePropertyAndLaterCallsKeepThatChoice() throws Exception {
    GemmSelection saved = GemmBackend.selection();
    String property = System.getProperty(GemmSelection.PROPERTY);
    // No method forgets the choice (a process makes it once); the test does, to be the first call.
    Field chosen = GemmBackend.class.getDeclaredField("selection");
    chosen.setAccessible(true);
    try {
      System.setProperty(GemmSelection.PROPERTY, "ejml");
      chosen.set(null, null);
      GemmSelection first = GemmBackend.selection();
      assertEquals("EJML, chosen with -Dchainrule.gemm=ejml", first.toString());
      assertInstanceOf(EjmlGemm.class, GemmBackend.get());
      System.setProperty(GemmSelection.PROPERTY, "java");
      assertSame(first, GemmBackend.selection());
      assertInstanceOf(EjmlGemm.class, GemmBackend.get());
    } finally {
      if (property == null) {
        System.clearProperty(GemmSelection.PROPERTY);
      } else {
        System.setProperty(GemmSelection.PROPERTY, property);
      }
      GemmBackend.restore(saved);
    }
  }
}
