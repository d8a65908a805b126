package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search for a BLAS (the user's path, else the user's name in the folders, else the usual
 * names) on a file system of the test's own, and loading with a stand-in for netlib's binding:
 * where netlib is pointed, what a failed binding says, and the check that the library identified
 * is the one mapped into the process.
 */
class NativeBlasLoaderTest {
  private static final Path MAPS = Path.of("/proc/self/maps");

  @TempDir
  Path root;

  private Path lib;
  private Path openblas;
  private Path reference;
  private String savedPath;

  @BeforeEach
  void layOut() throws IOException {
    lib = Files.createDirectories(root.resolve("lib"));
    openblas = write("openblas-pthread/libopenblasp-r0.3.21.so", "openblas_get_config");
    Files.createSymbolicLink(lib.resolve("libopenblas.so.0"), openblas);
    reference = write("blas/libblas.so.3.11.0", "dgemm_ xerbla_");
    Files.createSymbolicLink(lib.resolve("libblas.so.3"), reference);
    savedPath = System.getProperty(NativeBlasLoader.PATH_PROPERTY);
  }

  /** load sets netlib's property, which the real binding reads once: put back what was there. */
  @AfterEach
  void restoreProperty() {
    if (savedPath == null) {
      System.clearProperty(NativeBlasLoader.PATH_PROPERTY);
    } else {
      System.setProperty(NativeBlasLoader.PATH_PROPERTY, savedPath);
    }
  }

