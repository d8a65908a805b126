package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "blobs", mixinStandardHelpOptions = true,
    description = {"Three Gaussian clusters (standard deviation 1) around (-2,-2), (0,2) and"
        + " (2,-2).", "They overlap: about 0.97 is the best any classifier can do. Draws the"
        + " decision boundary."})
final class BlobsCommand extends TrainingCommand {
  @Option(names = "--points", paramLabel = "N", defaultValue = "300",
      description = "Points per cluster (default: ${DEFAULT-VALUE}).")
  int points;

  @Override
  public Defaults defaults() {
    return new Defaults(30, 32, 0.01, "adam", List.of(16), "relu", 42L);
  }

  @Override
  void checkOptions() {
    Usage.check(points >= 4, spec, "--points must be at least 4, got %d", points);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) {
    return BuiltInData.blobs(points, settings.seed(), loaded);
  }
}
