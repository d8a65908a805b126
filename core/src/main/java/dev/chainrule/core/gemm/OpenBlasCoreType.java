package dev.chainrule.core.gemm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an {@code OPENBLAS_CORETYPE} setting means on this processor. The variable makes OpenBLAS
 * use one processor's kernels whatever it runs on; set for a machine without AVX-512 (or shared
 * by machines of several kinds), it keeps a processor that has AVX-512 on kernels half its vector
 * width. On a 2-core AMD EPYC with AVX-512, {@code OPENBLAS_CORETYPE=Haswell} held a 128 × 784 ×
 * 256 float32 product at 146 GFLOP/s against 230 with OpenBLAS's own choice, the MLP epoch's
 * largest product (docs/performance-history.md). So the selection's reason says so, the one place
 * a user reading {@code bench} or {@code --verbose} learns why the native backend is slow.
 */
final class OpenBlasCoreType {
  /** OpenBLAS's x86 core types whose kernels use AVX-512 (its {@code dynamic.c} names). */
  private static final Set<String> WITH_AVX512 = Set.of("skylakex", "cooperlake",
      "sapphirerapids");
  private static final Pattern AVX512_FLAG = Pattern.compile("\\bavx512f\\b");

  private OpenBlasCoreType() {}

  /**
   * The reason's words on a core type: which kernels it sets, and a warning when they leave out
   * the AVX-512 this processor has.
   *
   * @param coreType the variable's value, stripped and not blank
   * @param processorHasAvx512 whether this processor reports AVX-512 (F)
   */
  static String describe(String coreType, boolean processorHasAvx512) {
    String set = "; OpenBLAS's kernels set by OPENBLAS_CORETYPE=" + coreType;
    if (!leavesOutAvx512(coreType, processorHasAvx512)) {
      return set;
    }
    return set + ", kernels without this processor's AVX-512 (unset it to let OpenBLAS choose;"
        + " on an AMD EPYC that made products 1.5 to 1.6 times as fast)";
  }

  /**
   * Whether the core type sets kernels without the AVX-512 this processor has.
   *
   * @param coreType the variable's value, stripped and not blank
   * @param processorHasAvx512 whether this processor reports AVX-512 (F)
   */
  static boolean leavesOutAvx512(String coreType, boolean processorHasAvx512) {
    return processorHasAvx512 && !WITH_AVX512.contains(coreType.toLowerCase(Locale.ROOT));
  }

  /** Whether Linux reports AVX-512 (F) for this processor; false where it cannot tell. */
  static boolean processorHasAvx512() {
    return processorHasAvx512(Path.of("/proc/cpuinfo"));
  }

  /** {@link #processorHasAvx512()} read from the given cpuinfo file, for tests. */
  static boolean processorHasAvx512(Path cpuinfo) {
    if (!Files.isReadable(cpuinfo)) {
      return false;
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.filter(line -> line.startsWith("flags"))
          .findFirst()
          .map(flags -> AVX512_FLAG.matcher(flags).find())
          .orElse(false);
    } catch (IOException | RuntimeException e) {
      // An unreadable or odd cpuinfo only loses the warning; it must not stop the selection.
      return false;
    }
  }
}
