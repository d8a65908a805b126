package dev.chainrule.examples.cli;

import dev.chainrule.optim.report.PrintableText;
import dev.chainrule.optim.report.ReadableNumber;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Where a command writes: its output stream, whether that stream is an interactive terminal
 * (which decides between a live progress bar and plain per-epoch lines), and whether the command
 * answers in JSON, in which case its one JSON line ({@link #result}) is all it prints.
 *
 * @param out the command's output
 * @param terminal whether {@code out} is an interactive terminal
 * @param quiet whether only {@link #result} lines are printed on {@code out} (--json)
 * @param notes where a quiet console's notes and warnings go (standard error), or null to drop
 *     them
 */
public record Console(PrintWriter out, boolean terminal, boolean quiet, PrintWriter notes) {
  /**
   * A console that prints everything.
   *
   * @param out the command's output
   * @param terminal whether {@code out} is an interactive terminal
   */
  public Console(PrintWriter out, boolean terminal) {
    this(out, terminal, false, null);
  }

  /**
   * This console, printing only results when {@code json} is set.
   *
   * @param json whether the command answers in JSON
   * @return a console that prints only {@link #result} lines when {@code json} is set
   */
  public Console forJson(boolean json) {
    return new Console(out, terminal, json, notes);
  }

  /**
   * This console, sending its notes and warnings to {@code err} when quiet: a script reading the
   * JSON line on standard output still sees, on standard error, that an optimizer started
   * afresh or a run stayed at chance.
   *
   * @param err standard error
   * @return a console that keeps its notes when quiet
   */
  public Console withNotesTo(PrintWriter err) {
    return new Console(out, terminal, quiet, err);
  }

  /**
   * Prints a line for people and flushes, so logs and pipes see progress as it happens; when
   * quiet, only a note or a warning, and on {@link #notes}.
   *
   * @param line the text
   */
  public void println(String line) {
    if (!quiet || line.startsWith("note: ") || line.startsWith("warning: ")) {
      info(line);
    }
  }

  /**
   * Prints a line the JSON line does not carry (which backend runs the matrix products, the rows
   * {@code --missing drop} left out, where a model was saved): on {@link #out} as {@link
   * #println} does, and when quiet on {@link #notes} like a note, so that --json moves it to
   * standard error instead of losing it.
   *
   * @param line the text
   */
  public void info(String line) {
    if (!quiet) {
      result(line);
    } else if (notes != null) {
      notes.println(line);
      notes.flush();
    }
  }

  /**
   * Formats and prints a line for people, as {@link #println}.
   *
   * @param format a {@link String#format} pattern, formatted in the root locale
   * @param args its arguments
   */
  public void printf(String format, Object... args) {
    println(String.format(Locale.ROOT, format, args));
  }

  /**
   * Prints a line that is printed even when quiet: the JSON line.
   *
   * @param line the text
   */
  public void result(String line) {
    out.println(line);
    out.flush();
  }

  /**
   * A number as people write it: {@code 0.003}, {@code 1e9}, {@code 2.5e-7}.
   *
   * @param value the number
   * @return the number without trailing zeros, in exponent form where shorter
   */
  public static String number(double value) {
    // The data checks the Spark launcher shares with train write their values by the same rule.
    return ReadableNumber.of(value);
  }

  /**
   * A setting that may have been read from a file (a learning rate continued from a checkpoint),
   * as people write it: a float32 widened to double, whose shortest decimal takes 15 digits or
   * more ({@code 0.019999999552965164}), by Float.toString's shortest digits, {@code 0.02}; any
   * other as {@link #number(double)}, so a value typed on the command line reads as typed, even
   * one float32 holds exactly ({@code 0.000244140625}, 2⁻¹², not float32's 0.00024414062).
   *
   * @param value the setting
   * @return the number without trailing zeros, in exponent form where shorter
   */
  public static String setting(double value) {
    // A widened float's double digits run on past the float's precision to 16 or 17; a typed
    // value float32 holds exactly (a power of two, 0.125) has few, and its float digits could
    // round it. Fifteen separates the two but for values typed with 15 digits or more.
    boolean widened = Double.isFinite(value) && (double) (float) value == value
        && java.math.BigDecimal.valueOf(value).stripTrailingZeros().precision() >= 15;
    return number(widened ? Double.parseDouble(Float.toString((float) value)) : value);
  }

  /**
   * A computed number for people, to {@code digits} significant digits: {@code -0.3} where Java
   * writes the sum of three 0.1s as -0.30000000000000004. For values the user gave, {@link
   * #number(double)} repeats them as written; JSON lines keep every digit.
   *
   * @param value the number
   * @param digits the significant digits kept, at least 1
   * @return the rounded number without trailing zeros, in exponent form where shorter
   */
  public static String number(double value, int digits) {
    // Checked here too, so that the refusal names the method its caller called.
    if (digits < 1) {
      throw new IllegalArgumentException("Console.number: digits must be at least 1, got "
          + digits);
    }
    return ReadableNumber.rounded(value, digits);
  }

  /**
   * Text from a file, safe to print on one line: control characters (line breaks and escape
   * sequences included), DEL, C1 controls and U+FFFD (bytes that were not text) become '?', so
   * that a file cannot break the layout or send codes to the terminal.
   *
   * @param text the text
   * @return the text with every such character replaced
   */
  public static String printable(String text) {
    // One rule for both launchers: the Spark launcher prints file text through it too.
    return PrintableText.of(text);
  }
}
