package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "digits", mixinStandardHelpOptions = true,
    description = {"Handwritten digits (1,797 8x8 images, 10 classes) with an MLP and softmax"
        + " cross-entropy; the default command.", "Reaches 0.95+ test accuracy in seconds."})
final class DigitsCommand extends TrainingCommand {
  @Override
  public Defaults defaults() {
    return new Defaults(30, 32, 0.003, "adam", List.of(64), "relu", 42L);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) {
    return BuiltInData.digits(settings.seed(), settings.validation(), loaded);
  }
}
