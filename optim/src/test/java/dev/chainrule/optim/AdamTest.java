package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.HAND_TOLERANCE;
import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.assertValues;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Adam and AdamW against their equations, worked by hand (to 20 digits) on θ₀ = [1, −2] with the
 * gradients g₁ = [0.5, 1], g₂ = [−1, 2], g₃ = [0, 0], η = 0.1 and the default β₁ = 0.9, β₂ =
 * 0.999, ε = 1e-8; then the contract for each configuration.
 */
class AdamTest {
  private static final Tensor G1 = Tensor.vector(0.5, 1);
  private static final Tensor G2 = Tensor.vector(-1, 2);
  private static final Tensor G3 = Tensor.vector(0, 0);

  private static Variable theta() {
    return Variable.parameter(Tensor.vector(1, -2), "theta");
  }

  @Test
  void biasCorrectedMomentsWithEpsilonOutsideTheRoot() {
    Variable theta = theta();
    Adam adam = Adam.builder().learningRate(0.1).build(List.of(theta));

    // t = 1: m = 0.1·g₁ = [0.05, 0.1], v = 0.001·g₁² = [0.00025, 0.001];
    // m̂ = m/0.1 = [0.5, 1], v̂ = v/0.001 = [0.25, 1], √v̂ = [0.5, 1];
    // Δ = 0.1·m̂/(√v̂ + 1e-8) = [0.1/(1 + 2e-8), 0.1/(1 + 1e-8)]
    //   = [0.09999999800000004, 0.09999999900000001].
    step(adam, G1);
    assertValues(theta, 0.90000000199999996, -2.09999999900000001);

    // t = 2: m = 0.9·m + 0.1·g₂ = [−0.055, 0.29], v = 0.999·v + 0.001·g₂² = [0.00124975, 0.004999];
    // 1 − β₁² = 0.19, 1 − β₂² = 0.001999: m̂ = [−0.28947368421, 1.52631578947],
    // v̂ = [0.62518759380, 2.50075037519], √v̂ = [0.79068805088, 1.58137610175];
    // Δ = 0.1·m̂/(√v̂ + 1e-8) = [−0.03661035224056564, 0.09651820197183435].
    step(adam, G2);
    assertValues(theta, 0.93661035424056560, -2.19651820097183436);

    // t = 3, zero gradient: the moments keep moving θ. m = 0.9·m = [−0.0495, 0.261],
    // v = 0.999·v = [0.00124850025, 0.004994001]; 1 − β₁³ = 0.271, 1 − β₂³ = 0.002997001:
    // m̂ = [−0.18265682657, 0.96309963100], √v̂ = [0.64543256374, 1.29086512748];
    // Δ = [−0.02829990830962335, 0.07460884975789167].
    step(adam, G3);
    assertValues(theta, 0.96491026255018896, -2.27112705072972603);
    assertEquals(Tensor.scalar(3), adam.state().get("0.step"));
  }

  @Test
  void l2WeightDecayEntersTheGradientAndIsNormalisedAway() {
    Variable theta = theta();
    Adam adam = Adam.builder().learningRate(0.1).weightDecay(0.1).build(List.of(theta));
    // g = g₁ + 0.1·θ₀ = [0.6, 0.8]; at t = 1, m̂ = g and √v̂ = |g|, so the decay barely shows:
    // Δ = [0.1/(1 + 1e-8/0.6), 0.1/(1 + 1e-8/0.8)] = [0.09999999833333336, 0.09999999875000002].
    step(adam, G1);
    assertValues(theta, 0.90000000166666664, -2.09999999875000002);
    // g = g₂ + 0.1·θ₁ = [−0.90999999983333333, 1.79000000012500000]; m = [−0.03699999998333333,
    // 0.25100000001250000], v = [0.00118773999969667, 0.00384346000044750];
    // Δ = 0.1·(m/0.19)/(√(v/0.001999) + 1e-8) = [−0.02526351777893975, 0.09527201083686817].
    step(adam, G2);
    assertValues(theta, 0.92526351944560639, -2.19527200958686819);
  }

  @Test
  void adamWShrinksThetaBeforeTheAdamStep() {
    Variable theta = theta();
    AdamW adamW = AdamW.builder().learningRate(0.1).weightDecay(0.1).build(List.of(theta));
    // θ ← θ·(1 − ηλ) = 0.99·θ, then the same Δ as plain Adam (the gradient is untouched):
    // [0.99 − 0.09999999800000004, −1.98 − 0.09999999900000001].
    step(adamW, G1);
    assertValues(theta, 0.89000000199999996, -2.07999999900000001);
    // 0.99·θ₁ = [0.88110000198000000, −2.05919999901000000], minus Adam's second
    // Δ = [−0.03661035224056564, 0.09651820197183435].
    step(adamW, G2);
    assertValues(theta, 0.91771035422056560, -2.15571820098183436);
  }

