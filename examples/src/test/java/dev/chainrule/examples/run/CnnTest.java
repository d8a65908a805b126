package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** The image commands' convolutional network takes rows of side² pixels to class scores. */
class CnnTest {
  @Test
  void rowsOfPixelsBecomeOneScorePerClass() {
    // Side 8 pools to 2 × 2 per channel: the dense layer must take 32 · 2 · 2 inputs, which a
    // side of 4 (pooled to 1 × 1) could not tell from other products of the same factors.
    int side = 8;
    Variable rows = Variable.constant(Tensor.of(new double[3 * side * side], 3, side * side));
    Variable scores = Cnn.of(side, 5, 4, 1L).eval().call(rows);
    assertEquals(Shape.of(3, 4), scores.shape());
  }

  @Test
  void itsHeaderLineNamesItsLayers() {
    assertEquals("conv 16, conv 32, dense 128 (dropout 0.25)", Cnn.describe(128));
  }
}
