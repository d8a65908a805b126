package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Losses;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Runs the README's optimizer example verbatim (examples' ReadmeSnippetsTest keeps it so). */
class ReadmeOptimTest {

  @Test
  void plateauExample() {
    Tensor x = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});       // XOR
    Sequential model = Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
    Optimizer optimizer = Adam.builder().learningRate(0.05).build(model);

    PlateauScheduler plateau = PlateauScheduler.minimizing(optimizer,  // ReduceLROnPlateau
        PlateauReduction.of(0.5, 10).withCooldown(5).withMinRate(1e-3));
    for (int epoch = 0; epoch < 300; epoch++) {
      optimizer.zeroGrad();
      Variable loss = Losses.meanSquaredError(model.forward(Variable.constant(x)), y,
          Reduction.MEAN);
      loss.backward();
      optimizer.step();
      plateau.step(loss.item());  // the epoch's figure: a validation loss, usually
    }

    double loss = Losses.meanSquaredError(model.forward(Variable.constant(x)), y, Reduction.MEAN)
        .item();
    assertTrue(loss < 1e-6, "XOR is learnt: mean squared error " + loss);  // 2e-11 when written
    // Halved four times when written, after epochs 60, 89, 105 and 121, as the loss levelled.
    assertTrue(optimizer.learningRate() < 0.05 / 2, "reduced: " + optimizer.learningRate());
  }

  @Test
  void optimizerExample() {
    Tensor x = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});       // XOR
    Sequential model = Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
    Optimizer optimizer = Adam.builder().learningRate(0.05).build(model);
    LearningRateScheduler scheduler = LearningRateScheduler.of(optimizer,
        LearningRateSchedule.warmUp(10, 0.1, LearningRateSchedule.cosine(290, 1e-4)));
    for (int epoch = 0; epoch < 300; epoch++) {
      scheduler.apply(epoch);                                      // this epoch's learning rate
      optimizer.zeroGrad();
      Variable loss = Losses.meanSquaredError(model.forward(Variable.constant(x)), y,
          Reduction.MEAN);
      loss.backward();
      GradientClipping.clipByNorm(optimizer.parameters(), 1.0);    // returns the norm it had
      optimizer.step();
    }
    // Keys "step", "lr", "initial_lr", "param_count", then "0.step", "0.exp_avg", ...
    Map<String, Tensor> state = optimizer.state();

    double loss = Losses.meanSquaredError(model.forward(Variable.constant(x)), y, Reduction.MEAN)
        .item();
    assertTrue(loss < 1e-6, "XOR is learnt: mean squared error " + loss);  // 5e-12 when written
    assertEquals(List.of("step", "lr", "initial_lr", "param_count", "0.step", "0.exp_avg",
        "0.exp_avg_sq"), List.copyOf(state.keySet()).subList(0, 7));
    assertEquals(Tensor.scalar(300), state.get("step"));
    assertEquals(scheduler.schedule().rate(0.05, 299), optimizer.learningRate());
  }

  @Test
  void parameterGroupExample() {
    Sequential model = Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
    Sgd grouped = Sgd.builder(0.1).momentum(0.9).weightDecay(5e-4)
        .group(ParameterGroup.matching(model, path -> path.endsWith("bias")).weightDecay(0))
        .group(ParameterGroup.matching(model, path -> path.equals("0.weight"))
            .learningRateScale(0.1))                  // the first layer at a tenth of the rate
        .build(model);
    String settings = grouped.settings();  // ..., groups=[{parameters=[0], learningRateScale=0.1},
                                           //   {parameters=[1, 3], weightDecay=0.0}]

    assertEquals("momentum=0.9, weightDecay=5.0E-4, groups=[{parameters=[0],"
        + " learningRateScale=0.1}, {parameters=[1, 3], weightDecay=0.0}]", settings);
    Tensor x = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});       // XOR
    double first = Double.NaN;
    double loss = Double.NaN;
    for (int epoch = 0; epoch < 200; epoch++) {
      grouped.zeroGrad();
      Variable l = Losses.meanSquaredError(model.forward(Variable.constant(x)), y,
          Reduction.MEAN);
      l.backward();
      grouped.step();
      loss = l.item();
      first = epoch == 0 ? loss : first;
    }
    assertTrue(loss < first / 2, "it trains: " + first + " -> " + loss);
  }

  @Test
  void updateInBackwardExample() {
    Tensor x = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});       // XOR
    Sequential model = Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));
    double before = Losses.meanSquaredError(model.forward(Variable.constant(x)), y,
        Reduction.MEAN).item();

    Optimizer plain = Sgd.builder(0.1).build(model);
    try (HookHandle inBackward = plain.updateInBackward()) {       // for this block
      for (int step = 0; step < 300; step++) {
        plain.zeroGrad();
        Losses.meanSquaredError(model.forward(Variable.constant(x)), y, Reduction.MEAN).backward();
        plain.step();  // counts the step: backward has updated every parameter
      }
    }

    double after = Losses.meanSquaredError(model.forward(Variable.constant(x)), y, Reduction.MEAN)
        .item();
    // 0.25 (all outputs 0.5) is where plain SGD at this rate stalls on XOR without learning; the
    // untrained network starts above it (0.39 when written) and 300 steps move it well below.
    assertTrue(before > 0.3 && after < 0.2, before + " -> " + after);
    assertEquals(300, plain.stepCount());
    assertEquals(300, plain.state().get("0.step").item(), "each update counted");
    model.parameters().forEach(p -> assertEquals(null, p.grad(), "no gradient kept"));
  }

  @Test
  void perStepExample() {
    Tensor x = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});       // XOR
    Sequential model = Sequential.of(Dense.of(2, 8, 1L), Activation.tanh(), Dense.of(8, 1, 2L));

    Optimizer sgd = Sgd.builder(0.05).momentum(0.9).build(model);           // the peak: max_lr
    PerStepScheduler cycle = PerStepScheduler.of(sgd, LearningRateSchedule.oneCycle(300));
    for (int step = 0; step < 300; step++) {
      sgd.zeroGrad();
      Losses.meanSquaredError(model.forward(Variable.constant(x)), y, Reduction.MEAN).backward();
      sgd.step();
      cycle.step();  // the next step's rate: 0.002 up to 0.05 at step 89, then down to 2e-7
    }

    // The comment's figures, each within an ulp or two of the rate; the loop's steps ran at them
    // (StepSchedulesTest reads each rate from the optimizer).
    List<Double> rates = IntStream.range(0, 300).mapToObj(k -> cycle.rateAt(k)).toList();
    assertEquals(0.002, rates.get(0), 1e-17);
    assertEquals(0.05, rates.get(89));
    assertEquals(rates.get(89), Collections.max(rates));
    assertEquals(2e-7, sgd.learningRate(), 1e-21);
    double loss = Losses.meanSquaredError(model.forward(Variable.constant(x)), y, Reduction.MEAN)
        .item();
    assertTrue(loss < 1e-6, "XOR is learnt: mean squared error " + loss);  // 8e-9 when written
  }

  /** The README's options, named as torch.optim names them, each keeping PyTorch's buffers. */
  @Test
  void optionsExample() {
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), Activation.tanh(), Dense.of(3, 1, 2L));
    Sgd sgd = Sgd.builder(0.1).momentum(0.9).dampening(0.5).build(model);   // momentum_buffer
    Adam amsgrad = Adam.builder().learningRate(0.01).amsgrad(true).build(model);  // max_exp_avg_sq
    AdamW amsgradW = AdamW.builder().amsgrad(true).build(model);
    RmsProp centred = RmsProp.builder().centered(true).build(model);           // grad_avg
    Adagrad adagrad = Adagrad.builder().lrDecay(1e-3).initialAccumulatorValue(0.1).build(model);
    Adam ascent = Adam.builder().maximize(true).build(model);   // gradient ascent

    Tensor x = Tensor.matrix(new double[][] {{0, 1}, {1, 0}});
    Map<Optimizer, String> buffers = Map.of(sgd, "momentum_buffer", amsgrad, "max_exp_avg_sq",
        amsgradW, "max_exp_avg_sq", centred, "grad_avg", adagrad, "sum");
    buffers.forEach((optimizer, buffer) -> {
      optimizer.zeroGrad();
      model.forward(Variable.constant(x)).sum().backward();
      optimizer.step();
      assertTrue(optimizer.state().containsKey("0." + buffer), optimizer + ": " + buffer);
    });
    double before = model.forward(Variable.constant(x)).sum().item();
    ascent.zeroGrad();
    model.forward(Variable.constant(x)).sum().backward();
    ascent.step();
    assertTrue(model.forward(Variable.constant(x)).sum().item() > before, "the step climbed");
  }
}
