package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Arguments an audit found accepted without meaning, or refused under another op's name. */
class ArgumentEdgesTest {
  @Test
  void anEmptyRangeIsRefusedRatherThanCallingEveryElementOutside() {
    Tensor x = Tensor.vector(0.5);
    assertEquals("indexOutside: the range [1.0, 0.0] is empty (low above high, or a NaN bound)",
        assertThrows(IllegalArgumentException.class, () -> x.indexOutside(1, 0)).getMessage());
    assertEquals("indexOutside: the range [NaN, 1.0] is empty (low above high, or a NaN bound)",
        assertThrows(IllegalArgumentException.class, () -> x.indexOutside(Double.NaN, 1))
            .getMessage());
    assertEquals(-1, x.indexOutside(0.5, 0.5), "a range of one value is not empty");
  }

  @Test
  void noClassesIsRefusedRatherThanCallingEveryElementNoClass() {
    Tensor labels = Tensor.vector(0);
    assertEquals("indexNotClass: the class count must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> labels.indexNotClass(0))
            .getMessage());
    assertEquals("indexNotClass: the class count must be at least 1, got -1",
        assertThrows(IllegalArgumentException.class, () -> labels.indexNotClass(-1)).getMessage());
    assertEquals(-1, labels.indexNotClass(1));
  }

  @Test
  void denseWithoutABiasNamesDenseForAMissingWeight() {
    Tensor x = Tensors.ones(2, 3);
    assertEquals("dense: the weight is null", assertThrows(NullPointerException.class,
        () -> x.dense(null, Transpose.RIGHT, null, null)).getMessage());
  }

  /** Math.max's order of the zeros, in either argument order and both types (NumPy differs). */
  @Test
  void positiveZeroIsTheLargerZeroWhateverTheOrder() {
    for (DType type : DType.values()) {
      Tensor plus = Tensor.vector(0.0).to(type);
      Tensor minus = Tensor.vector(-0.0).to(type);
      assertEquals(plus, plus.maximum(minus));
      assertEquals(plus, minus.maximum(plus));
      assertEquals(minus, plus.minimum(minus));
      assertEquals(minus, minus.minimum(plus));
    }
  }
}
