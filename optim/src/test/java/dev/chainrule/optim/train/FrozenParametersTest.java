package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.GradientClipping;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * An optimizer over part of the model freezes the rest (there is no other way to freeze a
 * layer). The frozen gradients used to pile up over the run, since only the optimizer's were
 * cleared, and to count in the clipping norm, so the stepped layer was clipped harder and harder.
 */
class FrozenParametersTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(16, 2), 3L),
      Tensors.randn(Shape.of(16, 1), 4L));

  /**
   * One batch per epoch, so a plain loop takes the same steps: clear every gradient, backward,
   * clip the head's gradients alone, step. The trainer must end where the loop does.
   */
  @Test
  void clippingMeasuresTheSteppedParametersAndFrozenGradientsDoNotPileUp() {
    Dense frozen = Dense.of(2, 8, 7L);
    Dense head = Dense.of(8, 1, 8L);
    Sequential model = Sequential.of(frozen, head);
    Trainer.builder(model, Loss.meanSquaredError(), Sgd.builder(0.05).build(head)).epochs(5)
        .batchSize(DATA.size()).clipGradientNorm(0.1).build().fit(DATA);

    Dense frozenCopy = Dense.of(2, 8, 7L);
    Dense headCopy = Dense.of(8, 1, 8L);
    Sequential loop = Sequential.of(frozenCopy, headCopy);
    Optimizer sgd = Sgd.builder(0.05).build(headCopy);
    for (int epoch = 0; epoch < 5; epoch++) {
      loop.zeroGrad();
      Loss.meanSquaredError().compute(loop.forward(Variable.constant(DATA.features())),
          DATA.labels()).backward();
      GradientClipping.clipByNorm(headCopy.parameters(), 0.1);
      sgd.step();
    }
    // The trainer's batch is the rows in shuffled order: the same sums in another order, so the
    // weights agree to rounding (five steps of values near 1: 1e-12).
    assertArrayEquals(headCopy.weight().value().toArray(), head.weight().value().toArray(), 1e-12);
    assertArrayEquals(frozenCopy.weight().value().toArray(), frozen.weight().value().toArray(),
        0, "the frozen layer did not move");
    // After the run the frozen gradient is the last batch's, not the sum of five.
    assertArrayEquals(frozenCopy.weight().grad().toArray(), frozen.weight().grad().toArray(),
        1e-12);
  }
}
