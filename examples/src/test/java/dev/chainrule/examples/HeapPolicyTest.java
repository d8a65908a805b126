package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The full collection after reading the data happens only in the program's own process: tests
 * (and programs that embed the commands) never pay for it.
 */
class HeapPolicyTest {
  /**
   * Full collections so far: G1's "G1 Old Generation" bean counts only those in Java 17 (its
   * young and concurrent work is counted elsewhere), so a young collection of the test's own
   * garbage cannot move this count.
   */
  private static long fullCollections() {
    long total = -1;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector.getName().equals("G1 Old Generation")) {
        total = collector.getCollectionCount();
      }
    }
    assumeTrue(total >= 0, "the test JVM does not run G1");
    return total;
  }

  @Test
  void collectsOnceTheDataIsReadWhenCompacting() {
    long before = fullCollections();
    HeapPolicy.dataLoaded(true);
    assertTrue(fullCollections() > before, "no full collection after the data was read");
  }

  @Test
  void anEmbeddingProcessIsLeftAlone() {
    // keepCompact runs only in Main.main, never in this test JVM.
    long before = fullCollections();
    HeapPolicy.dataLoaded();
    assertEquals(before, fullCollections(), "dataLoaded() collected outside the program");
  }
}
