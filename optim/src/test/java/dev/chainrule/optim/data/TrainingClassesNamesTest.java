package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusal of a training part of one class names the other classes' held-out rows, five at
 * most and the rest counted, and a class index past the names by its number.
 */
class TrainingClassesNamesTest {
  private static final List<String> NAMES = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6");

  private static Dataset rows(int... classes) {
    return new Dataset(Tensor.of(new double[classes.length], classes.length, 1),
        Tensor.vector(Arrays.stream(classes).asDoubleStream().toArray()));
  }

  private static String refusal(Dataset heldOut, List<String> names) {
    return assertThrows(UnlearnableDataException.class, () -> DataChecks.requireTrainingClasses(
        new Split(rows(0, 0), heldOut), names, "y", "data.csv")).getMessage();
  }

  @Test
  void fiveOtherClassesAreAllNamed() {
    assertEquals("data.csv: the label \"y\" has one class (\"c0\") in all 2 rows of the split's"
        + " training part, the other classes' rows all in the 5 test rows (\"c1\": 1, \"c2\": 1,"
        + " \"c3\": 1, \"c4\": 1, \"c5\": 1): there is nothing to tell apart; give more rows or"
        + " a smaller test fraction", refusal(rows(1, 2, 3, 4, 5), NAMES));
  }

  @Test
  void aSixthOtherClassIsCounted() {
    assertEquals("data.csv: the label \"y\" has one class (\"c0\") in all 2 rows of the split's"
        + " training part, the other classes' rows all in the 7 test rows (\"c1\": 1, \"c2\": 1,"
        + " \"c3\": 1, \"c4\": 1, \"c5\": 2, and 1 more class): there is nothing to tell apart;"
        + " give more rows or a smaller test fraction", refusal(rows(1, 2, 3, 4, 5, 5, 6), NAMES));
  }

  @Test
  void aClassPastTheNamesIsNamedByItsIndex() {
    assertEquals("data.csv: the label \"y\" has one class (\"c0\") in all 2 rows of the split's"
        + " training part, the other class's rows all in the 1 test row (class 2: 1): there is"
        + " nothing to tell apart; give more rows or a smaller test fraction",
        refusal(rows(2), List.of("c0", "c1")));
  }
}
