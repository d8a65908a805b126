package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in activation survives a saved model description: described, written as JSON in a
 * checkpoint, rebuilt from the file alone, the network gives bit-identical outputs. Nine of the
 * thirteen names were never rebuilt by a test, so a wrong or missing case in the rebuild (the
 * default there is log-softmax) or a dropped parameter would have passed; parameters here differ
 * from 0, the rebuild's stand-in for none. A user's own activation is refused by name.
 */
class ActivationRebuildTest {
  private static final List<Activation> BUILT_IN = List.of(Activation.identity(),
      Activation.linear(0.5), Activation.threshold(0.25), Activation.sigmoid(),
      Activation.tanh(), Activation.relu(), Activation.leakyRelu(0.1), Activation.elu(0.7),
      Activation.gelu(), Activation.geluTanh(), Activation.softplus(), Activation.softmax(),
      Activation.logSoftmax());

  @Test
  void everyBuiltInActivationIsRebuiltWithBitIdenticalOutputs(@TempDir Path dir) {
    Tensor x = Tensors.randn(Shape.of(6, 3), 5L);
    Set<String> names = new TreeSet<>();
    for (Activation activation : BUILT_IN) {
      Sequential model = Sequential.of(Dense.of(3, 4, 1L), activation, Dense.of(4, 2, 2L));
      ModelDescription description = ModelDescription.builder(Task.REGRESSION,
          ModelDescription.layersOf(model)).build();
      String json = description.toJson();
      assertTrue(json.contains("\"name\":\"" + activation.name() + "\""), json);
      assertEquals(description, ModelDescription.fromJson(json, "test"), json);
      Path file = dir.resolve(activation.name() + ".safetensors");
      ModelCheckpoint.save(file, model, null, description);
      Sequential rebuilt = ModelCheckpoint.loadDescribed(file).model();
      assertEquals(activation, rebuilt.layers().get(1), json);
      assertArrayEquals(model.forward(Variable.constant(x)).value().toArray(),
          rebuilt.forward(Variable.constant(x)).value().toArray(), activation.name());
      names.add(activation.name());
    }
    Set<String> described = new TreeSet<>(Layer.ActivationLayer.WITH_PARAMETER);
    described.addAll(Layer.ActivationLayer.WITHOUT_PARAMETER);
    assertEquals(described, names, "every name a description knows, each rebuilt");
  }

  @Test
  void aUsersOwnActivationIsRefusedByName() {
    Sequential model = Sequential.of(Dense.of(3, 4, 1L),
        Activation.of("swish", v -> v.mul(v.sigmoid())), Dense.of(4, 2, 2L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelDescription.layersOf(model));
    assertEquals("describe: the activation 'swish' is not a built-in one; a description names"
        + " built-in activations only", e.getMessage());
  }
}
