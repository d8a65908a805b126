package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "iris", mixinStandardHelpOptions = true,
    description = {"Fisher's irises (150 flowers, 4 measurements, 3 species) with the notes'"
        + " 4-4-3 network (or any --hidden)."})
final class IrisCommand extends TrainingCommand {
  @Override
  public Defaults defaults() {
    return new Defaults(200, 16, 0.02, "adam", List.of(4), "tanh", 42L);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) {
    return BuiltInData.iris(settings.seed(), settings.validation(), loaded);
  }
}
