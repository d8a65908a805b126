package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** I/O failures in words for a message: what went wrong, not the Java exception's class name. */
final class IoFailures {
  /**
   * What an interrupted thread's I/O failure is. A file channel closes itself when its thread is
   * interrupted and throws an exception without a message, which read as "input/output failure",
   * a broken disk, while the file was fine and read once the interrupt status was cleared.
   */
  static final String INTERRUPTED = "the thread was interrupted (Thread.interrupt,"
      + " Future.cancel(true)), which stops a file channel's reads and writes: no fault of the"
      + " file or the disk";

  private IoFailures() {}

  /**
   * {@code no such file or folder}, {@code permission denied (/x/.m.tmp)}, {@code no space left
   * on device}, ...: the file is named when it is not {@code source} itself (a temporary file).
   * An interruption is named as one, and the thread's interrupt status is set again: an {@link
   * InterruptedIOException} may have cleared it, and the caller that interrupted the thread asks
   * it to stop, which the checkpoint's exception alone would not say to the code above. A
   * temporary file the failed write left ({@link TemporaryFileLeft}) is named after the failure.
   */
  static String describe(IOException e, String source) {
    StringBuilder left = new StringBuilder();
    for (Throwable suppressed : e.getSuppressed()) {
      if (suppressed instanceof TemporaryFileLeft temp) {
        left.append("; ").append(temp.getMessage());
      }
    }
    return failure(e, source) + left;
  }

  private static String failure(IOException e, String source) {
    if (interrupted(e)) {
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    }
    if (e instanceof FileSystemException fs) {
      String what = e instanceof NoSuchFileException ? "no such file or folder"
          : e instanceof AccessDeniedException ? "permission denied"
          : fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT)
          : "file system failure";
      String file = fs.getFile();
      return file == null || file.equals(source) ? what : what + " (" + file + ")";
    }
    return e.getMessage() == null ? "input/output failure" : e.getMessage();
  }

  /** Whether {@code e} is the I/O of an interrupted thread stopping, not a fault. */
  static boolean interrupted(IOException e) {
    // A socket's timeout is an InterruptedIOException too, but no interruption.
    return e instanceof ClosedByInterruptException || e instanceof FileLockInterruptionException
        || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException);
  }
}
