package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.data.Dataset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Iris blocks paired_epochs.py --iris asks for: each network is timed from its 500th step to
 * its 5,000th, then a fresh one takes over. Counted by the networks made, never by a time.
 */
class StepBlocksTest {
  private static final Dataset IRIS = SmallNetworks.irisShaped(42);

  /** Iris networks, counting how many were made. */
  private static final class Networks implements Supplier<TrainingStep> {
    final AtomicInteger made = new AtomicInteger();

    @Override
    public TrainingStep get() {
      made.incrementAndGet();
      return SmallNetworks.iris(IRIS, 42);
    }
  }

  @Test
  void aNetworkIsTimedUpToItsFiveThousandthStepThenReplaced() {
    Networks networks = new Networks();
    // 1,500 steps a block: blocks end at steps 2,000, 3,500 and 5,000, and the next would end at
    // 6,500, past the last step a network is timed at.
    StepBlocks blocks = new StepBlocks(networks, 1_500, 0);
    assertEquals(1, networks.made.get(), "the warm-up's network of its own");
    for (int block = 1; block <= 3; block++) {
      double micros = blocks.microsPerStep();
      assertTrue(micros > 0 && Double.isFinite(micros), "block " + block + ": " + micros);
      assertEquals(2, networks.made.get(), "block " + block + " on the first timed network");
    }
    blocks.microsPerStep();
    assertEquals(3, networks.made.get(), "a fresh network after step 5,000");
  }

  @Test
  void refusesBlocksThatDoNotFitBetweenTheUntimedStepsAndTheLast() {
    assertDoesNotThrow(() -> new StepBlocks(new Networks(), 1, 0));
    assertDoesNotThrow(() -> new StepBlocks(new Networks(), 4_500, 0));
    for (int steps : new int[] {0, 4_501}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new StepBlocks(new Networks(), steps, 0));
      assertEquals("bench: " + steps + " steps per block, not in 1 to 4500", e.getMessage());
    }
  }
}
