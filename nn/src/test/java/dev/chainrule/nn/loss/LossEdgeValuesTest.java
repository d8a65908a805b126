package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Probabilities at exactly 0 or 1 and log-probabilities at −∞, which float32 sigmoids and
 * softmaxes and masked logits produce. Expected values are PyTorch 1.13's (float32 and float64
 * alike: the clamp's log is taken in float64).
 */
class LossEdgeValuesTest {
  /**
   * A float32 sigmoid's exact 1 against target 0: the log of the clamped 1 − p had the gradient
   * g / e^−100, a float32 overflow, times the clamp's 0: NaN in every parameter's gradient.
   */
  @Test
  void float32ProbabilitiesOfExactlyZeroOrOneGiveFiniteGradients() {
    Variable p = Variable.parameter(Tensor.vector(1, 0, 0.5).to(DType.FLOAT32));
    Variable loss = Loss.binaryCrossEntropy().compute(p, Tensor.vector(0, 1, 1));
    loss.backward();
    // PyTorch: (100 + 100 + ln 2) / 3 = 66.8977; the clamped elements' gradients are 0 here
    // (PyTorch caps 1/(p(1−p)) at 1e12 instead; Losses.binaryCrossEntropy's Javadoc), the
    // third's −1/(3 · 0.5).
    assertEquals((200 + Math.log(2)) / 3, loss.item(), 1e-5 * 67, "float32: 1e-5 relative");
    assertArrayEquals(new double[] {0, 0, -2.0 / 3}, p.grad().toArray(), 1e-7);
    assertEquals(DType.FLOAT32, p.grad().dtype());

    // A subnormal float32 probability: its 1/p overflowed float32 (−∞; PyTorch caps it at −1e12).
    Variable tiny = Variable.parameter(Tensor.of(new float[] {1e-40f}, 1));
    Variable tinyLoss = Loss.binaryCrossEntropy().compute(tiny, Tensor.of(new float[] {1}, 1));
    tinyLoss.backward();
    assertEquals(-Math.log(1e-40f), tinyLoss.item(), 1e-5 * 92, "PyTorch's 92.103, 1e-5 relative");
    assertEquals(0, tiny.grad().flatGet(0), 0, "below float32's normal numbers, as if clamped");

    Variable q = Variable.parameter(Tensor.matrix(new double[][] {{0, 1}, {0.25, 0.75}})
        .to(DType.FLOAT32));
    Loss.categoricalCrossEntropy().compute(q, Tensor.vector(0, 1)).backward();
    for (double g : q.grad().toArray()) {
      assertEquals(true, Double.isFinite(g), q.grad().toString());
    }
  }

  /**
   * Where the clamp holds only that term's gradient is 0, as binaryCrossEntropy's Javadoc says:
   * at p = 0 against a soft target 0.5 the other term's (1 − y)/(1 − p) = 0.5 remains (PyTorch:
   * (p − y)/10⁻¹² = −5·10¹¹). In float32 a p of 1e-40, above e^−100 but below float32's normal
   * numbers, is clamped for the gradient too (0.5), where float64 gives the exact −y/p + 0.5.
   */
  @Test
  void aClampedTermAloneLosesItsGradient() {
    for (DType dtype : DType.values()) {
      Variable zero = Variable.parameter(Tensor.vector(0).to(dtype));
      Loss.binaryCrossEntropy().compute(zero, Tensor.vector(0.5)).backward();
      assertEquals(0.5, zero.grad().flatGet(0), 0, dtype + ": exactly the other term's");
    }
    Variable tiny = Variable.parameter(Tensor.of(new float[] {1e-40f}, 1));
    Loss.binaryCrossEntropy().compute(tiny, Tensor.vector(0.5)).backward();
    assertEquals(0.5, tiny.grad().flatGet(0), 0, "float32, below its normal numbers");
    Variable wide = Variable.parameter(Tensor.vector(1e-40));
    Loss.binaryCrossEntropy().compute(wide, Tensor.vector(0.5)).backward();
    assertEquals(-0.5e40, wide.grad().flatGet(0), 1e-15 * 0.5e40, "float64: −y/p, to rounding");
  }

