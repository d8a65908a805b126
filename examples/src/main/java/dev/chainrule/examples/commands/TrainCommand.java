package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.examples.run.Problem;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.Standardizer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains a standardised MLP on any CSV file with a header row: numeric"
        + " features, and a label column of classes (numbers or strings) or real values.",
        "Reports the held-out accuracy (classification) or mean squared error (regression)."})
final class TrainCommand extends TrainingCommand {
  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The data.")
  Path csv;

  @Option(names = "--label", required = true, paramLabel = "COLUMN",
      description = "The label column: its name, or its 0-based index (negative from the end).")
  String label;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
      description = "classification or regression (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of rows held out for testing (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Override
  Defaults defaults() {
    return new Defaults(50, 32, 0.003, "adam", List.of(32), "relu", 42L);
  }

  @Override
  Problem problem(Settings settings) throws Exception {
    boolean regression = switch (task) {
      case "classification" -> false;
      case "regression" -> true;
      default -> throw new IllegalArgumentException(
          "--task must be classification or regression, got '" + task + "'");
    };
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("--test-fraction must lie in (0, 1), got " + testFraction);
    }
    if (!Files.isRegularFile(csv)) {
      throw new NoSuchFileException(csv.toString(), null, "no such file");
    }
    CsvReader.Builder reader = CsvReader.builder().header(true);
    reader = label.matches("-?\\d+") ? reader.labelColumn(Integer.parseInt(label))
        : reader.labelColumn(label);
    if (regression) {
      reader = reader.regression();
    }
    CsvData data = reader.build().read(csv);
    if (!regression) {
      return BuiltInData.classification("train", data.dataset(), data.classNames(), testFraction,
          settings.seed());
    }
    Split split = data.dataset().split(testFraction, settings.seed());
    Standardizer features = Standardizer.fit(split.train());
    Standardizer targets = Standardizer.fit(split.train().labels());
    return new Problem("train", standardize(features, targets, split.train()),
        standardize(features, targets, split.test()), data.dataset().labels().dim(1), List.of(),
        true);
  }

  private static dev.chainrule.optim.data.Dataset standardize(Standardizer features,
      Standardizer targets, dev.chainrule.optim.data.Dataset data) {
    return new dev.chainrule.optim.data.Dataset(features.transform(data.features()),
        targets.transform(data.labels()));
  }
}
