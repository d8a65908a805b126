package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ignore index beyond PyTorch's numbers ({@link PyTorchIgnoreIndexTest}): there is none by
 * default, its rows are left out exactly (the loss of the other rows alone), the gradients
 * against finite differences, what the trainer reads ({@code meanWeight}), and every refusal,
 * each naming the loss.
 */
class IgnoreIndexTest {
  private static final Tensor LOGITS = Tensors.randn(Shape.of(6, 4), 21L).mul(2);
  private static final Tensor TARGETS = Tensor.vector(0, -100, 1, 3, -100, 2);
  /** The rows of LOGITS whose target is not −100, and their targets. */
  private static final Tensor KEPT_LOGITS = LOGITS.take(0, Tensor.vector(0, 2, 3, 5));
  private static final Tensor KEPT_TARGETS = Tensor.vector(0, 1, 3, 2);
  private static final CrossEntropyOptions IGNORE = CrossEntropyOptions.none()
      .withIgnoreIndex(-100);
  private static final CrossEntropyOptions ALL = IGNORE.withClassWeights(0.5, 2, 0, 1.5)
      .withLabelSmoothing(0.2);

  /** Unlike PyTorch's −100, chainrule ignores nothing unless asked: a −100 is refused. */
  @Test
  void thereIsNoIgnoreIndexByDefault() {
    assertEquals(OptionalInt.empty(), CrossEntropyOptions.none().ignoreIndex());
    assertEquals("softmaxCrossEntropy: target -100.0 at [1] is not a class index for 4 classes"
        + " (whole numbers 0 to 3)", refusal(() -> CrossEntropies.softmaxCrossEntropy(
            Variable.constant(LOGITS), TARGETS, CrossEntropyOptions.none().withClassWeights(
                1, 2, 3, 4), Reduction.MEAN)));
    // An index other than the one asked for is still no class.
    assertEquals("negativeLogLikelihood: target -100.0 at [1] is not a class index for 4"
        + " classes (whole numbers 0 to 3)", refusal(() -> CrossEntropies.negativeLogLikelihood(
            Variable.constant(LOGITS.logSoftmax(-1)), TARGETS,
            CrossEntropyOptions.none().withIgnoreIndex(255), Reduction.SUM)));
    assertTrue(IGNORE.withoutIgnoreIndex().isNone());
    assertEquals("class weights [0.5, 2.0, 0.0, 1.5], label smoothing 0.2, ignore index -100",
        ALL.toString());
    assertEquals("ignore index -100", IGNORE.toString());
  }

  /**
   * Ignored rows are not there: every reduction equals the loss of the other rows alone, and
   * their gradient rows are 0. 1e-15: ulps of sums of the same terms with zeros among them.
   */
  @ParameterizedTest
  @EnumSource(Reduction.class)
  void ignoredRowsAreLeftOut(Reduction reduction) {
    for (CrossEntropyOptions options : List.of(IGNORE, ALL)) {
      Variable z = Variable.parameter(LOGITS);
      Variable value = CrossEntropies.softmaxCrossEntropy(z, TARGETS, options, reduction);
      value.sum().backward();
      Variable kept = Variable.parameter(KEPT_LOGITS);
      Variable alone = CrossEntropies.softmaxCrossEntropy(kept, KEPT_TARGETS,
          options.withoutIgnoreIndex(), reduction);
      alone.sum().backward();
      Tensor expected = reduction != Reduction.NONE ? alone.value()
          : Tensor.vector(alone.value().flatGet(0), 0, alone.value().flatGet(1),
              alone.value().flatGet(2), 0, alone.value().flatGet(3));
      assertTrue(value.value().allClose(expected, 1e-15, 1e-15), options + " " + reduction);
      assertTrue(z.grad().take(0, Tensor.vector(0, 2, 3, 5)).allClose(kept.grad(), 1e-15, 1e-15));
      assertEquals(0, z.grad().take(0, Tensor.vector(1, 4)).abs().max().item(), 0);
    }
  }

  /**
   * An ignored row may hold logits of −∞ (a masked position) or NaN: it is left out, so the loss
   * is the other rows', PyTorch's 3.4401896985611953 here (−log softmax([1, 2, 3, 4])₀; a
   * handful of float64 operations, so 1e-15), and the ignored row's gradient is exactly 0, where
   * PyTorch's is NaN. Zeroing the row's coefficients alone left 0·(−∞) = NaN in the sum.
   */
  @Test
  void anIgnoredRowsNonFiniteLogitsAreLeftOut() {
    for (double masked : new double[] {Double.NEGATIVE_INFINITY, Double.NaN}) {
      Variable logits = Variable.parameter(Tensor.matrix(new double[][] {
          {1, 2, 3, 4}, {masked, masked, masked, masked}}));
      Variable loss = CrossEntropies.softmaxCrossEntropy(logits, Tensor.vector(0, 255),
          CrossEntropyOptions.none().withIgnoreIndex(255), Reduction.MEAN);
      assertEquals(3.4401896985611953, loss.item(), 1e-15);
      loss.backward();
      assertEquals(Tensor.vector(0, 0, 0, 0), logits.grad().slice(0, 1, 2).reshape(4));
    }
  }

