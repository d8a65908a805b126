package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.UnlearnableDataException.Reason;
import dev.chainrule.optim.data.UnlearnableDataException.Remedy;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The refusals of a split's training part (one class, one target value) name what would mend it
 * in words of no program ("a smaller test fraction"), and carry it as remedies, so that a program
 * names its own options: from the program the message read "a smaller test fraction", an option
 * it does not have by that name.
 */
class SplitRemediesTest {
  /** Words a program might use, naming its options. */
  private static final Function<Remedy, String> OPTIONS = remedy -> switch (remedy) {
    case MORE_ROWS -> "more rows";
    case SMALLER_TEST_FRACTION -> "a smaller --test-fraction";
    case SMALLER_VALIDATION_SHARE -> "a smaller --validation";
    case ANOTHER_SEED -> "another --seed";
  };

  private static final Dataset TARGETS = new Dataset(
      Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}, {5}}),
      Tensor.matrix(new double[][] {{5}, {5}, {5}, {5}, {9}}));

  private static final Dataset CLASSES = new Dataset(
      Tensor.matrix(new double[][] {{1}, {2}, {3}, {4}, {5}}), Tensor.vector(0, 0, 0, 1, 2));

  @Test
  void aRegressionSplitsRefusalCarriesItsRemedies() {
    Split split = new Split(TARGETS.subset(new int[] {0, 1, 2, 3}), TARGETS.subset(new int[] {4}));
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireTrainingSpread(split, "y", "data.csv"));
    assertEquals(List.of(Remedy.MORE_ROWS, Remedy.SMALLER_TEST_FRACTION, Remedy.ANOTHER_SEED),
        e.remedies());
    String finding = "data.csv: the target \"y\" is 5.0 in all 4 training rows of the split (the"
        + " other values are all in the 1 test rows): there is nothing to learn";
    assertEquals(finding + "; give more rows, a smaller test fraction or another seed",
        e.getMessage(), "the library's words name no option");
    assertEquals(finding + "; give more rows, a smaller --test-fraction or another --seed",
        e.message(OPTIONS));
    UnlearnableDataException trainedOn = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireSpreadTrainedOn(TARGETS.subset(new int[] {0, 1}), 3, "y",
            "data.csv"));
    assertEquals(List.of(Remedy.MORE_ROWS, Remedy.SMALLER_VALIDATION_SHARE, Remedy.ANOTHER_SEED),
        trainedOn.remedies());
    assertEquals("data.csv: the target \"y\" is 5.0 in all 2 rows trained on (the other values"
        + " of the training part are all in its 3 validation rows): there is nothing to learn;"
        + " give more rows, a smaller --validation or another --seed", trainedOn.message(OPTIONS));
  }

  @Test
  void aClassificationSplitsRefusalCarriesItsRemedies() {
    List<String> names = List.of("cat", "dog", "eel");
    Split split = new Split(CLASSES.subset(new int[] {0, 1}), CLASSES.subset(new int[] {2, 3, 4}));
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireTrainingClasses(split, names, "y", "data.csv"));
    assertEquals(List.of(Remedy.MORE_ROWS, Remedy.SMALLER_TEST_FRACTION), e.remedies(),
        "no other seed: each class holds out its own share, whatever the seed");
    assertEquals("data.csv: the label \"y\" has one class (\"cat\") in all 2 rows of the split's"
        + " training part, the other classes' rows all in the 3 test rows (\"dog\": 1, \"eel\":"
        + " 1): there is nothing to tell apart; give more rows or a smaller --test-fraction",
        e.message(OPTIONS));
    UnlearnableDataException trainedOn = assertThrows(UnlearnableDataException.class,
        () -> DataChecks.requireClassesTrainedOn(CLASSES.subset(new int[] {0, 1}),
            CLASSES.subset(new int[] {4}), names, "y", "data.csv"));
    assertEquals(List.of(Remedy.MORE_ROWS, Remedy.SMALLER_VALIDATION_SHARE),
        trainedOn.remedies());
  }

  /** A program without the option for a remedy leaves it out, and without any, the advice. */
  @Test
  void aRemedyAProgramCannotNameIsLeftOut() {
    UnlearnableDataException e = new UnlearnableDataException(Reason.ONE_VALUE, "data: one value",
        List.of(Remedy.MORE_ROWS, Remedy.SMALLER_TEST_FRACTION, Remedy.ANOTHER_SEED));
    assertEquals("data: one value; give more rows or another seed",
        e.message(remedy -> remedy == Remedy.SMALLER_TEST_FRACTION ? null : remedy.words()));
    assertEquals("data: one value", e.message(remedy -> null));
    UnlearnableDataException plain = new UnlearnableDataException(Reason.NO_FEATURES, "no columns");
    assertEquals(List.of(), plain.remedies());
    assertEquals("no columns", plain.message(OPTIONS), "a message without remedies as it is");
  }
}
