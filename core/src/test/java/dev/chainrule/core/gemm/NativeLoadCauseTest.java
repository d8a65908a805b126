package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed load of netlib's binding tells: netlib logs the real cause at FINE on its
 * InstanceBuilder's logger and throws "Unable to load native implementation" without a cause, so
 * the loader captures that log (leaving the logger as it was, printing nothing more); and a
 * java.io.tmpdir that is no path here must not turn the report into another exception. The
 * bindings are stand-ins that log and throw as netlib's does.
 */
class NativeLoadCauseTest {
  private static final BlasLibrary OPENBLAS =
      new BlasLibrary(BlasLibrary.Kind.OPENBLAS, Path.of("/nowhere/libopenblas.so.0"));
  /** What dlopen said of netlib's copy in a java.io.tmpdir mounted noexec. */
  private static final UnsatisfiedLinkError NOEXEC = new UnsatisfiedLinkError(
      "/tmp/libnetlibblasjni123.so: /tmp/libnetlibblasjni123.so: failed to map segment from"
      + " shared object");

  private final Logger builderLog = Logger.getLogger(NativeBlasLoader.BUILDER_LOG);
  private final Logger root = Logger.getLogger("");
  private final List<LogRecord> reachingRoot = new ArrayList<>();
  private final Handler rootWatch = new Collecting(reachingRoot);
  private String savedPath;
  private String savedTmpDir;

  /** Collects records, as the console handler would print them. */
  private static final class Collecting extends Handler {
    private final List<LogRecord> into;

