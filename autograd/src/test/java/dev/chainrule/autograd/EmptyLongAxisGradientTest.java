package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A parameter broadcast against an empty tensor with a long axis: its gradient is summed back
 * over that axis (sumTo), a sum of nothing. The reduction kernels walked the axis's rows anyway,
 * and in float32 their counter wrapped past 2^31 − 8, so backward never returned; PyTorch's
 * takes microseconds.
 */
class EmptyLongAxisGradientTest {
  /** The fixed backward takes milliseconds; the broken one never ended (or took seconds). */
  private static final Duration QUICK = Duration.ofSeconds(2);

  @Test
  void backwardThroughABroadcastOverALongEmptyAxisReturnsAtOnce() {
    for (DType dtype : DType.values()) {
      Variable x = Variable.parameter(Tensors.zeros(Shape.of(1, 0), dtype));
      Variable c = Variable.constant(Tensors.zeros(Shape.of(Integer.MAX_VALUE, 0), dtype));
      Variable y = x.add(c);
      assertTimeoutPreemptively(QUICK, () -> y.sum().backward(), dtype.toString());
      Tensor grad = x.grad();
      assertEquals(Tensors.zeros(Shape.of(1, 0), dtype), grad, dtype.toString());
    }
  }
}
