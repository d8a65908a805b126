package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A gradient element whose square overflows while its weighted square (1 − β)·g² does not.
 * PyTorch 1.13 updates the second moments with {@code addcmul_(grad, grad, value=1 − β)}, which
 * computes ((1 − β)·g)·g, so Adam's {@code exp_avg_sq} (β₂ = 0.999) stays finite for |g| up to
 * about 5.8e20 in float32 (4.2e155 in float64), RMSprop's {@code square_avg} (α = 0.99) up to
 * 1.8e20 (1.3e155). Squaring first overflows from 1.8e19 (1.3e154): the buffer became +∞ for
 * good, and the element's update m/√∞ = 0 froze it at every later step while PyTorch's went on.
 * The gradients here, 1e20 and 1e155, lie in those bands.
 */
class SquaredGradientOverflowTest {
  private static final double LR = 0.01;

  /**
   * After a first update with gradient g the first element moved by about η·g/|g| (Adam's first
   * step, bias-corrected) or η·g/√((1 − α)g²) = 10η (RMSprop at α = 0.99). Within 1e-6 of θ's
   * scale, 1: a float32 θ near 1 is rounded to 6e-8, and the quotient and square root to a few
   * ulps of the move; an element that did not move at all, as before, misses by 0.01 to 0.1.
   */
  private static final double MOVE_TOLERANCE = 1e-6;

  static Stream<Arguments> cases() {
    Function<List<Variable>, Optimizer> adam = p -> Adam.builder().learningRate(LR).build(p);
    Function<List<Variable>, Optimizer> amsgrad =
        p -> Adam.builder().learningRate(LR).amsgrad(true).build(p);
    Function<List<Variable>, Optimizer> adamW =
        p -> AdamW.builder().learningRate(LR).weightDecay(0).build(p);
    Function<List<Variable>, Optimizer> rmsProp = p -> RmsProp.builder().learningRate(LR).build(p);
    Function<List<Variable>, Optimizer> centred =
        p -> RmsProp.builder().learningRate(LR).centered(true).build(p);
    return Stream.of(
        Arguments.of("Adam", adam, "exp_avg_sq", 1 - 0.999, 1.0, DType.FLOAT32, 1e20),
        Arguments.of("Adam", adam, "exp_avg_sq", 1 - 0.999, 1.0, DType.FLOAT64, 1e155),
        Arguments.of("Adam amsgrad", amsgrad, "max_exp_avg_sq", 1 - 0.999, 1.0, DType.FLOAT32,
            1e20),
        Arguments.of("Adam amsgrad", amsgrad, "exp_avg_sq", 1 - 0.999, 1.0, DType.FLOAT64,
            1e155),
        Arguments.of("AdamW", adamW, "exp_avg_sq", 1 - 0.999, 1.0, DType.FLOAT32, 1e20),
        Arguments.of("RmsProp", rmsProp, "square_avg", 1 - 0.99, 10.0, DType.FLOAT32, 1e20),
        Arguments.of("RmsProp", rmsProp, "square_avg", 1 - 0.99, 10.0, DType.FLOAT64, 1e155),
        // Centred, √(v − ḡ²) = √((1 − α)g² − (1 − α)²g²) = √(0.0099)·|g|: a move of η/√0.0099.
        Arguments.of("RmsProp centred", centred, "square_avg", 1 - 0.99, 1 / Math.sqrt(0.0099),
            DType.FLOAT32, 1e20));
  }

  @ParameterizedTest(name = "{0} {5}")
  @MethodSource("cases")
  void aSquareThatOverflowsWeightedFirstStaysFinite(String name,
      Function<List<Variable>, Optimizer> make, String buffer, double keep, double moveInRates,
      DType type, double g) {
    Variable theta = Variable.parameter(Tensor.vector(1, 1).to(type));
    Optimizer optimizer = make.apply(List.of(theta));
    step(optimizer, Tensor.vector(g, 1).to(type));

    assertEquals(weightedSquare(keep, g, type), optimizer.state().get("0." + buffer).flatGet(0),
        "((1 − β)·g)·g, PyTorch's addcmul order, in the parameter's type");
    double moved = 1 - theta.value().flatGet(0);
    assertEquals(moveInRates * LR, moved, MOVE_TOLERANCE);
  }

  /** ((1 − β)·g)·g as PyTorch's addcmul_ computes it, in {@code type}'s arithmetic. */
  private static double weightedSquare(double keep, double g, DType type) {
    if (type == DType.FLOAT32) {
      float k = (float) keep;
      float x = (float) g;
      return k * x * x;
    }
    return keep * g * g;
  }
}
