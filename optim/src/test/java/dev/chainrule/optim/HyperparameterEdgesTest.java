package dev.chainrule.optim;

import static dev.chainrule.optim.Fixtures.assertMessage;
import static dev.chainrule.optim.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer setting at the edges of its range: accepted at the bound that belongs to it and
 * just inside, refused at the bound that does not, with every builder option set at once; the
 * scheduler's and the saved state's checks at the same edges; the command line's names.
 */
class HyperparameterEdgesTest {
  private static final double POS_INF = Double.POSITIVE_INFINITY;

  private static List<Variable> theta() {
    return List.of(Variable.parameter(Tensor.vector(1, -2), "theta"));
  }

  @Test
  void everyBuilderOptionReachesTheOptimizer() {
    assertEquals("Adagrad(lr=0.5, eps=0.001, weightDecay=0.25)",
        Adagrad.builder().learningRate(0.5).eps(1e-3).weightDecay(0.25).build(theta()).toString());
    assertEquals("Adam(lr=0.5, betas=(0.5, 0.75), eps=0.001, weightDecay=0.25)",
        Adam.builder().learningRate(0.5).betas(0.5, 0.75).eps(1e-3).weightDecay(0.25)
            .build(theta()).toString());
    assertEquals("AdamW(lr=0.5, betas=(0.5, 0.75), eps=0.001, weightDecay=0.25)",
        AdamW.builder().learningRate(0.5).betas(0.5, 0.75).eps(1e-3).weightDecay(0.25)
            .build(theta()).toString());
    assertEquals("RmsProp(lr=0.5, alpha=0.5, eps=0.001, momentum=0.75, weightDecay=0.25)",
        RmsProp.builder().learningRate(0.5).alpha(0.5).eps(1e-3).momentum(0.75).weightDecay(0.25)
            .build(theta()).toString());
    assertEquals("Sgd(lr=0.5, momentum=0.75, nesterov, weightDecay=0.25)",
        Sgd.builder(0.5).momentum(0.75).nesterov(true).weightDecay(0.25).build(theta())
            .toString());
    assertEquals("Sgd(lr=0.5, momentum=0.0, weightDecay=0.0)",
        Sgd.builder(0.5).build(theta()).toString());
  }

  /**
   * −0.0 passes every {@code >= 0} check; it is kept as 0.0, so no optimizer prints
   * {@code lr=-0.0} (or saves it) for a rate the user meant as 0. Compared by text, since
   * {@code -0.0 == 0.0} would hide the sign.
   */
  @Test
  void negativeZeroIsStoredAsZero() {
    // Dampening is named only when set, so 0.0 (not −0.0) leaves it out.
    assertEquals("Sgd(lr=0.0, momentum=0.0, weightDecay=0.0)", Sgd.builder(-0.0).momentum(-0.0)
        .dampening(-0.0).weightDecay(-0.0).build(theta()).toString());
    assertEquals("Adagrad(lr=0.0, eps=1.0E-10, weightDecay=0.0)", Adagrad.builder()
        .learningRate(-0.0).lrDecay(-0.0).initialAccumulatorValue(-0.0).weightDecay(-0.0)
        .build(theta()).toString());
    assertEquals("Adam(lr=0.0, betas=(0.0, 0.0), eps=1.0E-8, weightDecay=0.0)", Adam.builder()
        .learningRate(-0.0).betas(-0.0, -0.0).weightDecay(-0.0).build(theta()).toString());
    assertEquals("AdamW(lr=0.0, betas=(0.0, 0.0), eps=1.0E-8, weightDecay=0.0)", AdamW.builder()
        .learningRate(-0.0).betas(-0.0, -0.0).weightDecay(-0.0).build(theta()).toString());
    assertEquals("RmsProp(lr=0.0, alpha=0.0, eps=1.0E-8, momentum=0.0, weightDecay=0.0)",
        RmsProp.builder().learningRate(-0.0).alpha(-0.0).momentum(-0.0).weightDecay(-0.0)
            .build(theta()).toString());
    Sgd sgd = Sgd.builder(0.5).build(theta());
    sgd.setLearningRate(-0.0);
    sgd.setInitialLearningRate(-0.0);
    assertEquals("0.0 0.0", sgd.learningRate() + " " + sgd.initialLearningRate());
    ParameterGroup group = ParameterGroup.of(theta()).learningRateScale(-0.0).weightDecay(-0.0);
    assertEquals("0.0 0.0", group.learningRateScale() + " " + group.weightDecay().getAsDouble());
    assertEquals("0.0", String.valueOf(new CosineWarmRestarts(1, 1, -0.0).minRate()));
  }

