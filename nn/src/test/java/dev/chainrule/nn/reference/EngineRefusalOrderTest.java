package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Where both the outputs and the targets are outside a loss's domain, the reference refuses the
 * engine's first offender, in the engine's order per loss: binary cross-entropy checked its
 * targets first where the engine checks its predictions first (identity outputs against targets
 * of 1.5: the engine named prediction −0.369, the reference target 1.5), and refused an output
 * outside [0, 1] saying the engine clamps it, where the engine refuses it. A NaN output, which
 * the engine lets through to a NaN loss, the reference refused under the cross-entropies on
 * probabilities; now both answer NaN. The outputs are given exactly: one Dense layer with the
 * identity matrix as its weight and no bias passes its input through unchanged, so the engine's
 * loss is computed on the very tensor the reference checks.
 */
class EngineRefusalOrderTest {
  /**
   * The kind of refusal and its first offender, from the engine's message or the reference's:
   * "prediction 2.0 at [1, 2] is not a probability", "target row [0] sums to 1.5,".
   */
  private static final Pattern OFFENDER = Pattern.compile("(prediction|target|log-probability)"
      + " (row \\[[^\\]]*] sums to \\S+|\\S+ at \\[[^\\]]*] is (not a (class )?probability"
      + "|not a class index|above 0))");

  private static final double NAN = Double.NaN;

  private static Tensor rows(double... values) {
    return Tensor.of(values, 2, values.length / 2);
  }

  private static String offender(String message) {
    Matcher m = OFFENDER.matcher(message);
    assertTrue(m.find(), () -> "no offender named in: " + message);
    return m.group();
  }

  private static List<DeltaRule.Layer> passThrough(int width) {
    return List.of(new DeltaRule.Layer(Tensors.eye(width), null, Activation.identity()));
  }

