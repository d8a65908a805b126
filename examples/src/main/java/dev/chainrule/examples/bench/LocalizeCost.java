package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.LocalizationReport;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.data.Dataset;

/**
 * What {@link GradCheck#localize} costs on the Fashion-MNIST network as the {@code fashion-mnist}
 * command trains it (784-256-128-10, ReLU, softmax cross-entropy, a batch of 128, Adam, float32),
 * against one training step of the same network on the same batch: the price of asking, once,
 * which rule is wrong.
 *
 * @param stepMillis one training step: zeroGrad, forward, loss, backward, Adam's update
 * @param localizeMillis one {@code localize} of the loss's recorded graph
 * @param nodes the graph's op nodes, each checked on its own
 */
public record LocalizeCost(double stepMillis, double localizeMillis, int nodes) {
  /** Training steps per timed run: a step takes milliseconds, so a few make a run. */
  private static final int STEPS_PER_SAMPLE = 5;

  /**
   * How many training steps one localize costs.
   *
   * @return localize's time over the step's
   */
  public double steps() {
    return localizeMillis / stepMillis;
  }

  /** Measures both on one random batch of MNIST's shape; localize runs once untimed first. */
  static LocalizeCost measure(BenchSettings settings, long seed) {
    Dataset batch = MlpEpoch.randomData(MlpEpoch.BATCH, seed);
    Sequential model = Sequential.of(Dense.of(784, 256, seed), Activation.relu(),
        Dense.of(256, 128, seed + 1), Activation.relu(), Dense.of(128, 10, seed + 2));
    model.to(DType.FLOAT32);
    Tensor features = batch.features().to(DType.FLOAT32);
    Loss loss = Loss.softmaxCrossEntropy();
    TrainingStep step = new TrainingStep(model, loss,
        Adam.builder().learningRate(0.001).build(model), features, batch.labels());
    // One network, warmed and timed: its graph is what localize walks below.
    double stepMillis = TrainingStep.microsPerStep(() -> step, settings.warmupSeconds(),
        settings.samples(), STEPS_PER_SAMPLE) / 1e3;
    Variable graph = loss.compute(model.forward(Variable.constant(features)), batch.labels());
    // Timed whatever it finds: a benchmark must not fail on a verdict it does not measure.
    LocalizationReport report = GradCheck.localize(graph);
    double localizeMillis = Timing.medianSeconds(settings.samples(),
        () -> GradCheck.localize(graph)) * 1e3;
    return new LocalizeCost(stepMillis, localizeMillis, report.nodes());
  }
}
