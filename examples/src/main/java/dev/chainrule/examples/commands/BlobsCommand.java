package dev.chainrule.examples.commands;

import dev.chainrule.core.Tensors;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.examples.run.SavedModels;
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
      description = "Points per cluster (default: ${DEFAULT-VALUE}; with --load, the file's"
          + " split's, when it records whole clusters).")
  int points;

  private static final int MAX_POINTS = Tensors.LONGEST_ARRAY / 6;

  @Override
  public Defaults defaults() {
    return new Defaults(30, 32, 0.01, "adam", List.of(16), "relu", 42L);
  }

  /** The points first: three clusters of them are the data. */
  @Override
  public String memoryOptions() {
    return "--points, --hidden widths or --batch-size";
  }

  @Override
  void checkOptions() {
    Usage.check(points >= 4, spec, "--points must be at least 4, got %d", points);
    // The three clusters' points fill one [3 · points, 2] tensor; past the largest array the
    // count overflowed an int, and the run stopped with "error: -1894967296".
    Usage.check(points <= MAX_POINTS, spec, "--points must be at most %d (three clusters of"
        + " points of 2 coordinates fill one array of at most %d values), got %d", MAX_POINTS,
        Tensors.LONGEST_ARRAY, points);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) {
    return BuiltInData.blobs(loaded == null ? points : pointsOf(settings, loaded),
        settings.seed(), settings.validation(), loaded);
  }

  /**
   * The points per cluster of a loaded model's split, as its seed is: another --points
   * contradicts the file (a usage error, as --seed's is), and none given means the file's, where
   * the default's 300 failed for a model saved with --points 100. A file whose split does not say
   * (or not in whole clusters) keeps --points; the split's own check then refuses other rows.
   */
  private int pointsOf(Settings s, ModelDescription d) {
    if (d.split() == null || d.split().rows() == 0 || d.split().rows() % 3 != 0) {
      return points;
    }
    int saved = d.split().rows() / 3;
    SavedModels.requireSame(spec, s.gave("--points"), "--points", points, saved,
        String.valueOf(s.load().getFileName()), "whose test rows were split from " + saved
            + " points per cluster (another number would test on training rows)");
    return saved;
  }
}
