package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.HAND_TOLERANCE;
import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.assertValues;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RMSprop against its equations, worked by hand on θ₀ = [1, −2] with the gradients g₁ = [0.5, 1],
 * g₂ = [−1, 2], g₃ = [0, 0], η = 0.01 and the default α = 0.99, ε = 1e-8; then the contract.
 */
class RmsPropTest {
  private static final Tensor G1 = Tensor.vector(0.5, 1);
  private static final Tensor G2 = Tensor.vector(-1, 2);
  private static final Tensor G3 = Tensor.vector(0, 0);

  private static Variable theta() {
    return Variable.parameter(Tensor.vector(1, -2), "theta");
  }

  @Test
  void dividesByTheRootMeanSquare() {
    Variable theta = theta();
    RmsProp rmsProp = RmsProp.builder().learningRate(0.01).build(List.of(theta));
    // v = 0.01·g₁² = [0.0025, 0.01], √v = [0.05, 0.1]; no bias correction, so the first step is
    // about 10η per element: d = [0.5/(0.05 + 1e-8), 1/(0.1 + 1e-8)]
    //   = [9.9999980000004, 9.9999990000001].
    step(rmsProp, G1);
    assertValues(theta, 0.900000019999996, -2.099999990000001);
    // v = 0.99·v + 0.01·g₂² = [0.012475, 0.0499], √v = [0.11169153951844, 0.22338307903688];
    // d = [−1/(√v₀ + 1e-8), 2/(√v₁ + 1e-8)] = [−8.95322881911377, 8.95322921991532].
    step(rmsProp, G2);
    assertValues(theta, 0.98953230819113370, -2.18953228219915419);
    assertArrayEquals(new double[] {0.012475, 0.0499},
        rmsProp.state().get("0.square_avg").toArray(), HAND_TOLERANCE);
  }

  @Test
  void momentumAccumulatesTheNormalisedSteps() {
    Variable theta = theta();
    RmsProp rmsProp = RmsProp.builder().learningRate(0.01).momentum(0.9).build(List.of(theta));
    step(rmsProp, G1);                  // b = d₁ = [9.9999980000004, 9.9999990000001], as above
    assertValues(theta, 0.900000019999996, -2.099999990000001);
    // b = 0.9·b + d₂ = [8.99999820000036 − 8.95322881911377, 8.99999910000009 + 8.95322921991532]
    //   = [0.04676938088659017, 17.95322831991541]
    step(rmsProp, G2);
    assertValues(theta, 0.89953232619113010, -2.27953227319915509);
    // Zero gradient: d = 0, b = 0.9·b = [0.04209244279793115, 16.15790548792387].
    step(rmsProp, G3);
    assertValues(theta, 0.89911140176315079, -2.44111132807839377);
  }

  /** Centred, the divisor is √(v − ḡ²) + ε, the root of the gradients' variance so far. */
  @Test
  void centredDividesByTheRootOfTheVariance() {
    Variable theta = theta();
    RmsProp rmsProp = RmsProp.builder().learningRate(0.01).centered(true).build(List.of(theta));
    // v = [0.0025, 0.01], ḡ = 0.01·g₁ = [0.005, 0.01], v − ḡ² = [0.002475, 0.0099]:
    // d = g₁/(√(v − ḡ²) + 1e-8) = [10.0503761323905066, 10.0503771424912122], a little more
    // than the uncentred 10.
    step(rmsProp, G1);
    assertValues(theta, 0.89949623867609493, -2.10050377142491212);
    // v = [0.012475, 0.0499], ḡ = 0.99·ḡ + 0.01·g₂ = [−0.00505, 0.0299],
    // v − ḡ² = [0.0124494975, 0.04900599]; d = [−8.9623943651576117, 9.0345264254089744].
    step(rmsProp, G2);
    assertValues(theta, 0.98912018232767105, -2.19084903567900187);
    assertArrayEquals(new double[] {-0.00505, 0.0299},
        rmsProp.state().get("0.grad_avg").toArray(), HAND_TOLERANCE);
    assertEquals(List.of("step", "lr", "initial_lr", "param_count", "0.step", "0.square_avg",
        "0.grad_avg"), List.copyOf(rmsProp.state().keySet()));
  }

  @Test
  void rejectsBadHyperparameters() {
    assertMessage("RmsProp: alpha must be in [0, 1), got 1.0", () -> RmsProp.builder().alpha(1));
    assertMessage("RmsProp: momentum must be in [0, 1), got -0.1",
        () -> RmsProp.builder().momentum(-0.1));
    assertMessage("RmsProp: eps must be finite and positive, got -1.0E-8",
        () -> RmsProp.builder().eps(-1e-8));
  }

  @Test
  void defaultsArePyTorchs() {
    assertEquals("RmsProp(lr=0.01, alpha=0.99, eps=1.0E-8, momentum=0.0, weightDecay=0.0)",
        RmsProp.builder().build(List.of(theta())).toString());
    assertEquals("RmsProp(lr=0.01, alpha=0.99, eps=1.0E-8, momentum=0.0, weightDecay=0.0,"
        + " centered)", RmsProp.builder().centered(true).build(List.of(theta())).toString());
  }

  @Nested
  class Defaults extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return RmsProp.builder().learningRate(0.01).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("square_avg");
    }

    @Override
    Convergence convergence() {
      return new Convergence(1000, 1e-6);
    }
  }

  @Nested
  class Momentum extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return RmsProp.builder().learningRate(0.01).momentum(0.9).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("square_avg", "momentum_buffer");
    }

    @Override
    Convergence convergence() {
      return new Convergence(400, 1e-6);
    }
  }

  @Nested
  class Centred extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return RmsProp.builder().learningRate(0.01).centered(true).build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("square_avg", "grad_avg");
    }

    @Override
    Convergence convergence() {
      return new Convergence(1000, 1e-6);
    }
  }

  /** PyTorch's order of the buffers: square_avg, momentum_buffer, grad_avg. */
  @Nested
  class CentredMomentum extends OptimizerContract {
    @Override
    Optimizer create(List<Variable> parameters) {
      return RmsProp.builder().learningRate(0.01).centered(true).momentum(0.9)
          .build(parameters);
    }

    @Override
    List<String> bufferNames() {
      return List.of("square_avg", "momentum_buffer", "grad_avg");
    }

    @Override
    Convergence convergence() {
      return new Convergence(400, 1e-6);
    }
  }
}
