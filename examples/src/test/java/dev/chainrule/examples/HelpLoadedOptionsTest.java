package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.cli.LoadedOptions;
import dev.chainrule.examples.commands.Commands;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each training command's {@code --help} says, for every option a run with {@code --load} takes
 * from the file ({@link LoadedOptions#TAKEN_FROM_FILE}), what happens with {@code --load}: it gave
 * {@code --lr}'s, {@code --optimizer}'s or {@code --hidden}'s default alone, which such a run
 * does not use. And no other option claims the file's value.
 */
class HelpLoadedOptionsTest {
  /**
   * The words each such help uses, as {@code --seed}'s "(default: 42; with --load, the file's)".
   */
  private static final String WITH_LOAD = "with --load, ";

  @Test
  void everyOptionTakenFromTheFileSaysSoAndNoOtherDoes() {
    List<String> silent = new ArrayList<>();
    List<String> claiming = new ArrayList<>();
    List<String> training = new ArrayList<>();
    CommandLine program = new CommandLine(new Main());
    Commands.addTo(program);
    for (CommandLine sub : program.getSubcommands().values()) {
      CommandSpec command = sub.getCommandSpec();
      OptionSpec load = command.findOption("--load");
      // predict's --load is the model it scores with, required; its options read the new rows.
      if (load == null || load.required()) {
        continue;
      }
      training.add(command.name());
      for (OptionSpec option : command.options()) {
        if (option.hidden()) {
          continue; // xor's --validation and --patience, refused with a reason of its own
        }
        boolean says = String.join(" ", option.description()).contains(WITH_LOAD);
        boolean taken = LoadedOptions.TAKEN_FROM_FILE.contains(option.longestName());
        if (taken && !says) {
          silent.add(command.name() + " " + option.longestName());
        } else if (!taken && says) {
          claiming.add(command.name() + " " + option.longestName());
        }
      }
    }
    assertTrue(training.containsAll(List.of("iris", "train", "blobs", "xor", "fashion-mnist")),
        "the commands checked: " + training);
    assertEquals(List.of(), silent, "options --load takes from the file whose help does not say"
        + " so");
    assertEquals(List.of(), claiming, "options whose help says --load takes them from the file,"
        + " missing from LoadedOptions.TAKEN_FROM_FILE");
  }

  /**
   * The list names no option that no training command has: a name misspelt there would never be
   * checked.
   */
  @Test
  void everyListedOptionBelongsToSomeTrainingCommand() {
    CommandLine program = new CommandLine(new Main());
    Commands.addTo(program);
    List<String> unknown = new ArrayList<>(LoadedOptions.TAKEN_FROM_FILE);
    for (CommandLine sub : program.getSubcommands().values()) {
      OptionSpec load = sub.getCommandSpec().findOption("--load");
      if (load != null && !load.required()) {
        sub.getCommandSpec().options().forEach(o -> unknown.remove(o.longestName()));
      }
    }
    assertEquals(List.of(), unknown, "listed options no training command has");
  }
}
