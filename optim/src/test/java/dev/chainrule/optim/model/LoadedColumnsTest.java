package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A loaded model is scored only on the columns it was trained on. The descriptions here record no
 * split, as a model described in code may not: the rows' check then has nothing to compare, and
 * before this one a model of other columns was scored without a word.
 */
class LoadedColumnsTest {
  private static final List<String> FEATURES = List.of("a", "b");
  private static final Problem.Columns COLUMNS = new Problem.Columns(FEATURES, "kind");
  private static final List<String> CLASSES = List.of("no", "yes");

  /** 20 rows of two features, classes alternating. */
  private static Dataset rows() {
    double[] x = IntStream.range(0, 40).mapToDouble(i -> i % 7).toArray();
    double[] y = IntStream.range(0, 20).mapToDouble(i -> i % 2).toArray();
    return new Dataset(Tensor.of(x, 20, 2), Tensor.vector(y));
  }

  private static ModelDescription model(Task task, List<String> features, String label,
      List<String> classes) {
    int outputs = task == Task.REGRESSION ? 1 : classes.size();
    return new ModelDescription("iris", task, DType.FLOAT64,
        List.of(new Layer.DenseLayer(features.size(), outputs, true)), features, null, label,
        classes, null, null);
  }

  private static String classificationRefusal(ModelDescription loaded) {
    return assertThrows(IllegalArgumentException.class, () -> Problems.classification("iris",
        rows(), COLUMNS, CLASSES, 0.2, 3L, "iris.csv", loaded, Validation.NONE)).getMessage();
  }

  @Test
  void theModelsOwnColumnsAreScored() {
    Problem problem = Problems.classification("iris", rows(), COLUMNS, CLASSES, 0.2, 3L,
        "iris.csv", model(Task.CLASSIFICATION, FEATURES, "kind", CLASSES), Validation.NONE);
    assertEquals(FEATURES, problem.columns().features());
  }

  @Test
  void otherFeaturesAreRefusedNamingBothLists() {
    assertEquals("iris.csv: the loaded model (iris) was trained on other columns than this"
        + " data's: its features are (x, y), this data's (a, b); a score here would mean nothing:"
        + " score data that has the model's columns with predict, which reads them by name, or"
        + " train a new model",
        classificationRefusal(model(Task.CLASSIFICATION, List.of("x", "y"), "kind", CLASSES)));
  }

  /** The same names in another order feed each input the other's column. */
  @Test
  void theModelsFeaturesInAnotherOrderAreRefused() {
    String message = classificationRefusal(
        model(Task.CLASSIFICATION, List.of("b", "a"), "kind", CLASSES));
    assertTrue(message.contains("its features are (b, a), this data's (a, b)"), message);
  }

  /** Classes by index: 0 and 1 here are "no" and "yes", in the model "0" and "1". */
  @Test
  void otherClassesAreRefused() {
    String message = classificationRefusal(
        model(Task.CLASSIFICATION, FEATURES, "species", List.of("0", "1")));
    assertTrue(message.contains("its label is species, this data's kind; its classes are"
        + " (0, 1), this data's (no, yes)"), message);
  }

  @Test
  void aRegressionModelOfAnotherTargetIsRefused() {
    ModelDescription loaded = model(Task.REGRESSION, FEATURES, "price", List.of());
    String message = assertThrows(IllegalArgumentException.class, () -> Problems.regression(
        "train", rows(), COLUMNS, 0.2, 3L, "house.csv", loaded, Validation.NONE)).getMessage();
    assertTrue(message.contains("its label is price, this data's kind"), message);
  }

  /** Long lists show their first ten names and their length. */
  @Test
  void longListsAreCut() {
    List<String> pixels = IntStream.range(0, 64).mapToObj(i -> "p" + i).toList();
    String message = classificationRefusal(model(Task.CLASSIFICATION, pixels, "kind", CLASSES));
    assertTrue(message.contains("(p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, … 64 in all)"),
        message);
  }
}
