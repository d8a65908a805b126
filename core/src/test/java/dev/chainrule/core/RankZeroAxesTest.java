package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A rank-0 tensor's axis 0 or −1, as PyTorch takes it in reductions and softmaxes (each value
 * below is torch 1.13's for {@code torch.tensor(3.)}): its one element as a group of its own.
 * Exact comparisons: every answer is the value itself, 0, 1 or an infinity, with no rounding.
 */
class RankZeroAxesTest {
  private static final Tensor THREE = Tensor.scalar(3);

  @Test
  void reductionsLeaveTheValue() {
    for (int axis : new int[] {0, -1}) {
      for (DType dtype : DType.values()) {
        Tensor x = THREE.to(dtype);
        for (boolean keep : new boolean[] {false, true}) {
          // torch: x.sum(0, keepdim=True).shape is [] too.
          assertEquals(x, x.sum(axis, keep), "sum " + axis + " keep " + keep + " " + dtype);
          assertEquals(x, x.mean(axis, keep), "mean");
          assertEquals(x, x.max(axis, keep), "max");
          assertEquals(x, x.min(axis, keep), "min");
          assertEquals(x, x.logSumExp(axis, keep), "logSumExp");
          assertEquals(Tensor.scalar(0, dtype), x.variance(axis, keep), "population variance");
          assertEquals(Tensor.scalar(0, dtype), x.argmax(axis, keep), "argmax");
          assertEquals(Tensor.scalar(0, dtype), x.argmin(axis, keep), "argmin");
        }
        assertEquals(Tensor.scalar(1, dtype), x.softmax(axis), "softmax");
        assertEquals(Tensor.scalar(0, dtype), x.logSoftmax(axis), "logSoftmax");
      }
    }
    assertEquals(THREE, THREE.sum(new int[] {0}, false));
    assertEquals(THREE, THREE.sum(new int[] {}, false), "no axes, as before");
  }

  /** torch: logsumexp(−∞) = −∞, softmax(∞) = NaN, log_softmax(NaN) = NaN, argmax(NaN) = 0. */
  @Test
  void infinitiesAndNaNAsPyTorchHasThem() {
    double inf = Double.POSITIVE_INFINITY;
    assertEquals(Tensor.scalar(-inf), Tensor.scalar(-inf).logSumExp(0, false));
    assertEquals(Tensor.scalar(inf), Tensor.scalar(inf).logSumExp(0, false));
    assertEquals(Double.NaN, Tensor.scalar(inf).softmax(0).item());
    assertEquals(Double.NaN, Tensor.scalar(Double.NaN).logSoftmax(-1).item());
    assertEquals(0, Tensor.scalar(Double.NaN).argmax(0, false).item());
  }

  /**
   * Another axis is refused in the words it was; axis 0 and −1 are the same axis, named twice;
   * the unbiased variance of one value is refused, as any group of one is.
   */
  @Test
  void otherAxesAreRefusedAsBefore() {
    List<Function<Tensor, Tensor>> ops = List.of(x -> x.sum(1, false), x -> x.softmax(1),
        x -> x.argmax(-2, false), x -> x.logSoftmax(1));
    List<String> names = List.of("sum", "softmax", "argmax", "logSoftmax");
    for (int i = 0; i < ops.size(); i++) {
      Function<Tensor, Tensor> op = ops.get(i);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> op.apply(THREE));
      assertEquals(names.get(i) + ": axis " + (i == 2 ? -2 : 1) + " out of range for shape []",
          e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> THREE.sum(new int[] {0, -1}, false));
    assertEquals("sum: axis -1 repeated in [0, -1] for shape []", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> THREE.variance(0, false, true));
    assertEquals("variance: the unbiased variance needs at least 2 values per group, [] has 1"
        + " over the reduced axes", e.getMessage());
    // Other ranks unchanged.
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.vector(1, 2).sum(1, false));
    assertEquals("sum: axis 1 out of range for shape [2]", e.getMessage());
  }
}
