package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Embedding;
import org.junit.jupiter.api.Test;

/**
 * An Embedding's padding row gets a zero gradient, not a frozen value, as in PyTorch: what an
 * optimizer does with a zero gradient is what happens to it. Adam without weight decay leaves it
 * exactly (its moments stay 0, the step is 0/(√0 + ε) = 0); SGD's weight decay still shrinks a
 * non-zero padding row, p ← p − lr·λ·p, as torch.optim.SGD does (nn's PyTorchEmbeddingPaddingTest
 * compares that step's numbers with PyTorch's).
 */
class EmbeddingPaddingOptimizersTest {
  private static final Tensor INDICES = Tensor.matrix(new double[][] {{2, 0, 2}, {1, 2, 3}});

  private static Tensor paddingRow(Embedding embedding) {
    return embedding.weight().value().slice(0, 2, 3).copy();
  }

  private static void lossBackward(Embedding embedding) {
    embedding.forward(Variable.constant(INDICES)).square().sum().backward();
  }

  @Test
  void adamLeavesTheLoadedPaddingRowAsItIs() {
    Embedding embedding = Embedding.of(Tensors.randn(Shape.of(4, 3), 1L), 2);
    Tensor before = paddingRow(embedding);
    Tensor others = embedding.weight().value().copy();
    Optimizer adam = Adam.builder().learningRate(0.1).build(embedding);
    for (int step = 0; step < 3; step++) {
      adam.zeroGrad();
      lossBackward(embedding);
      adam.step();
    }
    assertEquals(before, paddingRow(embedding), "zero gradients move nothing, exactly");
    assertNotEquals(others.slice(0, 0, 1), embedding.weight().value().slice(0, 0, 1));
  }

  @Test
  void sgdsWeightDecayStillShrinksANonZeroPaddingRow() {
    Embedding embedding = Embedding.of(Tensors.randn(Shape.of(4, 3), 1L), -2);
    Tensor before = paddingRow(embedding);
    Optimizer sgd = Sgd.builder(0.1).weightDecay(0.5).build(embedding);
    lossBackward(embedding);
    sgd.step();
    // p − 0.1·(0 + 0.5·p) = 0.95·p, within an ulp or two of the order Sgd computes it in.
    assertTrue(paddingRow(embedding).allClose(before.mul(0.95), 1e-15, 0),
        () -> paddingRow(embedding) + " vs " + before.mul(0.95));
  }
}