    Collecting(List<LogRecord> into) {
      this.into = into;
      setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (record.getLoggerName().startsWith("dev.ludovic.netlib")) {
        into.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @BeforeEach
  void watch() {
    savedPath = System.getProperty(NativeBlasLoader.PATH_PROPERTY);
    savedTmpDir = System.getProperty("java.io.tmpdir");
    root.addHandler(rootWatch);
  }

  @AfterEach
  void restore() {
    root.removeHandler(rootWatch);
    System.setProperty("java.io.tmpdir", savedTmpDir);
    if (savedPath == null) {
      System.clearProperty(NativeBlasLoader.PATH_PROPERTY);
    } else {
      System.setProperty(NativeBlasLoader.PATH_PROPERTY, savedPath);
    }
  }

  /** Why netlib's Vector API fallback did not load, which it logs too: not the native cause. */
  private static final NoClassDefFoundError NO_VECTOR_API =
      new NoClassDefFoundError("jdk/incubator/vector/Vector");

  /**
   * Fails as netlib's NativeBLAS.getInstance does, after logging {@code cause} as it does, and
   * its INFO line and why a fallback did not load.
   */
  private Supplier<BLAS> netlibFailing(Throwable cause) {
    return () -> {
      builderLog.log(Level.FINE,
          "Failed to load implementation from:dev.ludovic.netlib.blas.JNIBLAS", cause);
      builderLog.log(Level.FINE,
          "Failed to load implementation from:dev.ludovic.netlib.blas.VectorBLAS", NO_VECTOR_API);
      builderLog.info("Using dev.ludovic.netlib.blas.Java11BLAS");
      throw new RuntimeException("Unable to load native implementation");
    };
  }

  private IllegalStateException loadFailing(Throwable cause) {
    NativeBlasLoader loader =
        new NativeBlasLoader(new BlasLocator(List.of()), netlibFailing(cause));
    return assertThrows(IllegalStateException.class, () -> loader.load(OPENBLAS));
  }

  @Test
  void theCauseNetlibLoggedIsInTheMessage(@TempDir Path tmp) {
    System.setProperty("java.io.tmpdir", tmp.toString());
    Level level = builderLog.getLevel();
    boolean useParents = builderLog.getUseParentHandlers();
    Handler[] handlers = builderLog.getHandlers();
    String message = loadFailing(new ExceptionInInitializerError(NOEXEC)).getMessage();
    assertTrue(message.contains("java.lang.RuntimeException: Unable to load native implementation"
        + "; netlib logged: java.lang.ExceptionInInitializerError caused by " + NOEXEC), message);
    assertFalse(message.contains(NO_VECTOR_API.toString()), message);
    // A writable folder, but dlopen's words say it may not allow executing the copy.
    assertTrue(message.contains("; java.io.tmpdir (" + tmp + ") may be mounted noexec"), message);
    // The logger is as it was, and nothing reached the console: the loader quiets netlib.
    assertEquals(level, builderLog.getLevel());
    assertEquals(useParents, builderLog.getUseParentHandlers());
    assertArrayEquals(handlers, builderLog.getHandlers());
    assertEquals(List.of(), reachingRoot);
  }

  @Test
  void aLoggerTheUserConfiguredStillGetsWhatItAskedFor() {
    List<LogRecord> users = new ArrayList<>();
    Handler handler = new Collecting(users);
    builderLog.setLevel(Level.FINE);
    builderLog.setUseParentHandlers(false);
    builderLog.addHandler(handler);
    try {
      UnsatisfiedLinkError gfortran =
          new UnsatisfiedLinkError("libgfortran.so.5: cannot open shared object file");
      String message = loadFailing(gfortran).getMessage();
      assertTrue(message.contains("; netlib logged: " + gfortran), message);
      assertFalse(message.contains("noexec"), message);
      assertEquals(Level.FINE, builderLog.getLevel());
      assertFalse(builderLog.getUseParentHandlers());
      assertArrayEquals(new Handler[] {handler}, builderLog.getHandlers());
      // All three records, once each, as without the capture.
      assertEquals(3, users.size());
      assertEquals(gfortran, users.get(0).getThrown());
      // Each names the code that logged it, not the replay (which named ArrayList.forEach).
      for (LogRecord record : users) {
        assertEquals(NativeLoadCauseTest.class.getName(), record.getSourceClassName());
      }
      assertEquals(List.of(), reachingRoot);
    } finally {
      builderLog.removeHandler(handler);
      builderLog.setUseParentHandlers(true);
      builderLog.setLevel(null);
    }
  }

  @Test
  void recordsNamingNoBindingAreAllKept() {
    // Should netlib's wording change, a cause is still better given twice than not at all.
    LogRecord other = new LogRecord(Level.FINE, "Failed to load");
    other.setThrown(NOEXEC);
    assertEquals(NOEXEC.toString(), NativeBlasLoader.loggedThrowables(List.of(other)));
    assertEquals("", NativeBlasLoader.loggedThrowables(
        List.of(new LogRecord(Level.INFO, "Using dev.ludovic.netlib.blas.Java11BLAS"))));
  }

  @Test
  void aBindingThatLogsNothingAddsNothing() {
    Level level = builderLog.getLevel();
    NativeBlasLoader loader = new NativeBlasLoader(new BlasLocator(List.of()), () -> {
      throw new RuntimeException("Unable to load native implementation");
    });
    String message = assertThrows(IllegalStateException.class, () -> loader.load(OPENBLAS))
        .getMessage();
    assertFalse(message.contains("netlib logged"), message);
    assertEquals(level, builderLog.getLevel());
  }

  @Test
  void aTemporaryFolderThatIsNoPathIsNotUsable() {
    // NUL is refused by every Path.of, as a name the file-name encoding cannot hold is under C.
    String noPath = "/tmp/x\u0000y";
    assertFalse(NativeBlasLoader.usableFolder(noPath));
    assertTrue(NativeBlasLoader.usableFolder(savedTmpDir));
    System.setProperty("java.io.tmpdir", noPath);
    String message = loadFailing(NOEXEC).getMessage();
    assertTrue(message.contains("; java.io.tmpdir (" + noPath + ") is not a writable folder"),
        message);
  }
  @Test
  void loggersWithNoLevelUpToTheRootCountAsInfo() {
    // Logging configured without a level anywhere, not even the root's (load() gives netlib's
    // own logger WARNING first, so the capture is called directly): netlib's FINE record is
    // still captured, and logged again afterwards only as far as its level lets it.
    Logger netlib = Logger.getLogger("dev.ludovic.netlib.blas");
    Level netlibLevel = netlib.getLevel();
    Level rootLevel = root.getLevel();
    Level builderLevel = builderLog.getLevel();
    netlib.setLevel(null);
    root.setLevel(null);
    try {
      List<LogRecord> captured = new ArrayList<>();
      assertEquals("bound", NativeBlasLoader.capturingNetlibLog(() -> {
        builderLog.log(Level.FINE, "Failed to load", NOEXEC);
        return "bound";
      }, captured));
      assertEquals(1, captured.size());
      assertEquals(NOEXEC, captured.get(0).getThrown());
      assertEquals(builderLevel, builderLog.getLevel(), "as it was");
    } finally {
      netlib.setLevel(netlibLevel);
      root.setLevel(rootLevel);
    }
  }

  @Test
  void aFileOrAMissingFolderIsNotUsable(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("file"));
    assertFalse(NativeBlasLoader.usableFolder(file.toString()), "a file");
    assertFalse(NativeBlasLoader.usableFolder(dir.resolve("missing").toString()), "missing");
    assertTrue(NativeBlasLoader.usableFolder(dir.toString()), "a writable folder");
  }

  @Test
  void aCauseChainThatLoopsIsGivenEightDeep() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);
    LogRecord record = new LogRecord(Level.FINE, "Failed to load");
    record.setThrown(first);
    String said = NativeBlasLoader.loggedThrowables(List.of(record));
    // Eight throwables: the first and seven causes, alternating.
    assertEquals(7, said.split(" caused by ", -1).length - 1, said);
    assertTrue(said.startsWith(first.toString()) && said.endsWith(second.toString()), said);
  }
}
