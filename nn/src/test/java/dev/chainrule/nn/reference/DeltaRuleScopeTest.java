package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delta rule keeps its own table of derivatives for the built-in activations and losses; a
 * user's activation or loss, which the engine trains as well as any, is refused by name rather
 * than differentiated wrongly.
 */
class DeltaRuleScopeTest {
  @Test
  void aUsersActivationIsRefusedByName() {
    Activation swish = Activation.of("swish", x -> x.mul(x.sigmoid()));
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), swish, Dense.of(3, 1, 2L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.layersOf(model));
    assertEquals("delta rule: layer 1 is the activation 'swish', not a built-in one; the"
        + " hand-derived reference knows the derivatives of the built-in activations only",
        e.getMessage());
  }

  @Test
  void aUsersLossIsRefused() {
    Loss absolute = (prediction, target) -> prediction.abs().mean();
    List<DeltaRule.Layer> layers =
        List.of(new DeltaRule.Layer(Tensors.ones(1, 2), null, Activation.identity()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(layers, absolute, Tensors.ones(3, 2), Tensor.vector(1, 2, 3)));
    // Named as a lambda of this class, not by its identity hash (DeltaRuleScopeTest$$Lambda$…).
    assertEquals("delta rule: the loss is one of your own (" + getClass().getName() + " lambda),"
        + " not a built-in loss; the hand-derived reference knows the derivatives of the"
        + " built-in losses only", e.getMessage());
  }

  /** A built-in cross-entropy with class weights is not one the reference knows: refused. */
  @Test
  void aWeightedCrossEntropyIsRefused() {
    Loss weighted = Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withClassWeights(1, 2));
    List<DeltaRule.Layer> layers =
        List.of(new DeltaRule.Layer(Tensors.ones(2, 2), null, Activation.identity()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(layers, weighted, Tensors.ones(3, 2), Tensor.vector(1, 0, 1)));
    assertEquals("delta rule: the loss is softmax-cross-entropy (mean, class weights [1.0, 2.0]);"
        + " the hand-derived reference knows the derivatives of the built-in losses without class"
        + " weights, label smoothing or an ignore index only", e.getMessage());
    assertFalse(DeltaRule.supports(Dense.of(2, 2, 1L), weighted));
  }

  /**
   * A cross-entropy with no options computes the built-in loss (it delegates to it), so the
   * reference takes it and gives the built-in's gradients; it was refused as if it had weights.
   */
  @Test
  void aCrossEntropyWithoutOptionsIsTheBuiltInOne() {
    Tensor x = Tensors.randn(dev.chainrule.core.Shape.of(5, 3), 1L);
    Tensor target = Tensor.vector(0, 2, 1, 1, 0);
    Dense dense = Dense.of(3, 3, 2L);
    List<DeltaRule.Layer> layers = DeltaRule.layersOf(dense);
    for (Loss plain : List.of(Loss.softmaxCrossEntropy(CrossEntropyOptions.none()),
        Loss.softmaxCrossEntropy(CrossEntropyOptions.none()).withReduction(Reduction.SUM))) {
      assertTrue(DeltaRule.supports(dense, plain), plain.toString());
      Loss builtIn = new Loss.BuiltIn(Loss.Kind.SOFTMAX_CROSS_ENTROPY, plain.reduction());
      DeltaRule.Result got = DeltaRule.backprop(layers, plain, x, target);
      DeltaRule.Result expected = DeltaRule.backprop(layers, builtIn, x, target);
      // The same formulas on the same values: identical to the bit.
      assertEquals(expected.loss(), got.loss());
      assertEquals(expected.weightGradients(), got.weightGradients());
    }
    assertTrue(DeltaRule.supports(dense,
        Loss.negativeLogLikelihood(CrossEntropyOptions.none())));
    assertFalse(DeltaRule.supports(dense,
        Loss.softmaxCrossEntropy(CrossEntropyOptions.none().withIgnoreIndex(1))));
  }

  /** Nested Sequentials' Dense layers come in the order of layersOf's layers, one per use. */
  @Test
  void denseLayersFollowTheFlattenedOrder() {
    Dense a = Dense.of(4, 5, 1L);
    Dense b = Dense.of(5, 5, 2L);
    Dense c = Dense.of(5, 3, 3L);
    Sequential model = Sequential.of(Sequential.of(a, Activation.tanh()),
        Sequential.of(b, Activation.relu(), Sequential.of(b)), c);
    assertEquals(List.of(a, b, b, c), DeltaRule.denseLayersOf(model));
    assertEquals(4, DeltaRule.layersOf(model).size());
  }
}
