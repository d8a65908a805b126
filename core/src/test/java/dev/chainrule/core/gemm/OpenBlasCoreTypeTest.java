package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenBlasCoreTypeTest {
  private static final String HASWELL = "; OpenBLAS's kernels set by OPENBLAS_CORETYPE=Haswell";

  @Test
  void anAvx2CoreTypeOnAnAvx512ProcessorIsCalledOut() {
    String reason = OpenBlasCoreType.describe("Haswell", true);
    assertTrue(reason.startsWith(HASWELL + ", kernels without this processor's AVX-512 (unset it"),
        reason);
  }

  @Test
  void aCoreTypeThatFitsTheProcessorIsOnlyNamed() {
    assertEquals(HASWELL, OpenBlasCoreType.describe("Haswell", false),
        "a processor without AVX-512 loses nothing to AVX2 kernels");
    assertEquals("; OpenBLAS's kernels set by OPENBLAS_CORETYPE=skylakex",
        OpenBlasCoreType.describe("skylakex", true), "OpenBLAS reads the name in any case");
    assertEquals("; OpenBLAS's kernels set by OPENBLAS_CORETYPE=CooperLake",
        OpenBlasCoreType.describe("CooperLake", true));
  }

  @Test
  void theProcessorsFlagsAreReadFromCpuinfo(@TempDir Path folder) throws IOException {
    Path zen5 = Files.writeString(folder.resolve("zen5"), "processor\t: 0\nflags\t\t: fpu sse2 avx"
        + " avx2 fma avx512f avx512dq avx512vl\n");
    Path zen3 = Files.writeString(folder.resolve("zen3"), "flags\t\t: fpu sse2 avx avx2 fma\n");
    Path fp16Only = Files.writeString(folder.resolve("fp16"), "flags\t\t: avx2 avx512fp16\n");
    assertTrue(OpenBlasCoreType.processorHasAvx512(zen5));
    assertFalse(OpenBlasCoreType.processorHasAvx512(zen3));
    assertFalse(OpenBlasCoreType.processorHasAvx512(fp16Only), "avx512f is a whole flag");
    assertFalse(OpenBlasCoreType.processorHasAvx512(folder.resolve("absent")),
        "no cpuinfo (not Linux) loses only the warning");
  }

  @Test
  void aCpuinfoThatCannotBeDecodedLosesOnlyTheWarning(@TempDir Path folder) throws IOException {
    // Bytes that are not UTF-8 before the flags make Files.lines fail while streaming (an
    // UncheckedIOException): the selection of a backend must go on, without the warning.
    Path garbled = folder.resolve("garbled");
    Files.write(garbled, new byte[] {'x', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    Files.writeString(garbled, "flags\t\t: avx2 avx512f\n", StandardOpenOption.APPEND);
    assertFalse(OpenBlasCoreType.processorHasAvx512(garbled));
  }

  @Test
  void theProcessorsAnswerIsProcCpuinfos() {
    // Whatever this machine is: the no-argument form reads Linux's /proc/cpuinfo (false where
    // there is none).
    assertEquals(OpenBlasCoreType.processorHasAvx512(Path.of("/proc/cpuinfo")),
        OpenBlasCoreType.processorHasAvx512());
  }
}
