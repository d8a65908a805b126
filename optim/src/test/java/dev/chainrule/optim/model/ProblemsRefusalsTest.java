package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.UnlearnableDataException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A new model's problem is refused when the rows it would train on hold one class or one target
 * value though the data holds more (the split, or the validation share, sent the rest away), and
 * says which column: the model would learn a constant and its scores pass for a result. A loaded
 * model's problem is only scored, and keeps no validation share of its own.
 */
class ProblemsRefusalsTest {
  private static final Problem.Columns COLUMNS = new Problem.Columns(List.of("x"), "kind");
  private static final List<String> NAMES = List.of("no", "yes");

  /** Rows of classes (or targets) {@code labels}, one feature. */
  private static Dataset rows(double... labels) {
    double[] x = new double[labels.length];
    Arrays.setAll(x, i -> i % 5);
    return new Dataset(Tensor.of(x, labels.length, 1), Tensor.vector(labels));
  }

  /** {@code zeros} rows of class 0, then {@code ones} of class 1. */
  private static Dataset classes(int zeros, int ones) {
    double[] labels = new double[zeros + ones];
    Arrays.fill(labels, zeros, labels.length, 1);
    return rows(labels);
  }

  private static String refusal(org.junit.jupiter.api.function.Executable making) {
    return assertThrows(UnlearnableDataException.class, making).getMessage();
  }

  @Test
  void aSplitWhoseTrainingPartHoldsOneClassIsRefusedNamingTheLabel() {
    // Class yes has one row, which a test fraction of 0.5 sends to the test part.
    String message = refusal(() -> Problems.classification("csv", classes(10, 1), COLUMNS, NAMES,
        0.5, 3L, "t.csv", null, Validation.NONE));
    assertTrue(message.startsWith("t.csv: ") && message.contains("\"kind\""), message);
  }

  @Test
  void rowsTrainedOnOfOneClassAreRefusedUnderAValidationShare() {
    // yes: 2 rows, one to the test part (0.5 of 2), the other to the validation rows (0.5 of 1).
    Dataset all = classes(20, 2);
    Validation half = new Validation(0.5, 0);
    String message = refusal(() -> Problems.classification("csv", all, COLUMNS, NAMES, 0.5, 3L,
        "t.csv", null, half));
    assertTrue(message.contains("validation"), message);
    Problem without = Problems.classification("csv", all, COLUMNS, NAMES, 0.5, 3L, "t.csv", null,
        Validation.NONE);
    assertEquals(Validation.NONE, without.preparation().fittedWithout());
  }

  @Test
  void aLoadedModelsProblemKeepsNoValidationShare() {
    Validation share = new Validation(0.25, 0);
    Problem trained = Problems.classification("csv", classes(10, 10), COLUMNS, NAMES, 0.2, 3L,
        "t.csv", null, share);
    assertEquals(share, trained.preparation().fittedWithout());
    ModelDescription described = new ModelDescription("m", Task.CLASSIFICATION,
        dev.chainrule.core.DType.FLOAT64, List.of(new Layer.DenseLayer(1, 2, true)),
        List.of("x"), Scaling.of(trained.preparation().features()), "kind", NAMES, null,
        trained.preparation().split());
    Problem loaded = Problems.classification("csv", classes(10, 10), COLUMNS, NAMES, 0.2, 3L,
        "t.csv", described, share);
    assertNull(loaded.preparation().fittedWithout());
  }

  @Test
  void aRegressionSplitWhoseTrainingPartHoldsOneTargetIsRefused() {
    // Two rows of 5 among six of 1: a seed whose split of 0.5 sends both 5s to the test part.
    Dataset all = rows(1, 1, 5, 1, 1, 5, 1, 1);
    long seed = LongStream.range(0, 1000).filter(s -> Arrays.stream(
        all.split(0.5, s).train().labels().toArray()).allMatch(v -> v == 1)).findFirst()
        .orElseThrow();
    String message = refusal(() -> Problems.regression("csv", all, COLUMNS, 0.5, seed, "t.csv",
        null));
    assertTrue(message.startsWith("t.csv: the target \"kind\" is 1.0 in all 4 training rows"),
        message);
  }
}
