package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.diagnostics.GradientFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory estimate counts the gradient pictures' probe: {@code train --hidden 1048576} on
 * 200 rows under -Xmx4g was estimated at 1.3 GB, started, and ran out of memory half a minute
 * later in the probe's histogram (several copies of 200 × 1,048,576 activations), where the
 * estimate is there to refuse it before any work.
 */
class ModelSizeProbeTest {
  private static final List<Integer> WIDE = List.of(2, 1 << 20, 1);

  @Test
  void theProbesHistogramOfTheWidestHiddenLayerIsCounted() {
    double needed = ModelSize.bytesNeeded(WIDE, 32, 200, 40, OptimizerChoice.SGD, DType.FLOAT64);
    double histogram = 8.0 * ModelSize.SNAPSHOT_COPIES * 200 * (1 << 20);
    double probeForward = 8.0 * 200 * ((1 << 20) + 2);
    assertTrue(needed >= histogram + probeForward, needed + " bytes");
    assertTrue(needed > 4.0 * (1L << 30), "more than the -Xmx4g the run failed in");
  }

  @Test
  void theProbeReadsNoMoreRowsThanTrainingHasNorThanItsOwnLimit() {
    double few = ModelSize.bytesNeeded(WIDE, 4, 4, 4, OptimizerChoice.SGD, DType.FLOAT32);
    double many = ModelSize.bytesNeeded(WIDE, 32, 100_000, 32, OptimizerChoice.SGD,
        DType.FLOAT32);
    double more = ModelSize.bytesNeeded(WIDE, 32, 200_000, 32, OptimizerChoice.SGD,
        DType.FLOAT32);
    assertTrue(few < many, "4 rows probe 4 rows");
    assertEquals(many, more, "past " + GradientFlow.PROBE_ROWS + " rows the probe reads no more");
  }
}
