package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  @Test
  void predictionsOfManyRowsComeInChunksWithTheValuesOfOnePass() {
    Sequential model = Sequential.of(Dense.of(3, 5, 1L), Dense.of(5, 2, 2L));
    int rows = 2 * Evaluation.CHUNK_ROWS + 17;
    Tensor features = Tensors.randn(Shape.of(rows, 3), 3L);
    Tensor whole = model.forward(Variable.constant(features)).value();
    Tensor chunked = Evaluation.predict(model, features);
    assertEquals(whole.shape(), chunked.shape());
    // Each row is the same dot products; only a product's blocking may reorder a sum of 5 terms.
    assertTrue(chunked.allClose(whole, 1e-14, 1e-14), "chunks give the rows of one pass");
    assertTrue(model.isTraining(), "the model is back in training mode");
  }
}
