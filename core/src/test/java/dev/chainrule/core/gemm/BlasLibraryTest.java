package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telling BLAS libraries apart on a file system laid out the way Debian's update-alternatives
 * does it, in a temporary folder: the name {@code libblas.so.3} leads to the reference library or
 * to OpenBLAS depending on where the symbolic links point.
 */
class BlasLibraryTest {
  @TempDir
  Path root;

  private Path lib;
  private Path alternatives;

  private void layOut() throws IOException {
    lib = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
    alternatives = Files.createDirectories(root.resolve("etc/alternatives"));
  }

  private Path file(String relative, String content) throws IOException {
    Path file = lib.resolve(relative);
    Files.createDirectories(file.getParent());
    // Padding around the text, so a marker is found inside binary-looking content.
    byte[] padding = new byte[5000];
    Files.write(file, padding);
    Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1),
        java.nio.file.StandardOpenOption.APPEND);
    return file;
  }

  /** lib/name → etc/alternatives/name → target, as update-alternatives links them. */
  private void alternative(String name, Path target) throws IOException {
    Path link = alternatives.resolve(name + "-x86_64-linux-gnu");
    Files.createSymbolicLink(link, target);
    Files.createSymbolicLink(lib.resolve(name), link);
  }

  @Test
  void libblasPointingAtTheReferenceImplementationIsReference() throws IOException {
    layOut();
    Path reference = file("blas/libblas.so.3.11.0", "dgemm_ xerbla_");
    Files.createSymbolicLink(lib.resolve("blas/libblas.so.3"), reference);
    alternative("libblas.so.3", lib.resolve("blas/libblas.so.3"));

    BlasLibrary found = BlasLibrary.identify(
        new BlasLocator(List.of(lib)).find().orElseThrow());
    assertEquals(BlasLibrary.Kind.REFERENCE, found.kind());
    assertEquals(reference.toRealPath(), found.path());
  }

  @Test
  void openblasIsFoundBeforeLibblasAndIdentifiedByItsRealPath() throws IOException {
    layOut();
    file("blas/libblas.so.3", "dgemm_");
    alternative("libblas.so.3", lib.resolve("blas/libblas.so.3"));
    Path openblas = file("openblas-pthread/libopenblasp-r0.3.21.so", "dgemm_ cblas_dgemm");
    Files.createSymbolicLink(lib.resolve("openblas-pthread/libopenblas.so.0"), openblas);
    alternative("libopenblas.so.0", lib.resolve("openblas-pthread/libopenblas.so.0"));

    BlasLibrary found = BlasLibrary.identify(
        new BlasLocator(List.of(root.resolve("nowhere"), lib)).find().orElseThrow());
    assertEquals(BlasLibrary.Kind.OPENBLAS, found.kind());
    assertEquals(openblas.toRealPath(), found.path());
  }

  @Test
  void libblasLeadingToAnOptimizedLibraryIsThatLibrary() throws IOException {
    layOut();
    file("blis-openmp/libblas.so.3", "dgemm_");
    alternative("libblas.so.3", lib.resolve("blis-openmp/libblas.so.3"));
    assertEquals(BlasLibrary.Kind.BLIS,
        BlasLibrary.identify(new BlasLocator(List.of(lib)).find().orElseThrow()).kind());
  }

  @Test
  void aLibraryWhosePathSaysNothingIsIdentifiedByTheNamesInside() throws IOException {
    layOut();
    assertEquals(BlasLibrary.Kind.OPENBLAS,
        BlasLibrary.identify(file("a/libblas.so.3", "dgemm_ openblas_get_config")).kind());
    assertEquals(BlasLibrary.Kind.OPENBLAS,
        BlasLibrary.identify(file("b/libblas.so.3", "dgemm_ libopenblas.so.0")).kind());
    assertEquals(BlasLibrary.Kind.BLIS,
        BlasLibrary.identify(file("c/libblas.so.3", "bli_info_get_version_str")).kind());
    assertEquals(BlasLibrary.Kind.MKL,
        BlasLibrary.identify(file("d/libblas.so.3", "mkl_serv_cpu_detect")).kind());
    assertEquals(BlasLibrary.Kind.REFERENCE,
        BlasLibrary.identify(file("e/libblas.so.3", "dgemm_ xerbla_")).kind());
    assertEquals(BlasLibrary.Kind.UNKNOWN,
        BlasLibrary.identify(file("f/libsomething.so", "dgemm_")).kind());
  }

  @Test
  void aMarkerAcrossTwoReadChunksIsStillSeen() throws IOException {
    layOut();
    Path file = lib.resolve("g/libblas.so.3");
    Files.createDirectories(file.getParent());
    byte[] content = new byte[(1 << 20) + 100];
    byte[] marker = "openblas_get_config".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marker, 0, content, (1 << 20) + 32 - 5, marker.length);
    Files.write(file, content);
    assertEquals(BlasLibrary.Kind.OPENBLAS, BlasLibrary.identify(file).kind());
  }

  @Test
  void nothingFoundWhenNoFolderHasABlas() throws IOException {
    layOut();
    assertEquals(java.util.Optional.empty(), new BlasLocator(List.of(lib)).find());
  }
}
