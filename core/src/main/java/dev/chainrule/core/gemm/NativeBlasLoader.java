package dev.chainrule.core.gemm;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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

  /**
   * The logger of netlib's {@code InstanceBuilder}, which logs at FINE the Throwable that kept
   * its JNI binding from loading before throwing "Unable to load native implementation".
   */
  static final String BUILDER_LOG = "dev.ludovic.netlib.blas.InstanceBuilder";

  /** netlib's JNI binding, which InstanceBuilder names in the message of its record. */
  static final String JNI_CLASS = "dev.ludovic.netlib.blas.JNIBLAS";

  /** What glibc's dlopen says of a library on a file system mounted noexec. */
  static final String NOEXEC_ERROR = "failed to map segment from shared object";

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
    List<LogRecord> logged = new ArrayList<>();
    try {
      blas = capturingNetlibLog(binding, logged);
    } catch (Throwable e) {  // UnsatisfiedLinkError, ExceptionInInitializerError, RuntimeException
      String tmpDir = System.getProperty("java.io.tmpdir", "");
      String reported = loggedThrowables(logged);
      throw new IllegalStateException("netlib's JNI binding did not load " + library.path() + ": "
          + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
          + (reported.isEmpty() ? "" : "; netlib logged: " + reported)
          + likelyCauses(tmpDir, usableFolder(tmpDir), reported, Runtime.version().feature(),
              moduleWithoutNativeAccess()), e);
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
   * Runs {@code binding} while {@value #BUILDER_LOG} is captured into {@code into}: netlib catches
   * why its JNI binding failed (an UnsatisfiedLinkError, an unwritable folder, ...), logs it there
   * at FINE and throws a RuntimeException without a cause, so the log is the only place the real
   * cause appears. The logger's level, handlers and use of its parents' handlers are restored
   * afterwards, and the records captured are then logged again through it, so a record shows
   * (on the console, say) exactly when it would have without the capture. Synchronized: a
   * second capture at once saved the first one's temporary state and put it back for good.
   */
  static synchronized <T> T capturingNetlibLog(Supplier<T> binding, List<LogRecord> into) {
    Logger log = Logger.getLogger(BUILDER_LOG);
    Level level = log.getLevel();
    boolean useParentHandlers = log.getUseParentHandlers();
    Handler[] handlers = log.getHandlers();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        // A record finds its source (class and method) when first asked, from the stack: asked
        // at the replay, it named the replay's ArrayList.forEach.
        record.getSourceClassName();
        synchronized (into) {
          into.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    try {
      for (Handler handler : handlers) {
        log.removeHandler(handler);
      }
      log.setUseParentHandlers(false);
      log.addHandler(capture);
      Level effective = effectiveLevel(log);
      log.setLevel(effective.intValue() < Level.FINE.intValue() ? effective : Level.FINE);
      return binding.get();
    } finally {
      log.removeHandler(capture);
      for (Handler handler : handlers) {
        log.addHandler(handler);
      }
      log.setUseParentHandlers(useParentHandlers);
      log.setLevel(level);
      synchronized (into) {
        into.forEach(log::log);
      }
    }
  }

  /** The level a logger logs at: its own, else its nearest ancestor's (INFO if none has one). */
  private static Level effectiveLevel(Logger log) {
    for (Logger at = log; at != null; at = at.getParent()) {
      if (at.getLevel() != null) {
        return at.getLevel();
      }
    }
    return Level.INFO;
  }

  /**
   * The throwables of {@code records}, each with its chain of causes; empty when none has one.
   * Only those of records naming netlib's JNI binding when there are such: netlib also logs why
   * its Java fallbacks did not load (the Vector API's module not added, say), which is not why
   * the native one did not.
   */
  static String loggedThrowables(List<LogRecord> records) {
    List<LogRecord> thrown;
    synchronized (records) {
      thrown = records.stream().filter(record -> record.getThrown() != null).toList();
    }
    List<LogRecord> jni = thrown.stream()
        .filter(record -> String.valueOf(record.getMessage()).contains(JNI_CLASS)).toList();
    List<String> said = new ArrayList<>();
    for (LogRecord record : jni.isEmpty() ? thrown : jni) {
      StringBuilder chain = new StringBuilder();
      // Bounded: a cause chain may loop.
      Throwable t = record.getThrown();
      for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
        chain.append(depth == 0 ? "" : " caused by ").append(t);
      }
      said.add(chain.toString());
    }
    return String.join("; ", said);
  }

  /**
   * Whether {@code dir} is a writable folder; false too for a name that is no path here (one the
   * file-name encoding cannot hold, say, under {@code LC_ALL=C}), which must not turn the report
   * of a failed load into another exception.
   */
  static boolean usableFolder(String dir) {
    try {
      Path path = Path.of(dir);
      return Files.isDirectory(path) && Files.isWritable(path);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * What may have kept netlib from loading, which its own error ("Unable to load native
   * implementation") does not say: it copies its JNI library into java.io.tmpdir and loads it
   * from there, so that folder must be writable and allow executing files (not be mounted
   * noexec), and from Java 24 a JVM started with {@code --illegal-native-access=deny} (a later
   * Java's default) refuses the load to a module whose native access was not enabled. Empty when
   * no such condition holds.
   *
   * @param tmpDir the value of java.io.tmpdir
   * @param tmpDirUsable whether it is a writable folder
   * @param logged what netlib logged of the failure ({@link #loggedThrowables}), maybe empty
   * @param javaFeature the Java release, {@code Runtime.version().feature()}
   * @param moduleWithoutNativeAccess the name for {@code --enable-native-access} of netlib's
   *     module when its native access is not enabled, else null
   */
  static String likelyCauses(String tmpDir, boolean tmpDirUsable, String logged, int javaFeature,
      String moduleWithoutNativeAccess) {
    String causes = "";
    if (!tmpDirUsable) {
      causes = "; java.io.tmpdir (" + tmpDir + ") is not a writable folder, and netlib copies its"
          + " JNI library there to load it: set -Djava.io.tmpdir to a writable folder not mounted"
          + " noexec";
    } else if (logged.contains(NOEXEC_ERROR)) {
      causes = "; java.io.tmpdir (" + tmpDir + ") may be mounted noexec, and netlib copies its JNI"
          + " library there to load it: set -Djava.io.tmpdir to a writable folder not mounted"
          + " noexec";
    }
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
