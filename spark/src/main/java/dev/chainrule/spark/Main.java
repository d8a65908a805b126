package dev.chainrule.spark;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.optim.report.PrintableText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The launcher: {@code spark-submit --class dev.chainrule.spark.Main chainrule-spark.jar --csv
 * FILE --label COLUMN [options]} on a cluster, or {@code spark/bin/chainrule-spark --master
 * 'local[2]' ...} on a machine without Spark. See {@link Launch} for the options.
 *
 * <p>Exit codes, as the program's: 0 on success; 1 when the work fails (a missing or unreadable
 * file, a folder that cannot be written, unlearnable data, a diverging run, an output that could
 * not be written, a closed pipe included: the program's 141 for one needs the stream it opens
 * itself, which spark-submit's driver does not give), with one line {@code error: ...}; 2 for
 * usage errors (a value that is no number or out of range, {@code --class-weights} further apart
 * than {@code --dtype} carries, a path of the wrong kind for its option: empty, a folder where a
 * file goes, a device or a data file as {@code --save} or {@code --checkpoint}, an output that is
 * the {@code --csv} file; options that contradict each other or {@code --resume}'s file), with
 * the usage form "(see 'chainrule-spark --help')". {@code --verbose} adds the stack trace.
 */
public final class Main {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private Main() {}

  /**
   * Runs the launcher and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    if (!sparkIsPresent()) {
      // The jar leaves Spark to the cluster: java -jar alone ended in a NoClassDefFoundError.
      System.err.println("error: chainrule-spark.jar holds no Spark, which the cluster provides:"
          + " run it with spark-submit --class dev.chainrule.spark.Main chainrule-spark.jar ...,"
          + " or on a machine without Spark with spark/bin/chainrule-spark ...");
      System.exit(FAILURE);
    }
    System.exit(run(args, new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.UTF_8), new PrintStream(new FileOutputStream(FileDescriptor.err), true,
        StandardCharsets.UTF_8)));
  }

  /** Whether Spark's classes can be loaded: {@code spark-submit} puts them on the class path. */
  static boolean sparkIsPresent() {
    try {
      Class.forName("org.apache.spark.api.java.JavaSparkContext", false,
          Main.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Runs the launcher with the given output streams.
   *
   * @param args the command line
   * @param out where progress and results go
   * @param err where errors go
   * @return the exit code: 0, 1 (the work failed, or its output could not be written) or 2 (a
   *     usage error)
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(new Launch(), args, out, err);
  }

  static int run(Launch launch, String[] args, PrintStream out, PrintStream err) {
    // UTF-8 bytes whatever the locale, as the program's: a class named Größe stays Größe.
    PrintWriter errors = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8),
        true);
    boolean verbose = Arrays.asList(args).contains("--verbose");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--verbose"))
        .toArray(String[]::new);
    PrintWriter results = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
        true);
    CommandLine cli = new CommandLine(launch)
        .setOut(results)
        .setErr(errors)
        .setExecutionExceptionHandler((e, command, parsed) -> {
          errors.println("error: " + PrintableText.of(describe(e)));
          if (verbose) {
            e.printStackTrace(errors);
          }
          return FAILURE;
        })
        .setParameterExceptionHandler((e, argv) -> {
          // A refusal may quote a file's text (a checkpoint's entry): shown as train shows it.
          errors.println("error: " + PrintableText.of(String.valueOf(e.getMessage()))
              + " (see 'chainrule-spark --help')");
          return USAGE;
        });
    int code = cli.execute(rest);
    results.flush();
    if (code == 0 && out.checkError()) {
      // PrintStream swallows the device's failure: a run whose figures went nowhere (a full
      // disk) must not exit 0.
      errors.println("error: could not write to standard output; what it printed is incomplete");
      return FAILURE;
    }
    return code;
  }

  /** One line in the user's words. */
  private static String describe(Throwable e) {
    if (e instanceof AnomalyException anomaly) {
      return anomaly.findings();
    }
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (cause instanceof IOException) {
      return "input/output failure" + (cause.getMessage() == null ? "" : ": "
          + cause.getMessage());
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? "internal error (--verbose shows where)"
        : message.lines().findFirst().orElse(message);
  }
}