  /** The options ported from torch.optim, each set, alongside the others. */
  @Test
  void everyPortedOptionReachesTheOptimizer() {
    assertEquals("Adagrad(lr=0.5, lrDecay=0.125, eps=0.001, weightDecay=0.25,"
        + " initialAccumulatorValue=0.75)", Adagrad.builder().learningRate(0.5).lrDecay(0.125)
        .eps(1e-3).weightDecay(0.25).initialAccumulatorValue(0.75).build(theta()).toString());
    assertEquals("Adam(lr=0.5, betas=(0.5, 0.75), eps=0.001, weightDecay=0.25, amsgrad)",
        Adam.builder().learningRate(0.5).betas(0.5, 0.75).eps(1e-3).weightDecay(0.25)
            .amsgrad(true).build(theta()).toString());
    assertEquals("AdamW(lr=0.5, betas=(0.5, 0.75), eps=0.001, weightDecay=0.25, amsgrad)",
        AdamW.builder().learningRate(0.5).betas(0.5, 0.75).eps(1e-3).weightDecay(0.25)
            .amsgrad(true).build(theta()).toString());
    assertEquals("RmsProp(lr=0.5, alpha=0.5, eps=0.001, momentum=0.75, weightDecay=0.25,"
        + " centered)", RmsProp.builder().learningRate(0.5).alpha(0.5).eps(1e-3).momentum(0.75)
        .weightDecay(0.25).centered(true).build(theta()).toString());
    assertEquals("Sgd(lr=0.5, momentum=0.75, dampening=0.25, weightDecay=0.25)",
        Sgd.builder(0.5).momentum(0.75).dampening(0.25).weightDecay(0.25).build(theta())
            .toString());
    // The largest of each range: a dampening of 1 keeps only the first gradient, the largest
    // finite lr decay and starting sum are accepted.
    assertEquals("Sgd(lr=0.5, momentum=0.75, dampening=1.0, weightDecay=0.0)",
        Sgd.builder(0.5).momentum(0.75).dampening(1).build(theta()).toString());
    assertEquals("Adagrad(lr=0.01, lrDecay=1.7976931348623157E308, eps=1.0E-10, weightDecay=0.0,"
        + " initialAccumulatorValue=1.7976931348623157E308)", Adagrad.builder()
        .lrDecay(Double.MAX_VALUE).initialAccumulatorValue(Double.MAX_VALUE).build(theta())
        .toString());
    assertMessage("Sgd: dampening must be in [0, 1], got 1.0000000000000002",
        () -> Sgd.builder(0.1).dampening(Math.nextUp(1.0)));
    assertMessage("Adagrad: lrDecay must be finite and non-negative, got -4.9E-324",
        () -> Adagrad.builder().lrDecay(-Double.MIN_VALUE));
    assertMessage("Adagrad: initialAccumulatorValue must be finite and non-negative, got"
        + " Infinity", () -> Adagrad.builder().initialAccumulatorValue(POS_INF));
  }

