package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Transpose;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Between 0 and the engine's clamp threshold (e^−100 in float64, float32's smallest normal
 * number in float32) the engine's logarithm in binary and categorical cross-entropy is clamped
 * (value −100, gradient 0) and the reference's is not: the reference answered 120 and dW = −1
 * where the engine gave 100 and 0. It refuses those outputs, naming the loss, the place, the
 * value and the clamp; just above the thresholds both agree. One Dense layer 1 → K without bias,
 * input [[1]], so the weights are the pre-activations.
 */
class ClampedLogarithmRefusalTest {
  private static final Tensor ONE = Tensor.of(new double[] {1}, 1, 1);
  private static final Tensor YES = Tensor.of(new double[] {1}, 1, 1);

  private static List<DeltaRule.Layer> layer(DType dtype, Activation.BuiltIn f, double... z) {
    return List.of(new DeltaRule.Layer(Tensor.of(z, z.length, 1).to(dtype), null, f));
  }

  private static String refusal(List<DeltaRule.Layer> layers, Loss loss, Tensor target) {
    Tensor x = ONE.to(layers.get(0).weight().dtype());
    return assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(layers, loss, x, target)).getMessage();
  }

  @Test
  void aSigmoidBelowTheClampAgainstItsTargetIsRefusedByName() {
    // σ(−120) = e^−120 to rounding; its last digits are the sigmoid's, not the refusal's.
    String float64 = refusal(layer(DType.FLOAT64, Activation.sigmoid(), -120),
        Loss.binaryCrossEntropy(), YES);
    assertTrue(float64.startsWith("delta rule: output at row 0, column 0 is 7.66764807372"),
        float64);
    assertTrue(float64.endsWith("E-53, below e^−100 = 3.720075976020836E-44, where"
        + " binary-cross-entropy (mean) takes its logarithm against target 1.0: the engine"
        + " clamps that logarithm there (value −100, gradient 0), and the hand-derived"
        + " reference, which does not clamp, would answer otherwise"), float64);
    String float32 = refusal(layer(DType.FLOAT32, Activation.sigmoid(), -88.5),
        Loss.binaryCrossEntropy(), YES);
    assertTrue(float32.startsWith("delta rule: output at row 0, column 0 is "), float32);
    assertTrue(float32.contains("below float32's smallest normal number, 1.1754943508222875E-38,"
        + " where binary-cross-entropy (mean) takes its logarithm against target 1.0: the"
        + " engine's logarithm has gradient 0 there"), float32);
    // Just below each threshold: σ(−100.1) < e^−100, σ(−87.5) < 2^−126 ≈ e^−87.34.
    refusal(layer(DType.FLOAT64, Activation.sigmoid(), -100.1), Loss.binaryCrossEntropy(), YES);
    refusal(layer(DType.FLOAT32, Activation.sigmoid(), -87.5), Loss.binaryCrossEntropy(), YES);
  }

  @Test
  void aSoftmaxsVanishingTargetClassIsRefusedByName() {
    String message = refusal(layer(DType.FLOAT64, Activation.softmax(), 0, 0, -200),
        Loss.categoricalCrossEntropy(), Tensor.vector(2));
    assertTrue(message.startsWith("delta rule: output at row 0, column 2 is "), message);
    assertTrue(message.contains("where categorical-cross-entropy (mean) takes its logarithm"
        + " against target 1.0: the engine clamps that logarithm there"), message);
  }

  /**
   * Just above the thresholds, and below them where the target gives the logarithm no weight,
   * the reference and the engine agree: the loss to 1e-12 relative in float64 (a few roundings
   * of a log near 100) and 1e-6 in float32 (float32's ulp is 6e-8; the engine takes the log in
   * float64, the reference in float32), the gradient likewise, relative to its largest entry.
   */
  @Test
  void justAboveTheThresholdsTheReferenceAgreesWithTheEngine() {
    agree(layer(DType.FLOAT64, Activation.sigmoid(), -99.9), Loss.binaryCrossEntropy(), YES);
    agree(layer(DType.FLOAT32, Activation.sigmoid(), -87), Loss.binaryCrossEntropy(),
        YES.to(DType.FLOAT32));
    agree(layer(DType.FLOAT64, Activation.softmax(), 0, 0, -99),
        Loss.categoricalCrossEntropy(), Tensor.vector(2));
    // σ(−120) is clamped but weighted by y = 0: its log adds 0 to both.
    agree(layer(DType.FLOAT64, Activation.sigmoid(), -120), Loss.binaryCrossEntropy(),
        YES.mul(0));
    agree(layer(DType.FLOAT64, Activation.softmax(), 0, 0, -200),
        Loss.categoricalCrossEntropy(), Tensor.vector(0));
  }

  private static void agree(List<DeltaRule.Layer> layers, Loss loss, Tensor target) {
    Tensor weight = layers.get(0).weight();
    double tolerance = weight.dtype() == DType.FLOAT32 ? 1e-6 : 1e-12;
    Tensor x = ONE.to(weight.dtype());
    DeltaRule.Result reference = DeltaRule.backprop(layers, loss, x, target);
    Variable w = Variable.parameter(weight);
    Variable engine = loss.compute(layers.get(0).activation()
        .forward(Variable.constant(x).matmul(w, Transpose.RIGHT)), target);
    engine.backward();
    assertEquals(engine.item(), reference.loss(), tolerance * Math.abs(engine.item()));
    Tensor dw = reference.weightGradients().get(0);
    double scale = w.grad().abs().max().item();
    assertTrue(scale > 0, "a gradient to compare");
    assertEquals(0, dw.sub(w.grad()).abs().max().item(), tolerance * scale,
        () -> "reference " + dw + ", engine " + w.grad());
  }
}
