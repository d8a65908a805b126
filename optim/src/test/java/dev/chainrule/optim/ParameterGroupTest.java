package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.setGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameter groups on every optimizer: a group behaves as an optimizer of its own at the scaled
 * rate and its own weight decay, bit for bit; bad groups are refused naming the parameter or the
 * value; the settings text names the groups. PyTorch's trajectories are {@link
 * ParameterGroupPyTorchTest}'s.
 */
class ParameterGroupTest {

  /** An optimizer kind built at a rate and a weight decay, with groups. */
  private interface Kind {
    Optimizer build(double rate, double decay, List<ParameterGroup> groups, List<Variable> p);
  }

  private static final List<Kind> KINDS = List.of(
      (rate, decay, groups, p) -> {
        Sgd.Builder b = Sgd.builder(rate).momentum(0.9).weightDecay(decay);
        groups.forEach(b::group);
        return b.build(p);
      },
      (rate, decay, groups, p) -> {
        Adam.Builder b = Adam.builder().learningRate(rate).weightDecay(decay);
        groups.forEach(b::group);
        return b.build(p);
      },
      (rate, decay, groups, p) -> {
        AdamW.Builder b = AdamW.builder().learningRate(rate).weightDecay(decay);
        groups.forEach(b::group);
        return b.build(p);
      },
      (rate, decay, groups, p) -> {
        RmsProp.Builder b = RmsProp.builder().learningRate(rate).momentum(0.5)
            .weightDecay(decay);
        groups.forEach(b::group);
        return b.build(p);
      },
      (rate, decay, groups, p) -> {
        Adagrad.Builder b = Adagrad.builder().learningRate(rate).lrDecay(0.1).weightDecay(decay);
        groups.forEach(b::group);
        return b.build(p);
      });

  private static Variable parameter(String name, double... values) {
    return Variable.parameter(Tensor.vector(values), name);
  }

  /** g = θ⊙θ − 1: a gradient that depends on where the parameter went. */
  private static void step(Optimizer optimizer) {
    for (Variable p : optimizer.parameters()) {
      setGradient(p, p.value().mul(p.value()).sub(1));
    }
    optimizer.step();
  }

  /**
   * One optimizer over a and b with b in a group (scale 0.5, its own decay) against one over a
   * at (η, λ) and one over b at (η·0.5, λ_b): the same values bit for bit, before and after the
   * rate is changed, as a schedule changes it. Both compute the rate η·0.5 the same way.
   */
  @Test
  void aGroupIsAnOptimizerAtItsScaledRateAndItsOwnDecay() {
    for (int k = 0; k < KINDS.size(); k++) {
      Kind kind = KINDS.get(k);
      Variable a = parameter("a", 0.5, -1.5, 2);
      Variable b = parameter("b", 1.2, -0.3);
      Variable a2 = parameter("a", 0.5, -1.5, 2);
      Variable b2 = parameter("b", 1.2, -0.3);
      Optimizer grouped = kind.build(0.1, 0.01,
          List.of(ParameterGroup.of(List.of(b)).learningRateScale(0.5).weightDecay(0.2)),
          List.of(a, b));
      Optimizer alone = kind.build(0.1, 0.01, List.of(), List.of(a2));
      Optimizer scaled = kind.build(0.1 * 0.5, 0.2, List.of(), List.of(b2));
      for (int s = 0; s < 6; s++) {
        if (s == 3) {
          grouped.setLearningRate(0.03);
          alone.setLearningRate(0.03);
          scaled.setLearningRate(0.03 * 0.5);
        }
        step(grouped);
        step(alone);
        step(scaled);
      }
      String name = grouped.kind();
      assertEquals(a2.value(), a.value(), name + ": the parameter outside the group");
      assertEquals(b2.value(), b.value(), name + ": the group's parameter");
      assertNotEquals(Tensor.vector(0.5, -1.5, 2), a.value(), name + ": a moved");
      // Without the group, b moves otherwise: the group is not ignored.
      Variable b3 = parameter("b", 1.2, -0.3);
      Optimizer plain = kind.build(0.1, 0.01, List.of(), List.of(b3));
      for (int s = 0; s < 6; s++) {
        step(plain);
      }
      assertNotEquals(b3.value(), b.value(), name + ": the group changes b");
    }
  }

