package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.ModelDescription.DataSplit;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A description whose parts cannot describe one model is refused when made, naming the part:
 * scaling of another width than the features or the outputs, classes on a regression, target
 * scaling on a classifier, a split's fraction outside (0, 1), a negative row count, a malformed
 * fingerprint or one without its count. Each is held against its nearest accepted neighbour.
 */
class DescriptionChecksTest {
  private static final List<Layer> TWO_TO_ONE = List.of(new Layer.DenseLayer(2, 1, true));
  private static final List<String> FEATURES = List.of("a", "b");
  private static final String SHA = "0123456789abcdef".repeat(4);

  private static Scaling scaling(int columns) {
    return new Scaling(Collections.nCopies(columns, 0.0),
        Collections.nCopies(columns, 1.0));
  }

  private static ModelDescription regression(Scaling features, List<String> classes,
      Scaling targets) {
    return new ModelDescription("m", Task.REGRESSION, DType.FLOAT64, TWO_TO_ONE, FEATURES,
        features, "y", classes, targets, null);
  }

  private static void assertRefused(String message, Executable making) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, making).getMessage());
  }

  @Test
  void featureScalingHasOneColumnPerFeature() {
    assertEquals(2, regression(scaling(2), List.of(), null).featureScaling().size());
    assertRefused("model description: feature scaling has 3 columns for 2 features",
        () -> regression(scaling(3), List.of(), null));
  }

  @Test
  void regressionHasNoClassesAndOneTargetColumnPerOutput() {
    assertEquals(1, regression(null, List.of(), scaling(1)).targetScaling().size());
    String message = "model description: regression has no classes and one target scaling"
        + " column per output, got %s classes and %s columns for 1 outputs";
    assertRefused(String.format(Locale.ROOT, message, 2, 0),
        () -> regression(null, List.of("p", "q"), null));
    assertRefused(String.format(Locale.ROOT, message, 0, 2),
        () -> regression(null, List.of(), scaling(2)));
  }

  @Test
  void targetScalingIsRegressionsOnly() {
    List<Layer> binary = List.of(new Layer.DenseLayer(2, 1, true),
        new Layer.ActivationLayer("sigmoid", null));
    assertRefused("model description: target scaling applies to regression only",
        () -> new ModelDescription("m", Task.BINARY, DType.FLOAT64, binary, FEATURES, null, "y",
            List.of("no", "yes"), scaling(1), null));
  }

  @Test
  void aSplitsFractionLiesStrictlyBetweenZeroAndOne() {
    assertEquals(0.5, new DataSplit(1, 0.5).testFraction());
    for (double fraction : new double[] {0, 1}) {
      assertRefused("model description: test fraction must lie in (0, 1), got " + fraction,
          () -> new DataSplit(1, fraction));
    }
  }

  @Test
  void aSplitsRowsAreCountedAndItsFingerprintComesWithTheCount() {
    assertEquals(0, new DataSplit(1, 0.5, 0).rows(), "0: not recorded");
    assertRefused("model description: rows must not be negative, got -1",
        () -> new DataSplit(1, 0.5, -1));
    assertEquals(SHA, new DataSplit(1, 0.5, 1, SHA).rowsSha256());
    assertRefused("model description: a fingerprint of the rows comes with their count",
        () -> new DataSplit(1, 0.5, 0, SHA));
    String upper = SHA.toUpperCase(Locale.ROOT);
    assertRefused("model description: the rows' SHA-256 must be 64 lowercase hexadecimal"
        + " digits, got \"" + upper + "\"", () -> new DataSplit(1, 0.5, 8, upper));
  }

  @Test
  void aSoftmaxOverAnotherAxisThanTheLastIsNotDescribed() {
    Sequential model = Sequential.of(Dense.of(2, 3, 1L),
        new Activation.BuiltIn(Activation.Kind.SOFTMAX, 0));
    assertRefused("describe: softmax over axis 0; a description holds the last axis only",
        () -> ModelDescription.layersOf(model));
  }
}
