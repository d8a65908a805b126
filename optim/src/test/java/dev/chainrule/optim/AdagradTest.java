package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.assertValues;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Adagrad against its equations, worked by hand on θ₀ = [1, −2] with the gradients g₁ = [0.5, 1],
 * g₂ = [−1, 2], g₃ = [0, 0], η = 0.1 and the default ε = 1e-10; then the contract.
 */
class AdagradTest {
  private static Variable theta() {
    return Variable.parameter(Tensor.vector(1, -2), "theta");
  }

  @Test
  void dividesByTheRootOfTheSumOfSquares() {
    Variable theta = theta();
    Adagrad adagrad = Adagrad.builder().learningRate(0.1).build(List.of(theta));
    // G = g₁² = [0.25, 1], √G = [0.5, 1]; d = [0.5/(0.5 + 1e-10), 1/(1 + 1e-10)]
    //   = [0.9999999998, 0.9999999999].
    step(adagrad, Tensor.vector(0.5, 1));
    assertValues(theta, 0.90000000002, -2.09999999999);
    // G = [0.25 + 1, 1 + 4] = [1.25, 5], √G = [√5/2, √5] = [1.1180339887499, 2.2360679774998];
    // d = [−1/(√5/2 + 1e-10), 2/(√5 + 1e-10)] = [−0.89442719091992, 0.89442719095992]: the same
    // 2/√5 but for ε, which weighs twice as much against the smaller √G.
    step(adagrad, Tensor.vector(-1, 2));
    assertValues(theta, 0.98944271911199159, -2.18944271908599159);
    // A zero gradient adds nothing to G and moves nothing: 0/(√G + ε) = 0.
    step(adagrad, Tensor.vector(0, 0));
    assertValues(theta, 0.98944271911199159, -2.18944271908599159);
    assertEquals(Tensor.vector(1.25, 5), adagrad.state().get("0.sum"));
  }

  /**
   * The t-th update uses η/(1 + (t − 1)δ), here 0.1, 0.1/1.5 and 0.1/2; G starts at G₀ = 0.75,
   * so the first step is no longer about η whatever the gradient.
   */
  @Test
  void learningRateDecayAndInitialAccumulator() {
    Variable theta = theta();
    Adagrad adagrad = Adagrad.builder().learningRate(0.1).lrDecay(0.5)
        .initialAccumulatorValue(0.75).build(List.of(theta));
    // G = 0.75 + g₁² = [1, 1.75]; Δ = 0.1·[0.5/(1 + 1e-10), 1/(√1.75 + 1e-10)]
    //   = [0.049999999995, 0.07559289459613116].
    step(adagrad, Tensor.vector(0.5, 1));
    assertValues(theta, 0.950000000005, -2.07559289459613116);
    // G = [2, 5.75]; Δ = (0.1/1.5)·[−1/(√2 + 1e-10), 2/(√5.75 + 1e-10)]
    //   = [−0.04714045207576983, 0.05560384374623443].
    step(adagrad, Tensor.vector(-1, 2));
    assertValues(theta, 0.99714045208076983, -2.13119673834236559);
    // A zero gradient still moves nothing, whatever the rate.
    step(adagrad, Tensor.vector(0, 0));
    assertValues(theta, 0.99714045208076983, -2.13119673834236559);
    assertEquals(Tensor.vector(2, 5.75), adagrad.state().get("0.sum"));
  }

  /**
   * PyTorch makes Adagrad's state when the optimizer is built: step 0 and a sum of G₀. Loaded,
   * that state takes the step a fresh optimizer's lazily made one takes.
   */
  @Test
  void pyTorchsEagerStateTakesTheFirstStepOfALazyOne() {
    Variable eager = theta();
    Adagrad loaded = Adagrad.builder().initialAccumulatorValue(0.1).build(List.of(eager));
    loaded.loadState(Map.of("step", Tensor.scalar(0), "lr", Tensor.scalar(0.01),
        "0.step", Tensor.scalar(0), "0.sum", Tensor.vector(0.1, 0.1)));
    Variable lazy = theta();
    Adagrad fresh = Adagrad.builder().initialAccumulatorValue(0.1).build(List.of(lazy));
    step(loaded, Tensor.vector(0.5, 1));
    step(fresh, Tensor.vector(0.5, 1));
    assertEquals(lazy.value(), eager.value(), "bitwise");
    assertEquals(fresh.state(), loaded.state());
    assertEquals(Tensor.vector(0.1 + 0.25, 0.1 + 1), fresh.state().get("0.sum"));
  }

  @Test
  void rejectsBadHyperparameters() {
    assertMessage("Adagrad: eps must be finite and positive, got 0.0",
        () -> Adagrad.builder().eps(0));
    assertMessage("Adagrad: the learning rate must be finite and non-negative, got -1.0",
        () -> Adagrad.builder().learningRate(-1));
    assertMessage("Adagrad: lrDecay must be finite and non-negative, got -0.1",
        () -> Adagrad.builder().lrDecay(-0.1));
    assertMessage("Adagrad: lrDecay must be finite and non-negative, got Infinity",
        () -> Adagrad.builder().lrDecay(Double.POSITIVE_INFINITY));
    assertMessage("Adagrad: initialAccumulatorValue must be finite and non-negative, got -1.0",
        () -> Adagrad.builder().initialAccumulatorValue(-1));
    assertMessage("Adagrad: initialAccumulatorValue must be finite and non-negative, got NaN",
        () -> Adagrad.builder().initialAccumulatorValue(Double.NaN));
  }

  @Test
  void defaultsArePyTorchs() {
    assertEquals("Adagrad(lr=0.01, eps=1.0E-10, weightDecay=0.0)",
        Adagrad.builder().build(List.of(theta())).toString());
    // Each option named only when set, so a default's recorded settings are what they were.
    assertEquals("Adagrad(lr=0.01, lrDecay=0.5, eps=1.0E-10, weightDecay=0.0,"
        + " initialAccumulatorValue=0.1)", Adagrad.builder().lrDecay(0.5)
        .initialAccumulatorValue(0.1).build(List.of(theta())).toString());
    assertEquals("Adagrad(lr=0.01, eps=1.0E-10, weightDecay=0.0)", Adagrad.builder().lrDecay(0)
        .initialAccumulatorValue(0).build(List.of(theta())).toString());
  }

  @Nested
  class Defaults extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Adagrad.builder().learningRate(0.5).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("sum");
    }

    @Override
    Convergence convergence() {
      return new Convergence(400, 1e-6);
    }
  }

  @Nested
  class LearningRateDecayAndInitialAccumulator extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Adagrad.builder().learningRate(0.5).lrDecay(1e-3).initialAccumulatorValue(0.1)
          .build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("sum");
    }

    @Override
    Convergence convergence() {
      return new Convergence(450, 1e-6);
    }
  }
}
