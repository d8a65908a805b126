package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.ParameterGroup;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.diagnostics.GradientFlow;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainer.Builder#updateInBackward}: a run whose backward passes update the parameters
 * ends where the same run stepping after backward ends, with the same step counts, and keeps no
 * gradient.
 */
class UpdateInBackwardTrainingTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(40, 4), 1L),
      Tensors.randn(Shape.of(40, 2), 2L));

  private static Sequential network(DType type) {
    Sequential model = Sequential.of(Dense.of(4, 8, 3), Activation.relu(), Dense.of(8, 8, 4),
        Activation.tanh(), Dense.of(8, 2, 5));
    model.to(type);
    return model;
  }

  /** The model after three epochs, and the optimizer's state, stepping or updating in backward. */
  private record Run(Sequential model, Map<String, Tensor> state) {
    static Run of(DType type, Function<Module, Optimizer> optimizer, boolean inBackward,
        Function<Trainer.Builder, Trainer.Builder> options) {
      Sequential model = network(type);
      Optimizer o = optimizer.apply(model);
      Trainer trainer = options.apply(Trainer.builder(model, Loss.meanSquaredError(), o)
          .epochs(3).batchSize(8).seed(7).updateInBackward(inBackward)).build();
      trainer.fit(DATA);
      return new Run(model, o.state());
    }
  }

  @Test
  void plainSgdInTheWeightProductsEndsWhereSteppingEndsInEitherType() {
    for (DType type : DType.values()) {
      Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).build(m);
      Run stepped = Run.of(type, sgd, false, b -> b);
      Run updated = Run.of(type, sgd, true, b -> b);
      // 15 steps, each computing W + (−η)·Gᵀx in one product instead of rounding Gᵀx first:
      // each differs by an ulp or so of the update, and the differences grow over the steps
      // through the loss, here to well under 1e-12 (float64) and 1e-5 (float32) of values of
      // order 1.
      assertClose(stepped, updated, type == DType.FLOAT64 ? 1e-12 : 1e-5);
      for (Variable p : updated.model().parameters()) {
        assertNull(p.grad(), "no gradient is kept");
      }
    }
  }

  @Test
  void weightDecayGroupsAndAPerStepScheduleGoIntoTheProductsToo() {
    Function<Module, Optimizer> sgd = m -> Sgd.builder(0.05).weightDecay(0.01)
        .group(ParameterGroup.of(List.of(m.parameters().get(0))).learningRateScale(0.5)
            .weightDecay(0.1)).build(m);
    Function<Trainer.Builder, Trainer.Builder> schedule =
        b -> b.scheduleEveryStep(LearningRateSchedule.oneCycle(15));
    // 1e-12 as in the test above: an ulp or so per step's product, grown over 15 steps.
    assertClose(Run.of(DType.FLOAT64, sgd, false, schedule),
        Run.of(DType.FLOAT64, sgd, true, schedule), 1e-12);
  }

  @Test
  void otherUpdatesRunOnTheSummedGradientWithTheSameArithmetic() {
    // Momentum and Adam have no linear form: each parameter's update is the one step() makes,
    // on the same gradient, so the runs agree to the bit.
    for (Function<Module, Optimizer> optimizer : List.<Function<Module, Optimizer>>of(
        m -> Sgd.builder(0.05).momentum(0.9).build(m), m -> Adam.builder().build(m))) {
      Run stepped = Run.of(DType.FLOAT64, optimizer, false, b -> b);
      Run updated = Run.of(DType.FLOAT64, optimizer, true, b -> b);
      assertClose(stepped, updated, 0);
    }
  }

  @Test
  void atRateZeroANaNGradientReachesTheWeightsAsWhenStepping() {
    // Stepping computes θ − 0·NaN = NaN; a product with α = 0 is skipped (as BLAS skips it), so
    // at rate 0 no update goes into a product.
    Tensor x = Tensor.matrix(new double[][] {{Double.NaN, 1, 2, 3}});
    assertSameFirstWeightsStepping(Sgd.builder(0), false, x);
  }

  @Test
  void whereWeightDecayCancelsTheWeightANaNWeightStaysAsWhenStepping() {
    // ηλ = 0.1 · 10 = 1: the step computes 0·θ, NaN for a NaN θ; a product with β = 0 never
    // reads θ, so none is fused there.
    assertSameFirstWeightsStepping(Sgd.builder(0.1).weightDecay(10), true, DATA.features());
  }

  /**
   * One step on {@code input} stepping and one updating in backward leave the same first weight,
   * NaN where stepping's is.
   */
  private static void assertSameFirstWeightsStepping(Sgd.Builder sgdOptions, boolean nanWeights,
      Tensor input) {
    List<double[]> firstWeights = new java.util.ArrayList<>();
    for (boolean inBackward : new boolean[] {false, true}) {
      Sequential model = network(DType.FLOAT64);
      if (nanWeights) {
        model.parameters().get(0).value().scaleInPlace(Double.NaN);
      }
      Sgd sgd = sgdOptions.build(model);
      try (HookHandle updates = inBackward ? sgd.updateInBackward() : null) {
        sgd.zeroGrad();
        model.call(Variable.constant(input)).square().sum().backward();
        sgd.step();
      }
      firstWeights.add(model.parameters().get(0).value().toArray());
    }
    assertTrue(Double.isNaN(firstWeights.get(0)[0]), "stepping: " + firstWeights.get(0)[0]);
    assertArrayEquals(firstWeights.get(0), firstWeights.get(1));
  }

  @Test
  void refusedWithGradientClipping() {
    Sequential model = network(DType.FLOAT64);
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).updateInBackward(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.clipGradientNorm(1).build());
    assertTrue(e.getMessage().startsWith("trainer: gradient clipping needs every gradient"),
        e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.builder(model,
            Loss.meanSquaredError(), Sgd.builder(0.1).build(model)).clipGradientValue(1)
            .updateInBackward(true).build())
        .getMessage().startsWith("trainer: gradient clipping needs every gradient of a step before"
        + " any update, and updateInBackward updates each parameter during"
        + " backward, as its gradient is "));
  }

  @Test
  void refusedWithAListenerThatReadsGradients() {
    Sequential model = network(DType.FLOAT64);
    Trainer.Builder builder = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).listener(GradientFlow.of(model, DATA))
        .updateInBackward(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().startsWith("trainer: the listener GradientFlow reads gradients"),
        e.getMessage());
    builder.updateInBackward(false).build();  // stepping, it has gradients to read
  }

  @Test
  void theUpdatesLastForTheRunOnly() {
    Sequential model = network(DType.FLOAT64);
    Sgd sgd = Sgd.builder(0.1).build(model);
    Trainer.builder(model, Loss.meanSquaredError(), sgd).epochs(1).batchSize(8)
        .updateInBackward(true).build().fit(DATA);

    model.call(Variable.constant(DATA.features())).square().sum().backward();

    assertEquals(Shape.of(8, 4), model.parameters().get(0).grad().shape(),
        "after the run, backward keeps gradients again");
  }

  @Test
  void anOptimizerRegistersAllOrNone() {
    Sequential model = network(DType.FLOAT64);
    Sgd sgd = Sgd.builder(0.1).build(model);
    Variable last = model.parameters().get(model.parameters().size() - 1);
    HookHandle taken = last.updateInBackward((parameter, gradient) -> { });
    IllegalStateException e = assertThrows(IllegalStateException.class, sgd::updateInBackward);
    assertTrue(e.getMessage().contains("has an update in backward already"), e.getMessage());
    // The parameters before the last one registered and were let go again.
    taken.remove();
    try (HookHandle all = sgd.updateInBackward()) {
      model.call(Variable.constant(DATA.features())).square().sum().backward();
      assertEquals(1, sgd.state().get("0.step").item(), "the update counts, before step()");
    }
  }

  private static void assertClose(Run expected, Run actual, double tolerance) {
    List<Variable> e = expected.model().parameters();
    List<Variable> a = actual.model().parameters();
    for (int i = 0; i < e.size(); i++) {
      double[] ev = e.get(i).value().toArray();
      double[] av = a.get(i).value().toArray();
      if (tolerance == 0) {
        assertArrayEquals(ev, av, "parameter " + i);
      } else {
        for (int j = 0; j < ev.length; j++) {
          assertEquals(ev[j], av[j], tolerance, "parameter " + i + " element " + j);
        }
      }
    }
    assertEquals(expected.state().keySet(), actual.state().keySet());
    // The state bit for bit: plain SGD keeps no buffer the products could round differently,
    // and momentum's and Adam's updates are the ones step() makes.
    expected.state().forEach((key, value) -> assertArrayEquals(value.toArray(),
        actual.state().get(key).toArray(), key));
  }

  @Test
  void aListenerThatReadsNoGradientsIsTakenAndTheRunsHistoryReturned() {
    // A listener that does not override readsGradients reads none: it hears every epoch.
    Sequential model = network(DType.FLOAT64);
    List<Integer> heard = new java.util.ArrayList<>();
    History history = Trainer.builder(model, Loss.meanSquaredError(),
            Sgd.builder(0.1).build(model)).epochs(3).batchSize(8).updateInBackward(true)
        .listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochResult result) {
            heard.add(result.epoch());
          }
        }).build().fit(DATA);
    assertEquals(List.of(0, 1, 2), heard);
    assertEquals(3, history.epochs().size());
    assertEquals(2, history.last().epoch());
  }
}
