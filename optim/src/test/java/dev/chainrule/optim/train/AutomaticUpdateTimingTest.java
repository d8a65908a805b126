package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The trainer's own choice of when to update ({@link UpdateTiming#AUTOMATIC}): in backward,
 * bit for bit as a run that chose it, only for plain SGD with nothing reading the gradients;
 * elsewhere, bit for bit as a run that chose to step after backward, with the gradients kept.
 */
class AutomaticUpdateTimingTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(40, 4), 11L),
      Tensors.randn(Shape.of(40, 2), 12L));

  /** A listener that reads nothing and says so. */
  private static final class Declared implements TrainingListener {
    @Override
    public boolean readsGradients() {
      return false;
    }
  }

  /** A listener that inherits the answer: it might read gradients without having said so. */
  private static final class Silent implements TrainingListener {}

  /** The model after two epochs, trained with the given optimizer and options. */
  private static Sequential train(Function<Module, Optimizer> optimizer,
      Function<Trainer.Builder, Trainer.Builder> options) {
    Sequential model = Sequential.of(Dense.of(4, 8, 3), Activation.relu(), Dense.of(8, 2, 4));
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
        optimizer.apply(model)).epochs(2).batchSize(8).seed(5);
    options.apply(builder).build().fit(DATA);
    return model;
  }

  private static void assertSameParameters(Sequential expected, Sequential actual) {
    List<Variable> e = expected.parameters();
    List<Variable> a = actual.parameters();
    for (int i = 0; i < e.size(); i++) {
      // Bit for bit: the same choice runs the same arithmetic.
      assertArrayEquals(e.get(i).value().toArray(), a.get(i).value().toArray(), "parameter " + i);
    }
  }

  private static boolean keepsGradients(Sequential model) {
    return model.parameters().stream().allMatch(p -> p.grad() != null);
  }

  private static boolean keepsNoGradient(Sequential model) {
    return model.parameters().stream().allMatch(p -> p.grad() == null);
  }

  @Test
  void plainSgdUpdatesInBackwardAsAChosenRunDoes() {
    Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).build(m);
    Sequential automatic = train(sgd, b -> b.listener(new Declared()));
    assertSameParameters(train(sgd, b -> b.updateInBackward(true)), automatic);
    assertTrue(keepsNoGradient(automatic), "updated in backward, no gradient kept");
  }

  @Test
  void optimizersWhoseUpdateNoProductTakesStepAfterBackward() {
    List<Function<Module, Optimizer>> others = List.of(
        m -> Sgd.builder(0.05).momentum(0.9).build(m),
        m -> Adam.builder().learningRate(0.01).build(m),
        m -> Sgd.builder(0).build(m));
    for (Function<Module, Optimizer> optimizer : others) {
      Sequential automatic = train(optimizer, b -> b);
      assertSameParameters(train(optimizer, b -> b.updateInBackward(false)), automatic);
      assertTrue(keepsGradients(automatic), "stepped after backward, gradients kept");
    }
  }

  @Test
  void whatReadsGradientsKeepsTheStepAfterBackward() {
    Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).build(m);
    Sequential stepping = train(sgd, b -> b.updateInBackward(false));
    List<Function<Trainer.Builder, Trainer.Builder>> readers = List.of(
        b -> b.listener(new Silent()),
        b -> b.listener(new Declared()).listener(new Silent()),
        b -> b.listener(new TrainingListener() {
          @Override
          public boolean readsGradients() {
            return true;
          }
        }));
    for (Function<Trainer.Builder, Trainer.Builder> reader : readers) {
      Sequential automatic = train(sgd, reader);
      assertSameParameters(stepping, automatic);
      assertTrue(keepsGradients(automatic), "a listener may read them");
    }
    Sequential clipped = train(sgd, b -> b.clipGradientNorm(100));
    assertTrue(keepsGradients(clipped), "clipping reads them");
  }

  @Test
  void anomalyDetectionKeepsTheStepAfterBackward() {
    Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).build(m);
    Sequential automatic;
    try (Autograd.Scope detecting = Autograd.detectAnomaly()) {
      automatic = train(sgd, b -> b);
    }
    assertTrue(keepsGradients(automatic),
        "a failing backward must leave the weights of the last good step");
  }

  @Test
  void updatesLinearlyIsPlainSgdAtARateAboveZero() {
    Sequential model = Sequential.of(Dense.of(2, 2, 1));
    assertTrue(Sgd.builder(0.1).weightDecay(0.01).build(model).updatesLinearly());
    assertFalse(Sgd.builder(0.1).momentum(0.5).build(model).updatesLinearly());
    assertFalse(Sgd.builder(0).build(model).updatesLinearly(), "θ ← θ: no product to take in");
    assertFalse(Adam.builder().build(model).updatesLinearly());
  }

  @Test
  void aDeclaredListenerIsOneThatAnswersItself() {
    assertTrue(UpdateTiming.declaresNoGradientReads(new Declared()));
    // It answers false too, inherited: not trusted, since it never said.
    assertFalse(UpdateTiming.declaresNoGradientReads(new Silent()));
  }
}
