package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
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
  void mklAndAtlasAreToldByTheirNamesOrFolders() throws IOException {
    layOut();
    BlasLibrary mkl = BlasLibrary.identify(file("intel/libmkl_rt.so.2", "dgemm_"));
    assertEquals(BlasLibrary.Kind.MKL, mkl.kind());
    assertEquals(lib.resolve("intel/libmkl_rt.so.2").toRealPath(), mkl.path());
    // Debian's ATLAS answers to libblas.so.3 too, in a folder of its own: not the reference.
    assertEquals(BlasLibrary.Kind.ATLAS,
        BlasLibrary.identify(file("atlas/libblas.so.3", "dgemm_ xerbla_")).kind());
    assertEquals(BlasLibrary.Kind.ATLAS,
        BlasLibrary.kindFromPath(Path.of("/usr/lib/x86_64-linux-gnu/atlas/libblas.so.3")));
    assertEquals(BlasLibrary.Kind.MKL,
        BlasLibrary.kindFromPath(Path.of("/opt/intel/oneapi/mkl/lib/libmkl_rt.so.2")));
  }

  @Test
  void filesUpTo256MibAreScannedAndLargerOnesAreNot() throws IOException {
    layOut();
    // Sparse files (no disk space where the file system has holes) with the marker in their last
    // bytes, where only a scan of the whole file finds it; named libblas, so an unscanned one is
    // taken for the reference. Scanning the 256 MiB takes about a second.
    long limit = 256L << 20;
    assertEquals(BlasLibrary.Kind.OPENBLAS, BlasLibrary.identify(sparse("h", limit)).kind());
    assertEquals(BlasLibrary.Kind.REFERENCE, BlasLibrary.identify(sparse("i", limit + 1)).kind());
  }

  private Path sparse(String folder, long size) throws IOException {
    Path file = Files.createDirectories(lib.resolve(folder)).resolve("libblas.so.3");
    byte[] marker = "openblas_get_config".getBytes(StandardCharsets.US_ASCII);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(size);
      out.seek(size - marker.length);
      out.write(marker);
    }
    assertEquals(size, Files.size(file));
    return file;
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