  @Test
  void aGroupAtScaleZeroIsFrozen() {
    Variable a = parameter("a", 1, 2);
    Variable b = parameter("b", 3, 4);
    Optimizer sgd = Sgd.builder(0.1).momentum(0.9).weightDecay(0.1)
        .group(ParameterGroup.of(List.of(b)).learningRateScale(0)).build(List.of(a, b));
    step(sgd);
    step(sgd);
    assertEquals(Tensor.vector(3, 4), b.value());
    assertNotEquals(Tensor.vector(1, 2), a.value());
  }

  @Test
  void badGroupsAreRefusedNamingTheParameterOrTheValue() {
    Variable w = parameter("w", 1, 2);
    Variable b = parameter("b", 3);
    Variable x = parameter("x", 4);
    List<Variable> both = List.of(w, b);
    assertMessage("Sgd: parameter 0 (w) is in group 0 and in group 1",
        () -> Sgd.builder(0.1).group(ParameterGroup.of(List.of(w)))
            .group(ParameterGroup.of(List.of(b, w)).weightDecay(0)).build(both));
    assertMessage("Adam: group 1's parameter 0 (x) is not among the optimizer's 2 parameters",
        () -> Adam.builder().group(ParameterGroup.of(List.of(b)).weightDecay(0))
            .group(ParameterGroup.of(List.of(x)).learningRateScale(2)).build(both));
    assertMessage("ParameterGroup: the learning-rate scale must be finite and non-negative, got"
        + " -0.1", () -> ParameterGroup.of(both).learningRateScale(-0.1));
    assertMessage("ParameterGroup: the learning-rate scale must be finite and non-negative, got"
        + " NaN", () -> ParameterGroup.of(both).learningRateScale(Double.NaN));
    assertMessage("ParameterGroup: the weight decay must be finite and non-negative, got -1.0E-4",
        () -> ParameterGroup.of(both).weightDecay(-1e-4));
    assertMessage("ParameterGroup: the weight decay must be finite and non-negative, got"
        + " Infinity", () -> ParameterGroup.of(both).weightDecay(Double.POSITIVE_INFINITY));
    assertMessage("ParameterGroup: the parameter list is empty",
        () -> ParameterGroup.of(List.of()));
    assertMessage("ParameterGroup: parameter 1 (w) is listed twice (first as parameter 0)",
        () -> ParameterGroup.of(List.of(w, w)));
    Sequential net = Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 1, 2L));
    assertMessage("ParameterGroup.matching: no parameter's path is accepted; the module's"
        + " parameters are [0.weight, 0.bias, 2.weight, 2.bias]",
        () -> ParameterGroup.matching(net, path -> path.endsWith(".Bias")));
    assertEquals("Sgd: the group is null", assertThrows(NullPointerException.class,
        () -> Sgd.builder(0.1).group(null)).getMessage());
  }

  /** ηsλ ≥ 1 for a group is refused at build and at a step, naming the group. */
  @Test
  void adamWRefusesAGroupWhoseDecayWouldFlipItsWeights() {
    Variable w = parameter("w", 1, 2);
    Variable b = parameter("b", 3);
    assertMessage("AdamW: group 0 (parameter 1 (b)): learning rate 0.5 × learningRateScale 4.0"
        + " × weight decay 1.0 = 2.0 is at least 1, so the decoupled decay would multiply the"
        + " weights by 1 − ηλ = -1.0 (zeroing them or flipping their signs); lower either",
        () -> AdamW.builder().learningRate(0.5).group(ParameterGroup.of(List.of(b))
            .learningRateScale(4).weightDecay(1)).build(List.of(w, b)));
    AdamW adamW = AdamW.builder().learningRate(0.1).weightDecay(0.5)
        .group(ParameterGroup.of(List.of(b)).weightDecay(5)).build(List.of(w, b));
    adamW.setLearningRate(0.25);  // 0.25 × 5 ≥ 1 for b; 0.25 × 0.5 < 1 for w
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(adamW));
    assertEquals("AdamW.step: group 0 (parameter 1 (b)): learning rate 0.25 × learningRateScale"
        + " 1.0 × weight decay 5.0 = 1.25 is at least 1, so the decoupled decay would multiply the"
        + " weights by 1 − ηλ = -0.25 (zeroing them or flipping their signs); lower either",
        e.getMessage());
    assertEquals(Tensor.vector(1, 2), w.value(), "a refused step changes nothing");
  }

  @Test
  void theSettingsNameTheGroupsByParameterIndex() {
    Sequential net = Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 3, 2L),
        Activation.tanh(), Dense.of(3, 1, 3L));
    ParameterGroup biases = ParameterGroup.matching(net, path -> path.endsWith("bias"))
        .weightDecay(0);
    ParameterGroup body = ParameterGroup.matching(net, path -> !path.startsWith("4.")
        && path.endsWith("weight")).learningRateScale(0.1);
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4).group(biases).group(body)
        .build(net);
    String groups = "groups=[{parameters=[0, 2], learningRateScale=0.1},"
        + " {parameters=[1, 3, 5], weightDecay=0.0}]";
    assertEquals("momentum=0.9, weightDecay=5.0E-4, " + groups, sgd.settings());
    assertEquals("Sgd(lr=0.1, momentum=0.9, weightDecay=5.0E-4, " + groups + ")",
        sgd.toString());
    assertEquals(List.of(biases, body), sgd.groups());
    // The same groups listed the other way round, or their parameters in another order, read
    // the same: a checkpoint of one loads into the other.
    List<Variable> reversed = new ArrayList<>(body.parameters());
    java.util.Collections.reverse(reversed);
    Sgd other = Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4)
        .group(ParameterGroup.of(reversed).learningRateScale(0.1)).group(biases).build(net);
    assertEquals(sgd.settings(), other.settings());
    // Runs of three or more consecutive indices are shortened; no override, no field.
    Adam adam = Adam.builder().group(ParameterGroup.of(net.parameters().subList(0, 4)))
        .build(net);
    assertEquals("betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0, groups=[{parameters=[0..3]}]",
        adam.settings());
    // Without groups, the settings are those recorded before groups existed.
    assertEquals("momentum=0.9, weightDecay=5.0E-4",
        Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4).build(net).settings());
  }

  /**
   * Every builder's group(...) returns the builder, and a run of exactly three indices is
   * shortened while two are listed.
   */
  @Test
  void everyBuilderChainsItsGroupsAndARunOfThreeIsShortened() {
    Sequential net = Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 3, 2L),
        Activation.tanh(), Dense.of(3, 1, 3L));
    ParameterGroup three = ParameterGroup.of(net.parameters().subList(0, 3)).weightDecay(0);
    ParameterGroup two = ParameterGroup.of(net.parameters().subList(4, 6)).learningRateScale(0.5);
    String groups = "groups=[{parameters=[0..2], weightDecay=0.0},"
        + " {parameters=[4, 5], learningRateScale=0.5}]";
    List<Optimizer> optimizers = List.of(Sgd.builder(0.1).group(three).group(two).build(net),
        Adam.builder().group(three).group(two).build(net),
        AdamW.builder().group(three).group(two).build(net),
        RmsProp.builder().group(three).group(two).build(net),
        Adagrad.builder().group(three).group(two).build(net));
    for (Optimizer optimizer : optimizers) {
      String kind = optimizer.getClass().getSimpleName();
      assertEquals(List.of(three, two), optimizer.groups(), kind);
      String settings = optimizer.settings();
      assertEquals(groups, settings.substring(settings.indexOf("groups=")), kind);
    }
  }

  /**
   * An optimizer of one's own: the two-argument constructor still compiles and has no groups;
   * with groups, {@code parameterLearningRate()} and {@code parameterWeightDecay} give the
   * parameter's, and outside an update they are refused.
   */
  @Test
  void anOptimizerOfOnesOwnReadsItsParametersSettings() {
    Variable a = parameter("a", 1);
    Variable b = parameter("b", 1);
    List<Double> seen = new ArrayList<>();
    class Recording extends Optimizer {
      Recording(List<ParameterGroup> groups) {
        super(List.of(a, b), 0.2, groups);
      }

      @Override
      protected void update(Tensor value, Tensor gradient, ParameterState state) {
        seen.add(parameterLearningRate());
        seen.add(parameterWeightDecay(0.01));
      }

      @Override
      protected List<String> bufferNames() {
        return List.of();
      }

      double outside() {
        return parameterLearningRate();
      }
    }
    Recording recording = new Recording(
        List.of(ParameterGroup.of(List.of(b)).learningRateScale(0.5).weightDecay(0)));
    step(recording);
    assertEquals(List.of(0.2, 0.01, 0.1, 0.0), seen);
    assertEquals("groups=[{parameters=[1], learningRateScale=0.5, weightDecay=0.0}]",
        recording.settings());
    IllegalStateException e = assertThrows(IllegalStateException.class, recording::outside);
    assertEquals("Recording.parameterLearningRate: called outside update and linearForm, where no"
        + " parameter is being updated (or another thread stepped this optimizer at the same"
        + " time: an optimizer steps on one thread at a time)", e.getMessage());
    assertEquals("", new Recording(List.of()).settings());
  }
}
