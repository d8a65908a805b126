package dev.chainrule.examples.run;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A loaded file's metadata and a run's settings, for the checks of runs that go on from one. */
final class LoadedFiles {
  private LoadedFiles() {}

  /** A file whose metadata holds {@code entries}; its model and description are not read. */
  static ModelCheckpoint.DescribedModel file(Map<String, String> entries) {
    return new ModelCheckpoint.DescribedModel(null, null, new LoadReport(List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), entries, List.of()), null);
  }

  /** The seed of the split {@link #described} records. */
  static final long SPLIT_SEED = 7;

  /** Iris's description of a 4-3-3 network, split with {@link #SPLIT_SEED}. */
  private static final ModelDescription IRIS = BuiltInData.iris(SPLIT_SEED, Validation.NONE,
      null).describe(Mlp.of(4, List.of(3), 3, Activation.relu(), 1L));

  /**
   * A file of iris's model, described with its split or without one (as code of one's own may
   * describe it), whose metadata holds {@code entries}.
   */
  static ModelCheckpoint.DescribedModel described(boolean split, Map<String, String> entries) {
    return new ModelCheckpoint.DescribedModel(split ? IRIS : IRIS.withSplit(null), null,
        file(entries).report(), null);
  }

  /**
   * Settings of a run of {@code epochs} in batches of {@code size} on from m.safetensors, seed 1,
   * the command line naming {@code given}.
   */
  static Settings settings(int epochs, int size, String... given) {
    return new Settings(epochs, size, 0.1, OptimizerChoice.SGD, List.of(4), null, 1,
        DType.FLOAT64, Path.of("out"), null, Path.of("m.safetensors"), false, false,
        Set.of(given), ChartFormat.PNG, Validation.NONE, null);
  }
}
