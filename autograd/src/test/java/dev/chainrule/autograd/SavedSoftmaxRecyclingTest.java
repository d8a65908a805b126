package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The softmax that the cross-entropy against class indices saves for its backward rule is the
 * op's own: it goes back for reuse when a backward pass that frees the graph releases the op, or
 * at once when nothing is recorded, and never while someone may still read it.
 */
class SavedSoftmaxRecyclingTest {
  /** 150 rows of 3 classes: 450 elements, above Recycling.MIN_ELEMENTS. */
  private static final int ROWS = 150;
  private static final Tensor CLASSES =
      Tensor.vector(IntStream.range(0, ROWS).mapToDouble(i -> i % 3).toArray());

  private static Variable logits(long seed) {
    return Variable.parameter(Tensors.randn(Shape.of(ROWS, 3), seed));
  }

  /** Writes into whatever arrays the pool hands out, as the next step's kernels would. */
  private static void churnThePool() {
    Tensors.randn(Shape.of(ROWS, 3), 99L).exp().exp().exp();
  }

  /**
   * One backward's hand-backs, after walking to the loss's context first or not; the pool is
   * written over between the forward and the backward, so a softmax handed back too early
   * would give the rule another value's numbers.
   */
  private static long backward(Variable logits, boolean walk) {
    Variable loss = logits.softmaxCrossEntropy(CLASSES);
    if (walk) {
      loss.opContext().orElseThrow();
    }
    churnThePool();
    long before = Recycling.recycledCount();
    loss.backward();
    return Recycling.recycledCount() - before;
  }

  @Test
  void theSoftmaxGoesBackWhenBackwardReleasesTheOpUnlessSomeoneWalkedToIt() {
    Variable walked = logits(1);
    Variable plain = logits(1);
    for (int step = 0; step < 3; step++) {
      long kept = backward(walked, true);
      churnThePool();
      assertEquals(kept + 1, backward(plain, false), "step " + step);
      churnThePool();
      // Bitwise: the gradient was made before the softmax went back.
      assertEquals(walked.grad(), plain.grad(), "step " + step);
      // (softmax − one-hot)/n by other kernels: a few ulps apart at most (the gradient's
      // elements are below 1/150), where another value's numbers would be far off.
      Tensor expected = plain.value().softmax(-1).sub(Tensors.oneHot(CLASSES, 3)).div(ROWS);
      assertTrue(expected.allClose(plain.grad(), 0, 1e-15), "step " + step);
      walked.value().axpyInPlace(-0.5, walked.grad());
      plain.value().axpyInPlace(-0.5, plain.grad());
      walked.zeroGrad();
      plain.zeroGrad();
    }
  }

  @Test
  void aRetainedGraphKeepsTheSoftmaxForTheNextPass() {
    Variable logits = logits(2);
    Variable loss = logits.softmaxCrossEntropy(CLASSES);
    loss.backward(null, Gradients.Options.retainingGraph());
    Tensor first = logits.grad().copy();
    churnThePool();
    logits.zeroGrad();
    loss.backward();
    assertEquals(first, logits.grad());
  }

  @Test
  void withNothingRecordedTheSoftmaxGoesBackAtOnce() {
    Variable logits = logits(3);
    long before = Recycling.recycledCount();
    double recorded = logits.softmaxCrossEntropy(CLASSES).item();
    // The kernel's own scratch goes back either way; the softmax only when nothing is recorded.
    long scratch = Recycling.recycledCount() - before;
    before = Recycling.recycledCount();
    double loss;
    try (var noGrad = Autograd.noGrad()) {
      loss = logits.softmaxCrossEntropy(CLASSES).item();
    }
    assertEquals(scratch + 1, Recycling.recycledCount() - before);
    assertEquals(recorded, loss);
  }
}
