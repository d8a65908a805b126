package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Embedding;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's module that holds a layer or a parameter in a field without registering it is
 * refused by name ({@link Module#checkRegistered()}): PyTorch registers attributes by itself,
 * Java cannot, and the layer would silently never train, be saved, or leave training mode.
 */
class UnregisteredFieldsTest {
  /** Registers its first layer, forgets the second and the dropout: the usual slip. */
  static final class Forgetful extends Module {
    private final Dense first = registerModule("first", Dense.of(4, 8, 1L));
    private final Dense second = Dense.of(8, 2, 2L);
    private final Dropout dropout = Dropout.of(0.5, 3L);

    @Override
    public Variable forward(Variable x) {
      return second.forward(dropout.forward(first.forward(x)));
    }
  }

  /** All registered or left out on purpose; a constant and an activation need no registering. */
  static final class Careful extends Module {
    private final Dense first = registerModule("first", Dense.of(4, 8, 1L));
    private final List<Dense> heads = List.of(registerModule("a", Dense.of(8, 2, 2L)),
        registerModule("b", Dense.of(8, 2, 3L)));
    private final Variable scale = registerParameter("scale", Tensors.ones(2));
    private final Variable mask = Variable.constant(Tensor.vector(1, 0));
    private final Activation activation = Activation.tanh();
    /** A teacher network that stays out of training and checkpoints. */
    private final transient Dense teacher = Dense.of(4, 2, 4L);
    /** Layers without state work the same registered or not, as in many PyTorch models. */
    private final Flatten flatten = Flatten.of();
    private final MaxPool2d pool = MaxPool2d.of(2);

    @Override
    public Variable forward(Variable x) {
      Variable h = activation.forward(first.forward(x));
      return heads.get(0).forward(h).add(heads.get(1).forward(h)).mul(scale).mul(mask);
    }
  }

  /** A parameter and a list of layers, neither registered; one of the list is. */
  static final class HalfRegistered extends Module {
    private final Dense kept = registerModule("kept", Dense.of(2, 2, 1L));
    private final List<Module> blocks = List.of(kept, Dense.of(2, 2, 2L));
    private final Variable gain = Variable.parameter(Tensors.ones(2));

    @Override
    public Variable forward(Variable x) {
      return blocks.get(1).forward(blocks.get(0).forward(x)).mul(gain);
    }
  }

  /** A decoder that reads its sibling encoder and its parent, both registered above it. */
  static final class Decoder extends Module {
    private final Dense out = registerModule("out", Dense.of(4, 4, 5L));
    private final Dense encoder;
    private final Module parent;

    Decoder(Dense encoder, Module parent) {
      this.encoder = encoder;
      this.parent = parent;
    }

    @Override
    public Variable forward(Variable x) {
      return out.forward(encoder.forward(x));
    }
  }

  /** Registers an encoder and a decoder that holds references to both. */
  static final class AutoEncoder extends Module {
    final Dense encoder = registerModule("encoder", Dense.of(4, 4, 6L));
    final Decoder decoder = registerModule("decoder", new Decoder(encoder, this));

    @Override
    public Variable forward(Variable x) {
      return decoder.forward(x);
    }
  }

  /**
   * A part of a larger model (an optimizer for the decoder alone, fine-tuning it) is not judged
   * by itself: its fields may hold its siblings and its parent, registered above it; the whole
   * model's check sees them registered.
   */
  @Test
  void aPartIsJudgedByItsWholeModel() {
    AutoEncoder model = new AutoEncoder();
    assertDoesNotThrow(model::checkRegistered);
    assertDoesNotThrow(model.decoder::checkRegistered);
  }

  @Test
  void anAnonymousModuleIsNamedByItsClassAndTheArticleFits() {
    Module anonymous = new Module() {
      private final Embedding embedding = Embedding.of(10, 4, 1L);

      @Override
      public Variable forward(Variable x) {
        return embedding.forward(x);
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        anonymous::checkRegistered);
    assertTrue(e.getMessage().startsWith("checkRegistered: "
        + anonymous.getClass().getName() + ".embedding holds an Embedding that the model does"
        + " not register"), e.getMessage());
  }

  /** A user's module whose name starts with A, the first of the vowels the article looks for. */
  static final class Adapter extends Module {
    private final Dense inner = registerModule("inner", Dense.of(2, 2, 7L));

    @Override
    public Variable forward(Variable x) {
      return inner.forward(x);
    }
  }

  /** Holds an Adapter without registering it. */
  static final class Host extends Module {
    private final Adapter adapter = new Adapter();

    @Override
    public Variable forward(Variable x) {
      return adapter.forward(x);
    }
  }

  @Test
  void aModuleNamedFromTheFirstVowelTakesAn() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        new Host()::checkRegistered);
    assertTrue(e.getMessage().startsWith("checkRegistered: Host.adapter holds an Adapter that the"
        + " model does not register"), e.getMessage());
  }

  @Test
  void aLayerOrDropoutHeldOnlyInAFieldIsRefusedByName() {
    Forgetful model = new Forgetful();
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    assertEquals("checkRegistered: Forgetful.second holds a Dense that the model does not"
        + " register; Forgetful.dropout holds a Dropout that the model does not register; a"
        + " module or parameter held only in a field is not trained, saved or converted and"
        + " train()/eval() does not reach it: register it in the constructor (this.layer ="
        + " registerModule(\"layer\", ...), registerParameter for a parameter), or mark the field"
        + " transient to leave it out on purpose", e.getMessage());
  }

  @Test
  void registeredTransientAndConstantFieldsPass() {
    Careful model = new Careful();
    assertDoesNotThrow(model::checkRegistered);
    assertEquals(4 * 8 + 8 + 2 * (8 * 2 + 2) + 2, model.parameterCount(),
        "first, both heads and scale: the transient teacher is not the model's");
  }

  @Test
  void parametersAndListElementsAreCheckedAndSubmodulesByTheirPath() {
    Sequential model = Sequential.of(Dense.of(2, 2, 5L), new HalfRegistered());
    IllegalStateException e = assertThrows(IllegalStateException.class, model::checkRegistered);
    assertEquals("checkRegistered: '1' HalfRegistered.blocks[1] holds a Dense that the model"
        + " does not register; '1' HalfRegistered.gain holds a parameter [2] that the model does"
        + " not register; a module or parameter held only in a field is not trained, saved or"
        + " converted and train()/eval() does not reach it: register it in the constructor"
        + " (this.layer = registerModule(\"layer\", ...), registerParameter for a parameter), or"
        + " mark the field transient to leave it out on purpose", e.getMessage());
  }
}
