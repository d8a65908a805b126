package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.BackwardUpdate;
import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A step's checks hold for every backward pass that updates, not only the first of a step. They
 * ran once a step and were kept until {@code step()}, so with updates in backward the second of
 * two passes before a step (gradient accumulation) updated on the first's word: AdamW whose rate
 * was raised between them to ηλ = 1.2 updated the first layer, then failed in its fused kernel
 * with a raw IllegalArgumentException (a half-taken step); a model converted to float32 between
 * them was updated with float64 momentum silently (Adam: a raw kernel error), and the step after
 * accepted it. Now each pass runs the checks before its first update, and refuses as a step
 * does, with nothing changed.
 */
class StepChecksEachPassTest {
  private static final Tensor X = Tensor.of(new double[] {1, 2, 3, -1, 0, 2}, 2, 3);

  /** Every optimizer that keeps state, whose type a converted model then no longer matches. */
  private static final Map<String, Function<Module, Optimizer>> STATEFUL = new LinkedHashMap<>();

  static {
    STATEFUL.put("SGD with momentum", m -> Sgd.builder(0.1).momentum(0.9).build(m));
    STATEFUL.put("Adam", m -> Adam.builder().learningRate(0.1).build(m));
    STATEFUL.put("AdamW", m -> AdamW.builder().learningRate(0.1).weightDecay(0.5).build(m));
    STATEFUL.put("RMSprop", m -> RmsProp.builder().learningRate(0.1).build(m));
    STATEFUL.put("Adagrad", m -> Adagrad.builder().learningRate(0.1).build(m));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(3, 4, 1), Dense.of(4, 2, 2));
  }

  private static void pass(Module model, DType type) {
    model.call(Variable.constant(X.to(type))).square().sum().backward();
  }

  private static List<Tensor> values(Module model) {
    return model.parameters().stream().map(p -> p.value().copy()).toList();
  }

  /** AdamW whose last layer's group has 4 times the rate: 0.6 × 4 × 0.5 = 1.2 there. */
  private static AdamW adamW(Sequential model) {
    List<Variable> last = model.parameters().subList(2, 4);
    return AdamW.builder().learningRate(0.1).weightDecay(0.5)
        .group(ParameterGroup.of(last).learningRateScale(4)).build(model);
  }

  private static void assertRefusedUnchanged(Module model, Optimizer optimizer, DType type,
      Class<? extends RuntimeException> refusal, String words) {
    List<Tensor> before = values(model);
    Map<String, Tensor> state = optimizer.state();
    RuntimeException e = assertThrows(refusal, () -> pass(model, type));
    assertTrue(e.getMessage().contains(words), e.getMessage());
    // Refused before the first update of the pass: every value and the state to the bit.
    assertEquals(before, values(model), "no parameter updated by the refused pass");
    assertEquals(state, optimizer.state(), "no state changed by the refused pass");
  }

  @Test
  void aRateRaisedBetweenTwoPassesIsRefusedBeforeTheSecondUpdatesAnything() {
    Sequential model = model();
    AdamW optimizer = adamW(model);
    try (HookHandle handle = optimizer.updateInBackward()) {
      pass(model, DType.FLOAT64);
      optimizer.setLearningRate(0.6);
      assertRefusedUnchanged(model, optimizer, DType.FLOAT64, StepRefusedException.class,
          "AdamW.step: group 0 (parameter 2 (1.weight)): learning rate 0.6 × learningRateScale"
              + " 4.0 × weight decay 0.5 = 1.2 is at least 1");
    }
  }

  @Test
  void aStateLoadedBetweenTwoPassesIsCheckedBeforeTheSecondUpdatesAnything() {
    Sequential model = model();
    AdamW optimizer = adamW(model);
    try (HookHandle handle = optimizer.updateInBackward()) {
      pass(model, DType.FLOAT64);
      Map<String, Tensor> saved = new LinkedHashMap<>(optimizer.state());
      saved.put(Optimizer.LEARNING_RATE_KEY, Tensor.scalar(0.6));
      optimizer.loadState(saved); // mid-step: a rate that makes the group's ηλ 1.2
      assertRefusedUnchanged(model, optimizer, DType.FLOAT64, StepRefusedException.class,
          "= 1.2 is at least 1");
    }
  }

  @Test
  void aModelConvertedBetweenTwoPassesIsRefusedWithEveryStatefulOptimizer() {
    for (var entry : STATEFUL.entrySet()) {
      Sequential model = model();
      Optimizer optimizer = entry.getValue().apply(model);
      try (HookHandle handle = optimizer.updateInBackward()) {
        pass(model, DType.FLOAT64);
        model.to(DType.FLOAT32);
        // Before: SGD updated float32 weights with its float64 momentum, and Adam failed in its
        // kernel ("adam: types float32 and float64 differ") after updating earlier parameters.
        assertRefusedUnchanged(model, optimizer, DType.FLOAT32, IllegalStateException.class,
            "is float32 but its optimizer state is not");
        assertEquals(0, optimizer.stepCount(), entry.getKey());
      }
    }
  }

  @Test
  void twoPassesWithNothingChangedBothUpdateAsTwoStepsWouldWithoutTheirCounts() {
    // The checks rerun each pass and pass: gradient accumulation in backward still updates
    // twice, as BackwardUpdate says each pass does.
    for (var entry : STATEFUL.entrySet()) {
      Sequential model = model();
      Optimizer optimizer = entry.getValue().apply(model);
      try (HookHandle handle = optimizer.updateInBackward()) {
        pass(model, DType.FLOAT64);
        List<Tensor> afterOne = values(model);
        pass(model, DType.FLOAT64);
        assertTrue(!afterOne.equals(values(model)), entry.getKey() + ": the second pass updated");
        assertDoesNotThrow(optimizer::step, entry.getKey());
        assertEquals(1, optimizer.stepCount(), entry.getKey());
      }
    }
  }

  /**
   * Plain descent of one's own, with a setting its {@link #checkStep} reads (a rate cap, say)
   * and an update that can fail; its weights' updates may go into their gradients' products.
   */
  private static final class Switchable extends Optimizer {
    boolean refuse;
    boolean failUpdate;

    Switchable(Module model) {
      super(model.parameters(), 0.1);
    }

    @Override
    protected void checkStep() {
      if (refuse) {
        throw new IllegalStateException("Switchable.step: refused by its own setting");
      }
    }

    @Override
    protected void update(Tensor value, Tensor gradient, ParameterState state) {
      if (failUpdate) {
        throw new ArithmeticException("Switchable: the update failed");
      }
      value.axpyInPlace(-parameterLearningRate(), gradient);
    }

    @Override
    protected BackwardUpdate.LinearForm linearForm() {
      return new BackwardUpdate.LinearForm(-parameterLearningRate(), 1);
    }

    @Override
    protected List<String> bufferNames() {
      return List.of();
    }
  }

  @Test
  void anOptimizersOwnSettingChangedBetweenPassesIsCheckedBeforeAProductUpdate() {
    Sequential model = model();
    Switchable own = new Switchable(model);
    try (HookHandle handle = own.updateInBackward()) {
      pass(model, DType.FLOAT64);
      own.refuse = true;
      // The weights' updates go into their gradient products, during the rules: the check comes
      // before the first of them, not only before the updates applied once the pass is over.
      assertRefusedUnchanged(model, own, DType.FLOAT64, StepRefusedException.class,
          "Switchable.step: refused by its own setting");
    }
  }

  @Test
  void aStepWhoseUpdateFailedLeavesTheNextStepChecked() {
    Sequential model = model();
    Switchable own = new Switchable(model);
    own.zeroGrad();
    pass(model, DType.FLOAT64);
    own.failUpdate = true;
    assertThrows(ArithmeticException.class, own::step);
    own.failUpdate = false;
    own.refuse = true;
    // Before, the failed step left its checks marked as run, and this step updated unchecked.
    List<Tensor> before = values(model);
    assertThrows(StepRefusedException.class, own::step);
    assertEquals(before, values(model), "nothing updated by the refused step");
  }

  @Test
  void aStepAfterPassesChecksAGradientItStillHasToApply() {
    Sequential model = model();
    AdamW optimizer = adamW(model);
    HookHandle handle = optimizer.updateInBackward();
    pass(model, DType.FLOAT64);
    handle.close();
    optimizer.setLearningRate(0.6);
    optimizer.zeroGrad();
    pass(model, DType.FLOAT64); // kept now, for the step to apply
    List<Tensor> before = values(model);
    assertThrows(StepRefusedException.class, optimizer::step);
    assertEquals(before, values(model), "nothing updated by the refused step");
  }
}
