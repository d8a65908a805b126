package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Init;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multilayer perceptron the program builds: its layers in order, each hidden layer seeded
 * one past the previous, He initialisation for ReLU-like activations and Glorot otherwise, and
 * its description read back. Found by mutation testing (issue 15): only the program used it.
 */
class MlpTest {

  private static Dense dense(dev.chainrule.nn.Layer layer) {
    return (Dense) layer;
  }

  @Test
  void hiddenLayersAlternateWithTheActivationAndAreSeededInTurn() {
    Activation relu = Activation.relu();
    List<dev.chainrule.nn.Layer> layers = Mlp.layers(3, List.of(4, 5), 2, relu, 7);
    assertEquals(5, layers.size());
    assertEquals(relu, layers.get(1));
    assertEquals(relu, layers.get(3));
    assertEquals(Dense.builder(3, 4).init(Init.heUniform()).seed(7).build().weight().value(),
        dense(layers.get(0)).weight().value());
    assertEquals(Dense.builder(4, 5).init(Init.heUniform()).seed(8).build().weight().value(),
        dense(layers.get(2)).weight().value());
    assertEquals(Dense.builder(5, 2).seed(9).build().weight().value(),
        dense(layers.get(4)).weight().value());
  }

  @Test
  void squashingActivationsGetGlorotWeights() {
    List<dev.chainrule.nn.Layer> layers = Mlp.layers(3, List.of(4), 2, Activation.tanh(), 7);
    assertEquals(Dense.builder(3, 4).init(Init.glorotUniform()).seed(7).build().weight().value(),
        dense(layers.get(0)).weight().value());
    assertEquals(3, Mlp.of(3, List.of(4), 2, Activation.tanh(), 7).layers().size());
  }

  @Test
  void aDescriptionReadsBackAsSizesAndTheHiddenActivation() {
    List<Layer> described = List.of(new Layer.DenseLayer(3, 4, true),
        new Layer.ActivationLayer("relu", null), new Layer.DenseLayer(4, 5, true),
        new Layer.ActivationLayer("relu", null), new Layer.DenseLayer(5, 2, true));
    assertEquals("3-4-5-2", Mlp.describe(described));
    assertEquals("relu", Mlp.hiddenActivation(described));
    assertNull(Mlp.hiddenActivation(List.of(new Layer.DenseLayer(3, 2, true),
        new Layer.ActivationLayer("softmax", null))), "an activation after the last layer");
    assertEquals("tanh", Mlp.name(Activation.tanh()));
    assertTrue(Mlp.describe(List.of()).isEmpty());
  }
}
