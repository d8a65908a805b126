package dev.chainrule.examples.cli;

import java.util.Set;

/**
 * The options of the training commands whose value a run with {@code --load} takes from the file
 * when the command line leaves them out, or, for {@code --patience}, whose rows: each one's
 * {@code --help} says what happens with {@code --load} ({@code "with --load, ..."}), where it
 * said only its default, which such a run does not use. {@code HelpLoadedOptionsTest} holds
 * every training command's help to this list, both ways.
 *
 * <p>The file's values are taken where the run reads it, so a change there belongs here too:
 * {@code SavedModels.load} (the network's widths, activation and type, rebuilt from the file;
 * its held-out share), {@code SavedModels.continuing} (optimizer; the rate its run had reached,
 * only when the run goes on with the file's optimizer; held-out share), {@code LoadedSeed},
 * {@code LoadedBatchSize}, {@code ClassWeights.continuing}, {@code
 * SavedModels.patienceOnFileRows}, {@code WatchedFigure.continuing}, and the commands' own:
 * train's {@code TrainLoadedModel} and {@code TrainCommand.problem} (task, label, features,
 * test fraction), blobs' points and fashion-mnist's limit.
 */
public final class LoadedOptions {
  private LoadedOptions() {}

  /** The long names of the options a run with {@code --load} takes from the file. */
  public static final Set<String> TAKEN_FROM_FILE = Set.of(
      // Every training command's (TrainingOptions, ClassLossOptions).
      "--batch-size", "--lr", "--optimizer", "--hidden", "--activation", "--seed", "--dtype",
      "--validation", "--patience", "--monitor", "--class-weights", "--label-smoothing",
      // One command's own: train's, blobs', fashion-mnist's.
      "--task", "--label", "--features", "--test-fraction", "--points", "--limit");
}