  /** An infinite logit against the target it contradicts: an infinite loss, not NaN (∞·0). */
  @Test
  void infiniteLogitsGiveAnInfiniteBinaryCrossEntropy() {
    Variable z = Variable.parameter(Tensor.vector(Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY));
    Variable loss = Loss.binaryCrossEntropyWithLogits().compute(z, Tensor.vector(0, 1));
    assertEquals(Double.POSITIVE_INFINITY, loss.item(), 0);
    loss.backward();
    // (σ(z) − y) / N: (1 − 0) / 2 and (0 − 1) / 2, PyTorch's.
    assertArrayEquals(new double[] {0.5, -0.5}, z.grad().toArray(), 0);
  }

  /**
   * Confident right answers on logits: the loss log(1 + e^−|z|) and gradient ∓σ(−|z|) are tiny,
   * and softplus(z) − z and σ(z) − 1 cancelled them (float64 at z = 20: 3e-7 relative off in the
   * loss, PyTorch 3e-8; float32 from z = 15: 0). Expected values from mpmath at 40 digits.
   */
  @Test
  void binaryCrossEntropyWithLogitsKeepsTheDigitsOfConfidentRightAnswers() {
    Variable z = Variable.parameter(Tensor.vector(20, -20, 30));
    Variable loss = Loss.binaryCrossEntropyWithLogits().compute(z, Tensor.vector(1, 0, 1));
    // log1p(e^−20) twice and log1p(e^−30), over 3; 1e-15 relative: a few roundings.
    double expected = (2 * 2.061153620314381e-09 + 9.357622968839737e-14) / 3;
    assertEquals(expected, loss.item(), 1e-15 * expected);
    loss.backward();
    // σ(−20)/3 = 2.0611536181902037e-09/3, with the sign of σ(z) − y.
    double g20 = 2.0611536181902037e-09 / 3;
    double g30 = 9.357622968839299e-14 / 3;
    assertArrayEquals(new double[] {-g20, g20, -g30}, z.grad().toArray(), 1e-15 * g20);

    Variable z32 = Variable.parameter(Tensor.of(new float[] {15}, 1));
    Variable loss32 = Loss.binaryCrossEntropyWithLogits().compute(z32, Tensor.vector(1));
    // log1p(e^−15) = 3.059022737137205e-07; 1e-5 relative for float32 (it was 0).
    assertEquals(3.059022737137205e-07, loss32.item(), 1e-5 * 3.06e-7);
    loss32.backward();
    assertEquals(-3.059022269256247e-07, z32.grad().flatGet(0), 1e-5 * 3.06e-7, "−σ(−15)");

    // +∞ against target 1 is a perfect answer: loss 0, where softplus(∞) − ∞ was NaN.
    Variable sure = Variable.parameter(Tensor.vector(Double.POSITIVE_INFINITY));
    assertEquals(0, Loss.binaryCrossEntropyWithLogits().compute(sure, Tensor.vector(1)).item(),
        0);
    // And −∞ against 0, and −∞ against 0.5 is +∞: the limits the Javadoc states (PyTorch 1.13
    // gives NaN for all three).
    Variable never = Variable.parameter(Tensor.vector(Double.NEGATIVE_INFINITY));
    assertEquals(0, Loss.binaryCrossEntropyWithLogits().compute(never, Tensor.vector(0)).item(),
        0);
    assertEquals(Double.POSITIVE_INFINITY,
        Loss.binaryCrossEntropyWithLogits().compute(never, Tensor.vector(0.5)).item(), 0);
  }

