package dev.chainrule.core.gemm;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;

/**
 * Whether {@link JavaGemm} may run its products on the incubating Vector API
 * ({@code VectorPanelsF64}, {@code VectorRowsF64}): only when the JVM resolved the module
 * ({@code java --add-modules jdk.incubator.vector ...}; without it the module's classes do not
 * load, and nothing here touches them), when the preferred vectors are at least 256 bits
 * (narrower ones gain nothing over HotSpot's own vectorized loops), when HotSpot's optimizing
 * compiler runs ({@link #optimizingCompilerRuns()}), and unless
 * {@code -D}{@value #PROPERTY}{@code =false} turns it off. The answer is read once: a JVM cannot
 * gain or lose a module while it runs.
 */
final class VectorApi {
  /** The system property that turns the Vector API kernels off: {@code false}. */
  static final String PROPERTY = "chainrule.gemm.vector";
  static final String MODULE = "jdk.incubator.vector";
  private static final int MIN_BITS = 256;

  private static final boolean ENABLED = decide();

  private VectorApi() {}

  /** Whether the Vector API kernels run. */
  static boolean enabled() {
    return ENABLED;
  }

  /** The width in bits of the vectors the kernels run on, or 0 where they do not run. */
  static int kernelBits() {
    return ENABLED ? preferredBits() : 0;
  }

  /** Whether the module is resolved, in this JVM's boot layer. */
  static boolean readable() {
    return ModuleLayer.boot().findModule(MODULE).isPresent();
  }

  /** The preferred vector's width in bits; call only when {@link #readable()}. */
  static int preferredBits() {
    return Bits.PREFERRED;
  }

  /** Whether {@code -D}{@value #PROPERTY}{@code =false} turns the kernels off. */
  static boolean turnedOff() {
    return "false".equalsIgnoreCase(System.getProperty(PROPERTY, "").strip());
  }

  private static boolean decide() {
    return !turnedOff() && readable() && preferredBits() >= MIN_BITS && optimizingCompilerRuns();
  }

  /**
   * Whether HotSpot's optimizing compiler (C2) runs, which compiles the Vector API to vector
   * instructions: not under {@code -Xint}, {@code -XX:CompilationMode=quick-only}, nor {@code
   * -XX:TieredStopAtLevel} below 4 with tiered compilation. Without it the kernels' warm-up
   * would wait its whole patience (30 s) at the first product that could take them, for a
   * verdict known beforehand. Where the JVM does not say (no {@code jdk.management}, another
   * JVM, an option it lacks), the warm-up decides.
   */
  static boolean optimizingCompilerRuns() {
    HotSpotDiagnosticMXBean vm = diagnostics();
    return vm == null || optimizingCompilerRuns(name -> vmOption(vm, name));
  }

  /**
   * {@link #optimizingCompilerRuns()} read from {@code options}, which gives a VM option's value,
   * or null where the JVM has no such option: a method of its own so that the answer for the
   * options other JVMs run with can be checked in this one.
   */
  static boolean optimizingCompilerRuns(UnaryOperator<String> options) {
    boolean stopsEarly = "true".equals(options.apply("TieredCompilation"))
        && stopLevel(options.apply("TieredStopAtLevel")) < 4;
    return !"false".equals(options.apply("UseCompiler"))
        && !"quick-only".equals(options.apply("CompilationMode")) && !stopsEarly;
  }

  /**
   * Whether this JVM is known to compile the Vector API to vector instructions: HotSpot answers,
   * its optimizing compiler runs ({@link #optimizingCompilerRuns()}) and is C2, not a JVMCI
   * compiler such as Graal's, and {@code -XX:-EnableVectorSupport} has not turned the API's
   * intrinsics off. Then the kernels' warm-up only compiles them and its verdict is known
   * beforehand: decided by the clock, a machine busy enough to starve the compiler threads for
   * the warm-up's whole patience chose the other kernel, and other bits, than the same program on
   * a quiet machine. Where the JVM does not say, the warm-up's timing decides.
   */
  static boolean compilesToVectors() {
    HotSpotDiagnosticMXBean vm = diagnostics();
    return vm != null && optimizingCompilerRuns()
        && !"true".equals(vmOption(vm, "UseJVMCICompiler"))
        && !"false".equals(vmOption(vm, "EnableVectorSupport"));
  }

  /**
   * The widest vectors HotSpot's optimizing compiler emits, in bits ({@code -XX:MaxVectorSize},
   * which the Vector API's preferred species follows), read without the module; 0 where the JVM
   * does not say. A processor with AVX-512 does not always get 512 bits: HotSpot holds some
   * Skylake Xeons to AVX2, and {@code -XX:UseAVX} or {@code -XX:MaxVectorSize} lower it.
   */
  static int compilerVectorBits() {
    HotSpotDiagnosticMXBean vm = diagnostics();
    String bytes = vm == null ? null : vmOption(vm, "MaxVectorSize");
    try {
      return bytes == null ? 0 : Math.max(0, Integer.parseInt(bytes.strip())) * Byte.SIZE;
    } catch (NumberFormatException unreadable) {
      return 0;
    }
  }

  /** HotSpot's diagnostic bean, or null on a JVM without it. */
  private static HotSpotDiagnosticMXBean diagnostics() {
    try {
      return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    } catch (RuntimeException | LinkageError notHotSpot) {
      return null;
    }
  }

  /** A VM option's value, or null where this JVM has no such option. */
  private static String vmOption(HotSpotDiagnosticMXBean vm, String name) {
    try {
      return vm.getVMOption(name).getValue();
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  private static int stopLevel(String value) {
    try {
      return value == null ? 4 : Integer.parseInt(value.strip());
    } catch (NumberFormatException unreadable) {
      return 4;
    }
  }

  /** Holds what touches the module's classes, so that they load only when it is readable. */
  private static final class Bits {
    static final int PREFERRED = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
  }
}
