package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.copies;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code maximize} on every path of every optimizer that has it: an optimizer that maximizes
 * takes, bit for bit, the steps the same optimizer minimizing takes on the negated gradients (as
 * PyTorch's do, negation being exact), parameter groups and float32 included, through Adam's
 * fused kernel and AMSGrad's composed step alike; updating in backward gives the steps
 * stepping gives. {@link PyTorchOptionsTest} holds the steps themselves to PyTorch's, and
 * {@link MaximizeCheckpointTest} the settings a checkpoint records.
 */
class MaximizeTest {
  /** Each optimizer with its variants, weight decay, and a group with its own rate and decay. */
  private static final Map<String, BiFunction<List<Variable>, Boolean, Optimizer>> KINDS =
      Map.of(
          "sgd", (p, up) -> Sgd.builder(0.05).weightDecay(0.01).maximize(up)
              .group(group(p)).build(p),
          "sgd_nesterov", (p, up) -> Sgd.builder(0.05).momentum(0.9).nesterov(true)
              .weightDecay(0.01).maximize(up).group(group(p)).build(p),
          "adam", (p, up) -> Adam.builder().learningRate(0.1).weightDecay(0.01).maximize(up)
              .group(group(p)).build(p),
          "adam_amsgrad", (p, up) -> Adam.builder().learningRate(0.1).amsgrad(true)
              .weightDecay(0.01).maximize(up).group(group(p)).build(p),
          "adamw", (p, up) -> AdamW.builder().learningRate(0.1).weightDecay(0.1).maximize(up)
              .group(group(p)).build(p),
          "rmsprop_centered_momentum", (p, up) -> RmsProp.builder().centered(true)
              .momentum(0.5).weightDecay(0.01).maximize(up).group(group(p)).build(p),
          "adagrad", (p, up) -> Adagrad.builder().lrDecay(0.1).initialAccumulatorValue(0.2)
              .weightDecay(0.01).maximize(up).group(group(p)).build(p));

  /** The second parameter at half the rate and a weight decay of its own. */
  private static ParameterGroup group(List<Variable> parameters) {
    return ParameterGroup.of(List.of(parameters.get(1))).learningRateScale(0.5).weightDecay(0.2);
  }

  static List<Arguments> kinds() {
    List<Arguments> out = new ArrayList<>();
    for (String kind : KINDS.keySet()) {
      out.add(Arguments.of(kind, DType.FLOAT64));
      out.add(Arguments.of(kind, DType.FLOAT32));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("kinds")
  void maximizingIsMinimizingTheNegatedGradientBitForBit(String kind, DType type) {
    List<Variable> up = List.of(
        Variable.parameter(Tensors.randn(Shape.of(3, 2), 1L).to(type), "w"),
        Variable.parameter(Tensors.randn(Shape.of(2), 2L).to(type), "b"));
    List<Variable> down = copies(up);
    Optimizer ascent = KINDS.get(kind).apply(up, true);
    Optimizer descent = KINDS.get(kind).apply(down, false);
    Tensor start = up.get(0).value().copy();
    for (int s = 0; s < 5; s++) {
      Tensor w = Tensors.randn(Shape.of(3, 2), 10L + s).to(type);
      Tensor b = Tensors.randn(Shape.of(2), 20L + s).to(type);
      step(ascent, w, b);
      step(descent, w.neg(), b.neg());
      assertEquals(w, up.get(0).grad(), kind + ": the gradient is read, not negated in place");
    }
    assertNotEquals(start, up.get(0).value(), kind + ": the steps moved θ");
    for (int i = 0; i < up.size(); i++) {
      assertEquals(down.get(i).value(), up.get(i).value(), kind + ": parameter " + i);
    }
    assertEquals(descent.state(), ascent.state(), kind + ": the buffers, bitwise");
  }

  /** A network whose summed output an optimizer drives, stepping or updating in backward. */
  private static Sequential network() {
    return Sequential.of(Dense.of(3, 4, 1L), Activation.tanh(), Dense.of(4, 1, 2L));
  }

  private static final Tensor INPUT = Tensors.randn(Shape.of(5, 3), 3L);

  private static double objective(Sequential model) {
    return model.forward(Variable.constant(INPUT.to(model.parameters().get(0).dtype()))).sum()
        .item();
  }

  /** Three steps climbing the summed output, stepping after backward or updating in it. */
  private static Sequential climb(BiFunction<List<Variable>, Boolean, Optimizer> kind,
      boolean inBackward, DType type) {
    Sequential model = network();
    model.to(type);
    Optimizer optimizer = kind.apply(model.parameters(), true);
    HookHandle handle = inBackward ? optimizer.updateInBackward() : null;
    for (int s = 0; s < 3; s++) {
      optimizer.zeroGrad();
      model.forward(Variable.constant(INPUT.to(type))).sum().backward();
      optimizer.step();
    }
    if (handle != null) {
      handle.remove();
      model.parameters().forEach(p -> assertNull(p.grad(), "no gradient is kept"));
    }
    return model;
  }

  @Test
  void plainSgdClimbsInsideTheWeightProductsAsItClimbsStepping() {
    BiFunction<List<Variable>, Boolean, Optimizer> sgd = KINDS.get("sgd");
    assertTrue(sgd.apply(network().parameters(), true).updatesLinearly(),
        "ascent by plain SGD is θ ← (1 − ηλ)·θ + η·g, a linear form");
    for (DType type : DType.values()) {
      Sequential stepped = climb(sgd, false, type);
      Sequential updated = climb(sgd, true, type);
      // Each product computes W·β + η·Gᵀx without rounding Gᵀx first: an ulp or so of the
      // update per step, a few over three steps, on values of order 1: within 1e-14 in float64
      // and 1e-6 in float32 (ulp 6e-8), where a wrong sign is off by about η·|g|, over 1e-3.
      double tolerance = type == DType.FLOAT64 ? 1e-14 : 1e-6;
      for (int i = 0; i < stepped.parameters().size(); i++) {
        assertArrayEquals(stepped.parameters().get(i).value().toArray(),
            updated.parameters().get(i).value().toArray(), tolerance, type + " parameter " + i);
      }
      Sequential start = network();
      start.to(type);
      assertTrue(objective(stepped) > objective(start), type + ": the steps climbed");
    }
  }

  @Test
  void otherAscentsInBackwardAreTheStepsOwnArithmetic() {
    // Without a linear form, each parameter's update in backward is the one step() makes on the
    // same gradient: the same bits.
    for (String kind : List.of("sgd_nesterov", "adam", "adam_amsgrad", "adamw",
        "rmsprop_centered_momentum", "adagrad")) {
      assertFalse(KINDS.get(kind).apply(network().parameters(), true).updatesLinearly(), kind);
      Sequential stepped = climb(KINDS.get(kind), false, DType.FLOAT64);
      Sequential updated = climb(KINDS.get(kind), true, DType.FLOAT64);
      assertEquals(stepped.stateDict(), updated.stateDict(), kind);
      assertTrue(objective(stepped) > objective(network()), kind + " climbed the objective");
    }
  }

  /**
   * An optimizer of one's own follows {@code directed(gradient)}, as the built-ins do: the
   * gradient, or its negation when its {@code maximizes()} says it climbs (exact: -0.5 · ±2 and
   * ±4 are representable).
   */
  @Test
  void anOptimizerOfOnesOwnIsDirectedByItsMaximizes() {
    for (boolean up : new boolean[] {false, true}) {
      Optimizer own = new Optimizer(List.of(Variable.parameter(Tensor.vector(1, 2), "w")), 0.5) {
        @Override
        protected void update(Tensor value, Tensor gradient, ParameterState state) {
          value.axpyInPlace(-parameterLearningRate(), directed(gradient));
        }

        @Override
        protected List<String> bufferNames() {
          return List.of();
        }

        @Override
        public boolean maximizes() {
          return up;
        }
      };
      step(own, Tensor.vector(2, -4));
      assertEquals(up ? Tensor.vector(2, 0) : Tensor.vector(0, 4),
          own.parameters().get(0).value(), up ? "climbed" : "descended");
    }
  }
}
