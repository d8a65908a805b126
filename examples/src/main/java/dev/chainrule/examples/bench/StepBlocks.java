package dev.chainrule.examples.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Supplier;

/**
 * Blocks of a small network's training steps on request, timed as {@code bench} times the step:
 * the process warmed on a network of its own first ({@link Warmup}), then each network timed from
 * its 500th step to its 5,000th, a fresh one taking over after that (a network trained much longer
 * is in a state PyTorch's never reaches; see {@link TrainingStep#microsPerStep}). {@link
 * EpochServer} answers {@code iris} with one block, so that a script can alternate blocks with
 * PyTorch's.
 */
final class StepBlocks {
  /** The steps a network trains before it is timed, and the last it is timed at. */
  static final int UNTIMED = 500;
  static final int LAST = 5_000;

  private final Supplier<TrainingStep> networks;
  private final int steps;
  private TrainingStep current;
  private int trained;

  /**
   * @param networks a new network and its step on each call
   * @param steps steps per block, at most {@code LAST − UNTIMED}
   * @param warmupSeconds how long, at least, the process warms on a network of its own
   */
  StepBlocks(Supplier<TrainingStep> networks, int steps, double warmupSeconds) {
    this.networks = checkNotNull(networks, "bench: networks is null");
    checkArgument(steps > 0 && steps <= LAST - UNTIMED,
        "bench: %s steps per block, not in 1 to %s", steps, LAST - UNTIMED);
    this.steps = steps;
    TrainingStep.warmUp(networks, warmupSeconds, steps);
  }

  /** Times one block; the microseconds per step. */
  double microsPerStep() {
    if (current == null || trained + steps > LAST) {
      current = networks.get();
      current.repeat(UNTIMED);
      trained = UNTIMED;
    }
    long start = System.nanoTime();
    current.repeat(steps);
    trained += steps;
    return (System.nanoTime() - start) / 1e3 / steps;
  }
}
