package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The unbiased variance is refused for groups of fewer than two values only where a group exists:
 * a reduction with no groups (another axis empty) is empty, as PyTorch 1.13's
 * {@code torch.zeros(0, 1).var(1, unbiased=True)} is ([0]), where it was refused.
 */
class EmptyUnbiasedVarianceTest {
  @Test
  void noGroupsGiveAnEmptyResult() {
    for (DType type : DType.values()) {
      Tensor x = Tensors.zeros(Shape.of(0, 1), type);
      assertEquals(Tensors.zeros(Shape.of(0), type), x.variance(new int[] {1}, false, true));
      assertEquals(Tensors.zeros(Shape.of(0, 1), type), x.variance(new int[] {-1}, true, true));
      assertEquals(Tensors.zeros(Shape.of(0, 3), type),
          Tensors.zeros(Shape.of(0, 3, 1), type).variance(new int[] {2}, false, true));
    }
  }

  /** A group of one value, or of none (PyTorch's NaN), is still refused. */
  @Test
  void aGroupOfFewerThanTwoValuesIsStillRefused() {
    assertEquals("variance: the unbiased variance needs at least 2 values per group, [1, 0] has 0"
        + " over the reduced axes",
        assertThrows(IllegalArgumentException.class,
            () -> Tensors.zeros(1, 0).variance(new int[] {1}, false, true)).getMessage());
    assertEquals("variance: the unbiased variance needs at least 2 values per group, [2, 1] has 1"
        + " over the reduced axes",
        assertThrows(IllegalArgumentException.class,
            () -> Tensors.zeros(2, 1).variance(new int[] {1}, false, true)).getMessage());
  }
}
