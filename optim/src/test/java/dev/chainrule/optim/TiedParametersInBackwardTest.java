package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Two parameters on one tensor (Dense.of(t, null) twice: two parameters an optimizer steps
 * twice) updated in backward end where the step after backward leaves them, to the bit, with
 * every optimizer: their updates run in the optimizer's parameter order, as the step's do, not
 * in the order backward completes their gradients.
 */
class TiedParametersInBackwardTest {
  private static final Map<String, Function<List<Variable>, Optimizer>> OPTIMIZERS =
      new LinkedHashMap<>();

  static {
    OPTIMIZERS.put("plain SGD", ps -> Sgd.builder(0.1).build(ps));
    OPTIMIZERS.put("SGD with weight decay", ps -> Sgd.builder(0.1).weightDecay(0.5).build(ps));
    OPTIMIZERS.put("SGD with momentum", ps -> Sgd.builder(0.1).momentum(0.9).weightDecay(0.5)
        .build(ps));
    OPTIMIZERS.put("Adam with weight decay", ps -> Adam.builder().learningRate(0.1)
        .weightDecay(0.5).build(ps));
    OPTIMIZERS.put("AdamW", ps -> AdamW.builder().learningRate(0.1).weightDecay(0.5).build(ps));
    OPTIMIZERS.put("RMSprop", ps -> RmsProp.builder().learningRate(0.1).weightDecay(0.5)
        .build(ps));
    OPTIMIZERS.put("Adagrad", ps -> Adagrad.builder().learningRate(0.1).weightDecay(0.5)
        .build(ps));
  }

  /** Σ 3a − Σ b·tanh(a): backward completes b's gradient before a's. */
  private static Variable loss(Variable a, Variable b) {
    return a.mul(3.0).sum().add(b.mul(a.tanh()).neg().sum());
  }

  /** The shared tensor after three steps, updating in backward or stepping after it. */
  private static double[] train(Function<List<Variable>, Optimizer> build, boolean inBackward) {
    Tensor shared = Tensor.vector(1, 2);
    Variable a = Variable.parameter(shared, "a");
    Variable b = Variable.parameter(shared, "b");
    Optimizer optimizer = build.apply(List.of(a, b));
    HookHandle handle = inBackward ? optimizer.updateInBackward() : () -> {};
    try (handle) {
      for (int step = 0; step < 3; step++) {
        optimizer.zeroGrad();
        loss(a, b).backward();
        optimizer.step();
      }
    }
    return shared.toArray();
  }

  @Test
  void parametersOnOneTensorEndWhereTheStepLeavesThemWithEveryOptimizer() {
    for (var entry : OPTIMIZERS.entrySet()) {
      double[] stepped = train(entry.getValue(), false);
      double[] updated = train(entry.getValue(), true);
      // Neither parameter's gradient is a single product (both read the array), so both are
      // updated by the step's own code from the same gradients, in the same order: the same
      // bits. Before, b went first: SGD with weight decay 0.5 left [0.6975, 1.6] after one step
      // of Σ 3a − Σ b where its step left [0.7175, 1.62], Adam [1.0, 1.9] where it left [1.0, 2.0].
      assertArrayEquals(stepped, updated, entry.getKey());
    }
  }

  @Test
  void theOrderIsTheOptimizersWhicheverOrderTheGraphUsesThem() {
    // The same pair given to the optimizer as (b, a): its step updates b first, and so does
    // backward now.
    Function<List<Variable>, Optimizer> reversed =
        ps -> Sgd.builder(0.1).weightDecay(0.5).build(List.of(ps.get(1), ps.get(0)));
    assertArrayEquals(train(reversed, false), train(reversed, true));
  }
}
