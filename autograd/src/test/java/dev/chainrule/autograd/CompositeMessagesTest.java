package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A composite op refuses bad input under its own name: the user called {@code sub}, and a message
 * about {@code add} (which sub is computed with) sends them looking for an add they never wrote.
 */
class CompositeMessagesTest {
  private static final Variable MATRIX = Variable.parameter(Tensors.ones(2, 3));
  private static final Variable VECTOR = Variable.parameter(Tensors.ones(4));
  private static final Variable EMPTY = Variable.parameter(Tensors.zeros(0, 3));

  private static String refusal(Class<? extends Exception> type, Executable call) {
    return assertThrows(type, call).getMessage();
  }

  @Test
  void binaryCompositesNameThemselves() {
    assertEquals("sub: shapes [2, 3] and [4] do not broadcast (axis -1: 3 vs 4)",
        refusal(IllegalArgumentException.class, () -> MATRIX.sub(VECTOR)));
    assertEquals("minimum: shapes [2, 3] and [4] do not broadcast (axis -1: 3 vs 4)",
        refusal(IllegalArgumentException.class, () -> MATRIX.minimum(VECTOR)));
    assertEquals("sub: input 1 is null",
        refusal(NullPointerException.class, () -> MATRIX.sub((Variable) null)));
    assertEquals("minimum: input 1 is null",
        refusal(NullPointerException.class, () -> MATRIX.minimum(null)));
  }

  @Test
  void reductionCompositesNameThemselves() {
    assertEquals("min: cannot reduce the empty axis 0 of [0, 3]",
        refusal(IllegalArgumentException.class, () -> EMPTY.min()));
    assertEquals("min: cannot reduce the empty axis 0 of [0, 3]",
        refusal(IllegalArgumentException.class, () -> EMPTY.min(0, false)));
    assertEquals("min: axis 5 out of range for shape [2, 3]",
        refusal(IllegalArgumentException.class, () -> MATRIX.min(5, false)));
    assertEquals("mean: axis 5 out of range for shape [2, 3]",
        refusal(IllegalArgumentException.class, () -> MATRIX.mean(5, false)));
    assertEquals("variance: axis -3 out of range for shape [2, 3]",
        refusal(IllegalArgumentException.class, () -> MATRIX.variance(-3, false)));
    assertEquals("stack: axis 3 out of range for stacking tensors of shape [2, 3] (a new axis in"
            + " [-3, 3))",
        refusal(IllegalArgumentException.class, () -> MATRIX.stack(3, MATRIX)));
  }

  @Test
  void anEmptyAxisThatIsKeptDoesNotChangeTheGroupSize() {
    // Over axis 1 of [0, 3] each (absent) group has 3 values: the unbiased variance is defined.
    // The count was size / kept size, 0 / 1, and refused "0 over the reduced axes".
    assertEquals(Shape.of(0), EMPTY.variance(1, false, true).shape());
    assertEquals(Shape.of(0, 1), EMPTY.mean(new int[] {1}, true).shape());
  }

  @Test
  void compositesStillReduceWhatTheyCan() {
    // The axis that is not reduced may be empty; min over the other gives an empty result.
    assertEquals(0, EMPTY.min(1, false).shape().size());
    assertEquals(Shape.of(2, 2, 3), MATRIX.stack(-3, MATRIX).shape());
  }
}
