package dev.chainrule.examples.commands;

import java.util.List;

/** Every command of the program, in the order the help lists them. */
public final class Commands {
  private Commands() {}

  public static List<Object> all() {
    return List.of(new DigitsCommand(), new XorCommand(), new GatesCommand(), new BlobsCommand(),
        new IrisCommand(), new FashionMnistCommand(), new TrainCommand(), new GradCheckCommand(),
        new GraphCommand(), new InspectCommand(), new BenchCommand());
  }
}
