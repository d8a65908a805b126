package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** I/O failures in words for a message: what went wrong, not the Java exception's class name. */
final class IoFailures {
  private IoFailures() {}

  /**
   * {@code no such file or folder}, {@code permission denied (/x/.m.tmp)}, {@code no space left
   * on device}, ...: the file is named when it is not {@code source} itself (a temporary file).
   */
  static String describe(IOException e, String source) {
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
}
