package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.DefaultsProvider;
import dev.chainrule.examples.cli.TrainingOptions;
import java.util.List;
import picocli.CommandLine;

/** Every command of the program, in the order the help lists them. */
public final class Commands {
  private Commands() {}

  /**
   * A new instance of every command.
   *
   * @return the commands, in help order
   */
  public static List<Object> all() {
    return List.of(new DigitsCommand(), new XorCommand(), new GatesCommand(), new BlobsCommand(),
        new IrisCommand(), new FashionMnistCommand(), new TrainCommand(), new PredictCommand(),
        new GradCheckCommand(), new GraphCommand(), new InspectCommand(), new BenchCommand());
  }

  /**
   * Adds every command to {@code cli}, training commands with their defaults.
   *
   * @param cli the program's command line
   */
  public static void addTo(CommandLine cli) {
    for (Object command : all()) {
      cli.addSubcommand(command);
    }
    cli.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommand() instanceof Defaults.Owner owner) {
        sub.setDefaultValueProvider(new DefaultsProvider(name, owner.defaults()));
      }
    });
    TrainingOptions.hideFromHelp(cli.getSubcommands().get("xor").getCommandSpec(),
        "--validation", "--patience", "--monitor");
  }
}
