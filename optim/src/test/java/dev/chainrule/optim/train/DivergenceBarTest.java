package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bar both Trainer's and Spark's divergence checks scale, and its words. */
class DivergenceBarTest {
  @Test
  void theReferenceIsFlooredAtAUsableChanceLoss() {
    assertEquals(1.1, DivergenceBar.bar(1e-4, 1.1));
    assertEquals(2.0, DivergenceBar.bar(2.0, 1.1), "a reference above chance stands");
    // Without a usable chance loss, or with a reference that has no scale from 0, it stands.
    assertEquals(1e-4, DivergenceBar.bar(1e-4, Double.NaN));
    assertEquals(1e-4, DivergenceBar.bar(1e-4, 0));
    assertEquals(1e-4, DivergenceBar.bar(1e-4, Double.POSITIVE_INFINITY));
    assertEquals(-3.0, DivergenceBar.bar(-3, 1.1));
    // A model that starts at a loss of exactly 0 (it fits its rows already) is floored too.
    assertEquals(1.1, DivergenceBar.bar(0, 1.1));
    assertEquals(Double.NaN, DivergenceBar.bar(Double.NaN, 1.1));
  }

  @Test
  void theChanceLossIsTheLeastOfTheConstantOutputsLeavingOutNaN() {
    List<Tensor> outputs = DivergenceBar.chanceOutputs(Tensors.zeros(Shape.of(2, 4)));
    assertEquals(List.of(Tensors.zeros(Shape.of(2, 4)), Tensors.full(Shape.of(2, 4), 0.25)),
        outputs);
    assertEquals(List.of(Tensors.zeros(Shape.of(3)), Tensors.full(Shape.of(3), 0.5)),
        DivergenceBar.chanceOutputs(Tensors.zeros(Shape.of(3))), "one column: ½");
    assertEquals(0.7, DivergenceBar.least(50, 0.7));
    assertEquals(50.0, DivergenceBar.least(Double.NaN, 50));
    assertEquals(50.0, DivergenceBar.least(50, Double.NaN));
    assertEquals(Double.NaN, DivergenceBar.least(Double.NaN, Double.NaN));
  }

  @Test
  void theWordsNameTheFloorOnlyWhenItSetsTheBar() {
    assertEquals("the loss of a constant output at chance (1.10), which is above the first"
        + " step's (0.000100)", DivergenceBar.against(1e-4, 1.1, "the first step's"));
    assertEquals("the first step's (2.00)", DivergenceBar.against(2, 2, "the first step's"));
  }
}
