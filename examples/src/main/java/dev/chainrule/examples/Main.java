package dev.chainrule.examples;

import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.GemmSelection;
import dev.chainrule.examples.cli.NumberConverters;
import dev.chainrule.examples.cli.PathUsage;
import dev.chainrule.examples.cli.PathConverter;
import dev.chainrule.examples.commands.Commands;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The chainrule program: {@code java -jar chainrule.jar <command> [options]}, one command per
 * classic problem plus prediction, gradient checking, graphs and benchmarks. Without a command it
 * runs {@code digits}.
 *
 * <p>Exit codes: 0 on success; 1 when the work fails (a missing file, malformed or unlearnable
 * data, a diverging run, a model too large for memory, an output that could not be written) with
 * one line saying why; 141 when the output's reader stopped reading: the run stops at its next
 * write, as SIGPIPE ends a Unix tool, before it saves or draws anything, but for {@code --json},
 * whose one line comes after the save (redirect to a file to keep a run's output and its model);
 * 2 for usage errors (an unknown command or option, a missing argument, a value that is no number
 * or out of range, a path of the wrong kind for its option, options that contradict each other or
 * a loaded model). {@code --verbose} adds the stack trace; otherwise no message names a Java
 * class, and bytes that are not text are never echoed.
 */
@Command(name = "chainrule", mixinStandardHelpOptions = true, version = "chainrule 0.1.0",
    description = "Trains and checks neural networks with chainrule, reverse-mode autodiff in"
        + " Java.%nWithout a command, runs 'digits'.",
    subcommands = CommandLine.HelpCommand.class)
public final class Main implements Runnable {
  /** The default command. */
  static final String DEFAULT_COMMAND = "digits";

  static final int FAILURE = 1;
  static final int USAGE = 2;
  /** 128 + SIGPIPE, as shells report a tool whose reader closed the pipe. */
  static final int BROKEN_PIPE = 141;

  /**
   * The top-level command, with the subcommands picocli adds from their annotations when a
   * {@code CommandLine} is built on it ({@link #run(String[], PrintStream,
   * PrintStream)} and tests build one each).
   */
  public Main() {}

  /**
   * Runs the program and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    HeapPolicy.keepCompact();
    System.setProperty("java.awt.headless", "true");
    // UTF-8 whatever the locale: under LC_ALL=C the JVM's own streams wrote a class named Größe
    // as Gr??e, in the JSON lines too (JSON is UTF-8 by its standard).
    System.exit(run(args, ProcessStream.endingCommands(FileDescriptor.out),
        ProcessStream.of(FileDescriptor.err)));
  }

  /**
   * Runs the program with the given output streams; returns the exit code.
   *
   * @param args the command line
   * @param out the output stream
   * @param err where errors go
   * @return the exit code: 0 success, 1 failure (an output that could not be written too), 2
   *     usage error, 141 when the output's reader stopped reading (as for a Unix tool that
   *     SIGPIPE ended)
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    Commands.addTo(cli);
    // Each command's --help lists -V, --version, which picocli answers with the command's own
    // version: none, an empty line, unless the program's is given to every command.
    String[] version = cli.getCommandSpec().version();
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(version));
    String[] withCommand = withDefaultCommand(args);
    return execute(cli, withCommand, out, err, withCommand != args);
  }

  /** Runs {@code cli} with the program's converters, error handling and exit codes. */
  static int execute(CommandLine cli, String[] args, PrintStream out, PrintStream err) {
    return execute(cli, args, out, err, false);
  }

  /**
   * As above; {@code implicitCommand} says that the program put the default command in front, so
   * that a usage error does not send the user to the help of a command they never typed.
   */
  static int execute(CommandLine cli, String[] args, PrintStream out, PrintStream err,
      boolean implicitCommand) {
    // UTF-8 bytes whatever the locale (the writers would encode in the platform's charset).
    // Given the stream itself, the writer's checkError() is the stream's: a command can tell that
    // its output was lost (predict > /dev/full) before it reports anything as done.
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8),
        true);
    NumberConverters.register(cli);
    PathConverter.register(cli);
    boolean verbose = Arrays.asList(args).contains("--verbose");
    cli.setOut(outWriter).setErr(errWriter)
        .setExecutionExceptionHandler((e, command, parsed) -> e instanceof PathUsage wrong
            // A path of the wrong kind, found once the command ran: its usage error's form.
            ? command.getParameterExceptionHandler().handleParseException(
                new CommandLine.ParameterException(command, wrong.getMessage(), wrong), args)
            : fail(e, verbose, errWriter, parsed))
        .setParameterExceptionHandler((e, argv) -> {
          String name = e.getCommandLine().getCommandName();
          // "help nope" and an option before any command ("chainrule --versoin", which went to
          // digits) are the program's own usage, not a command's.
          boolean program = "chainrule".equals(name) || "help".equals(name)
              || (implicitCommand && e.getCommandLine().getParent() != null
                  && e.getCommandLine().getParent().getParent() == null);
          errWriter.println("error: "
              + Errors.printable(UsageMessages.of(e, implicitCommand, argv))
              + " (see 'chainrule " + (program ? "" : name + " ") + "--help')");
          return USAGE;
        });
    cli.setExecutionStrategy(Main::untilReaderGone);
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // picocli hands exceptions to the handler above but lets errors through.
      return fail(e, verbose, errWriter, cli.getParseResult());
    }
    if (code == BROKEN_PIPE) {
      // The writer still holds the text whose write failed, and flushing it would throw again.
      return code;
    }
    outWriter.flush();
    return out.checkError() ? outputLost(code, out, errWriter) : code;
  }

  /**
   * Runs the command (or prints the help or version asked for) as picocli does, and ends it with
   * {@link #BROKEN_PIPE} where a write found the reader gone ({@link ProcessStream.ReaderGone}):
   * from help text it arrives bare, from a command as the cause of picocli's ExecutionException.
   */
  private static int untilReaderGone(CommandLine.ParseResult parsed) {
    requireRequestedBackend(parsed);
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ProcessStream.ReaderGone) {
          return BROKEN_PIPE;
        }
      }
      throw e;
    }
  }

  /**
   * Refuses a backend asked for with {@code -Dchainrule.gemm} that cannot run (a misspelt name,
   * {@code native} where no optimized BLAS loads) before the command starts: the selection waits
   * for the first matrix product, by which time a command has printed its header, and "work is
   * checked before it starts". Help and version multiply nothing, so they still answer; without
   * the property nothing is looked up here, so no native library loads for them.
   */
  private static void requireRequestedBackend(CommandLine.ParseResult parsed) {
    if (System.getProperty(GemmSelection.PROPERTY) == null || asksForHelp(parsed)) {
      return;
    }
    GemmSelection selection = GemmBackend.selection();
    if (selection.gemm().isEmpty()) {
      IllegalStateException refusal = new IllegalStateException(selection.reason());
      throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(),
          selection.reason(), refusal);
    }
  }

  private static boolean asksForHelp(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.isUsageHelpRequested() || level.isVersionHelpRequested()
          || level.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exit code of a run whose standard output could not all be written: never 0, which would
   * report predictions or figures that went nowhere as delivered.
   */
  private static int outputLost(int code, PrintStream out, PrintWriter err) {
    Optional<IOException> cause = out instanceof ProcessStream process ? process.failure()
        : Optional.empty();
    if (cause.isPresent() && ProcessStream.isBrokenPipe(cause.get())) {
      return code == 0 ? BROKEN_PIPE : code;
    }
    err.println("error: could not write to standard output"
        + cause.map(e -> ": " + Errors.printable(String.valueOf(e.getMessage()))).orElse("")
        + "; what it printed is incomplete");
    err.flush();
    return code == 0 ? FAILURE : code;
  }

  private static int fail(Throwable e, boolean verbose, PrintWriter err,
      CommandLine.ParseResult parsed) {
    err.println("error: " + Errors.describe(e, command(parsed)));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILURE;
  }

  /** The command that ran: the innermost the command line named, or null before parsing. */
  private static Object command(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult level = parsed;
    while (level != null && level.subcommand() != null) {
      level = level.subcommand();
    }
    return level == null ? null : level.commandSpec().userObject();
  }

  /** The arguments, with the default command in front when none is named. */
  static String[] withDefaultCommand(String[] args) {
    List<String> help = List.of("-h", "--help", "-V", "--version", "help");
    boolean named = args.length > 0 && !args[0].startsWith("-");
    if (named || (args.length > 0 && help.contains(args[0]))) {
      return args;
    }
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = DEFAULT_COMMAND;
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return withCommand;
  }

  @Override
  public void run() {
    // Unreachable: main always routes to a subcommand.
  }
}
