package dev.chainrule.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The program's words for picocli's usage errors where picocli's own would mislead: a word in a
 * command's place (picocli: an unmatched argument at index 0; {@code help nope}: "Unknown
 * subcommand"), said the same way however it was typed, with the commands there are; and an
 * unknown option, named with the command it was given to (picocli listed its value as a second
 * unknown option: "Unknown options: '--epochs', '3'"), what that command may have meant, and
 * the commands that do have the option ({@code iris --csv}: train and predict read CSV files).
 */
final class UsageMessages {
  /** picocli's help command's refusal of a word it does not know as a command. */
  private static final Pattern HELP_UNKNOWN = Pattern.compile("Unknown subcommand '(.*)'\\.?");

  /** A number: the value of an option, not an option, though it may begin with a minus. */
  private static final Pattern NUMBER = Pattern.compile("-[\\d.].*");

  private UsageMessages() {}

  /**
   * The message for {@code e}.
   *
   * @param implicitCommand whether the program put the default command in front of the
   *     arguments: then the command is not named, since the user never typed it
   */
  static String of(ParameterException e, boolean implicitCommand) {
    CommandLine line = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException unmatched && line.getParent() == null
        && !line.getParseResult().hasSubcommand() && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return unknownCommand(unmatched.getUnmatched().get(0), line);
    }
    var help = HELP_UNKNOWN.matcher(String.valueOf(e.getMessage()));
    if (line.getParent() == null && help.matches()) {
      return unknownCommand(help.group(1), line);
    }
    UnmatchedArgumentException unknown = unknownOption(e);
    if (unknown != null) {
      return unknownOptions(unknown, implicitCommand);
    }
    return e.getMessage();
  }

  /** "unknown command 'iriss' (did you mean iris?); the commands are ...". */
  private static String unknownCommand(String word, CommandLine program) {
    // Picocli's own suggestions offer gates, blobs or predict for "frobnicate".
    List<String> commands = program.getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help")).toList();
    List<String> close = Suggestions.commands(word, commands);
    return String.format("unknown command '%s'%s; the commands are %s", word,
        close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)",
        String.join(", ", commands));
  }

  /**
   * "unknown option '--epochs' for gates (did you mean --max-epochs?)", or, with nothing close,
   * "unknown option '--csv' for iris: it is an option of train and predict". The words after an
   * option that are not options themselves are its value, not more unknown options.
   */
  private static String unknownOptions(UnmatchedArgumentException unknown,
      boolean implicitCommand) {
    List<String> options = unknown.getUnmatched().stream()
        .filter(word -> word.startsWith("-") && !NUMBER.matcher(word).matches())
        .map(word -> word.split("=", 2)[0]).distinct().toList();
    if (options.isEmpty()) {
      return unknown.getMessage();
    }
    CommandLine line = unknown.getCommandLine();
    String command = implicitCommand ? "" : " for " + line.getCommandName();
    String quoted = String.join(", ", options.stream().map(o -> "'" + o + "'").toList());
    String text = "unknown option" + (options.size() == 1 ? " " : "s ") + quoted + command;
    // Before any command the user typed the program's options, not the default command's.
    CommandLine owner = implicitCommand && line.getParent() != null ? line.getParent() : line;
    List<String> close = Suggestions.options(unknown, owner.getCommandSpec());
    if (!close.isEmpty()) {
      return text + " (did you mean " + String.join(" or ", close) + "?)";
    }
    List<String> others = otherCommands(options.get(0), line);
    return others.isEmpty() || implicitCommand ? text : String.format("%s: %s is an option of %s",
        text, options.get(0), others.size() == 1 ? others.get(0)
            : String.join(", ", others.subList(0, others.size() - 1)) + " and "
                + others.get(others.size() - 1));
  }

  /** The commands other than {@code line}'s that have {@code option}. */
  private static List<String> otherCommands(String option, CommandLine line) {
    List<String> commands = new ArrayList<>();
    CommandLine program = line.getParent();
    if (program == null) {
      return commands;
    }
    program.getSubcommands().forEach((name, sub) -> {
      if (sub != line && sub.getCommandSpec().optionsMap().containsKey(option)) {
        commands.add(name);
      }
    });
    return commands;
  }

  /**
   * The unknown option among the arguments, or null: picocli checks required options first, so
   * {@code train --cvs data.csv} was told that --csv is missing, to a user who had typed it.
   */
  private static UnmatchedArgumentException unknownOption(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched) {
      return unmatched.isUnknownOption() ? unmatched : null;
    }
    ParseResult parsed = e.getCommandLine().getParseResult();
    if (!(e instanceof MissingParameterException) || parsed == null
        || parsed.unmatched().isEmpty()) {
      return null;
    }
    UnmatchedArgumentException unmatched =
        new UnmatchedArgumentException(e.getCommandLine(), parsed.unmatched());
    return unmatched.isUnknownOption() ? unmatched : null;
  }
}
