package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import java.util.function.Supplier;

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
    repeat(this, count);
  }

  /**
   * Median microseconds per step over {@code samples} runs of {@code steps}: the process is warmed
   * ({@link #warmUp}) on a network of its own, then a fresh one is timed after {@code
   * steps} untimed steps, as {@code examples/pytorch/bench.py} times PyTorch's. Timing the network
   * that trained through the warm-up would measure a state PyTorch's never reaches: the Iris
   * network memorizes its random data and its logits grow without bound (its smallest
   * log-probability was −309 after 10,000 steps and −602 after 60,000; a 2-second warm-up is
   * some 50,000), where PyTorch's is timed from its 500th step to its 5,000th.
   *
   * @param network the network and its step: a new one each call, to time one fresh from its
   *     initialization after warming the compiler on another (any step that runs once per call,
   *     such as {@link DifferentialEquationStep}, is timed the same way)
   * @return the median time per step, in microseconds
   */
  static double microsPerStep(Supplier<? extends Runnable> network, double warmupSeconds,
      int samples, int steps) {
    warmUp(network, warmupSeconds, steps);
    Runnable timed = network.get();
    repeat(timed, steps);
    return Timing.medianSeconds(samples, () -> repeat(timed, steps)) / steps * 1e6;
  }

  /**
   * Runs a network of its own in blocks of {@code steps} for at least {@code seconds} and until the
   * process is steady ({@link Warmup}), so that the compiler has compiled the step, and the heap's
   * pages have been touched, before a fresh network is timed.
   */
  static void warmUp(Supplier<? extends Runnable> network, double seconds, int steps) {
    Runnable warm = network.get();
    Warmup.run(() -> repeat(warm, steps), seconds);
  }

  /** Runs {@code step} {@code count} times. */
  static void repeat(Runnable step, int count) {
    for (int i = 0; i < count; i++) {
      step.run();
    }
  }
}
