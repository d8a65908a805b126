package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Class weights and label smoothing as train and the Spark launcher share them: balanced weights
 * N/(K·n_k) as scikit-learn computes them, given weights refused in words unless each is a
 * positive finite number, ε refused outside [0, 1), and the saved file's and the JSON line's
 * entries (none for the plain loss).
 */
class ClassWeightingTest {
  private static Dataset labelled(int... classes) {
    double[] x = new double[classes.length];
    Arrays.setAll(x, i -> i);
    return new Dataset(Tensor.of(x, classes.length, 1),
        Tensor.vector(Arrays.stream(classes).asDoubleStream().toArray()));
  }

  @Test
  void balancedWeightsAreRowsOverClassesTimesTheClassCount() {
    // 6 rows, 3 classes holding 3, 2 and 1: 6/9, 6/6, 6/3, as compute_class_weight("balanced").
    assertArrayEquals(new double[] {6.0 / 9, 1, 2},
        ClassWeighting.balanced(labelled(0, 0, 0, 1, 1, 2), List.of("a", "b", "c")), 1e-15);
  }

  @Test
  void aClassWithoutATrainingRowIsNamed() {
    assertEquals("class c has no training row, so its weight N/(K·n_k) would divide by 0",
        assertThrows(IllegalArgumentException.class, () -> ClassWeighting.balanced(
            labelled(0, 1, 0), List.of("a", "b", "c"))).getMessage());
    assertEquals("classes b, d have no training row, so its weight N/(K·n_k) would divide by 0",
        assertThrows(IllegalArgumentException.class, () -> ClassWeighting.balanced(
            labelled(0, 2, 0), List.of("a", "b", "c", "d"))).getMessage());
  }

  @Test
  void theSavedFileRecordsWeightsRuleAndSmoothingOnlyWhenUsed() {
    Map<String, String> both = new LinkedHashMap<>();
    both.put(ClassWeighting.WEIGHTS_KEY, "0.5,1.5");
    both.put(ClassWeighting.RULE_KEY, "balanced");
    both.put(ClassWeighting.SMOOTHING_KEY, "0.1");
    assertEquals(both, ClassWeighting.metadata(new double[] {0.5, 1.5}, "balanced", 0.1));
    assertEquals(Map.of(ClassWeighting.WEIGHTS_KEY, "1.0,4.5", ClassWeighting.RULE_KEY, "given"),
        ClassWeighting.metadata(new double[] {1, 4.5}, "given", 0));
    assertEquals(Map.of(ClassWeighting.SMOOTHING_KEY, "1.0E-5"),
        ClassWeighting.metadata(null, null, 1e-5));
    assertEquals(Map.of(), ClassWeighting.metadata(null, null, 0));
    assertEquals("class weights: no rule none (balanced or given)", assertThrows(
        IllegalArgumentException.class, () -> ClassWeighting.metadata(new double[] {1}, "none",
            0)).getMessage());
  }

  @Test
  void givenWeightsAreParsedWithSpacesAroundTheCommas() {
    assertArrayEquals(new double[] {1, 4.5, 2}, ClassWeighting.parseWeights(" 1, 4.5 ,2 "));
    assertArrayEquals(new double[] {0.25}, ClassWeighting.parseWeights("0.25"));
  }

  @Test
  void givenWeightsThatAreNoPositiveFiniteNumberAreRefused() {
    assertEquals("'x' is not a number; give balanced or one weight per class, e.g. 1,4.5 (or"
        + " none)", assertThrows(IllegalArgumentException.class,
            () -> ClassWeighting.parseWeights("1,x")).getMessage());
    assertEquals("'' is not a number; give balanced or one weight per class, e.g. 1,4.5 (or"
        + " none)", assertThrows(IllegalArgumentException.class,
            () -> ClassWeighting.parseWeights("1,")).getMessage());
    for (String weight : List.of("0", "-1", "NaN", "Infinity")) {
      assertEquals("weight " + weight + " is not a positive number; each class's weight scales"
          + " its share of the loss", assertThrows(IllegalArgumentException.class,
              () -> ClassWeighting.parseWeights("1," + weight)).getMessage(), weight);
    }
  }

  @Test
  void recordedWeightsAreReadBackAsWritten() {
    double[] weights = {2.0 / 3, 1, 2};
    assertEquals("0.6666666666666666,1.0,2.0", ClassWeighting.text(weights));
    assertArrayEquals(weights, ClassWeighting.recorded(ClassWeighting.text(weights)));
    assertArrayEquals(new double[] {0, 1}, ClassWeighting.recorded("0,1"));
    assertThrows(NumberFormatException.class, () -> ClassWeighting.recorded("1,"));
  }

  @Test
  void smoothingOutsideZeroToOneIsRefusedAsTyped() {
    ClassWeighting.checkSmoothing(0, "0");
    ClassWeighting.checkSmoothing(0.999, "0.999");
    for (double epsilon : new double[] {1, -0.1, Double.NaN}) {
      String typed = Double.toString(epsilon);
      assertEquals("must lie in [0, 1), got " + typed + " (ε mixes (1 − ε)·one-hot with ε/K; at"
          + " 1 the labels would count for nothing)", assertThrows(
              IllegalArgumentException.class, () -> ClassWeighting.checkSmoothing(epsilon,
                  typed)).getMessage());
    }
  }

  @Test
  void theJsonFieldsComeInTrainsOrder() {
    Map<String, Object> weighed = ClassWeighting.reportFields(new double[] {0.5, 1.5},
        "balanced", 0.1);
    assertEquals(List.of("class_weights", "class_weights_rule", "label_smoothing"),
        List.copyOf(weighed.keySet()));
    assertEquals("0.5,1.5", weighed.get("class_weights"));
    assertEquals("balanced", weighed.get("class_weights_rule"));
    assertEquals(0.1, weighed.get("label_smoothing"));
    Map<String, Object> plain = ClassWeighting.reportFields(null, null, 0);
    assertEquals(3, plain.size());
    assertNull(plain.get("class_weights"));
    assertNull(plain.get("class_weights_rule"));
    assertEquals(0.0, plain.get("label_smoothing"));
  }

  @Test
  void theLossLineWritesNumbersAsPeopleDo() {
    assertEquals("loss: softmax cross-entropy with class weights (balanced): a 0.6667, b 1,"
        + " c 1.235e4; label smoothing 1e-7", ClassWeighting.describe(
            new double[] {2.0 / 3, 1, 12345}, "balanced", 1e-7, List.of("a", "b", "c")));
    // BigDecimal writes 1e-5 out in full: 0.00001.
    assertEquals("loss: softmax cross-entropy with label smoothing 0.00001",
        ClassWeighting.describe(null, null, 1e-5, null));
    assertEquals("loss: softmax cross-entropy with label smoothing 0.1",
        ClassWeighting.describe(null, null, 0.1, null));
    assertNull(ClassWeighting.describe(null, null, 0, List.of("a")));
    assertEquals("describe: label smoothing must lie in [0, 1), got 1.0", assertThrows(
        IllegalArgumentException.class, () -> ClassWeighting.describe(null, null, 1,
            List.of("a"))).getMessage());
  }
}
