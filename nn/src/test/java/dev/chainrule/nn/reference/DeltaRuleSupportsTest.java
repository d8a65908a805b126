package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DeltaRule#supports} answers exactly for the models {@link DeltaRule#layersOf} takes
 * (nested Sequentials as their layers), and the reference's argument checks name what is wrong.
 */
class DeltaRuleSupportsTest {
  private static final Loss MSE = Loss.meanSquaredError();

  @Test
  void denseLayersEachWithAnOptionalBuiltInActivationAreSupported() {
    assertTrue(DeltaRule.supports(Dense.of(2, 1, 1L), MSE), "a single Dense layer");
    assertTrue(DeltaRule.supports(Sequential.of(Dense.of(2, 3, 1L), Dense.of(3, 1, 2L)), MSE),
        "Dense after Dense: the first has the identity");
    assertTrue(DeltaRule.supports(Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(),
        Dense.of(3, 1, 2L), Activation.sigmoid()), MSE), "an activation after the last layer");
  }

  @Test
  void everythingElseIsNot() {
    Loss absolute = (prediction, target) -> prediction.abs().mean();
    assertFalse(DeltaRule.supports(Dense.of(2, 1, 1L), absolute), "a user's loss");
    assertFalse(DeltaRule.supports(Sequential.of(Activation.relu(), Dense.of(2, 1, 1L)), MSE),
        "an activation first");
    assertFalse(DeltaRule.supports(Sequential.of(Dense.of(2, 3, 1L),
        Activation.of("swish", x -> x.mul(x.sigmoid())), Dense.of(3, 1, 2L)), MSE),
        "a user's activation");
    assertFalse(DeltaRule.supports(Sequential.of(Dense.of(2, 3, 1L), Activation.relu(),
        Activation.relu()), MSE), "two activations in a row");
    assertFalse(DeltaRule.supports(Sequential.of(Dense.of(2, 3, 1L), Dropout.of(0.5, 1L)), MSE),
        "another kind of layer after a Dense one");
    assertFalse(DeltaRule.supports(Sequential.of(Dense.of(2, 1, 1L), Activation.hardLimit()),
        MSE), "the threshold unit, which backprop refuses");
    // A softmax over the batch axis: the reference normalizes rows, and called the engine wrong.
    Activation.BuiltIn overBatch = new Activation.BuiltIn(Activation.Kind.SOFTMAX, 0);
    assertFalse(DeltaRule.supports(Sequential.of(Dense.of(4, 3, 1L), overBatch), MSE));
    assertEquals("delta rule: layer 1 is softmax over axis 0; the hand-derived reference"
        + " normalizes each row of [batch, units] (axis -1), and would differ from the engine"
        + " without being wrong", assertThrows(IllegalArgumentException.class,
            () -> DeltaRule.layersOf(Sequential.of(Dense.of(4, 3, 1L), overBatch)))
            .getMessage());
    assertTrue(DeltaRule.supports(Sequential.of(Dense.of(4, 3, 1L),
        new Activation.BuiltIn(Activation.Kind.LOG_SOFTMAX, 1)), MSE), "axis 1 is each row");
  }

  @Test
  void layersOfNamesTheLayerItCannotTake() {
    IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.layersOf(Sequential.of(Dense.of(2, 3, 1L), Dropout.of(0.5, 1L))));
    assertEquals("delta rule: layer 1 is Dropout; expected Dense, optionally followed by a"
        + " built-in activation", dropout.getMessage());
    IllegalArgumentException activation = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.layersOf(Sequential.of(Activation.relu(), Dense.of(2, 1, 1L))));
    assertEquals("delta rule: layer 0 is the activation 'relu'; expected Dense, optionally"
        + " followed by a built-in activation", activation.getMessage());
  }

  /**
   * Blocks of a Dense layer and its activation, each a Sequential, are the same network as the
   * layers side by side: they were refused ("layer 0 is Sequential").
   */
  @Test
  void nestedSequentialsCountAsTheirLayers() {
    Sequential blocks = Sequential.of(Sequential.of(Dense.of(4, 5, 1L), Activation.tanh()),
        Sequential.of(Dense.of(5, 3, 2L)));
    Sequential flat = Sequential.of(Dense.of(4, 5, 1L), Activation.tanh(), Dense.of(5, 3, 2L));
    assertTrue(DeltaRule.supports(blocks, MSE));
    assertEquals(DeltaRule.layersOf(flat), DeltaRule.layersOf(blocks));
    Tensor x = Tensors.randn(Shape.of(6, 4), 3L);
    Tensor y = Tensors.randn(Shape.of(6, 3), 4L);
    MSE.compute(blocks.forward(Variable.constant(x)), y).backward();
    DeltaRule.Result byHand = DeltaRule.backprop(DeltaRule.layersOf(blocks), MSE, x, y);
    // The same sums in other orders: a few ulps of O(1) values.
    assertTrue(byHand.weightGradients().get(0).allClose(blocks.parameters().get(0).grad(), 1e-15,
        1e-13), byHand.weightGradients().get(0) + " vs " + blocks.parameters().get(0).grad());
    assertFalse(DeltaRule.supports(Sequential.of(Dense.of(2, 3, 1L),
        Sequential.of(Activation.relu(), Dropout.of(0.5, 1L))), MSE));
    assertEquals("delta rule: layer 1.1 is Dropout; expected Dense, optionally followed by a"
        + " built-in activation", assertThrows(IllegalArgumentException.class,
            () -> DeltaRule.layersOf(Sequential.of(Dense.of(2, 3, 1L),
                Sequential.of(Activation.relu(), Dropout.of(0.5, 1L))))).getMessage());
  }

  /** Widths that do not chain are named by layer, not by a matmul deep in the walk. */
  @Test
  void backpropNamesTheLayerWhoseWidthDoesNotFit() {
    List<DeltaRule.Layer> layers = List.of(
        new DeltaRule.Layer(Tensors.ones(3, 4), null, Activation.tanh()),
        new DeltaRule.Layer(Tensors.ones(2, 5), null, Activation.identity()));
    assertEquals("delta rule: layer 1's weight [2, 5] takes 5 inputs, but layer 0 gives 3",
        assertThrows(IllegalArgumentException.class,
            () -> DeltaRule.backprop(layers, MSE, Tensors.ones(6, 4), Tensors.ones(6, 2)))
            .getMessage());
    assertEquals("delta rule: layer 0's weight [3, 4] takes 4 inputs, but the input [6, 2] gives"
        + " 2", assertThrows(IllegalArgumentException.class,
            () -> DeltaRule.backprop(layers, MSE, Tensors.ones(6, 2), Tensors.ones(6, 2)))
            .getMessage());
  }

  @Test
  void backpropRefusesNoLayersAndInputsThatAreNotABatch() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(List.of(), MSE, Tensors.ones(3, 2), Tensors.ones(3, 1)));
    assertEquals("delta rule: no layers", empty.getMessage());
    List<DeltaRule.Layer> layers =
        List.of(new DeltaRule.Layer(Tensors.ones(1, 2), null, Activation.identity()));
    IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
        () -> DeltaRule.backprop(layers, MSE, Tensor.vector(1, 2), Tensors.ones(1, 1)));
    assertEquals("delta rule: input [2] should be [batch, features]", vector.getMessage());
  }
}
