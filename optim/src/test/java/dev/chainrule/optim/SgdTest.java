package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.HAND_TOLERANCE;
import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.assertValues;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SGD against its equations, worked by hand on θ₀ = [1, −2] with the gradients g₁ = [0.5, 1], g₂ =
 * [−1, 2], g₃ = [0, 0] and η = 0.1; then the contract for each configuration.
 */
class SgdTest {
  private static final Tensor G1 = Tensor.vector(0.5, 1);
  private static final Tensor G2 = Tensor.vector(-1, 2);
  private static final Tensor G3 = Tensor.vector(0, 0);

  private static Variable theta() {
    return Variable.parameter(Tensor.vector(1, -2), "theta");
  }

  @Test
  void plainStepIsLearningRateTimesGradient() {
    Variable theta = theta();
    Sgd sgd = Sgd.builder(0.1).build(List.of(theta));
    step(sgd, G1);
    assertValues(theta, 0.95, -2.1);    // [1 − 0.1·0.5, −2 − 0.1·1]
    step(sgd, G2);
    assertValues(theta, 1.05, -2.3);    // [0.95 + 0.1·1, −2.1 − 0.1·2]
    assertEquals(List.of("step", "lr", "initial_lr", "param_count", "0.step"),
        List.copyOf(sgd.state().keySet()));
  }