  @Test
  void boundsThatBelongToTheRangeAreAccepted() {
    // 0 is a valid decay (no averaging), weight decay (none) and learning rate (frozen); the
    // largest double below 1 is the largest decay; the smallest positive float is the smallest ε
    // (a float32 parameter's update adds it in float32, where anything smaller is 0).
    double belowOne = Math.nextDown(1.0);
    assertEquals("Sgd(lr=0.0, momentum=0.0, weightDecay=0.0)",
        Sgd.builder(0).momentum(0).weightDecay(0).build(theta()).toString());
    assertEquals("Adam(lr=0.0, betas=(0.0, " + belowOne + "), eps=1.401298464324817E-45,"
        + " weightDecay=0.0)",
        Adam.builder().learningRate(0).betas(0, belowOne).eps(Float.MIN_VALUE).weightDecay(0)
            .build(theta()).toString());
    assertEquals("Adagrad(lr=0.01, eps=1.7976931348623157E308, weightDecay=1.7976931348623157E308)",
        Adagrad.builder().eps(Double.MAX_VALUE).weightDecay(Double.MAX_VALUE).build(theta())
            .toString());
  }

  @Test
  void boundsOutsideTheRangeAreRefused() {
    assertMessage("Adagrad: eps must be finite and positive, got Infinity",
        () -> Adagrad.builder().eps(POS_INF));
    assertMessage("Adam: eps must be finite and positive, got -1.0E-8",
        () -> Adam.builder().eps(-1e-8));
    assertMessage("RmsProp: the weight decay must be finite and non-negative, got Infinity",
        () -> RmsProp.builder().weightDecay(POS_INF));
    assertMessage("Adagrad: the weight decay must be finite and non-negative, got -4.9E-324",
        () -> Adagrad.builder().weightDecay(-Double.MIN_VALUE));
    assertMessage("Sgd: momentum must be in [0, 1), got -4.9E-324",
        () -> Sgd.builder(0.1).momentum(-Double.MIN_VALUE));
    assertMessage("Adam: the learning rate must be finite and non-negative, got Infinity",
        () -> Adam.builder().learningRate(POS_INF));
  }

  @Test
  void theCommandLineNamesTheOptimizers() {
    assertSame(OptimizerChoice.ADAMW, OptimizerChoice.named("AdamW"));
    assertEquals("rmsprop", OptimizerChoice.RMSPROP.toString());
    assertMessage("unknown optimizer 'lbfgs' (choose sgd, momentum, nesterov, adam, adamw, "
        + "rmsprop, adagrad)", () -> OptimizerChoice.named("lbfgs"));
    assertEquals("the optimizer's name is null",
        assertThrows(NullPointerException.class, () -> OptimizerChoice.named(null)).getMessage());
    Dense model = Dense.builder(2, 1).seed(1).build();
    assertEquals("Sgd(lr=0.5, momentum=0.9, nesterov, weightDecay=0.0)",
        OptimizerChoice.NESTEROV.build(model, 0.5).toString());
    assertEquals("Adagrad(lr=0.5, eps=1.0E-10, weightDecay=0.0)",
        OptimizerChoice.ADAGRAD.build(model, 0.5).toString());
    assertEquals(model.parameters(), OptimizerChoice.ADAM.build(model, 0.5).parameters());
    assertEquals("AdamW(lr=0.5, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01)",
        OptimizerChoice.ADAMW.build(model, 0.5).toString());
    assertEquals("RmsProp(lr=0.5, alpha=0.99, eps=1.0E-8, momentum=0.0, weightDecay=0.0)",
        OptimizerChoice.RMSPROP.build(model, 0.5).toString());
  }

