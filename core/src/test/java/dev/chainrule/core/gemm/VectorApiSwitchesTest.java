package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * What {@link VectorApi} reads besides the compiler: whether the module is there, the property
 * that turns the kernels off, and the width of the vectors they run on.
 */
class VectorApiSwitchesTest {
  @Test
  void theModuleIsReadableExactlyWhenItsClassesLoad() {
    boolean loads;
    try {
      Class.forName("jdk.incubator.vector.DoubleVector");
      loads = true;
    } catch (ClassNotFoundException absent) {
      loads = false;
    }
    assertEquals(loads, VectorApi.readable());
  }

  @Test
  void onlyThePropertySetToFalseTurnsTheKernelsOff() {
    String before = System.getProperty(VectorApi.PROPERTY);
    try {
      System.clearProperty(VectorApi.PROPERTY);
      assertFalse(VectorApi.turnedOff(), "unset");
      System.setProperty(VectorApi.PROPERTY, "true");
      assertFalse(VectorApi.turnedOff(), "true");
      System.setProperty(VectorApi.PROPERTY, " False ");
      assertTrue(VectorApi.turnedOff(), "false, in any case and spacing");
    } finally {
      if (before == null) {
        System.clearProperty(VectorApi.PROPERTY);
      } else {
        System.setProperty(VectorApi.PROPERTY, before);
      }
    }
  }

  @Test
  void theKernelsRunOnThePreferredVectorsAtLeast256BitsWide() {
    assumeTrue(VectorApi.enabled(), "core's surefire runs with --add-modules " + VectorApi.MODULE);
    assertEquals(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize(),
        VectorApi.kernelBits());
    assertTrue(VectorApi.kernelBits() >= 256, "narrower vectors keep the kernels off");
  }
}
