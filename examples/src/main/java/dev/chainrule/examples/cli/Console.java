package dev.chainrule.examples.cli;

import java.io.PrintWriter;

/**
 * Where a command writes: its output stream, and whether that stream is an interactive terminal
 * (which decides between a live progress bar and plain per-epoch lines).
 */
public record Console(PrintWriter out, boolean terminal) {
  /** Prints a line and flushes, so logs and pipes see progress as it happens. */
  public void println(String line) {
    out.println(line);
    out.flush();
  }

  /** A number as people write it: {@code 0.003}, {@code 1e9}, {@code 2.5e-7}. */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toString()
        .replace("E+", "e").replace('E', 'e');
  }

  /** Formats, prints a line and flushes. */
  public void printf(String format, Object... args) {
    println(String.format(java.util.Locale.ROOT, format, args));
  }
}