  /**
   * AMSGrad divides by the largest v so far. After g₁ = [0.5, 1] and a zero gradient, v has
   * shrunk to 0.999·v₁, so plain Adam's step divides by √(0.999·v₁/(1 − β₂²)) and AMSGrad's by
   * √(v₁/(1 − β₂²)); m = 0.9·0.1·g₁ = [0.045, 0.09] either way.
   */
  @Test
  void amsgradDividesByTheLargestSecondMomentSoFar() {
    Variable theta = theta();
    Adam adam = Adam.builder().learningRate(0.1).amsgrad(true).build(List.of(theta));
    step(adam, G1);                     // t = 1: v_max = v, the same step as plain Adam
    assertValues(theta, 0.90000000199999996, -2.09999999900000001);
    // t = 2: v_max = v₁ = [0.00025, 0.001], √(v_max/0.001999) = [0.35364..., 0.70728...];
    // Δ = 0.1·(m/0.19)/(√(v_max/0.001999) + 1e-8) = [0.06697231222723944, 0.06697231317413414]
    // (plain Adam's, dividing by the shrunk v, would be 0.0670058...).
    step(adam, G3);
    assertValues(theta, 0.83302768977276052, -2.16697231217413415);
    Map<String, Tensor> state = adam.state();
    assertArrayEquals(new double[] {0.00025, 0.001}, state.get("0.max_exp_avg_sq").toArray(),
        HAND_TOLERANCE);
    assertArrayEquals(new double[] {0.00024975, 0.000999}, state.get("0.exp_avg_sq").toArray(),
        HAND_TOLERANCE);
    assertEquals(List.of("step", "lr", "initial_lr", "param_count", "0.step", "0.exp_avg",
        "0.exp_avg_sq", "0.max_exp_avg_sq"), List.copyOf(state.keySet()));
  }

  @Test
  void defaultsArePyTorchs() {
    assertEquals("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0)",
        Adam.builder().build(List.of(theta())).toString());
    assertEquals("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01)",
        AdamW.builder().build(List.of(theta())).toString());
    // Named only when on, so a default's recorded settings are what they were before it.
    assertEquals("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0, amsgrad)",
        Adam.builder().amsgrad(true).build(List.of(theta())).toString());
    assertEquals("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01, amsgrad)",
        AdamW.builder().amsgrad(true).build(List.of(theta())).toString());
    assertEquals(Adam.builder().build(List.of(theta())).settings(),
        Adam.builder().amsgrad(false).build(List.of(theta())).settings());
  }

  @Test
  void rejectsBadHyperparameters() {
    assertMessage("Adam: beta1 must be in [0, 1), got 1.0", () -> Adam.builder().betas(1, 0.999));
    assertMessage("Adam: beta2 must be in [0, 1), got -0.5", () -> Adam.builder().betas(0.9, -0.5));
    assertMessage("Adam: eps must be finite and positive, got 0.0", () -> Adam.builder().eps(0));
    // Positive in float64 and 0 in float32: a float32 model's update would divide 0 by 0.
    assertMessage("Adam: eps 1.0E-46 is 0 in float32, where a gradient element that has always"
        + " been 0 would give 0/0 = NaN (a model in float32, or moved to it, would meet it); the"
        + " smallest float32 is 1.4E-45",
        () -> Adam.builder().eps(1e-46));
    assertEquals(Float.MIN_VALUE, Adam.builder().eps(Float.MIN_VALUE).eps, 0);
    assertMessage("Adam: the learning rate must be finite and non-negative, got Infinity",
        () -> Adam.builder().learningRate(Double.POSITIVE_INFINITY));
    assertMessage("AdamW: the weight decay must be finite and non-negative, got -0.01",
        () -> AdamW.builder().weightDecay(-0.01));
  }

