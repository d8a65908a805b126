package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Anomaly detection when the gradient a backward pass starts from is already bad, and how values
 * without a finite element are described. Found by mutation testing (issue 15).
 */
class AnomalySeedTest {

  @Test
  void aNonFiniteSeedAtALeafHasNoInputsToDescribe() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> p.backward(Tensor.vector(Double.NaN, 1)));
      assertEquals(List.of(), e.inputs());
      assertTrue(e.creationSite().isEmpty());
    }
  }

  @Test
  void aNonFiniteSeedAtAComputedNodeDescribesItsInputs() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable y = p.mul(3);
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> y.backward(Tensor.vector(1, Double.POSITIVE_INFINITY)));
      assertEquals("mul", e.opName());
      assertEquals(new AnomalyException.Values(Shape.of(2), 2, 0, 0, 1, 2), e.inputs().get(0));
      assertEquals(1, e.found().infiniteCount());
    }
  }

  /** NaN and infinity only: there is no finite range, and the bounds say so with NaN. */
  @Test
  void valuesWithoutAFiniteElement() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> p.backward(Tensor.vector(Double.NaN, Double.NEGATIVE_INFINITY)));
      AnomalyException.Values found = e.found();
      assertEquals(1, found.nanCount());
      assertEquals(1, found.infiniteCount());
      assertTrue(Double.isNaN(found.finiteMin()) && Double.isNaN(found.finiteMax()),
          found::toString);
      assertEquals("[2] no finite values, 1 NaN, 1 infinite", found.toString());
    }
  }
}
