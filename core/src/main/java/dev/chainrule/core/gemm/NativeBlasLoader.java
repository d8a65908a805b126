package dev.chainrule.core.gemm;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The system's native BLAS through {@code dev.ludovic.netlib:blas}, whose JNI binding
 * {@code dlopen}s the library named by the system property {@value #PATH_PROPERTY} (else
 * {@value #NAME_PROPERTY}, else {@code libblas.so.3}). The search takes the user's path, else
 * looks the user's name up in the library folders, else tries the names of {@link BlasLocator}
 * (optimized ones first); unless the user set the path, loading points {@value #PATH_PROPERTY} at
 * the real path of what was found, so the file identified is the file loaded. After loading,
 * {@code /proc/self/maps} must show it mapped, which catches a binding that another part of the
 * program had already initialized with another library.
 */
final class NativeBlasLoader implements NativeBlasSource {
  static final String PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  static final String NAME_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";

  /**
   * netlib announces at INFO, on standard error, which implementation it uses: a line in every
   * program's output. Quieted to warnings unless the user configured it;
   * {@link GemmBackend#describe} says the same and more. Held here, because java.util.logging keeps
   * loggers weakly.
   */
  private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas");

  private final BlasLocator locator;
  private final Supplier<BLAS> binding;

  NativeBlasLoader(BlasLocator locator) {
    this(locator, NativeBLAS::getInstance);
  }

  /** With another binding than netlib's JNI one, so tests can load without a native library. */
  NativeBlasLoader(BlasLocator locator, Supplier<BLAS> binding) {
    this.locator = locator;
    this.binding = binding;
  }

  static NativeBlasLoader ofSystem() {
    return new NativeBlasLoader(BlasLocator.ofSystem());
  }

  @Override
  public Search search() {
    return search(System.getProperty(PATH_PROPERTY), System.getProperty(NAME_PROPERTY));
  }

  /**
   * {@link #search()} with the values of {@value #PATH_PROPERTY} and {@value #NAME_PROPERTY}
   * given (null when unset), for tests: netlib reads the same properties when it loads.
   */
  Search search(String userPath, String userName) {
    Optional<Path> target;
    String looked;
    if (userPath != null) {
      target = Optional.of(Path.of(userPath));
      looked = PATH_PROPERTY + "=" + userPath;
    } else if (userName != null) {
      target = locator.find(userName);
      looked = userName + " (" + NAME_PROPERTY + ") in " + locator.folders();
    } else {
      target = locator.find();
      looked = String.join(", ", BlasLocator.NAMES) + " in " + locator.folders();
    }
    if (target.isEmpty()) {
      return new Search(Optional.empty(), "no BLAS library found (looked for " + looked + ")");
    }
    try {
      BlasLibrary library = BlasLibrary.identify(target.get());
      return new Search(Optional.of(library), library.kind() + " at " + library.path());
    } catch (IOException | RuntimeException e) {
      return new Search(Optional.empty(), "could not read " + target.get() + ": " + e);
    }
  }

  @Override
  public Gemm load(BlasLibrary library) {
    if (System.getProperty(PATH_PROPERTY) == null) {
      System.setProperty(PATH_PROPERTY, library.path().toString());
    }
    if (NETLIB_LOG.getLevel() == null) {
      NETLIB_LOG.setLevel(Level.WARNING);
    }
    BLAS blas;
    try {
      blas = binding.get();
    } catch (Throwable e) {  // UnsatisfiedLinkError, ExceptionInInitializerError, RuntimeException
      String tmpDir = System.getProperty("java.io.tmpdir", "");
      Path tmp = Path.of(tmpDir);
      throw new IllegalStateException("netlib's JNI binding did not load " + library.path() + ": "
          + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
          + likelyCauses(tmpDir, Files.isDirectory(tmp) && Files.isWritable(tmp),
              Runtime.version().feature(), moduleWithoutNativeAccess()), e);
    }
    Path maps = Path.of("/proc/self/maps");
    if (Files.isReadable(maps)) {
      try {
        if (!Files.readString(maps).contains(library.path().toString())) {
          throw new IllegalStateException("netlib's JNI binding loaded another library than "
              + library.path() + " (it was initialized before " + PATH_PROPERTY + " was set)");
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not read " + maps + " to confirm "
            + library.path() + " was loaded: " + e, e);
      }
    }
    return new NativeGemm(blas, library);
  }

  /**
   * What may have kept netlib from loading, which its own error ("Unable to load native
   * implementation") does not say: it copies its JNI library into java.io.tmpdir before loading
   * it, and from Java 24 a JVM started with {@code --illegal-native-access=deny} (a later Java's
   * default) refuses the load to a module whose native access was not enabled. Empty when
   * neither condition holds.
   *
   * @param tmpDir the value of java.io.tmpdir
   * @param tmpDirUsable whether it is a writable folder
   * @param javaFeature the Java release, {@code Runtime.version().feature()}
   * @param moduleWithoutNativeAccess the name for {@code --enable-native-access} of netlib's
   *     module when its native access is not enabled, else null
   */
  static String likelyCauses(String tmpDir, boolean tmpDirUsable, int javaFeature,
      String moduleWithoutNativeAccess) {
    String causes = tmpDirUsable ? "" : "; java.io.tmpdir (" + tmpDir + ") is not a writable"
        + " folder, and netlib copies its JNI library there to load it: set -Djava.io.tmpdir to one";
    if (javaFeature >= 24 && moduleWithoutNativeAccess != null) {
      causes += "; on Java 24 and later the JVM may deny native access"
          + " (--illegal-native-access=deny): run java with --enable-native-access="
          + moduleWithoutNativeAccess;
    }
    return causes;
  }

  /**
   * netlib's module as {@code --enable-native-access} names it, when its native access is not
   * enabled; null when it is, or the Java release has no such control ({@code
   * Module.isNativeAccessEnabled} came in Java 22, called reflectively from this Java 17 code).
   */
  private static String moduleWithoutNativeAccess() {
    Module module = NativeBLAS.class.getModule();
    try {
      Object enabled = Module.class.getMethod("isNativeAccessEnabled").invoke(module);
      if (Boolean.TRUE.equals(enabled)) {
        return null;
      }
    } catch (ReflectiveOperationException | RuntimeException olderJava) {
      return null;
    }
    return module.isNamed() ? module.getName() : "ALL-UNNAMED";
  }
}
