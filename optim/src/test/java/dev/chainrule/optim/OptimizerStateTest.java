package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The optimizer base: construction checks, state keys, and the ways a loaded state is wrong. */
class OptimizerStateTest {
  private static final String ADAM_KEYS = "expected \"step\", \"lr\", \"initial_lr\","
      + " \"param_count\" and, for a parameter index i from 0 to 1, \"<i>.step\", \"<i>.exp_avg\","
      + " \"<i>.exp_avg_sq\"";

  private static List<Variable> parameters() {
    return List.of(Variable.parameter(Tensor.vector(1, -2), "w"),
        Variable.parameter(Tensors.ones(2, 2), "b"));
  }

  /** An Adam over two parameters after one step, and its saved state. */
  private static Map<String, Tensor> savedAdamState() {
    Adam adam = Adam.builder().build(parameters());
    step(adam, Tensor.vector(0.5, 1), Tensors.full(Shape.of(2, 2), 0.25));
    return adam.state();
  }

  /** The message of loading the saved state after {@code damage} into a fresh Adam. */
  private static void assertLoadFails(String message, Consumer<Map<String, Tensor>> damage) {
    Map<String, Tensor> state = new LinkedHashMap<>(savedAdamState());
    damage.accept(state);
    Adam fresh = Adam.builder().build(parameters());
    Map<String, Tensor> before = fresh.state();
    assertMessage("Adam.loadState: " + message, () -> fresh.loadState(state));
    assertEquals(before, fresh.state(), "a rejected state changes nothing");
  }

  /** A checkpoint's kind and settings name the choice that built them, or none if ambiguous. */
  @Test
  void aRecordedOptimizerIsTheChoiceThatBuildsIt() {
    Variable w = Variable.parameter(Tensor.vector(1, 2));
    for (OptimizerChoice choice : OptimizerChoice.values()) {
      Optimizer built = choice.build(Dense.of(2, 1, 1L), 0.1);
      assertEquals(java.util.Optional.of(choice),
          OptimizerChoice.recorded(built.kind(), built.settings()), choice.toString());
    }
    assertEquals(java.util.Optional.of(OptimizerChoice.ADAM),
        OptimizerChoice.recorded("Adam", null), "one choice of that kind");
    assertEquals(java.util.Optional.empty(), OptimizerChoice.recorded("Sgd", null),
        "sgd, momentum and nesterov share it");
    assertEquals(java.util.Optional.empty(),
        OptimizerChoice.recorded("Sgd", Sgd.builder(0.1).momentum(0.5).build(List.of(w))
            .settings()), "a momentum no choice has");
  }

  @Test
  void constructionChecksTheParameters() {
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    assertMessage("Sgd: the parameter list is empty", () -> Sgd.builder(0.1).build(List.of()));
    assertMessage("Sgd: parameter 1 (w) is listed twice (first as parameter 0)",
        () -> Sgd.builder(0.1).build(List.of(w, w)));
    assertMessage("Sgd: parameter 0 is not a parameter (a leaf made by Variable.parameter)",
        () -> Sgd.builder(0.1).build(List.of(Variable.constant(Tensor.vector(1)))));
    assertMessage("Adam: parameter 0 is not a parameter (a leaf made by Variable.parameter)",
        () -> Adam.builder().build(List.of(w.mul(2))));
    assertMessage("Adam: the learning rate must be finite and non-negative, got -1.0",
        () -> Adam.builder().build(List.of(w)).setLearningRate(-1));
    // An anonymous optimizer has no simple name: it is named by its class's full name.
    assertMessage(OptimizerStateTest.class.getName() + "$1: the parameter list is empty",
        () -> new Optimizer(List.of(), 0.1) {
          @Override
          protected void update(Tensor value, Tensor gradient, ParameterState state) {}

          @Override
          protected List<String> bufferNames() {
            return List.of();
          }
        });
  }

  @Test
  void aModuleContributesItsParametersInOrder() {
    Dense layer = Dense.of(2, 3, 7L);
    Adam adam = Adam.builder().build(layer);
    assertEquals(layer.parameters(), adam.parameters());
    layer.forward(Variable.constant(Tensors.ones(4, 2))).sum().backward();
    adam.step();
    assertEquals(Shape.of(3, 2), adam.state().get("0.exp_avg").shape());   // weight [out, in]
    assertEquals(Shape.of(3), adam.state().get("1.exp_avg_sq").shape());   // bias
  }

