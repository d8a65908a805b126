package dev.chainrule.examples;

import dev.chainrule.examples.commands.Commands;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The chainrule program: {@code java -jar chainrule.jar <command> [options]}, one command per
 * classic problem plus gradient checking, graphs and benchmarks. Without a command it runs
 * {@code digits}.
 *
 * <p>Exit codes: 0 on success, 1 when the work fails (a missing file, malformed data, a bad option
 * value) with one line saying why, 2 for usage errors (an unknown option, a missing argument).
 * {@code --verbose} adds the stack trace.
 */
@Command(name = "chainrule", mixinStandardHelpOptions = true, version = "chainrule 0.1.0",
    description = "Trains and checks neural networks with chainrule, reverse-mode autodiff in"
        + " Java.%nWithout a command, runs 'digits'.",
    subcommands = CommandLine.HelpCommand.class)
public final class Main implements Runnable {
  /** The default command. */
  static final String DEFAULT_COMMAND = "digits";

  /**
   * Runs the program and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the program with the given output streams.
   *
   * @param args the command line
   * @param out where results and progress go
   * @param err where errors go
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine cli = new CommandLine(new Main());
    Commands.all().forEach(cli::addSubcommand);
    boolean verbose = Arrays.asList(args).contains("--verbose");
    cli.setOut(outWriter).setErr(errWriter)
        .setExecutionExceptionHandler((e, command, parsed) -> {
          errWriter.println("error: " + Errors.describe(e));
          if (verbose) {
            e.printStackTrace(errWriter);
          }
          return 1;
        })
        .setParameterExceptionHandler((e, argv) -> {
          String name = e.getCommandLine().getCommandName();
          errWriter.println("error: " + e.getMessage() + " (see 'chainrule "
              + ("chainrule".equals(name) ? "" : name + " ") + "--help')");
          return 2;
        });
    return cli.execute(withDefaultCommand(args));
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
