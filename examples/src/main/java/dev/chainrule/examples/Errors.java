package dev.chainrule.examples;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.MemoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** One line, for people, about what went wrong: no Java class names, no raw bytes. */
final class Errors {
  /** Longest message printed; longer ones end in "…". */
  static final int MAX_LENGTH = 1000;

  private Errors() {}

  static String describe(Throwable e) {
    return describe(e, null);
  }

  /**
   * {@link #describe(Throwable)} for the command that was running, whose options an
   * out-of-memory error's advice names when it says which ({@link MemoryOptions}).
   */
  static String describe(Throwable e, Object command) {
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String text;
    if (cause instanceof NoSuchFileException missing) {
      text = "no such file: " + missing.getFile();
    } else if (cause instanceof AccessDeniedException denied) {
      text = "permission denied: " + denied.getFile();
    } else if (cause instanceof FileSystemException fs && fs.getReason() != null) {
      text = fs.getReason().toLowerCase(Locale.ROOT) + ": " + fs.getFile();
    } else if (cause instanceof IOException) {
      text = "input/output failure" + (cause.getMessage() == null ? "" : ": "
          + cause.getMessage());
    } else if (cause instanceof AnomalyException anomaly) {
      text = anomaly.findings();
    } else if (cause instanceof OutOfMemoryError) {
      // The need is unknown; twice the heap is a step, where a fixed -Xmx8g was advised to a
      // Java that had more already.
      double heap = Runtime.getRuntime().maxMemory();
      // The options that size this command's model and data: --points for blobs, --limit for
      // fashion-mnist; none for a command whose options do not (predict's size is its file's).
      String smaller = command instanceof MemoryOptions options
          ? "try smaller " + options.memoryOptions() + ", or give" : "give";
      text = String.format(Locale.ROOT, "out of memory: the model or the data needs more than"
          + " the %.1f GB Java may use here; %s Java more memory (twice as much: java -Xmx%dg"
          + " -jar chainrule.jar ...)", heap / 1e9, smaller,
          (long) Math.ceil(2 * heap / (1 << 30)));
    } else if (cause instanceof StackOverflowError) {
      text = "internal error: the call stack overflowed (--verbose shows where)";
    } else {
      String message = cause.getMessage();
      text = message == null || message.isBlank()
          ? "internal error (--verbose shows where)" : message;
    }
    return printable(text);
  }

  /**
   * One line of printable text: control characters (including line breaks), DEL, C1 controls
   * and U+FFFD (which stands for bytes that were not text) become '?', and the line is cut at
   * {@value #MAX_LENGTH} characters.
   */
  static String printable(String text) {
    String line = Console.printable(text);
    return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
  }
}