  /**
   * Infinite logits against soft targets: softplus(z) − y·z was ∞ − ∞ = NaN at z = +∞, where the
   * loss (1 − y)·z + softplus(−z) is +∞ (PyTorch 1.13: inf). At z = −∞ it is −y·z = +∞ (PyTorch
   * gives NaN there). A target of exactly 1 beside a soft one keeps the perfect answer's 0.
   */
  @Test
  void infiniteLogitsAgainstSoftTargetsGiveAnInfiniteLossNotNaN() {
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      // σ(±∞) is exactly 1 or 0, so the gradients are 1 − y and −y: exact in float64; in float32
      // y = 0.3 rounds to 0.30000001, half an ulp of 0.3f at most, and 1 − 0.3f is exact.
      double tolerance = dtype == DType.FLOAT64 ? 0 : Math.ulp(0.3f) / 2;
      Variable z = Variable.parameter(Tensor.vector(Double.POSITIVE_INFINITY).to(dtype));
      Variable loss = Loss.binaryCrossEntropyWithLogits().compute(z, Tensor.vector(0.3));
      assertEquals(Double.POSITIVE_INFINITY, loss.item(), 0, dtype.toString());
      loss.backward();
      assertEquals(0.7, z.grad().flatGet(0), tolerance, dtype.toString());

      Variable w = Variable.parameter(Tensor.vector(Double.NEGATIVE_INFINITY).to(dtype));
      Variable lossW = Loss.binaryCrossEntropyWithLogits().compute(w, Tensor.vector(0.3));
      assertEquals(Double.POSITIVE_INFINITY, lossW.item(), 0, dtype.toString());
      lossW.backward();
      assertEquals(-0.3, w.grad().flatGet(0), tolerance, dtype.toString());
    }
    Variable both = Variable.parameter(Tensor.vector(Double.POSITIVE_INFINITY, 2));
    Variable loss = Loss.binaryCrossEntropyWithLogits().compute(both, Tensor.vector(1, 0.3));
    // softplus(−∞) + 0·∞ = 0 for the first, softplus(2) − 0.6 for the second, over 2: 1e-15,
    // a few roundings of values near 1.
    assertEquals((Math.log1p(Math.exp(2)) - 0.6) / 2, loss.item(), 1e-15);
    loss.backward();
    // (σ(z) − y)/2: 0 and (σ(2) − 0.3)/2, σ(2) = 1/(1 + e^−2)
    assertArrayEquals(new double[] {0, (1 / (1 + Math.exp(-2)) - 0.3) / 2},
        both.grad().toArray(), 1e-16);
  }

  /**
   * A soft target anywhere, the first element included, sends the whole batch to the soft form
   * softplus(z) − y·z: the hard form softplus((1 − 2y)·z) is that function only for y in {0, 1}.
   */
  @Test
  void binaryCrossEntropyWithLogitsTakesASoftTargetInTheFirstPlace() {
    Variable z = Variable.constant(Tensor.vector(2, -1));
    double loss = Loss.binaryCrossEntropyWithLogits().compute(z, Tensor.vector(0.3, 1)).item();
    // softplus(2) − 0.3·2 and softplus(−1) + 1, over 2; 1e-15: a few roundings of values near 1.
    double expected = (Math.log1p(Math.exp(2)) - 0.6 + Math.log1p(Math.exp(-1)) + 1) / 2;
    assertEquals(expected, loss, 1e-15);
  }

  /** Masked classes (−∞ logits) beside class-index targets: PyTorch's nll_loss is finite. */
  @Test
  void negativeLogLikelihoodIgnoresMaskedClassesItDoesNotWeigh() {
    double masked = Double.NEGATIVE_INFINITY;
    Variable logits = Variable.parameter(Tensor.matrix(new double[][] {{2.0, masked, 0.5},
        {0.1, 1.0, masked}}));
    Tensor classes = Tensor.vector(0, 1);
    Variable nll = Loss.negativeLogLikelihood()
        .compute(Activation.logSoftmax().forward(logits), classes);
    // PyTorch: F.nll_loss(F.log_softmax(z, -1), [0, 1]) in float64 (1e-15: rounding).
    assertEquals(0.2712835763574202, nll.item(), 1e-15);
    assertEquals(Loss.softmaxCrossEntropy().compute(logits, classes).item(), nll.item(), 1e-15,
        "the fused loss on the same logits");
    nll.backward();
    assertArrayEquals(new double[] {-0.0912, 0, 0.0912, 0.1445, -0.1445, 0},
        logits.grad().toArray(), 1e-4, "PyTorch's gradient to its four printed digits");
  }

  /**
   * The same masked classes against one-hot rows: each row's 0 times the masked class's −∞
   * log-probability made the loss NaN (PyTorch's cross_entropy with probability targets is NaN
   * too), where class indices give a finite loss; the rows must score as the indices do. In
   * float32 a logit 6e38 below the largest has log-probability −∞ as well.
   */
  @Test
  void softmaxCrossEntropyOfOneHotRowsIgnoresMaskedClasses() {
    double masked = Double.NEGATIVE_INFINITY;
    double[][] logits = {{2.0, masked, 0.5}, {0.1, 1.0, masked}};
    Tensor classes = Tensor.vector(0, 1);
    Tensor rows = Tensor.matrix(new double[][] {{1, 0, 0}, {0, 1, 0}});
    Tensor soft = Tensor.matrix(new double[][] {{0.75, 0, 0.25}, {0.5, 0.5, 0}});
    // Scalar losses; NONE's per-sample forms: PerSampleLossesTest.
    for (Reduction reduction : List.of(Reduction.MEAN, Reduction.SUM)) {
      Loss loss = Loss.softmaxCrossEntropy().withReduction(reduction);
      Variable byIndex = Variable.parameter(Tensor.matrix(logits));
      Variable indexLoss = loss.compute(byIndex, classes);
      indexLoss.backward();
      Variable byRow = Variable.parameter(Tensor.matrix(logits));
      Variable rowLoss = loss.compute(byRow, rows);
      rowLoss.backward();
      // 1e-15: the two paths round differently (one fused kernel, one log-softmax pass).
      assertEquals(indexLoss.item(), rowLoss.item(), 1e-15, reduction.toString());
      assertArrayEquals(byIndex.grad().toArray(), byRow.grad().toArray(), 1e-15);
      // Soft rows that leave the masked classes out, against PyTorch's −Σ y·log_softmax(z) in
      // float64 with 0·(−∞) taken as 0 (torch.where(y != 0, y·log_softmax(z), 0)).
      double softLoss = loss.compute(Variable.parameter(Tensor.matrix(logits)), soft).item();
      assertEquals(reduction == Reduction.MEAN ? 0.6837835764 : 1.3675671527, softLoss, 1e-9,
          "PyTorch's value to its ten printed digits");
    }
    Variable wide = Variable.parameter(Tensor.matrix(new double[][] {{3e38, -3e38, 0}})
        .to(DType.FLOAT32));
    Variable wideLoss = Loss.softmaxCrossEntropy().compute(wide,
        Tensor.matrix(new double[][] {{1, 0, 0}}));
    assertEquals(0, wideLoss.item(), 0, "the largest logit's class: log-probability 0");
    // Only 0·(−∞) is taken as 0: a NaN logit, even in a row that weighs no class (padding, which
    // the op takes and the Loss refuses), keeps the loss NaN, so the trainer stops at that step
    // instead of stepping on NaN gradients.
    Variable poisoned = Variable.parameter(Tensor.matrix(new double[][] {
        {2.0, masked, 0.5}, {Double.NaN, 1.0, 0.0}}));
    Variable poisonedLoss = poisoned.softmaxCrossEntropy(
        Tensor.matrix(new double[][] {{1, 0, 0}, {0, 0, 0}}), Reduction.MEAN);
    assertTrue(Double.isNaN(poisonedLoss.item()), "a NaN logit gave " + poisonedLoss.item());
  }

  @Test
  void sumOfSquaresWithSumIsPyTorchsSummedMse() {
    Variable p = Variable.parameter(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}));
    Tensor zeros = Tensor.matrix(new double[][] {{0, 0}, {0, 0}});
    assertEquals(30, Loss.sumOfSquares().compute(p, zeros).item(), 0,
        "F.mse_loss(p, 0, reduction='sum')");
    assertEquals(15, Loss.meanSquaredError().withReduction(Reduction.SUM).compute(p, zeros)
        .item(), 0, "the mean over each sample's K outputs, summed over the samples");
  }
}
