package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.examples.run.Problem;
import dev.chainrule.examples.run.TrainingRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that trains an MLP on one problem: the shared options, the command's defaults, and
 * the shared run. Subclasses say what the problem is.
 */
abstract class TrainingCommand implements Callable<Integer> {
  @Mixin
  TrainingOptions options;

  @Spec
  CommandSpec spec;

  /** The result of the last call, for tests. */
  TrainingRun.Outcome outcome;

  abstract Defaults defaults();

  abstract Problem problem(Settings settings) throws Exception;

  Console console() {
    return new Console(spec.commandLine().getOut(), Terminal.isInteractive());
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = options.resolve(spec.name(), defaults());
    outcome = TrainingRun.run(problem(settings), settings, console().forJson(settings.json()));
    return 0;
  }
}
