package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The counts an anomaly reports, past 2^24 values in float32. They were float32 sums of zeros
 * and ones, rounded to an even whole number past 2^24: 2^24 + 1 finite values beside one NaN
 * were counted 2^24 finite, and the report named an infinity the tensor does not hold. Exact
 * counts, compared exactly (a count is a whole number).
 */
class AnomalyCountsPastFloat32Test {
  @Test
  void aNaNBesideMoreThan2To24FiniteValuesIsReportedAlone() {
    int finite = (1 << 24) + 1;
    Tensor values = Tensors.concat(0, Tensors.zeros(Shape.of(finite), DType.FLOAT32),
        Tensors.full(Shape.of(1), Double.NaN, DType.FLOAT32));
    Variable x = Variable.parameter(values);
    AnomalyException e;
    try (var anomaly = Autograd.detectAnomaly()) {
      e = assertThrows(AnomalyException.class, () -> x.mul(2));
    }
    assertEquals(1, e.found().nanCount());
    assertEquals(0, e.found().infiniteCount());
    assertEquals(finite + 1, e.found().size());
  }
}
