package dev.chainrule.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** xor's advice for a local minimum widens every layer of the network it was given. */
class XorAdviceTest {
  @Test
  void theAdviceWidensTheNetworkItIsGivenFor() {
    assertEquals("more --epochs, another --seed, or --hidden 3", XorAdvice.more(List.of(2)),
        "the default 2-2-1");
    assertEquals("more --epochs, another --seed, or --hidden 3", XorAdvice.more(List.of(1)));
    assertEquals("more --epochs, another --seed, or --hidden 16", XorAdvice.more(List.of(8)),
        "not --hidden 3 for eight units");
    assertEquals("more --epochs, another --seed, or --hidden 10,6",
        XorAdvice.more(List.of(5, 3)), "each of several layers widened, none dropped");
    assertEquals("more --epochs, another --seed, or --hidden 3,3",
        XorAdvice.more(List.of(2, 1)));
    assertEquals("more --epochs, another --seed, or --hidden 3,3,3,16",
        XorAdvice.more(List.of(2, 2, 2, 8)), "four layers are still widened one by one");
  }

  @Test
  void aDeepNetworkIsOfferedOneLayerNotItsWidthsRepeated() {
    // 40 layers of 2 units: "--hidden 3,3,...,3" was 80 characters of advice.
    assertEquals("more --epochs, another --seed, or --hidden 3 (one hidden layer suffices for"
        + " XOR, and 40 make it harder to train)", XorAdvice.more(Collections.nCopies(40, 2)));
    // As wide as the widest layer widened: never narrower than a layer it was given.
    assertEquals("more --epochs, another --seed, or --hidden 16 (one hidden layer suffices for"
        + " XOR, and 5 make it harder to train)", XorAdvice.more(List.of(2, 8, 2, 2, 2)));
  }

  /**
   * A loss that settled is not sent to more epochs, and a loaded network, whose seed and hidden
   * layers --load keeps, is sent to a new network for them (FollowedCliAdviceTest follows both).
   */
  @Test
  void theAdviceFitsASettledLossAndALoadedNetwork() {
    assertEquals("another --seed, or --hidden 3", XorAdvice.advice(List.of(2), true, false));
    assertEquals("more --epochs, or a new network trained without --load, with another --seed"
        + " or --hidden 3", XorAdvice.advice(List.of(2), false, true));
    assertEquals("a new network trained without --load, with another --seed or --hidden 16",
        XorAdvice.advice(List.of(8), true, true));
    assertEquals(XorAdvice.more(List.of(5, 3)), XorAdvice.advice(List.of(5, 3), false, false));
  }
}
