package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;

/**
 * One full-batch training step on fixed data, as a user's loop writes it: forget the gradients,
 * forward, loss, backward, update. The step the XOR and Iris benchmarks time.
 */
record TrainingStep(Module model, Loss loss, Optimizer optimizer, Tensor features,
    Tensor targets) implements Runnable {

  @Override
  public void run() {
    optimizer.zeroGrad();
    Variable value = loss.compute(model.forward(Variable.constant(features)), targets);
    value.backward();
    optimizer.step();
  }

  /** Runs {@code count} steps. */
  void repeat(int count) {
    for (int i = 0; i < count; i++) {
      run();
    }
  }

  /** Median microseconds per step over {@code samples} runs of {@code steps}, after a warm-up. */
  double microsPerStep(double warmupSeconds, int samples, int steps) {
    long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
    do {
      repeat(steps);
    } while (System.nanoTime() < end);
    return Timing.medianSeconds(samples, () -> repeat(steps)) / steps * 1e6;
  }
}