  /** First and second derivatives against central differences, every reduction. */
  @Test
  void gradientsAndSecondDerivativesCheck() {
    for (Reduction reduction : Reduction.values()) {
      GradCheckReport first = GradCheck.check(in -> CrossEntropies.softmaxCrossEntropy(
          in.get(0), TARGETS, ALL, reduction), List.of(LOGITS));
      GradCheckReport second = GradCheck.gradGradCheck(in -> CrossEntropies
          .softmaxCrossEntropy(in.get(0), TARGETS, ALL, reduction), List.of(LOGITS));
      assertTrue(first.passed(), first::toString);
      assertTrue(second.passed(), second::toString);
    }
  }

  /** The trainer weighs a batch's mean by the rows that count, or their Σ w_y (largest at 1). */
  @Test
  void aBatchsMeanWeighsTheRowsThatCount() {
    assertEquals(4, Loss.softmaxCrossEntropy(IGNORE).meanWeight(LOGITS, TARGETS, 6), 0);
    // Classes 0 1 3 2 of weights 0.5 2 1.5 0, over the largest (2): 0.25 + 1 + 0.75 + 0.
    assertEquals(2, Loss.softmaxCrossEntropy(ALL).meanWeight(LOGITS, TARGETS, 6), 0);
    assertEquals(6, Loss.softmaxCrossEntropy(IGNORE)
        .meanWeight(LOGITS, LOGITS.softmax(-1), 6), 0, "soft rows count as rows");
    // What the trainer's accuracy leaves out: the options' index, and for a loss without
    // options nothing, with a batch weighing its samples.
    assertEquals(OptionalInt.of(-100), Loss.softmaxCrossEntropy(IGNORE).ignoreIndex());
    assertEquals(OptionalInt.empty(), Loss.softmaxCrossEntropy().ignoreIndex());
    assertEquals(6, Loss.softmaxCrossEntropy().meanWeight(LOGITS, KEPT_TARGETS, 6), 0);
  }

  /**
   * A mean with nothing to divide by, PyTorch's NaN, is refused as a weighted mean over classes
   * of weight 0 is; the sum is 0 with no gradient, and NONE's rows are 0.
   */
  @Test
  void aMeanOfOnlyIgnoredRowsIsRefused() {
    Tensor none = Tensor.vector(-100, -100, -100, -100, -100, -100);
    assertEquals("softmaxCrossEntropy: every target is the ignore index -100, so the mean would"
        + " divide by 0: train on batches that hold a row to count, or sum (Reduction.SUM)",
        refusal(() -> Loss.softmaxCrossEntropy(IGNORE).compute(Variable.constant(LOGITS),
            none)));
    assertEquals("negativeLogLikelihood: every target is the ignore index -100, so the weighted"
        + " mean would divide by 0: train on batches that hold a row to count, or sum"
        + " (Reduction.SUM)", refusal(() -> Loss.negativeLogLikelihood(ALL).compute(
            Variable.constant(LOGITS.logSoftmax(-1)), none)));
    assertEquals("softmaxCrossEntropy: every target's class weighs 0 (classes [2]) or is the"
        + " ignore index -100, so the weighted mean would divide by 0: give those classes"
        + " weight, or sum (Reduction.SUM)", refusal(() -> Loss.softmaxCrossEntropy(ALL)
            .compute(Variable.constant(LOGITS), Tensor.vector(2, -100, 2, 2, -100, -100))));
    Variable z = Variable.parameter(LOGITS);
    Variable sum = CrossEntropies.softmaxCrossEntropy(z, none, ALL, Reduction.SUM);
    sum.backward();
    assertEquals(0, sum.item(), 0);
    assertEquals(0, z.grad().abs().max().item(), 0);
    assertEquals(0, CrossEntropies.softmaxCrossEntropy(z, none, IGNORE, Reduction.NONE).value()
        .abs().max().item(), 0);
  }

  @Test
  void rowsOfProbabilitiesTakeNoIgnoreIndex() {
    assertEquals("softmaxCrossEntropy: an ignore index (-100) is for class-index targets, and"
        + " targets [6, 4] are rows of probabilities like the prediction: leave the index out"
        + " of the options for soft targets (PyTorch refuses a non-negative ignore_index with"
        + " them)",
        refusal(() -> Loss.softmaxCrossEntropy(IGNORE).compute(Variable.constant(LOGITS),
            LOGITS.softmax(-1))));
    assertTrue(refusal(() -> CrossEntropies.negativeLogLikelihood(Variable.constant(
        LOGITS.logSoftmax(-1)), LOGITS.softmax(-1), ALL, Reduction.NONE))
        .startsWith("negativeLogLikelihood: an ignore index (-100) is for class-index targets"));
  }

  /** An index within the classes ignores that class's rows: class 1 here. */
  @Test
  void anIndexMayBeAClass() {
    Tensor targets = Tensor.vector(0, 1, 1, 3, 2, 2);
    double value = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(1))
        .compute(Variable.constant(LOGITS), targets).item();
    double alone = Loss.softmaxCrossEntropy().compute(Variable.constant(
        LOGITS.take(0, Tensor.vector(0, 3, 4, 5))), Tensor.vector(0, 3, 2, 2)).item();
    assertEquals(alone, value, 1e-15 * alone);  // ulps of sums in another order
  }

  private static String refusal(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }
}