  /**
   * At ηλ ≥ 1 the decoupled decay multiplies θ by 1 − ηλ ≤ 0: η = 1 and λ = 2 turned [1, −2] into
   * [−1, 2] before the Adam step. Refused when built, and at a step after the rate was raised
   * (as a schedule can), leaving θ and the step count as they were.
   */
  @Test
  void adamWRefusesADecayThatWouldFlipTheWeights() {
    assertMessage("AdamW: learning rate 1.0 × weight decay 2.0 = 2.0 is at least 1, so the"
        + " decoupled decay would multiply the weights by 1 − ηλ = -1.0 (zeroing them or flipping"
        + " their signs); lower either",
        () -> AdamW.builder().learningRate(1).weightDecay(2).build(List.of(theta())));
    assertMessage("AdamW: learning rate 0.5 × weight decay 2.0 = 1.0 is at least 1, so the"
        + " decoupled decay would multiply the weights by 1 − ηλ = 0.0 (zeroing them or flipping"
        + " their signs); lower either",
        () -> AdamW.builder().learningRate(0.5).weightDecay(2).build(List.of(theta())));

    Variable theta = theta();
    AdamW adamW = AdamW.builder().learningRate(0.25).weightDecay(2).build(List.of(theta));
    adamW.setLearningRate(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(adamW, G1));
    assertEquals("AdamW.step: learning rate 1.0 × weight decay 2.0 = 2.0 is at least 1, so the"
        + " decoupled decay would multiply the weights by 1 − ηλ = -1.0 (zeroing them or flipping"
        + " their signs); lower either", e.getMessage());
    assertValues(theta, 1, -2);
    assertEquals(0, adamW.stepCount());
    assertNull(adamW.state().get("0.step"), "no parameter state was created");
  }

  @Nested
  class Defaults extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Adam.builder().learningRate(0.05).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    Convergence convergence() {
      return new Convergence(400, 1e-6);
    }
  }

  @Nested
  class L2WeightDecay extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Adam.builder().learningRate(0.05).weightDecay(0.1).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("exp_avg", "exp_avg_sq");
    }

    /** g = λθ; at t = 1, m̂ = g and √v̂ = |g|: θ − η·λθ/(|λθ| + ε). */
    @Override
    Tensor afterZeroGradientStep(Tensor theta) {
      Tensor g = theta.mul(0.1);
      return theta.sub(g.div(g.abs().add(1e-8)).mul(0.05));
    }

    /** Adam with L2 decay minimizes f + (λ/2)‖θ‖²: (A + 0.1·I)⁻¹b, as for SGD. */
    @Override
    Tensor minimizer() {
      return Tensor.vector(3.1 / 5.51, -4.1 / 5.51);
    }

    @Override
    Convergence convergence() {
      return new Convergence(500, 1e-6);
    }
  }

  /**
   * AMSGrad remembers the large early v for good, so the steps near the minimizer are smaller
   * than Adam's, but they still get there.
   */
  @Nested
  class AmsGrad extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Adam.builder().learningRate(0.05).amsgrad(true).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    }

    @Override
    Convergence convergence() {
      return new Convergence(450, 1e-6);
    }
  }

  /**
   * With AMSGrad, AdamW's offset (below) never shrinks: v_max keeps the early gradients, so θ
   * settles where g = −λθ·√v̂_max, about 1.1e-4 from A⁻¹b at λ = 1e-4 (PyTorch's run of this
   * configuration stays 1.1e-4 away after 3000 steps).
   */
  @Nested
  class DecoupledWeightDecayAmsGrad extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return AdamW.builder().learningRate(0.1).betas(0.9, 0.99).weightDecay(1e-4).amsgrad(true)
          .build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    }

    /** θ·(1 − ηλ) = θ·(1 − 1e-5); the Adam step of a zero gradient is 0/(0 + ε) = 0. */
    @Override
    Tensor afterZeroGradientStep(Tensor theta) {
      return theta.mul(1 - 1e-5);
    }

    @Override
    Convergence convergence() {
      return new Convergence(300, 2e-4);
    }
  }

  /**
   * AdamW's decay is not a gradient that Adam's rescaling leaves alone: each step pulls θ toward 0
   * by ηλθ, while the Adam step is divided by √v̂, which remembers the large early gradients for
   * about 1/(1 − β₂) steps. So θ trails A⁻¹b by an offset that shrinks only as v̂ forgets. With β₂
   * = 0.99 and λ = 1e-3 it comes within 1e-4 after about 160 steps (within 1e-5 only after 950).
   */
  @Nested
  class DecoupledWeightDecay extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return AdamW.builder().learningRate(0.1).betas(0.9, 0.99).weightDecay(1e-3)
          .build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("exp_avg", "exp_avg_sq");
    }

    /** θ·(1 − ηλ) = θ·(1 − 1e-4); the Adam step of a zero gradient is 0/(0 + ε) = 0. */
    @Override
    Tensor afterZeroGradientStep(Tensor theta) {
      return theta.mul(1 - 1e-4);
    }

    @Override
    Convergence convergence() {
      return new Convergence(300, 1e-4);
    }
  }
}
