package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a file this user may not write, for tests of saves that must refuse it. Mode 0444 is
 * enough for other users; root writes such a file regardless ({@code Files.isWritable} says so),
 * so as root the file is also made immutable ({@code chattr +i}), which root may not write
 * either. A test aborts where neither works.
 */
public final class ReadOnlyFiles {
  private ReadOnlyFiles() {}

  /** Undoes {@link #make}, so the test's folder can be deleted. */
  public interface Undo extends AutoCloseable {
    @Override
    void close() throws IOException, InterruptedException;
  }

  /**
   * Makes {@code file} read-only to this user.
   *
   * @param file an existing regular file
   * @return what makes it writable again; close it before the test's folder is deleted
   */
  public static Undo make(Path file) throws IOException, InterruptedException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("no POSIX permissions here");
    }
    boolean immutable = false;
    if (Files.isWritable(file)) {
      immutable = chattr("+i", file);
    }
    boolean madeImmutable = immutable;
    Undo undo = () -> {
      if (madeImmutable) {
        chattr("-i", file);
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    };
    if (Files.isWritable(file)) {
      undo.close();
      Assumptions.abort("this user writes read-only files, and chattr +i failed");
    }
    return undo;
  }

  private static boolean chattr(String change, Path file) throws InterruptedException {
    try {
      Process chattr = new ProcessBuilder("chattr", change, file.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return chattr.waitFor() == 0;
    } catch (IOException noChattr) {
      return false;
    }
  }
}
