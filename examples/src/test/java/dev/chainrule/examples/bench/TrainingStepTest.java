package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The step the XOR and Iris figures time is a whole training step, run as often as asked. */
class TrainingStepTest {
  private static double loss(TrainingStep step) {
    return step.loss().compute(step.model().forward(Variable.constant(step.features())),
        step.targets()).item();
  }

  @Test
  void theIrisStepTrains() {
    // A step without its backward or its update leaves the loss where it was; 100 of Adam's
    // steps at 0.01 take it below nine tenths of the untrained network's, a loose bound.
    TrainingStep step = SmallNetworks.iris(SmallNetworks.irisShaped(42), 42);
    double before = loss(step);
    step.repeat(100);
    double after = loss(step);
    assertTrue(after < 0.9 * before, before + " -> " + after);
  }

  @Test
  void repeatRunsTheStepExactlyAsOftenAsAsked() {
    AtomicInteger runs = new AtomicInteger();
    TrainingStep.repeat(runs::incrementAndGet, 7);
    assertEquals(7, runs.get());
    TrainingStep.repeat(runs::incrementAndGet, 0);
    assertEquals(7, runs.get());
  }
}
