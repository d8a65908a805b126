package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.data.DataChecks;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Split;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The rows a run trains on, and the held-out rows its epoch lines and curves show (and early
 * stopping watches): the test rows, or with {@code --validation} a share of the training rows,
 * split as the test rows were (by class for classification), so that choosing an epoch never
 * looks at the test rows. One split for the program's {@code train} and the Spark launcher, so that
 * the same options hold out the same rows. The held-out rows count in no statistic: {@link
 * Problems} standardises with those of the rows trained on ({@link #trainedRows}), as the test
 * rows count in none.
 *
 * @param train the rows the optimizer steps on
 * @param watched the held-out rows scored after each epoch
 * @param name what the output calls the watched rows: "test" or "validation"
 */
public record HeldOutRows(Dataset train, Dataset watched, String name) {
  /**
   * The checkpoint metadata that records the share of the training rows a run held out (its
   * {@link Validation#fraction()}, "0.0" for none), so that a run resuming it holds out the same
   * rows: with another share it would validate on rows it trained on, or train on rows it held
   * out, and a resumed run would no longer match one uninterrupted run.
   */
  public static final String METADATA_KEY = "chainrule.validation";

  /**
   * The rows of {@code problem} for {@code validation}.
   *
   * @param problem the problem, split into training and test rows
   * @param validation the share of the training rows to hold out, if any
   * @param seed the seed of the split
   * @return the rows to train on and to watch
   * @throws IllegalArgumentException when the share holds out no row, or leaves too few to
   *     train on (the message names {@code --validation}; the command lines report it as a
   *     failure of the run, as the data decides it)
   */
  public static HeldOutRows of(Problem problem, Validation validation, long seed) {
    requireRowsFittedOn(problem, validation, seed);
    if (!validation.holdsOut()) {
      return new HeldOutRows(problem.train(), problem.test(), name(validation));
    }
    Dataset rows = problem.train();
    Split split = split(rows, problem.regression(), validation, seed);
    String refusal = refusal(split, rows.size(), problem.regression(), validation.fraction());
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    return new HeldOutRows(split.train(), split.test(), name(validation));
  }

  /**
   * Refuses a share or seed other than the ones {@link Problems} fitted the standardisation
   * without: the statistics would count rows the run validates on (a leak into the loss that
   * chooses the epoch) or miss rows it trains on.
   */
  private static void requireRowsFittedOn(Problem problem, Validation validation, long seed) {
    Validation fitted = problem.preparation().fittedWithout();
    ModelDescription.DataSplit split = problem.preparation().split();
    // The seed chooses rows only when some are held out.
    if (fitted != null && (fitted.fraction() != validation.fraction()
        || validation.holdsOut() && split != null && split.seed() != seed)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "HeldOutRows: the problem's"
          + " standardisation was fitted on the rows a validation share of %s leaves with seed"
          + " %s, not %s with seed %d: give Problems the validation share and seed the run"
          + " holds out", fitted.fraction(), split == null ? "(none)" : split.seed(),
          validation.fraction(), seed));
    }
  }

  /**
   * The rows of a problem's training part that {@link #of} will train on, for {@link Problems}
   * to fit the standardisation on before the problem exists: statistics that counted the held-out
   * rows would leak them into the validation loss that chooses the epoch. The split chooses rows
   * by their count, seed and classes, never their values, so it chooses the same rows of the raw
   * part here as of the standardised part in {@link #of}.
   *
   * @param trainingPart the training part of the data, not yet standardised
   * @param regression whether the labels are targets (a plain split) or classes (stratified)
   * @param validation the share of the training part to hold out, if any
   * @param seed the seed of the split, the one {@link #of} is given
   * @return the rows trained on; all of {@code trainingPart} when nothing is held out, or when
   *     {@link #of} will refuse the share (it then stops the run with its message, and the
   *     statistics are never used)
   */
  public static Dataset trainedRows(Dataset trainingPart, boolean regression,
      Validation validation, long seed) {
    checkNotNull(trainingPart, "HeldOutRows.trainedRows: trainingPart is null");
    checkNotNull(validation, "HeldOutRows.trainedRows: validation is null");
    if (!validation.holdsOut()) {
      return trainingPart;
    }
    Split split = split(trainingPart, regression, validation, seed);
    return refusal(split, trainingPart.size(), regression, validation.fraction()) == null
        ? split.train() : trainingPart;
  }

  /**
   * Refuses a classification whose rows trained on hold one class, though its training part
   * holds more (the others' rows all fell in the validation rows): {@link
   * DataChecks#requireClassesTrainedOn} on the rows {@link #of} will train on and hold out. For
   * {@link Problems} and for a command that builds its problem itself from training rows of their
   * own (fashion-mnist's files), which skipped the check and trained on one class.
   *
   * @param trainingPart the training part of the data, before the validation share is held out
   * @param validation the share of the training part to hold out, if any
   * @param seed the seed of the split, the one {@link #of} is given
   * @param classNames a name per class index, for the message
   * @param label the label's name, for the message
   * @param source the name errors give for the input
   * @throws dev.chainrule.optim.data.UnlearnableDataException when the rows trained on hold one
   *     class and the validation rows hold another
   */
  public static void requireClassesTrainedOn(Dataset trainingPart, Validation validation,
      long seed, List<String> classNames, String label, String source) {
    checkNotNull(trainingPart, "HeldOutRows.requireClassesTrainedOn: trainingPart is null");
    checkNotNull(validation, "HeldOutRows.requireClassesTrainedOn: validation is null");
    if (!validation.holdsOut()) {
      return;
    }
    Split split = split(trainingPart, false, validation, seed);
    // A share that of() refuses stops the run with its own message.
    if (refusal(split, trainingPart.size(), false, validation.fraction()) == null) {
      DataChecks.requireClassesTrainedOn(split.train(), split.test(), classNames, label, source);
    }
  }

  /**
   * The one split of {@link #of}, {@link #trainedRows} and {@link #requireClassesTrainedOn}: they
   * must choose the same rows.
   */
  private static Split split(Dataset rows, boolean regression, Validation validation, long seed) {
    double fraction = validation.fraction();
    return regression ? rows.split(fraction, seed) : rows.stratifiedSplit(fraction, seed);
  }

  /** Why the share cannot be held out, naming {@code --validation}; null when it can. */
  private static String refusal(Split split, int rows, boolean regression, double fraction) {
    if (split.test().size() == 0) {
      return String.format(Locale.ROOT, "--validation %s holds out no row of the %d training"
          + " rows%s; give a larger fraction", fraction, rows,
          regression ? "" : " (each class holds out its own share)");
    }
    if (split.train().size() < DataChecks.MIN_TRAIN_ROWS) {
      return String.format(Locale.ROOT, "--validation %s leaves %d of the %d training rows to"
          + " train on, and at least %d are needed; give a smaller fraction", fraction,
          split.train().size(), rows, DataChecks.MIN_TRAIN_ROWS);
    }
    return null;
  }

  /**
   * What the output calls the rows a run watches.
   *
   * @param validation the share of the training rows held out, if any
   * @return "validation" when rows are held out, "test" otherwise
   */
  public static String name(Validation validation) {
    return validation.holdsOut() ? "validation" : "test";
  }

  /**
   * The classes no training row has, of {@code classes}: the network has an output for each
   * and can never learn one (a small class the split sent wholly to the test or validation
   * rows). Empty for regression, whose labels are not classes.
   *
   * @param classes the number of classes, K
   * @return the class indices with no training row, ascending: an unmodifiable list that takes
   *     memory for the classes trained, not for K
   */
  public List<Integer> classesNotTrained(int classes) {
    if (!train.hasClassIndices()) {
      return List.of();
    }
    checkArgument(classes >= 0, "classesNotTrained: the class count must not be negative, got %s",
        classes);
    int[] indices = train.classIndices();
    for (int row = 0; row < indices.length; row++) {
      // Named here: an index past the count was an ArrayIndexOutOfBoundsException.
      if (indices[row] >= classes) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "classesNotTrained: training row %d has"
            + " class %d, beyond the %d classes given", row, indices[row], classes));
      }
    }
    // No class count short of int's range is meaningless (a network may have that many
    // outputs), so none is refused; a flag per class ran out of memory at Integer.MAX_VALUE
    // ("Requested array size exceeds VM limit"). The missing classes are told from the trained
    // ones instead, at most one per row.
    int[] trained = IntStream.of(indices).distinct().sorted().toArray();
    return new AbstractList<>() {
      @Override
      public int size() {
        return classes - trained.length;
      }

      @Override
      public Integer get(int i) {
        Objects.checkIndex(i, size());
        // The i-th class missing is i plus the trained classes below it: those trained[j] with
        // trained[j] − j ≤ i, the classes missing below trained[j] being trained[j] − j.
        int low = 0;
        int high = trained.length;
        while (low < high) {
          int middle = (low + high) >>> 1;
          if (trained[middle] - middle <= i) {
            low = middle + 1;
          } else {
            high = middle;
          }
        }
        return i + low;
      }
    };
  }

  /**
   * A warning for each class no training row has (empty for regression), saying why: the
   * training data holds none (where the training and test rows come from files of their own,
   * Fashion-MNIST's), the split sent all its rows to the test rows, or the {@code --validation}
   * split sent all of the training part's to the validation rows. The cause is found per class
   * from where its rows are: any split under {@code --validation} was blamed on "the test and
   * validation rows", for a class the training data held none of too.
   *
   * @param problem the problem these rows come from
   * @return one line per class the network cannot learn, without a "warning:" prefix
   */
  public List<String> untrainedClassWarnings(Problem problem) {
    if (problem.regression()) {
      return List.of();
    }
    int classes = problem.outputs();
    List<Integer> missing = classesNotTrained(classes);
    if (missing.isEmpty()) {
      return List.of();
    }
    boolean[] inTrainingPart = present(problem.train(), classes);
    boolean[] inTest = present(problem.test(), classes);
    boolean ownFiles = problem.preparation().split() == null;
    return missing.stream().map(c -> "class " + problem.classNames().get(c)
        + " has no training row: " + cause(inTrainingPart[c], inTest[c] && !ownFiles, ownFiles)
        + ", so the network cannot learn it").toList();
  }

  /**
   * Why a class has no row trained on, from where its rows are: in the training part (so the
   * validation share took them), in the test part of a split, or in neither.
   */
  private static String cause(boolean inTrainingPart, boolean splitToTest, boolean ownFiles) {
    if (inTrainingPart) {
      return splitToTest ? "the split and --validation sent all its rows to the test and"
          + " validation rows" : "the --validation split sent all its rows to the validation rows";
    }
    return ownFiles ? "the training data (with --limit, its first rows) holds none"
        : splitToTest ? "the split sent all its rows to the test rows" : "the data holds none";
  }

  /** Whether {@code rows} hold each class below {@code classes}; an index past them is none. */
  private static boolean[] present(Dataset rows, int classes) {
    boolean[] seen = new boolean[classes];
    for (int index : rows.classIndices()) {
      if (index >= 0 && index < classes) {
        seen[index] = true;
      }
    }
    return seen;
  }
}
