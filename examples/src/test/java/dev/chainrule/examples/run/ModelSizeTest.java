package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.OptimizerChoice;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The memory estimate counts what its comment says, term by term; past it, a refusal. */
class ModelSizeTest {
  /**
   * A 3-4-2 network, batches of 5 from 10 training rows, 7 rows evaluated at once, Adam: every
   * term of the estimate is small enough to add up by hand (all exact in a double, so equal).
   */
  @Test
  void theEstimateAddsUpItsTerms() {
    long parameters = 3 * 4 + 4 + 4 * 2 + 2;
    long perParameter = 3 + 2;  // value, gradient, a temporary; Adam's two moments
    long batchActivations = 3L * 5 * (4 + 2);
    // The probe reads all 10 training rows, more than the 7 evaluated or a batch of 5, through
    // the widest adjacent pair, 3 + 4 (wider than the output side's 4 + 2).
    long widestPair = 10L * (3 + 4);
    // The histogram of the widest hidden layer: 4, not the output's 2.
    long histogram = (long) ModelSize.SNAPSHOT_COPIES * 10 * 4;
    double expected = 8.0 * (parameters * perParameter + batchActivations + widestPair
        + histogram);
    assertEquals(expected, ModelSize.bytesNeeded(List.of(3, 4, 2), 5, 10, 7,
        OptimizerChoice.ADAM, DType.FLOAT64));
    // SGD keeps no buffers; float32 takes half the bytes.
    assertEquals(4.0 * (parameters * 3 + batchActivations + widestPair + histogram),
        ModelSize.bytesNeeded(List.of(3, 4, 2), 5, 10, 7, OptimizerChoice.SGD, DType.FLOAT32));
  }

  @Test
  void anOutputWiderThanTheHiddenLayersIsNoHistogram() {
    // 2-3-100: the probe's histogram is of the hidden 3, the widest pair 3 + 100.
    double needed = ModelSize.bytesNeeded(List.of(2, 3, 100), 1, 1, 1, OptimizerChoice.SGD,
        DType.FLOAT64);
    long parameters = 2 * 3 + 3 + 3 * 100 + 100;
    assertEquals(8.0 * (parameters * 3 + 3 * 103 + 103 + ModelSize.SNAPSHOT_COPIES * 3),
        needed);
  }

  @Test
  void aLayerOfMoreWeightsThanATensorHoldsIsRefused() {
    // 2^31 - 1 weights is the most a tensor holds: estimated, not refused.
    assertTrue(ModelSize.bytesNeeded(List.of(1, Integer.MAX_VALUE), 1, 1, 1,
        OptimizerChoice.SGD, DType.FLOAT32) > 0);
    Failure e = assertThrows(Failure.class, () -> ModelSize.bytesNeeded(
        List.of(4, 46_341, 46_341), 1, 1, 1, OptimizerChoice.SGD, DType.FLOAT32));
    assertEquals("the 4-46341-46341 network has a layer of 46,341 × 46,341 weights, more than a"
        + " tensor holds (2,147,483,647 elements); choose smaller --hidden widths",
        e.getMessage());
  }

  @Test
  void aNetworkLargerThanTheHeapIsRefusedWithItsSize() {
    // 100,000 × 21,000 weights, just under a tensor's most: 8.4 GB of float32 parameters, 25.2
    // GB with their gradients and temporaries, more than the test JVM's heap (by default a
    // quarter of the machine's memory) holds on any machine of less than 100 GB.
    Failure e = assertThrows(Failure.class, () -> ModelSize.requireFits(
        List.of(100_000, 21_000), 1, 1, 1, OptimizerChoice.SGD, DType.FLOAT32));
    assertTrue(e.getMessage().startsWith("the 100000-21000 network is too large for memory:"
        + " 2,100,021,000 parameters (8.4 GB as float32) need about 25.2 GB with their"
        + " gradients, sgd's state and the activations, and Java has "), e.getMessage());
    assertTrue(e.getMessage().contains(" left here; choose smaller --hidden widths"),
        e.getMessage());
    // The advice: a heap a quarter larger than the 25.2 GB, at least 30 GiB, or that this
    // machine has too little memory for it.
    Matcher xmx = Pattern.compile(" \\(or give Java more memory: java -Xmx(\\d+)g -jar"
        + " chainrule.jar \\.\\.\\.\\)$").matcher(e.getMessage());
    assertTrue(e.getMessage().endsWith(" of memory would not hold it either")
        || xmx.find() && Long.parseLong(xmx.group(1)) >= 30, e.getMessage());
  }

  @Test
  void theAdvisedHeapIsAQuarterMoreInWholeGigabytes() {
    // 1 GiB needs 1.25 GiB, rounded up to 2 (the machines this runs on have more than 2 GB).
    assertEquals(" (or give Java more memory: java -Xmx2g -jar chainrule.jar ...)",
        ModelSize.moreMemory(1 << 30));
    // A petabyte is more than any of them has.
    assertTrue(ModelSize.moreMemory(1e15).startsWith("; this machine's "),
        ModelSize.moreMemory(1e15));
    assertTrue(ModelSize.moreMemory(1e15).endsWith(" of memory would not hold it either"),
        ModelSize.moreMemory(1e15));
  }
}
