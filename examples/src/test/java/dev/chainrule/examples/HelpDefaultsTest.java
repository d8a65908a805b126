package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.examples.commands.Commands;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The README's promise that each command's {@code --help} shows every option's default. */
class HelpDefaultsTest {
  @Test
  void everyOptionalOptionOfEveryCommandSaysItsDefault() {
    List<String> silent = new ArrayList<>();
    CommandLine program = new CommandLine(new Main());
    Commands.addTo(program);
    collect(program.getCommandSpec(), silent);
    assertEquals(List.of(), silent, "options whose --help text gives no default");
  }

  private static void collect(CommandSpec command, List<String> silent) {
    for (OptionSpec option : command.options()) {
      if (option.usageHelp() || option.versionHelp() || option.required()) {
        continue;
      }
      if (!String.join(" ", option.description()).contains("default")) {
        silent.add(command.qualifiedName() + " " + option.longestName());
      }
    }
    for (CommandLine sub : command.subcommands().values()) {
      collect(sub.getCommandSpec(), silent);
    }
  }
}
