package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A pass that leaves no trace: buffers put back, dropout's own masks untouched. */
class TracelessPassTest {
  @Test
  void aTrainingModePassLeavesBuffersAndMasksAsTheyWere() {
    BatchNorm1d norm = BatchNorm1d.of(3);
    Dropout dropout = Dropout.of(0.5, 7L);
    Sequential model = Sequential.of(norm, dropout);
    Variable x = Variable.constant(Tensors.randn(Shape.of(8, 3), 1L));
    Tensor before = norm.namedBuffers().get("running_mean").copy();
    double returned = TracelessPass.run(model, () -> {
      assertTrue(model.isTraining(), "the modules' own modes");
      assertTrue(!Autograd.isGradEnabled(), "nothing recorded");
      return model.forward(x).value().sum().item();
    });
    assertTrue(Double.isFinite(returned));
    assertEquals(before, norm.namedBuffers().get("running_mean"), "statistics put back");
    assertEquals(0.0, norm.namedBuffers().get("num_batches_tracked").item(), "counter too");
    RandomGenerator own = new SplittableRandom(3);
    assertSame(own, TracelessPass.draws(own), "no pass: the module's own generator");
    assertNotSame(own, TracelessPass.run(model, () -> TracelessPass.draws(own)),
        "in a pass: the pass's");
    // The next mask is the one a fresh layer of the same seed draws first.
    Tensor ones = Tensors.ones(4, 5);
    assertEquals(Dropout.of(0.5, 7L).forward(Variable.constant(ones)).value(),
        dropout.forward(Variable.constant(ones)).value());
  }

  /** A user's module that adds noise, drawn as the Javadoc of draws asks. */
  private static final class Noise extends Module {
    private final RandomGenerator random;

    Noise(long seed) {
      random = new SplittableRandom(seed);
    }

    @Override
    public Variable forward(Variable x) {
      RandomGenerator draws = TracelessPass.draws(random);
      return x.add(Variable.constant(Tensors.randn(x.shape(), draws)));
    }
  }

  @Test
  void aUsersNoiseModuleDrawingThroughDrawsIsLeftAsItWas() {
    Noise noise = new Noise(11L);
    Variable x = Variable.constant(Tensors.zeros(3, 4));
    TracelessPass.run(noise, () -> noise.forward(x));
    assertEquals(new Noise(11L).forward(x).value(), noise.forward(x).value(),
        "the pass drew from its own generator: the module's next draw is its first");
  }
}
