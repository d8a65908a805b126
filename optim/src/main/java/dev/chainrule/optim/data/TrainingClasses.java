package dev.chainrule.optim.data;

import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import dev.chainrule.optim.data.UnlearnableDataException.Remedy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The refusal of a classification whose rows trained on hold one class, the others' rows all held
 * out ({@link DataChecks#requireTrainingClasses}, {@link DataChecks#requireClassesTrainedOn}): a
 * network trained on one class answers it for every row, and its test accuracy, that class's
 * share, passed for a result with exit 0 (50 setosa and 2 virginica at a test fraction of 0.75
 * trained on setosa alone and reported 0.70). Regression refuses the like of it with {@code
 * requireTrainingSpread}.
 */
final class TrainingClasses {
  /** Classes named in a message before the rest are counted: a label may have hundreds. */
  private static final int NAMED = 5;

  private TrainingClasses() {}

  /**
   * Throws when {@code trained} holds fewer than two classes.
   *
   * @param part what the message calls the rows trained on ("rows of the training part")
   * @param heldOutName what it calls the held-out rows ("test", for "the 40 test rows")
   * @param remedies what would mend it, named after "give"
   */
  static void require(Dataset trained, Dataset heldOut, List<String> classNames, String label,
      String source, String part, String heldOutName, List<Remedy> remedies) {
    int[] trainedCounts = counts(trained, classNames.size());
    int only = -1;
    for (int c = 0; c < trainedCounts.length; c++) {
      if (trainedCounts[c] > 0) {
        if (only >= 0) {
          return;  // two classes: something to tell apart
        }
        only = c;
      }
    }
    if (only < 0) {
      return;  // no row at all: the refusals of too few rows say so
    }
    int[] heldCounts = counts(heldOut, trainedCounts.length);
    List<String> others = new ArrayList<>();
    int classes = 0;
    for (int c = 0; c < heldCounts.length; c++) {
      if (c != only && heldCounts[c] > 0) {
        classes++;
        if (others.size() < NAMED) {
          others.add(String.format(Locale.ROOT, "%s: %d", name(classNames, c), heldCounts[c]));
        }
      }
    }
    String rest = classes > NAMED ? String.format(Locale.ROOT, ", and %d more class%s",
        classes - NAMED, classes - NAMED == 1 ? "" : "es") : "";
    throw new UnlearnableDataException(Reason.ONE_VALUE, String.format(Locale.ROOT,
        "%s: the label \"%s\" has one class (%s) in all %d %s%s: there is nothing to tell apart",
        source, label, name(classNames, only), trainedCounts[only], part,
        others.isEmpty() ? "" : String.format(Locale.ROOT, ", the other class%s rows all in the"
            + " %s (%s%s)", classes == 1 ? "'s" : "es'", heldOut.size() == 1 ? "1 " + heldOutName
            + " row" : heldOut.size() + " " + heldOutName + " rows",
            String.join(", ", others), rest)), remedies);
  }

  /** Rows per class index; at least {@code classes} long, longer for an index beyond it. */
  private static int[] counts(Dataset rows, int classes) {
    int[] indices = rows.classIndices();
    int size = classes;
    for (int index : indices) {
      size = Math.max(size, index + 1);
    }
    int[] counts = new int[size];
    for (int index : indices) {
      counts[index]++;
    }
    return counts;
  }

  private static String name(List<String> classNames, int c) {
    return c < classNames.size() ? CsvFields.quote(classNames.get(c)) : "class " + c;
  }
}
