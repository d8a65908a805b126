package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.reference.DeltaRule;
import dev.chainrule.nn.reference.Perceptron;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a reflective probe of nn's public methods found (2026-12-03), every public method called
 * with null, empty, negative, huge and non-finite arguments in turn: initialisers that took NaN
 * and infinities (a constant NaN made a layer of NaN weights without a word), layers too large
 * for an array refused by a tensor factory that named neither the layer nor its sizes (or, past
 * an int's overflow, by a NaN bound), an activation whose function returned null, and the
 * hand-derived references' raw NullPointerExceptions and answers for data they cannot learn from.
 */
class ReflectiveProbeLayersTest {

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void assertNamedNull(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void initialisersRefuseValuesThatAreNotFiniteWhenTheyAreMade() {
    // Init.constant(NaN) built a Dense of NaN weights; the others were taken here and refused
    // only when a layer was built, by Tensors' factories, without naming Init.
    assertRefused("Init.constant: the value must be finite, got NaN",
        () -> Init.constant(Double.NaN));
    assertRefused("Init.constant: the value must be finite, got -Infinity",
        () -> Init.constant(Double.NEGATIVE_INFINITY));
    assertRefused("Init.normal: need a finite mean and a finite std >= 0, got mean NaN, std 1.0",
        () -> Init.normal(Double.NaN, 1));
    assertRefused("Init.normal: need a finite mean and a finite std >= 0, got mean 0.0, std"
        + " Infinity", () -> Init.normal(0, Double.POSITIVE_INFINITY));
    assertRefused("Init.uniform: need finite low < high, got [-Infinity, 0.0)",
        () -> Init.uniform(Double.NEGATIVE_INFINITY, 0));
    // Finite bounds whose width overflows draw nothing meaningful either (as Tensors.uniform).
    assertRefused("Init.uniform: need finite low < high, got [-1.0E308, 1.0E308)",
        () -> Init.uniform(-1e308, 1e308));
  }

  @Test
  void aNamedInitialiserNeedsAnInitialiser() {
    // Taken before, and the layer built with it threw a raw NullPointerException.
    assertNamedNull("Init.named: init is null", () -> Init.named("mine", null));
    assertNamedNull("Init.named: name is null", () -> Init.named(null, Init.zeros()));
  }

  @Test
  void theFanSchemesNameAFanTheyCannotDivideBy() {
    SplittableRandom random = new SplittableRandom(1);
    // Each was "uniform: need finite low < high, got [-Infinity, Infinity)" or a NaN std.
    assertRefused("Init.glorotUniform: fan-in and fan-out must be positive, got 0 and 0",
        () -> Init.glorotUniform().create(Shape.of(0, 0), 0, 0, random));
    // Either fan alone at 0 is refused: the other's positive sum would hide it.
    assertRefused("Init.glorotNormal: fan-in and fan-out must be positive, got 0 and 2",
        () -> Init.glorotNormal().create(Shape.of(2, 2), 0, 2, random));
    assertRefused("Init.glorotUniform: fan-in and fan-out must be positive, got 2 and 0",
        () -> Init.glorotUniform().create(Shape.of(2, 2), 2, 0, random));
    assertRefused("Init.heNormal: fan-in must be positive, got -1",
        () -> Init.heNormal().create(Shape.of(2, 2), -1, 2, random));
    assertRefused("Init.pytorchDefault: fan-in must be positive, got 0",
        () -> Init.pytorchDefault().create(Shape.of(2, 2), 0, 2, random));
    // Two large fans summed in an int went negative, and the bound NaN; in a double the
    // standard deviation √(2 / (2·(2^31 − 1))) ≈ 2.2e-5 is drawn from.
    double drawn = Init.glorotNormal()
        .create(Shape.of(1), Integer.MAX_VALUE, Integer.MAX_VALUE, random).item();
    assertEquals(0, drawn, 1e-3, "a draw of N(0, (2.2e-5)²) lies within 45σ of 0");
  }

  @Test
  void aLayerTooLargeForAnArrayIsRefusedByName() {
    assertRefused("Dense(2147483647 -> 2147483647): a weight of 2147483647 × 2147483647 ="
        + " 4611686014132420609 elements is more than a Java array holds (2147483645)",
        () -> Dense.builder(Integer.MAX_VALUE, Integer.MAX_VALUE).build());
    assertRefused("Dense(65536 -> 65536): a weight of 65536 × 65536 = 4294967296 elements is"
        + " more than a Java array holds (2147483645)", () -> Dense.of(65536, 65536, 1));
    assertRefused("Conv2d(65536 -> 65536, kernel 3×3): a weight of 65536 × 65536 × 3 × 3 ="
        + " 38654705664 elements is more than a Java array holds (2147483645)",
        () -> Conv2d.builder(65536, 65536, 3).build());
    assertRefused("Maxout(65536 -> 65536, 2 pieces): a weight of 131072 × 65536 = 8589934592"
        + " elements is more than a Java array holds (2147483645)",
        () -> new Maxout(65536, 65536, 2, 1));
    // 2^31 − 1 outputs are an int; their weight is what no array holds.
    assertRefused("Maxout(1 -> 2147483647, 1 pieces): a weight of 2147483647 × 1 = 2147483647"
        + " elements is more than a Java array holds (2147483645)",
        () -> new Maxout(1, Integer.MAX_VALUE, 1, 1));
    assertRefused("Embedding(65536, 65536): a table of 65536 × 65536 = 4294967296 elements is"
        + " more than a Java array holds (2147483645)", () -> Embedding.of(65536, 65536, 1));
    assertRefused("RadialBasis(2147483647 -> 1, sigma 1.0): centres of 1 × 2147483647 ="
        + " 2147483647 elements is more than a Java array holds (2147483645)",
        () -> new RadialBasis(Integer.MAX_VALUE, 1, 1.0, 1));
    // Said "shape: [65536, 65536] has more than 2^31 - 1 elements", naming no layer.
    assertRefused("LayerNorm([65536, 65536]): a normalized shape of [65536, 65536] = 4294967296"
        + " elements is more than a Java array holds (2147483645)",
        () -> LayerNorm.of(65536, 65536));
    assertRefused("LayerNorm([65536, 65536, 65536, 65536]): a normalized shape of [65536, 65536,"
        + " 65536, 65536] = over 2^63 - 1 elements is more than a Java array holds (2147483645)",
        () -> LayerNorm.of(Shape.of(65536, 65536, 65536, 65536), 1e-5, false));
    assertRefused("LayerNorm: the normalized shape [65536, 0] must have at least one axis and one"
        + " element", () -> LayerNorm.of(Shape.of(65536, 0), 1e-5, true));
    // Groups divide the weight: 65536 channels in 65536 groups is a weight of 65536 × 1 × 3 × 3.
    assertEquals(Shape.of(65536, 1, 3, 3),
        Conv2d.builder(65536, 65536, 3).groups(65536).build().weight().value().shape());
    // and in 2 groups a weight of 65536 × 32768 × 1 × 1, one element per channel per group.
    assertRefused("Conv2d(65536 -> 65536, kernel 1×1): a weight of 65536 × 32768 × 1 × 1 ="
        + " 2147483648 elements is more than a Java array holds (2147483645)",
        () -> Conv2d.builder(65536, 65536, 1).groups(2).build());
  }

  /** A user's module with a buffer, as a subclass writes one. */
  private static final class Counted extends Module {
    Counted() {
      registerBuffer("seen", Tensors.zeros(2));
    }

    void overwrite(Tensor value) {
      setBuffer("seen", value);
    }

    @Override
    public Variable forward(Variable x) {
      return x;
    }
  }

  @Test
  void aNullBufferValueIsNamed() {
    // A raw NullPointerException from inside the registry ("because value is null").
    assertNamedNull("Counted: the value for buffer seen is null",
        () -> new Counted().overwrite(null));
    assertNamedNull("loadBuffer: value is null", () -> new Counted().loadBuffer("seen", null));
  }

  @Test
  void aSummaryRowNamesANullListOfOutputs() {
    assertNamedNull("Summary.Row: outputs are null",
        () -> new Summary.Row(0, "x", "Dense(1 -> 1)", null, 2, false));
  }

  @Test
  void anActivationWhoseFunctionReturnsNullIsNamed() {
    Activation broken = Activation.of("broken", v -> null);
    // The null went on to the next layer, which said its own input was null.
    assertNamedNull("activation broken: the function returned null",
        () -> broken.forward(Variable.parameter(Tensor.vector(1, 2))));
  }

  @Test
  void thePerceptronRefusesDataItCannotLearnFrom() {
    Tensor inputs = Tensor.of(new double[] {0, 1, 1, 0}, 2, 2);
    // A target of 2 is an error the rule never corrects, and NaN made θ NaN: both ran every epoch
    // and reported the classes as not separable.
    assertRefused("perceptron: target 2.0 at [1] is not 0 or 1",
        () -> Perceptron.train(inputs, Tensor.vector(0, 2), 1, 10));
    assertRefused("perceptron: target NaN at [1] is not 0 or 1",
        () -> Perceptron.train(inputs, Tensor.vector(0, Double.NaN), 1, 10));
    assertRefused("perceptron: input NaN at [1, 0] is not a finite number",
        () -> Perceptron.train(Tensor.of(new double[] {0, 1, Double.NaN, 0}, 2, 2),
            Tensor.vector(0, 1), 1, 10));
    // No rows: "learned" in one epoch with θ = 0.
    assertRefused("perceptron: inputs [0, 2] hold no rows to learn from",
        () -> Perceptron.train(Tensors.zeros(0, 2), Tensors.zeros(0), 1, 10));
    assertRefused("perceptron: need a positive learning rate and epoch count, got NaN and 10",
        () -> Perceptron.train(inputs, Tensor.vector(0, 1), Double.NaN, 10));
    assertNamedNull("perceptron: parameters are null", () -> Perceptron.predict(null, inputs));
    assertNamedNull("perceptron: inputs are null",
        () -> Perceptron.predict(Tensors.zeros(3), null));
  }

  @Test
  void theDeltaRuleRefusesAMeanOverNoSamplesAndNamesNulls() {
    List<DeltaRule.Layer> layers =
        DeltaRule.layersOf(Sequential.of(Dense.of(3, 2, 1), Activation.sigmoid()));
    // 1/0 made the loss and every gradient NaN where the loss itself refuses the batch.
    assertRefused("delta rule: input [0, 3] holds no samples: the mean loss over none is"
        + " undefined", () -> DeltaRule.backprop(layers, Loss.meanSquaredError(),
            Tensors.zeros(0, 3), Tensors.zeros(0, 2)));
    // A sum over no samples is 0, as the loss gives it.
    assertEquals(0, DeltaRule.backprop(layers, Loss.sumOfSquares(), Tensors.zeros(0, 3),
        Tensors.zeros(0, 2)).loss());
    assertNamedNull("delta rule: input is null",
        () -> DeltaRule.backprop(layers, Loss.meanSquaredError(), null, Tensors.zeros(2, 2)));
    assertNamedNull("delta rule: target is null",
        () -> DeltaRule.backprop(layers, Loss.meanSquaredError(), Tensors.zeros(2, 3), null));
    assertNamedNull("delta rule: model is null", () -> DeltaRule.layersOf(null));
  }
}