  /**
   * Checks that the engine and the reference both refuse the output and target, naming the same
   * offender, and that it is {@code expected}.
   */
  private static void sameRefusal(Loss loss, Tensor output, Tensor target, String expected) {
    String engine = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(Variable.constant(output), target), "the engine refuses it")
        .getMessage();
    String reference = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(passThrough(output.dim(1)), loss, output, target),
        () -> "the reference answered where the engine said: " + engine).getMessage();
    assertTrue(reference.startsWith("delta rule: "), reference);
    assertEquals(offender(engine), offender(reference),
        () -> "engine: " + engine + "\nreference: " + reference);
    assertEquals(expected, offender(engine), engine);
  }

  @Test
  void binaryCrossEntropyRefusesPredictionsBeforeTargets() {
    Loss bce = Loss.binaryCrossEntropy();
    Tensor halves = rows(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
    sameRefusal(bce, rows(-0.5, 0.5, 0.5, 0.5, 0.5, 0.5), rows(0.5, 1.5, 0.5, 0.5, 0.5, 0.5),
        "prediction -0.5 at [0, 0] is not a probability");
    // The check, not the position, comes first: the prediction after the target is named.
    sameRefusal(bce, rows(0.5, 0.5, 0.5, 0.5, 0.5, 2), rows(1.5, 0.5, 0.5, 0.5, 0.5, 0.5),
        "prediction 2.0 at [1, 2] is not a probability");
    sameRefusal(bce, rows(0.5, 0.5, 0.5, 0.5, 0.5, 0.5), rows(0.5, 0.5, 0.5, 0.5, -1, 0.5),
        "target -1.0 at [1, 1] is not a probability");
    // A NaN prediction passes, and the engine looks no further: 2.0 after it is not refused,
    // the target 1.5 is.
    sameRefusal(bce, rows(NAN, 0.5, 0.5, 2, 0.5, 0.5), rows(0.5, 0.5, 0.5, 1.5, 0.5, 0.5),
        "target 1.5 at [1, 0] is not a probability");
    String words = assertThrows(IllegalArgumentException.class, () -> DeltaRule.backprop(
        passThrough(3), bce, rows(0.5, 1.25, 0.5, 0.5, 0.5, 0.5), halves)).getMessage();
    assertEquals("delta rule: prediction 1.25 at [0, 1] is not a probability in [0, 1] (apply a"
        + " sigmoid, or give logits to binaryCrossEntropyWithLogits), which"
        + " binary-cross-entropy (mean) refuses in the engine, and the reference would answer"
        + " for a loss the engine does not compute", words);
  }

  @Test
  void lossesOnLogitsRefuseTargetsOnly() {
    sameRefusal(Loss.binaryCrossEntropyWithLogits(), rows(7, NAN, -3, 0, 0, 0),
        rows(0.5, 0.5, 0.5, 0.5, 0.5, 1.5), "target 1.5 at [1, 2] is not a probability");
    sameRefusal(Loss.softmaxCrossEntropy(), rows(7, -3, 2, 0, 0, 0),
        rows(0.5, 0.5, 0.5, 1, 0, 0), "target row [0] sums to 1.5,");
    sameRefusal(Loss.softmaxCrossEntropy(), rows(7, -3, 2, 0, 0, 0), Tensor.vector(1, 2.5),
        "target 2.5 at [1] is not a class index");
  }

  @Test
  void categoricalCrossEntropyRefusesTargetsThenPredictionsThenTheirRows() {
    Loss cce = Loss.categoricalCrossEntropy();
    Tensor offRow = rows(-0.2, 0.6, 0.6, 0.2, 0.3, 0.5);
    sameRefusal(cce, offRow, rows(1, 0, 0, 1.5, 0, 0),
        "target 1.5 at [1, 0] is not a class probability");
    sameRefusal(cce, offRow, rows(0.5, 0.5, 0.5, 0, 0, 1), "target row [0] sums to 1.5,");
    sameRefusal(cce, offRow, Tensor.vector(0, 3), "target 3.0 at [1] is not a class index");
    // Entries in [0, 1] before rows summing to 1: row 0 sums to 1.2, but row 1's 1.5 is named.
    sameRefusal(cce, rows(0.2, 0.4, 0.6, 1.5, -0.25, -0.25), Tensor.vector(0, 1),
        "prediction 1.5 at [1, 0] is not a probability");
    sameRefusal(cce, rows(0.2, 0.4, 0.6, 0.2, 0.3, 0.5), Tensor.vector(0, 1),
        "prediction row [0] sums to 1.2000000000000002,");
  }

  @Test
  void negativeLogLikelihoodRefusesTargetsThenLogProbabilities() {
    Loss nll = Loss.negativeLogLikelihood();
    Tensor positive = rows(-1, 0.3, -2, -1, -1, -1);
    sameRefusal(nll, positive, rows(1, 0, 0, 0, 1.5, 0),
        "target 1.5 at [1, 1] is not a class probability");
    sameRefusal(nll, positive, Tensor.vector(0, 5), "target 5.0 at [1] is not a class index");
    sameRefusal(nll, positive, Tensor.vector(0, 1),
        "log-probability 0.3 at [0, 1] is above 0");
  }

  /**
   * The reviewer's case, through a trained-looking model: Dense 3→4 with the identity after it
   * against targets of 1.5. The outputs are the model's, so the values are compared by position
   * and kind only (the engine's forward pass and the reference's may round differently).
   */
  @Test
  void anIdentityOutputAgainstTargetsOfOneAndAHalfIsNamedAsTheEngineNamesIt() {
    Tensor x = Tensors.uniform(Shape.of(5, 3), -1, 1, 1L);
    Sequential model = Sequential.of(Dense.of(3, 4, 3L), Activation.identity());
    Tensor target = Tensors.zeros(5, 4).add(1.5);
    Loss bce = Loss.binaryCrossEntropy();
    String engine = assertThrows(IllegalArgumentException.class,
        () -> bce.compute(model.forward(Variable.constant(x)), target)).getMessage();
    String reference = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(DeltaRule.layersOf(model), bce, x, target)).getMessage();
    String at = " at [0, 0] is not a probability in [0, 1] (apply a sigmoid";
    assertTrue(engine.startsWith("binaryCrossEntropy: prediction -0.36") && engine.contains(at),
        engine);
    assertTrue(reference.startsWith("delta rule: prediction -0.36") && reference.contains(at),
        reference);
  }

  /**
   * A NaN output is no refusal in the engine (its loss is NaN, for a trainer to report), nor in
   * the reference: under the cross-entropies on probabilities the reference refused it as
   * "outside (0, 1)". Row 0 of the pass-through is all NaN, row 1 in every loss's domain.
   */
  @Test
  void aNanOutputGivesANanLossInBoth() {
    Tensor probabilities = rows(NAN, 0.5, 0.5, 0.2, 0.3, 0.5);
    Tensor logProbabilities = rows(NAN, -1, -1, -1, -2, -3);
    Tensor classes = Tensor.vector(0, 2);
    Tensor halves = rows(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
    nanInBoth(Loss.binaryCrossEntropy(), probabilities, halves);
    nanInBoth(Loss.binaryCrossEntropyWithLogits(), logProbabilities, halves);
    nanInBoth(Loss.categoricalCrossEntropy(), probabilities, classes);
    nanInBoth(Loss.softmaxCrossEntropy(), logProbabilities, classes);
    nanInBoth(Loss.negativeLogLikelihood(), logProbabilities, classes);
    nanInBoth(Loss.meanSquaredError(), probabilities, halves);
  }

  private static void nanInBoth(Loss loss, Tensor output, Tensor target) {
    double engine = loss.compute(Variable.constant(output), target).item();
    DeltaRule.Result reference = DeltaRule.backprop(passThrough(3), loss, output, target);
    assertTrue(Double.isNaN(engine), () -> loss + ": engine " + engine);
    assertTrue(Double.isNaN(reference.loss()), () -> loss + ": reference " + reference.loss());
  }

  /**
   * What the engine really clamps, the reference still refuses, now after the engine's own
   * checks and saying so: binary cross-entropy's log(1 − p) at an output of exactly 1. An output
   * of 1 under categorical cross-entropy, whose log 1 = 0 the engine does not clamp, both answer
   * alike: the loss to 1e-15 absolute (−log 0.5 = 0.69, a rounding or two).
   */
  @Test
  void onlyWhatTheEngineClampsIsRefusedAsClamped() {
    Tensor saturated = rows(1, 0.5, 0.5, 0.5, 0.5, 0.5);
    String message = assertThrows(IllegalArgumentException.class, () -> DeltaRule.backprop(
        passThrough(3), Loss.binaryCrossEntropy(), saturated,
        rows(1, 0.5, 0.5, 0.5, 0.5, 0.5))).getMessage();
    assertTrue(message.startsWith("delta rule: output at row 0, column 0 is 1.0, and 1 − p = 0.0"
        + " is below e^−100 = "), message);
    // Row 0 sums to 1.00002, within the engine's tolerance.
    Tensor certain = rows(1, 1e-5, 1e-5, 0.5, 0.25, 0.25);
    Loss cce = Loss.categoricalCrossEntropy();
    Tensor classes = Tensor.vector(0, 1);
    double engine = cce.compute(Variable.constant(certain), classes).item();
    double reference = DeltaRule.backprop(passThrough(3), cce, certain, classes).loss();
    // Each takes −log of the picked probabilities and their mean, perhaps in other orders: a
    // few ulps of log 2 (1.1e-16 each; measured equal).
    assertEquals(engine, reference, 1e-15);
  }
}