  @Test
  void momentumAccumulatesGradients() {
    Variable theta = theta();
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).build(List.of(theta));
    step(sgd, G1);                      // v₁ = g₁ = [0.5, 1]
    assertValues(theta, 0.95, -2.1);     // θ₁ = θ₀ − 0.1·v₁
    step(sgd, G2);                      // v₂ = 0.9·[0.5, 1] + [−1, 2] = [−0.55, 2.9]
    assertValues(theta, 1.005, -2.39);   // θ₂ = [0.95 + 0.055, −2.1 − 0.29]
    step(sgd, G3);                      // v₃ = 0.9·v₂ = [−0.495, 2.61]: it keeps moving
    assertValues(theta, 1.0545, -2.651); // θ₃ = [1.005 + 0.0495, −2.39 − 0.261]
    assertArrayEquals(new double[] {-0.495, 2.61},
        sgd.state().get("0.momentum_buffer").toArray(), HAND_TOLERANCE);
  }

  @Test
  void nesterovStepsWithGradientPlusMomentumTimesVelocity() {
    Variable theta = theta();
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).nesterov(true).build(List.of(theta));
    step(sgd, G1);                      // v₁ = [0.5, 1]; d = g₁ + 0.9·v₁ = [0.95, 1.9]
    assertValues(theta, 0.905, -2.19);   // θ₁ = [1 − 0.095, −2 − 0.19]
    step(sgd, G2);                      // v₂ = [−0.55, 2.9]; d = [−1 − 0.495, 2 + 2.61]
    assertValues(theta, 1.0545, -2.651); // θ₂ = [0.905 + 0.1495, −2.19 − 0.461]
    step(sgd, G3);                      // v₃ = [−0.495, 2.61]; d = 0.9·v₃ = [−0.4455, 2.349]
    assertValues(theta, 1.09905, -2.8859);  // θ₃ = [1.0545 + 0.04455, −2.651 − 0.2349]
  }

  /** PyTorch's dampening: the first velocity is g itself, later gradients enter as (1 − τ)g. */
  @Test
  void dampeningWeighsEveryGradientButTheFirst() {
    Variable theta = theta();
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).dampening(0.5).build(List.of(theta));
    step(sgd, G1);                      // v₁ = g₁ = [0.5, 1], undampened
    assertValues(theta, 0.95, -2.1);
    step(sgd, G2);                      // v₂ = 0.9·[0.5, 1] + 0.5·[−1, 2] = [−0.05, 1.9]
    assertValues(theta, 0.955, -2.29);   // θ₂ = [0.95 + 0.005, −2.1 − 0.19]
    step(sgd, G3);                      // v₃ = 0.9·v₂ = [−0.045, 1.71]
    assertValues(theta, 0.9595, -2.461); // θ₃ = [0.955 + 0.0045, −2.29 − 0.171]
    assertArrayEquals(new double[] {-0.045, 1.71},
        sgd.state().get("0.momentum_buffer").toArray(), HAND_TOLERANCE);
    assertEquals("Sgd(lr=0.1, momentum=0.9, dampening=0.5, weightDecay=0.0)", sgd.toString());
  }

  /**
   * A state saved after the first update goes on dampened; a parameter that had no update yet
   * when the state was saved starts with the whole gradient, as a fresh optimizer would.
   */
  @Test
  void aLoadedStateKnowsWhetherTheFirstUpdateHappened() {
    Variable theta = theta();
    Sgd saved = Sgd.builder(0.1).momentum(0.9).dampening(0.5).build(List.of(theta));
    Sgd fresh = Sgd.builder(0.1).momentum(0.9).dampening(0.5).build(List.of(theta()));
    fresh.loadState(saved.state());      // no update yet: no "0.step", no buffer
    step(fresh, G1);
    assertArrayEquals(G1.toArray(), fresh.state().get("0.momentum_buffer").toArray(), 0);
    step(saved, G1);
    Sgd resumed = Sgd.builder(0.1).momentum(0.9).dampening(0.5).build(List.of(theta()));
    resumed.loadState(saved.state());
    step(resumed, G2);
    assertArrayEquals(new double[] {-0.05, 1.9},
        resumed.state().get("0.momentum_buffer").toArray(), HAND_TOLERANCE);
  }

  @Test
  void weightDecayAddsLambdaThetaToTheGradient() {
    Variable theta = theta();
    Sgd sgd = Sgd.builder(0.1).weightDecay(0.5).build(List.of(theta));
    step(sgd, G1);                      // g = [0.5 + 0.5·1, 1 + 0.5·(−2)] = [1, 0]
    assertValues(theta, 0.9, -2);        // θ₁ = [1 − 0.1, −2 − 0]
    step(sgd, G2);                      // g = [−1 + 0.45, 2 − 1] = [−0.55, 1]
    assertValues(theta, 0.955, -2.1);    // θ₂ = [0.9 + 0.055, −2 − 0.1]
  }

  @Test
  void weightDecayEntersTheVelocity() {
    Variable theta = theta();
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).weightDecay(0.5).build(List.of(theta));
    step(sgd, G1);                      // g = [1, 0] as above; v₁ = [1, 0]
    assertValues(theta, 0.9, -2);
    step(sgd, G2);                      // g = [−0.55, 1]; v₂ = 0.9·[1, 0] + g = [0.35, 1]
    assertValues(theta, 0.865, -2.1);    // θ₂ = [0.9 − 0.035, −2 − 0.1]
  }

  @Test
  void rejectsBadHyperparameters() {
    assertMessage("Sgd: the learning rate must be finite and non-negative, got -0.1",
        () -> Sgd.builder(-0.1));
    assertMessage("Sgd: the learning rate must be finite and non-negative, got NaN",
        () -> Sgd.builder(Double.NaN));
    assertMessage("Sgd: momentum must be in [0, 1), got 1.0", () -> Sgd.builder(0.1).momentum(1));
    assertMessage("Sgd: the weight decay must be finite and non-negative, got -1.0E-4",
        () -> Sgd.builder(0.1).weightDecay(-1e-4));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).nesterov(true).build(List.of(theta())));
    assertEquals("Sgd: Nesterov momentum needs a momentum above 0, got 0.0", e.getMessage());
  }

  @Test
  void rejectsBadDampening() {
    assertMessage("Sgd: dampening must be in [0, 1], got 1.5",
        () -> Sgd.builder(0.1).dampening(1.5));
    assertMessage("Sgd: dampening must be in [0, 1], got -0.1",
        () -> Sgd.builder(0.1).dampening(-0.1));
    assertMessage("Sgd: dampening must be in [0, 1], got NaN",
        () -> Sgd.builder(0.1).dampening(Double.NaN));
    // As PyTorch: "Nesterov momentum requires a momentum and zero dampening".
    IllegalStateException nesterov = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).momentum(0.9).nesterov(true).dampening(0.1).build(List.of(theta())));
    assertEquals("Sgd: Nesterov momentum needs zero dampening, got 0.1", nesterov.getMessage());
    // PyTorch ignores it; a dampening of nothing is refused, as Nesterov without momentum is.
    IllegalStateException alone = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).dampening(0.1).build(List.of(theta())));
    assertEquals("Sgd: dampening 0.1 needs a momentum above 0, got 0.0", alone.getMessage());
    // The ends of the range: 0 is the default, 1 keeps only the first gradient.
    assertEquals("Sgd(lr=0.1, momentum=0.9, weightDecay=0.0)",
        Sgd.builder(0.1).momentum(0.9).dampening(0).build(List.of(theta())).toString());
    assertEquals("Sgd(lr=0.1, momentum=0.9, dampening=1.0, weightDecay=0.0)",
        Sgd.builder(0.1).momentum(0.9).dampening(1).build(List.of(theta())).toString());
  }

  /** Plain SGD converges linearly at rate max|1 − η·λ(A)| = 1 − 0.2·1.38 ≈ 0.72 per step. */
  @Nested
  class Plain extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Sgd.builder(0.2).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of();
    }

    @Override
    Convergence convergence() {
      return new Convergence(100, 1e-6);
    }
  }

  @Nested
  class Momentum extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Sgd.builder(0.05).momentum(0.9).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("momentum_buffer");
    }

    @Override
    Convergence convergence() {
      return new Convergence(300, 1e-6);
    }
  }

  @Nested
  class Nesterov extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Sgd.builder(0.05).momentum(0.9).nesterov(true).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("momentum_buffer");
    }

    @Override
    Convergence convergence() {
      return new Convergence(200, 1e-6);
    }
  }

  /** With τ = μ the velocity is a moving average of the gradients: slower than momentum's sum. */
  @Nested
  class Dampening extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Sgd.builder(0.1).momentum(0.9).dampening(0.9).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("momentum_buffer");
    }

    @Override
    Convergence convergence() {
      return new Convergence(400, 1e-6);
    }
  }

  @Nested
  class WeightDecay extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return Sgd.builder(0.2).weightDecay(0.1).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of();
    }

    /** θ − η·(0 + λθ) = θ·(1 − 0.2·0.1). */
    @Override
    Tensor afterZeroGradientStep(Tensor theta) {
      return theta.mul(0.98);
    }

    /** L2 decay minimizes f + (λ/2)‖θ‖²: (A + 0.1·I)⁻¹b = [2.1 + 1, −1 − 3.1]/det, det = 5.51. */
    @Override
    Tensor minimizer() {
      return Tensor.vector(3.1 / 5.51, -4.1 / 5.51);
    }

    @Override
    Convergence convergence() {
      return new Convergence(100, 1e-6);
    }
  }
}