  private Path write(String relative, String content) throws IOException {
    Path file = lib.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.ISO_8859_1);
  }

  private NativeBlasLoader loader(Supplier<BLAS> binding) {
    return new NativeBlasLoader(new BlasLocator(List.of(lib)), binding);
  }

  private NativeBlasLoader loader() {
    return loader(() -> {
      throw new AssertionError("a search must not load anything");
    });
  }

  @Test
  void theUsersPathIsTakenAsGivenOverWhatTheFoldersHold() throws IOException {
    NativeBlasSource.Search search = loader().search(reference.toString(), "libopenblas.so.0");
    assertEquals(Optional.of(new BlasLibrary(BlasLibrary.Kind.REFERENCE, reference.toRealPath())),
        search.library());
    assertEquals("reference BLAS at " + reference.toRealPath(), search.finding());
  }

  @Test
  void theUsersNameIsLookedForInTheFoldersInsteadOfTheUsualNames() throws IOException {
    NativeBlasSource.Search search = loader().search(null, "libblas.so.3");
    assertEquals(BlasLibrary.Kind.REFERENCE, search.library().orElseThrow().kind());
    assertEquals(reference.toRealPath(), search.library().orElseThrow().path());

    NativeBlasSource.Search missing = loader().search(null, "libmissing.so");
    assertFalse(missing.library().isPresent());
    assertEquals("no BLAS library found (looked for libmissing.so "
        + "(dev.ludovic.netlib.blas.nativeLib) in [" + lib + "])", missing.finding());
  }

  @Test
  void withoutEitherPropertyTheUsualNamesAreTriedOptimizedFirst() throws IOException {
    NativeBlasSource.Search search = loader().search(null, null);
    assertEquals(new BlasLibrary(BlasLibrary.Kind.OPENBLAS, openblas.toRealPath()),
        search.library().orElseThrow());
    assertEquals("OpenBLAS at " + openblas.toRealPath(), search.finding());

    Path empty = Files.createDirectories(root.resolve("empty"));
    NativeBlasSource.Search none = new NativeBlasLoader(new BlasLocator(List.of(empty)))
        .search(null, null);
    assertFalse(none.library().isPresent());
    assertEquals("no BLAS library found (looked for libopenblas.so.0, libopenblas.so, "
        + "libblis.so.4, libblis.so, libmkl_rt.so.2, libmkl_rt.so, libblas.so.3 in [" + empty
        + "])", none.finding());
  }

  @Test
  void aPathThatCannotBeReadIsAFindingNotAnException() {
    Path missing = root.resolve("nowhere/libblas.so.3");
    NativeBlasSource.Search search = loader().search(missing.toString(), null);
    assertFalse(search.library().isPresent());
    assertTrue(search.finding().startsWith("could not read " + missing
        + ": java.nio.file.NoSuchFileException"), search.finding());
  }

  @Test
  void aBindingThatFailsIsReportedWithWhatCausedIt() {
    BlasLibrary library = new BlasLibrary(BlasLibrary.Kind.OPENBLAS, openblas);
    UnsatisfiedLinkError link = new UnsatisfiedLinkError("no netlibblasjni in java.library.path");
    IllegalStateException plain = assertThrows(IllegalStateException.class,
        () -> loader(() -> {
          throw link;
        }).load(library));
    // Starts with: on Java 24+ the likely causes follow (NativeLoadFailureTest).
    String said = "netlib's JNI binding did not load " + openblas + ": " + link;
    assertTrue(plain.getMessage().startsWith(said), plain.getMessage());
    assertSame(link, plain.getCause());

    ExceptionInInitializerError wrapped = new ExceptionInInitializerError(link);
    IllegalStateException nested = assertThrows(IllegalStateException.class,
        () -> loader(() -> {
          throw wrapped;
        }).load(library));
    String nestedSaid = "netlib's JNI binding did not load " + openblas
        + ": java.lang.ExceptionInInitializerError (" + link + ")";
    assertTrue(nested.getMessage().startsWith(nestedSaid), nested.getMessage());
  }

  /** A file this process has mapped (the JVM's own library), as a loaded BLAS would be. */
  private static Path aMappedLibrary() throws IOException {
    return Files.readAllLines(MAPS).stream()
        .filter(line -> line.endsWith("/libjvm.so"))
        .map(line -> Path.of(line.substring(line.indexOf('/'))))
        .findFirst().orElseThrow();
  }

  @Test
  void loadingPointsNetlibAtTheLibraryFoundAndCallsTheBindingsBlas() throws IOException {
    assumeTrue(Files.isReadable(MAPS), "no /proc/self/maps on this system");
    BlasLibrary mapped = new BlasLibrary(BlasLibrary.Kind.UNKNOWN, aMappedLibrary());
    RecordingBlas blas = new RecordingBlas();
    System.clearProperty(NativeBlasLoader.PATH_PROPERTY);
    Gemm gemm = loader(() -> blas.blas).load(mapped);
    assertEquals(mapped.path().toString(), System.getProperty(NativeBlasLoader.PATH_PROPERTY));
    assertSame(mapped, assertInstanceOf(NativeGemm.class, gemm).library());
    // 8·8·8 multiply-adds, the tuned crossover: the library's.
    new GemmCase(8, 8, 8, false, false, 1, 0, false, 1, 1).checkF64(gemm);
    assertEquals(1, blas.gemms().size());
  }

  @Test
  void aPathTheUserSetIsLeftAlone() throws IOException {
    assumeTrue(Files.isReadable(MAPS), "no /proc/self/maps on this system");
    BlasLibrary mapped = new BlasLibrary(BlasLibrary.Kind.UNKNOWN, aMappedLibrary());
    System.setProperty(NativeBlasLoader.PATH_PROPERTY, "/the/users/libblas.so");
    loader(() -> new RecordingBlas().blas).load(mapped);
    assertEquals("/the/users/libblas.so", System.getProperty(NativeBlasLoader.PATH_PROPERTY));
  }

  @Test
  void aBindingOnAnotherLibraryThanTheOneIdentifiedIsRefused() {
    assumeTrue(Files.isReadable(MAPS), "no /proc/self/maps on this system");
    // The binding "loads", but the file identified was never mapped: netlib had been initialized
    // with another library before the property was set.
    BlasLibrary library = new BlasLibrary(BlasLibrary.Kind.OPENBLAS, openblas);
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> loader(() -> new RecordingBlas().blas).load(library));
    assertEquals("netlib's JNI binding loaded another library than " + openblas + " (it was "
        + "initialized before dev.ludovic.netlib.blas.nativeLibPath was set)",
        refused.getMessage());
  }
}