  @Test
  void theSchedulerKeepsItsBaseRateAndOptimizer() {
    Sgd sgd = Sgd.builder(0.1).build(theta());
    LearningRateScheduler scheduler = LearningRateScheduler.of(sgd,
        LearningRateSchedule.constant(), 0);
    assertEquals(0.0, scheduler.baseRate());
    assertSame(sgd, scheduler.optimizer());
    assertEquals(0.0, scheduler.apply(3));
    assertEquals(0.0, sgd.learningRate());
    assertEquals(0.25, LearningRateScheduler.of(sgd, LearningRateSchedule.constant(), 0.25)
        .baseRate());
    assertMessage("LearningRateScheduler: the base rate must be finite and non-negative, got "
        + "Infinity",
        () -> LearningRateScheduler.of(sgd, LearningRateSchedule.constant(), POS_INF));
    assertMessage("LearningRateScheduler: the base rate must be finite and non-negative, got -1.0",
        () -> LearningRateScheduler.of(sgd, LearningRateSchedule.constant(), -1));
  }

  @Test
  void scheduleFactorsAndTheWarmUpsHandOver() {
    assertMessage("exponential: gamma must be finite and positive, got Infinity",
        () -> LearningRateSchedule.exponential(POS_INF));
    assertEquals(0.5, LearningRateSchedule.exponential(Double.MIN_VALUE).rate(0.5, 0));
    // At epoch == epochs the warm-up hands over to the next schedule's epoch 0, which for a
    // second warm-up is its start factor, not the full rate: 1·0.25 exactly.
    LearningRateSchedule twice = LearningRateSchedule.warmUp(2, 0.5,
        LearningRateSchedule.warmUp(2, 0.25, LearningRateSchedule.constant()));
    assertEquals(0.75, twice.rate(1, 1));
    assertEquals(0.25, twice.rate(1, 2));
    assertEquals(1.0, twice.rate(1, 4));
  }

  @Test
  void theStepCountCountsSteps() {
    Sgd sgd = Sgd.builder(0.1).build(theta());
    assertEquals(0, sgd.stepCount());
    step(sgd, Tensor.vector(1, 1));
    step(sgd, Tensor.vector(1, 1));
    assertEquals(2, sgd.stepCount());
    assertMessage("ParameterState: no buffer named momentum_buffer; there are []",
        () -> new ParameterState(List.of(), Tensor.vector(1), name -> 0,
            new BufferShapes("Sgd", (name, shape) -> shape)).buffer("momentum_buffer"));
  }

  @Test
  void savedCountsAndRatesAtTheirEdges() {
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("step", Tensor.scalar(0x1p53));
    state.put("lr", Tensor.scalar(0));
    state.put("0.step", Tensor.scalar(0));
    state.put("0.momentum_buffer", Tensor.vector(0.5, 0.25));
    Sgd sgd = Sgd.builder(0.1).momentum(0.5).build(theta());
    // A momentum buffer beside a step of 0 would be thrown away at the next update (the first
    // copies the gradient): PyTorch's SGD keeps no step, so a converted state may say 0.
    assertMessage("Sgd.loadState: \"0.step\" is 0, but \"0.momentum_buffer\" holds values other"
        + " than its initial 0.0: a buffer is made by updates, so give the number of updates that"
        + " made it", () -> sgd.loadState(state));
    state.put("0.step", Tensor.scalar(1));
    sgd.loadState(state);
    assertEquals(1L << 53, sgd.stepCount());
    assertEquals(0.0, sgd.learningRate());
    assertEquals(Tensor.scalar(1), sgd.state().get("0.step"));
    assertEquals(Tensor.vector(0.5, 0.25), sgd.state().get("0.momentum_buffer"));

    state.put("step", Tensor.scalar(0x1p53 + 2));
    assertMessage("Sgd.loadState: \"step\" should be a whole number from 0 to 2^53, got "
        + "9.007199254740994E15", () -> sgd.loadState(state));
    state.put("step", Tensor.scalar(1));
    state.put("lr", Tensor.scalar(POS_INF));
    assertMessage("Sgd.loadState: \"lr\" should be a finite, non-negative learning rate, got "
        + "Infinity", () -> sgd.loadState(state));
    state.put("lr", Tensor.vector(0.1));
    assertMessage("Sgd.loadState: \"lr\" should be a scalar, got shape [1]",
        () -> sgd.loadState(state));
  }
}
