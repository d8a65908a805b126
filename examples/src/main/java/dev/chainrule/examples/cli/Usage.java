package dev.chainrule.examples.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors found after parsing (a value out of range, options that contradict each other or
 * a saved model): picocli's {@link ParameterException}, so they exit with 2 and the same one-line
 * form as the errors picocli finds itself.
 */
public final class Usage {
  private Usage() {}

  /**
   * A usage error of {@code spec}'s command.
   *
   * @param spec the command, for the usage message
   * @param format a {@link String#format} pattern
   * @param args the command line
   * @return the usage error, to throw
   */
  public static ParameterException error(CommandSpec spec, String format, Object... args) {
    return new ParameterException(spec.commandLine(),
        String.format(Locale.ROOT, format, args));
  }

  /**
   * Throws a usage error unless {@code ok}.
   *
   * @param ok the condition that must hold
   * @param spec the command, for the usage message
   * @param format a {@link String#format} pattern
   * @param args the command line
   */
  public static void check(boolean ok, CommandSpec spec, String format, Object... args) {
    if (!ok) {
      throw error(spec, format, args);
    }
  }
}