  @Test
  void stateIsACopy() {
    Variable w = Variable.parameter(Tensor.vector(1, -2), "w");
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).build(List.of(w));
    step(sgd, Tensor.vector(1, 1));
    Map<String, Tensor> saved = sgd.state();
    Tensor velocity = saved.get("0.momentum_buffer").copy();
    step(sgd, Tensor.vector(1, 1));
    assertEquals(velocity, saved.get("0.momentum_buffer"), "a later step leaves a saved state");

    Sgd restored = Sgd.builder(0.1).momentum(0.9).build(List.of(w));
    restored.loadState(saved);
    step(restored, Tensor.vector(1, 1));
    assertEquals(velocity, saved.get("0.momentum_buffer"), "a loaded state is copied, not used");
  }

  /**
   * A run resumed with an optimizer built at another rate (a default) went on with the saved
   * schedule scaled by the new rate: 50 times too small, without a word.
   */
  @Test
  void aResumedScheduleScalesTheSavedRunsRate() {
    Adam saved = Adam.builder().learningRate(0.05).build(parameters());
    LearningRateSchedule halving = LearningRateSchedule.stepDecay(2, 0.5);
    LearningRateScheduler.of(saved, halving).apply(4);
    Adam resumed = Adam.builder().build(parameters());
    resumed.loadState(saved.state());
    assertEquals(0.05, resumed.initialLearningRate());
    LearningRateScheduler.of(resumed, halving).apply(5);
    assertEquals(0.0125, resumed.learningRate(), "0.05 halved twice: exact in binary");
    // A state saved before the base rate was kept leaves the optimizer's own.
    Map<String, Tensor> old = new LinkedHashMap<>(saved.state());
    old.remove(Optimizer.INITIAL_LEARNING_RATE_KEY);
    Adam fromOld = Adam.builder().learningRate(0.2).build(parameters());
    fromOld.loadState(old);
    assertEquals(0.2, fromOld.initialLearningRate());
    assertEquals(0.0125, fromOld.learningRate(), "the saved current rate");
  }

  /**
   * An option that adds a buffer makes states of the optimizer with and without it refuse each
   * other by key, whatever the checkpoint's recorded settings say.
   */
  @Test
  void aBufferOfAnOptionIsPartOfTheState() {
    Adam amsgrad = Adam.builder().amsgrad(true).build(parameters());
    step(amsgrad, Tensor.vector(0.5, 1), Tensors.full(Shape.of(2, 2), 0.25));
    assertMessage("Adam.loadState: unknown key \"0.max_exp_avg_sq\"; " + ADAM_KEYS
        + " (a state saved with amsgrad, which this optimizer is built without)",
        () -> Adam.builder().build(parameters()).loadState(amsgrad.state()));
    assertMessage("Adam.loadState: parameter 0 has [\"0.step\", \"0.exp_avg\","
        + " \"0.exp_avg_sq\"] but lacks \"0.max_exp_avg_sq\"",
        () -> Adam.builder().amsgrad(true).build(parameters()).loadState(savedAdamState()));
    RmsProp centred = RmsProp.builder().centered(true).build(parameters());
    step(centred, Tensor.vector(0.5, 1), Tensors.full(Shape.of(2, 2), 0.25));
    assertMessage("RmsProp.loadState: unknown key \"0.grad_avg\"; expected \"step\", \"lr\","
        + " \"initial_lr\", \"param_count\" and, for a parameter index i from 0 to 1, \"<i>.step\","
        + " \"<i>.square_avg\" (a state saved with centered, which this optimizer is built"
        + " without)", () -> RmsProp.builder().build(parameters()).loadState(centred.state()));
  }

  @Test
  void loadingReplacesEverything() {
    List<Variable> parameters = parameters();
    Adam adam = Adam.builder().build(parameters);
    Map<String, Tensor> fresh = adam.state();
    assertEquals(List.of("step", "lr", "initial_lr", "param_count"), List.copyOf(fresh.keySet()));
    step(adam, Tensor.vector(1, 1), null);
    adam.setLearningRate(0.5);
    assertNotEquals(fresh, adam.state());
    adam.loadState(fresh);
    assertEquals(fresh, adam.state());
    assertEquals(1e-3, adam.learningRate());
    assertEquals(0, adam.stepCount());
    assertEquals(0.001, adam.initialLearningRate());
  }

  @Test
  void unknownKeysAreRejected() {
    assertLoadFails("unknown key \"0.momentum\"; " + ADAM_KEYS, s -> s.put("0.momentum",
        Tensors.zeros(2)));
    assertLoadFails("unknown key \"01.exp_avg\"; " + ADAM_KEYS, s -> s.put("01.exp_avg",
        Tensors.zeros(2)));
    assertLoadFails("unknown key \"epoch\"; " + ADAM_KEYS, s -> s.put("epoch", Tensor.scalar(3)));
    assertLoadFails("\"2.step\" is for parameter 2, but this optimizer has 2 parameters",
        s -> s.put("2.step", Tensor.scalar(1)));
  }

  @Test
  void anotherOptimizersStateIsRejected() {
    Variable w = Variable.parameter(Tensor.vector(1, -2), "w");
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).build(List.of(w));
    step(sgd, Tensor.vector(1, 1));
    assertMessage("Adam.loadState: unknown key \"0.momentum_buffer\"; expected \"step\", \"lr\", "
            + "\"initial_lr\", \"param_count\" and, for a parameter index i from 0 to 0,"
            + " \"<i>.step\", \"<i>.exp_avg\", \"<i>.exp_avg_sq\"",
        () -> Adam.builder().build(List.of(w)).loadState(sgd.state()));
  }

  @Test
  void missingEntriesAreNamed() {
    assertLoadFails("missing \"step\"", s -> s.remove("step"));
    assertLoadFails("missing \"lr\"", s -> s.remove("lr"));
    assertLoadFails("parameter 1 has [\"1.step\", \"1.exp_avg\"] but lacks \"1.exp_avg_sq\"",
        s -> s.remove("1.exp_avg_sq"));
    assertLoadFails("parameter 0 has \"0.exp_avg\" but lacks \"0.step\"", s -> {
      s.remove("0.step");
      s.remove("0.exp_avg_sq");
    });
  }

  @Test
  void shapesAndCountsAreChecked() {
    assertLoadFails("\"1.exp_avg\" has shape [4] but parameter 1 has shape [2, 2]",
        s -> s.put("1.exp_avg", Tensors.zeros(4)));
    assertLoadFails("\"step\" should be a scalar, got shape [1]",
        s -> s.put("step", Tensor.vector(1)));
    assertLoadFails("\"0.step\" should be a whole number from 0 to 2^53, got 1.5",
        s -> s.put("0.step", Tensor.scalar(1.5)));
    assertLoadFails("\"step\" should be a whole number from 0 to 2^53, got -1.0",
        s -> s.put("step", Tensor.scalar(-1)));
    assertLoadFails("\"lr\" should be a finite, non-negative learning rate, got NaN",
        s -> s.put("lr", Tensor.scalar(Double.NaN)));
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Adam.builder().build(parameters()).loadState(null));
    assertEquals("Adam.loadState: the state is null", e.getMessage());
  }

  /**
   * A sum or average of squared gradients cannot be negative: loaded, a negative one made √v NaN
   * at the next step (Adam, RMSprop) or divided by a wrong, small value (Adagrad). Exp_avg, a
   * mean of signed gradients, may be negative; RMSprop's momentum buffer too.
   */
  @Test
  void accumulatedSquaresMustNotBeNegative() {
    assertLoadFails("\"1.exp_avg_sq\" accumulates squared gradients, so it cannot be negative or"
        + " NaN, got -0.5 at element 2",
        s -> s.put("1.exp_avg_sq", Tensor.matrix(new double[][] {{0, 1}, {-0.5, 2}})));
    assertLoadFails("\"0.exp_avg_sq\" accumulates squared gradients, so it cannot be negative or"
        + " NaN, got NaN at element 0", s -> s.put("0.exp_avg_sq", Tensor.vector(Double.NaN, 1)));
    // AMSGrad's running maximum of exp_avg_sq is one too.
    Adam amsgrad = Adam.builder().amsgrad(true).build(parameters());
    step(amsgrad, Tensor.vector(0.5, 1), Tensors.full(Shape.of(2, 2), 0.25));
    Map<String, Tensor> maximum = new LinkedHashMap<>(amsgrad.state());
    maximum.put("1.max_exp_avg_sq", Tensor.matrix(new double[][] {{0, 1}, {2, -0.5}}));
    assertMessage("Adam.loadState: \"1.max_exp_avg_sq\" accumulates squared gradients, so it"
        + " cannot be negative or NaN, got -0.5 at element 3",
        () -> Adam.builder().amsgrad(true).build(parameters()).loadState(maximum));
    Map<String, Tensor> signed = new LinkedHashMap<>(savedAdamState());
    signed.put("0.exp_avg", Tensor.vector(-1, -2));
    Adam.builder().build(parameters()).loadState(signed);

    for (Optimizer saved : List.of(RmsProp.builder().build(parameters()),
        Adagrad.builder().build(parameters()))) {
      step(saved, Tensor.vector(0.5, 1), Tensors.full(Shape.of(2, 2), 0.25));
      String name = saved.getClass().getSimpleName();
      String square = saved instanceof RmsProp ? "square_avg" : "sum";
      Map<String, Tensor> state = new LinkedHashMap<>(saved.state());
      state.put("0." + square, Tensor.vector(1, -1e-300));
      Optimizer fresh = saved instanceof RmsProp ? RmsProp.builder().build(parameters())
          : Adagrad.builder().build(parameters());
      assertMessage(name + ".loadState: \"0." + square + "\" accumulates squared gradients, so"
          + " it cannot be negative or NaN, got -1.0E-300 at element 1",
          () -> fresh.loadState(state));
    }
  }

  @Test
  void aParameterWithoutStateInTheMapStartsFresh() {
    Map<String, Tensor> state = new LinkedHashMap<>(savedAdamState());
    state.keySet().removeIf(k -> k.startsWith("1."));
    Adam adam = Adam.builder().build(parameters());
    adam.loadState(state);
    assertNull(adam.state().get("1.step"));
    assertEquals(Tensor.scalar(1), adam.state().get("0.step"));
  }

  @Test
  void aModelConvertedAfterTheFirstStepIsRefusedBeforeAnyParameterChanges() {
    // The second parameter's update used to fail on its float64 state after the first
    // parameter (and its step count) had already moved: half a step taken.
    Variable first = Variable.parameter(Tensor.vector(1, 2), "first");
    Variable second = Variable.parameter(Tensor.vector(3, 4), "second");
    Optimizer adam = Adam.builder().build(List.of(first, second));
    step(adam, Tensor.vector(1, 1), Tensor.vector(1, 1));
    first.toInPlace(dev.chainrule.core.DType.FLOAT32);
    second.toInPlace(dev.chainrule.core.DType.FLOAT32);
    Tensor before = first.value().copy();
    Map<String, Tensor> stateBefore = adam.state();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(adam,
        Tensor.of(new float[] {1, 1}, 2), Tensor.of(new float[] {1, 1}, 2)));
    assertEquals("Adam.step: parameter 0 (first) is float32 but its optimizer state is not: the"
        + " model changed type after this optimizer's first step; build the optimizer after"
        + " Module.to(DType), or load a state saved in float32", e.getMessage());
    assertEquals(before, first.value());
    assertEquals(stateBefore.get("0.step"), adam.state().get("0.step"));
  }

  /**
   * The state of an optimizer over some of the parameters (a head) loaded into one over all of
   * them landed on the first ones wherever the shapes agreed: refused by the count, as PyTorch
   * refuses a parameter group of another size. A state saved before the count was kept loads.
   */
  @Test
  void aStateOfAnotherNumberOfParametersIsRefused() {
    List<Variable> all = List.of(Variable.parameter(Tensor.vector(1, 2)),
        Variable.parameter(Tensor.vector(3, 4)));
    Adam head = Adam.builder().build(List.of(all.get(1)));
    all.get(1).backward(Tensor.vector(1, 1));
    head.step();
    assertMessage("Adam.loadState: the state is of an optimizer over 1 parameters, this one has"
        + " 2; its buffers would land on other parameters (load it into an optimizer over the"
        + " same parameters, in the same order)",
        () -> Adam.builder().build(all).loadState(head.state()));
    java.util.Map<String, Tensor> older = new java.util.LinkedHashMap<>(head.state());
    older.remove(Optimizer.PARAMETER_COUNT_KEY);
    Adam.builder().build(List.of(Variable.parameter(Tensor.vector(0, 0)))).loadState(older);
  }
}
