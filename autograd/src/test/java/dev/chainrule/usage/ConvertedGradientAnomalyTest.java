package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.AnomalyException.Phase;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A rule's float64 gradient that is finite but overflows float32, its input's type, where the
 * engine converts it. Each rule's result is checked as it returns, before the conversion, so the
 * infinity was found later, in the gradient it was added to, and reported as "the gradient of the
 * output of 'tanh', a sum of finite contributions ... overflowed": the wrong op and the wrong
 * cause. Now the conversion is checked too, naming the op whose gradient overflowed and the input.
 */
class ConvertedGradientAnomalyTest {
  @Test
  void aUsersFloat64GradientThatOverflowsFloat32IsNamedByItsOp() {
    Op big = Op.unary("bigGrad64", (ctx, t) -> t.mul(2),
        (ctx, g) -> g.to(DType.FLOAT64).mul(1e39));
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable x = Variable.parameter(Tensor.vector(0.3, -1.2).to(DType.FLOAT32), "x");
      Variable loss = big.apply(x.tanh()).sum();
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertEquals("bigGrad64", e.opName(), e::getMessage);
      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals(0, e.gradientOf());
      assertEquals(2, e.found().infiniteCount());
      assertTrue(e.getMessage().startsWith("anomaly in the backward pass: the backward rule of"
          + " 'bigGrad64' returned a float64 gradient for input 0 ([2] in [1.000e+39,"
          + " 1.000e+39]) that overflows float32, the input's type: converted, it holds an"
          + " infinity: [2] no finite values, 2 infinite; input 0: [2] in"), e.getMessage());
      assertNull(x.grad(), "nothing was kept");
    }
  }

  /** A built-in op the same way: a float32 x times a float64 constant of 1e39. */
  @Test
  void aBuiltInOpsGradientThatOverflowsItsInputsTypeIsNamed() {
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable x = Variable.parameter(Tensor.vector(0.3, -1.2).to(DType.FLOAT32), "x");
      Variable loss = x.mul(Variable.constant(Tensor.vector(1e39, 1))).sum();
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertEquals("mul", e.opName(), e::getMessage);
      assertEquals(0, e.gradientOf());
      assertEquals(1, e.found().infiniteCount(), "1e39 overflows, 1 does not");
      assertTrue(e.getMessage().startsWith("anomaly in the backward pass: the backward rule of"
          + " 'mul' returned a float64 gradient for input 0 ([2] in [1.000, 1.000e+39]) that"
          + " overflows float32"), e.getMessage());
    }
  }

  /**
   * A gradient finite as the rule returned it, whose sum over broadcast axes, the engine's, is
   * what overflows: the message gives both, not the sum as the rule's.
   */
  @Test
  void aSumOverBroadcastAxesIsNamedApartFromWhatTheRuleReturned() {
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable x = Variable.parameter(Tensor.vector(0.5).to(DType.FLOAT32), "x");
      Variable loss = x.mul(Variable.constant(Tensor.vector(3e38, 3e38, 3e38, 3e38))).sum();
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertEquals("mul", e.opName(), e::getMessage);
      assertTrue(e.getMessage().startsWith("anomaly in the backward pass: the backward rule of"
          + " 'mul' returned a float64 gradient for input 0 ([4] in [3.000e+38, 3.000e+38]),"
          + " summed over its broadcast axes to the input's shape ([1] in [1.200e+39,"
          + " 1.200e+39]), that overflows float32"), e.getMessage());
    }
  }

  /** Without anomaly detection nothing is checked: the infinity is the gradient, as in PyTorch. */
  @Test
  void withoutAnomalyDetectionTheInfinityIsTheGradient() {
    Variable x = Variable.parameter(Tensor.vector(0.3, -1.2).to(DType.FLOAT32), "x");
    x.mul(Variable.constant(Tensor.vector(1e39, 1))).sum().backward();
    assertEquals(Double.POSITIVE_INFINITY, x.grad().get(0));
    assertEquals(1, x.grad().get(1));
  }
}
