package dev.chainrule.examples.commands;

import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Validation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * fashion-mnist's refusal of training images of one class, as train refuses a label of one
 * class: the run would learn nothing, and a test accuracy of one class's share would pass for a
 * result. Only for a run that trains: an evaluation ({@code --epochs 0}) of a loaded model uses
 * the training images for nothing, and was refused for them.
 */
final class FashionTrainingClasses {
  private FashionTrainingClasses() {}

  /**
   * Refuses training images all of one class, with or without --limit (it was checked with it
   * only, and a training set of Dresses alone trained with exit 0); one pass over the labels,
   * stopping at the first that differs.
   *
   * @param train the training images used
   * @param limit the {@code --limit} given, or null
   * @param first the first images used (the limit, or the loaded model's run's), or null for all
   * @param trainLabels the training labels' file
   */
  static void require(Dataset train, Integer limit, Integer first, Path trainLabels) {
    int[] labels = train.classIndices();
    if (labels.length == 0 || Arrays.stream(labels).anyMatch(label -> label != labels[0])) {
      return;
    }
    String images = String.format(Locale.ROOT, "%,d training image%s", labels.length,
        labels.length == 1 ? "" : "s");
    String which = limit != null ? String.format(Locale.ROOT, "--limit %d leaves %s", limit,
        images) : first != null ? "the first " + images + " (those the loaded model's run used)"
        : trainLabels + " holds " + images;
    throw new Failure(String.format(Locale.ROOT, "fashion-mnist: %s, all of one class (%s):"
        + " there is nothing to tell apart; %s", which,
        FashionMnistCommand.CLASSES.get(labels[0]), limit != null ? "give a larger --limit"
            : "give --data a folder whose training labels hold two classes or more"));
  }

  /**
   * Refuses training images whose rows trained on, once {@code --validation} holds out its share,
   * are all of one class, as train and digits refuse them ({@link
   * HeldOutRows#requireClassesTrainedOn}, which {@code Problems} runs for them): this command
   * builds its problem itself, and trained on one class with exit 0. The refusal is the library's
   * {@code UnlearnableDataException}, which the command line names as train's ("give more rows or
   * a smaller --validation", exit 1).
   *
   * @param train the training images used (after --limit), before the validation share is held out
   * @param validation the share held out
   * @param seed the run's seed, which chooses the validation rows
   */
  static void requireTrainedOn(Dataset train, Validation validation, long seed) {
    HeldOutRows.requireClassesTrainedOn(train, validation, seed, FashionMnistCommand.CLASSES,
        FashionMnistCommand.LABEL, "fashion-mnist");
  }
}
