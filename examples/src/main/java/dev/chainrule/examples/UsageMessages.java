package dev.chainrule.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The program's words for picocli's usage errors where picocli's own would mislead: a word in a
 * command's place (picocli: an unmatched argument at index 0; {@code help nope}: "Unknown
 * subcommand"), said the same way however it was typed, with the commands there are; and an
 * unknown option, named with the command it was given to (picocli listed its value as a second
 * unknown option: "Unknown options: '--epochs', '3'"), what that command may have meant, and
 * the commands that do have the option ({@code iris --csv}: train and predict read CSV files);
 * a word after a command that takes none ({@code xor extra}: picocli's "Unmatched argument at
 * index 1") and a command's missing parameter ({@code inspect}: "Missing required parameter:
 * 'FILE'"), said with the command's name, as the program's other refusals are; and a command
 * typed after an option ({@code --json iris}), with the line that puts it first.
 */
final class UsageMessages {
  /** picocli's help command's refusal of a word it does not know as a command. */
  private static final Pattern HELP_UNKNOWN = Pattern.compile("Unknown subcommand '(.*)'\\.?");

  /** A number: the value of an option, not an option, though it may begin with a minus. */
  private static final Pattern NUMBER = Pattern.compile("-[\\d.].*");

  /** Where picocli's message puts the first unmatched word among the arguments. */
  private static final Pattern AT_INDEX =
      Pattern.compile("Unmatched arguments? (?:at|from) index (\\d{1,9})\\b.*", Pattern.DOTALL);

  /** A word a shell takes as it is, unquoted. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[\\w@%+=:,./-]+");

  private UsageMessages() {}

  /**
   * The message for {@code e}.
   *
   * @param implicitCommand whether the program put the default command in front of the
   *     arguments: then the command is not named, since the user never typed it
   * @param args the arguments parsed, the default command in front when implicit
   */
  static String of(ParameterException e, boolean implicitCommand, String[] args) {
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
    boolean command = line.getParent() != null && !line.getCommandName().equals("help");
    if (command && e instanceof UnmatchedArgumentException extra
        && !extra.getUnmatched().isEmpty()) {
      return extraWords(extra, line, implicitCommand, args);
    }
    if (command && e instanceof MissingParameterException missing
        && missing.getMissing().stream().allMatch(ArgSpec::isPositional)) {
      return missingParameters(missing.getMissing(), line);
    }
    return e.getMessage();
  }

  /**
   * "xor takes no arguments; 'extra' is not an option of xor", or "inspect takes one FILE; 'b'
   * is one argument too many", for words no option and no parameter took (picocli: "Unmatched
   * argument at index 1: 'extra'"). A word that is an option without its dashes is pointed at it.
   * Before any command, a command's name is the command typed after an option: {@code --json
   * iris} is told "put the command first: chainrule iris --json", not that 'iris' is no option.
   */
  private static String extraWords(UnmatchedArgumentException extra, CommandLine line,
      boolean implicitCommand, String[] args) {
    List<String> words = extra.getUnmatched();
    String quoted = String.join(", ", words.stream().map(w -> "'" + w + "'").toList());
    boolean one = words.size() == 1;
    String name = line.getCommandName();
    List<String> dashed = words.stream().map(w -> "--" + w)
        .filter(line.getCommandSpec().optionsMap()::containsKey).toList();
    String meant = dashed.isEmpty() ? "" : " (did you mean " + String.join(" or ", dashed) + "?)";
    CommandLine program = line.getParent();
    if (implicitCommand && program != null && !words.get(0).equals("help")
        && program.getSubcommands().containsKey(words.get(0))) {
      return "put the command first: " + commandFirst(extra, args);
    }
    if (implicitCommand) {
      // Before any command the user typed options only: a word among them was meant as one.
      return String.format(Locale.ROOT,
          "%s %s not %s; a command comes first: chainrule COMMAND [OPTIONS]%s",
          quoted, one ? "is" : "are", one ? "an option" : "options", meant);
    }
    List<PositionalParamSpec> parameters = line.getCommandSpec().positionalParameters();
    if (parameters.isEmpty()) {
      return String.format(Locale.ROOT, "%s takes no arguments; %s %s not %s of %s%s", name, quoted,
          one ? "is" : "are", one ? "an option" : "options", name, meant);
    }
    return String.format(Locale.ROOT,
        "%s takes %s; %s %s", name, String.join(" and ", parameters.stream()
        .map(p -> "one " + p.paramLabel()).toList()), quoted,
        one ? "is one argument too many" : "are arguments too many");
  }

  /**
   * "chainrule iris --json" for the arguments "digits --json iris" (the default command in
   * front, which the user never typed): the user's words in their order, the first unmatched
   * one, a command, moved to the front. Its place is picocli's message's, since the same word
   * may also stand as an option's value before it ({@code --out xor xor}).
   */
  private static String commandFirst(UnmatchedArgumentException extra, String[] args) {
    String command = extra.getUnmatched().get(0);
    List<String> typed = new ArrayList<>(List.of(args).subList(1, args.length));
    var at = AT_INDEX.matcher(String.valueOf(extra.getMessage()));
    int place = at.matches() ? Integer.parseInt(at.group(1)) - 1 : -1;
    if (place < 0 || place >= typed.size() || !typed.get(place).equals(command)) {
      place = typed.indexOf(command);
    }
    if (place >= 0) {
      typed.remove(place);
      typed.add(0, command);
    }
    StringBuilder line = new StringBuilder("chainrule");
    for (String word : typed) {
      line.append(' ').append(PLAIN_WORD.matcher(word).matches() ? word
          : "'" + word.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }

  /** "inspect needs a FILE: a .safetensors file" (picocli: "Missing required parameter"). */
  private static String missingParameters(List<ArgSpec> missing, CommandLine line) {
    return line.getCommandName() + " needs " + String.join(" and ", missing.stream()
        .map(p -> "a " + p.paramLabel() + describe(p.description())).toList());
  }

  /** ": a .safetensors file" from the description "A .safetensors file.", or nothing. */
  private static String describe(String[] description) {
    if (description.length == 0 || description[0].isBlank()) {
      return "";
    }
    String text = description[0].strip().replaceFirst("\\.$", "");
    return ": " + Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /** "unknown command 'iriss' (did you mean iris?); the commands are ...". */
  private static String unknownCommand(String word, CommandLine program) {
    // Picocli's own suggestions offer gates, blobs or predict for "frobnicate".
    List<String> commands = program.getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help")).toList();
    List<String> close = Suggestions.commands(word, commands);
    return String.format(Locale.ROOT, "unknown command '%s'%s; the commands are %s", word,
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
    return others.isEmpty() || implicitCommand ? text : String.format(Locale.ROOT,
        "%s: %s is an option of %s",
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
