package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
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

  private static void assertCloseParameters(Sequential expected, Sequential actual) {
    List<Variable> e = expected.parameters();
    List<Variable> a = actual.parameters();
    for (int i = 0; i < e.size(); i++) {
      double[] ev = e.get(i).value().toArray();
      double[] av = a.get(i).value().toArray();
      for (int j = 0; j < ev.length; j++) {
        // Ten float64 steps, each W + (−η)·Gᵀx in one product where stepping rounds Gᵀx first:
        // an ulp or so of the update apart per step, values of order 1.
        assertEquals(ev[j], av[j], 1e-12, "parameter " + i + " element " + j);
      }
    }
  }

  @Test
  void plainSgdUpdatesInBackwardAsAChosenRunDoes() {
    Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).build(m);
    Sequential chosen = train(sgd, b -> b.updateInBackward(true));
    for (Function<Trainer.Builder, Trainer.Builder> quiet : List.<Function<Trainer.Builder,
        Trainer.Builder>>of(b -> b, b -> b.listener(new Declared()))) {
      Sequential automatic = train(sgd, quiet);
      assertSameParameters(chosen, automatic);
      assertTrue(keepsNoGradient(automatic), "updated in backward, no gradient kept");
      assertCloseParameters(train(sgd, b -> b.updateInBackward(false)), automatic);
    }
  }

  @Test
  void aPerStepScheduleSetsEachRateBeforeTheBackwardThatUpdates() {
    Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).build(m);
    // 2 epochs of 5 batches: a rate of its own at each of the 10 steps.
    Function<Trainer.Builder, Trainer.Builder> cycle =
        b -> b.scheduleEveryStep(LearningRateSchedule.oneCycle(10));
    Sequential automatic = train(sgd, cycle);
    assertSameParameters(train(sgd, cycle.andThen(b -> b.updateInBackward(true))), automatic);
    assertCloseParameters(train(sgd, cycle.andThen(b -> b.updateInBackward(false))), automatic);
  }

  @Test
  void aRunStoppedByItsLossKeepsTheLastStepsRateAsWhenStepping() {
    double[] rates = new double[2];
    for (int run = 0; run < 2; run++) {
      Sequential model = Sequential.of(Dense.of(4, 8, 3), Activation.relu(), Dense.of(8, 2, 4));
      Optimizer sgd = Sgd.builder(2.0).build(model);
      Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(), sgd).epochs(2)
          .batchSize(8).seed(5).divergenceFactor(5)
          .scheduleEveryStep((base, step) -> base * (1 + step));
      Trainer trainer = (run == 0 ? builder.updateInBackward(false) : builder).build();
      assertThrows(DivergenceException.class, () -> trainer.fit(DATA));
      rates[run] = sgd.learningRate();
    }
    // The rate of the step that ran, not of the next, which the loss's check stopped.
    assertEquals(rates[0], rates[1]);
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
    assertTrue(keepsGradients(train(sgd, b -> b.clipGradientNorm(100))), "clipping reads them");
    assertTrue(keepsGradients(train(sgd, b -> b.clipGradientValue(100))), "clipping reads them");
  }

  @Test
  void aParameterUpdatedInBackwardAlreadyKeepsTheTrainersStepAfterIt() {
    Sequential model = Sequential.of(Dense.of(4, 8, 3), Activation.relu(), Dense.of(8, 2, 4));
    Optimizer trainers = Sgd.builder(0.05).build(model);
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(), trainers)
        .epochs(1).batchSize(8).seed(5);
    try (HookHandle own = Sgd.builder(0.01).build(model).updateInBackward()) {
      // Chosen, the trainer's registration is refused; left to choose, it steps after backward,
      // where the parameters' own updates have taken every gradient.
      assertTrue(assertThrows(IllegalStateException.class,
              () -> Trainer.builder(model, Loss.meanSquaredError(), trainers).epochs(1)
                  .updateInBackward(true).build().fit(DATA))
          .getMessage().startsWith("updateInBackward: '0.weight' [8, 4] has an update in backward"
          + " already; remove it first (a second would update the parameter"
          + " twice a pass)"));
      builder.build().fit(DATA);
      assertEquals(5, trainers.stepCount(), "every batch stepped");
    }
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
