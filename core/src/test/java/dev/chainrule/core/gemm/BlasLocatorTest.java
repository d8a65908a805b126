package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The folders searched for a BLAS, from LD_LIBRARY_PATH and the processor's multiarch name. */
class BlasLocatorTest {
  private static List<Path> paths(String... folders) {
    return Stream.of(folders).map(Path::of).toList();
  }

  @Test
  void ldLibraryPathComesFirstWithoutBlankEntriesThenTheUsualFoldersEachOnce() {
    BlasLocator locator = BlasLocator.ofSystem("/opt/a: :/opt/b::/usr/lib:", "amd64");
    assertEquals(paths("/opt/a", "/opt/b", "/usr/lib", "/usr/lib/x86_64-linux-gnu",
        "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/local/lib", "/opt/OpenBLAS/lib"),
        locator.folders());
  }

  @Test
  void withoutLdLibraryPathOnlyTheUsualFoldersOfThisArchitecture() {
    assertEquals(paths("/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64",
        "/lib64", "/usr/lib", "/usr/local/lib", "/opt/OpenBLAS/lib"),
        BlasLocator.ofSystem(null, "aarch64").folders());
  }

  @Test
  void eachArchitectureHasDebiansMultiarchName() {
    assertEquals("x86_64-linux-gnu", BlasLocator.multiarchTriplet("amd64"));
    assertEquals("x86_64-linux-gnu", BlasLocator.multiarchTriplet("x86_64"));
    assertEquals("aarch64-linux-gnu", BlasLocator.multiarchTriplet("aarch64"));
    assertEquals("aarch64-linux-gnu", BlasLocator.multiarchTriplet("ARM64"));
    assertEquals("powerpc64le-linux-gnu", BlasLocator.multiarchTriplet("ppc64le"));
    assertEquals("riscv64-linux-gnu", BlasLocator.multiarchTriplet("riscv64"));
    assertEquals("s390x-linux-gnu", BlasLocator.multiarchTriplet("s390x"));
  }

  @Test
  void thisSystemsFoldersEndWithTheUsualOnes() {
    List<Path> folders = BlasLocator.ofSystem().folders();
    String triplet = BlasLocator.multiarchTriplet(System.getProperty("os.arch", ""));
    assertTrue(folders.containsAll(paths("/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64",
        "/lib64", "/usr/lib", "/usr/local/lib", "/opt/OpenBLAS/lib")), folders.toString());
  }
}
