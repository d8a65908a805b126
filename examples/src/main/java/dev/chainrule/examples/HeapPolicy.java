package dev.chainrule.examples;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Keeps the program's heap close to what it holds. A training run's memory is mostly its data set,
 * which lives for the whole run, and a stream of short-lived tensors. After a collection the G1
 * collector, by default, grows the heap until 40 % of it is free, and shrinks it only when 70 % is
 * free: for Fashion-MNIST in float32 (220 MB of images) that held 600 MB of heap and 680 MB of
 * process memory, against PyTorch's 490 MB for the same run. Asking for 10 % and 30 % instead
 * measured 476 MB, at no cost in time (the extra collections are of short-lived tensors).
 *
 * <p>Both settings are "manageable" HotSpot flags, meant to be changed while the JVM runs, and
 * are changed only when the user has not set them ({@code java -XX:MinHeapFreeRatio=40 ...}
 * keeps the default behaviour). On a JVM without them nothing happens.
 */
final class HeapPolicy {
  private static final String MIN_FREE = "MinHeapFreeRatio";
  private static final String MAX_FREE = "MaxHeapFreeRatio";

  private HeapPolicy() {}

  static void keepCompact() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hotspot == null || isSet(hotspot, MIN_FREE) || isSet(hotspot, MAX_FREE)) {
        return;
      }
      // Lower the minimum first: the JVM refuses a minimum above the maximum at every step.
      hotspot.setVMOption(MIN_FREE, "10");
      hotspot.setVMOption(MAX_FREE, "30");
    } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
      // Another JVM, or flags that are not manageable there: its defaults stand.
    }
  }

  private static boolean isSet(HotSpotDiagnosticMXBean hotspot, String flag) {
    return hotspot.getVMOption(flag).getOrigin() != VMOption.Origin.DEFAULT;
  }
}
