package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool's bounds by element type, the kernels' own hand-backs at the length bound, and
 * {@link Recycling.Scope#keep}, which autograd calls for a gradient a user's rule kept.
 */
class RecyclingBoundsTest {
  private static final int LENGTH = 4 * Recycling.MIN_ELEMENTS;

  @BeforeEach
  void emptyThePool() {
    Recycling.clear();
  }

  /**
   * A float64 array one element past the pool's bytes is refused before it could push anything
   * out: what the pool held stays, and still comes back.
   */
  @Test
  void anArrayLargerThanThePoolLeavesWhatThePoolHolds() {
    int past = (int) (Recycling.MAX_POOLED_BYTES / 8) + 1;
    try (var scope = Recycling.open()) {
      Tensor held = Tensors.ones(Shape.of(LENGTH)).neg();
      Tensor large = Tensors.ones(Shape.of(past)).neg();
      assertTrue(scope.recycle(held));
      assertFalse(scope.recycle(large), "8 bytes more than the whole pool");
      assertEquals(8L * LENGTH, Recycling.pooledBytes(), "the held array was not pushed out");
      assertSame(held.dataF64(), Recycling.bufferF64(LENGTH));
    }
  }

  /** A float32 array counts 4 bytes an element: one of the pool's whole size fits. */
  @Test
  void aFloat32ArrayAsLargeAsThePoolIsKept() {
    int whole = (int) (Recycling.MAX_POOLED_BYTES / 4);
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.ones(Shape.of(whole), DType.FLOAT32).neg();
      assertTrue(scope.recycle(dead));
      assertEquals(Recycling.MAX_POOLED_BYTES, Recycling.pooledBytes());
      assertSame(dead.dataF32(), Recycling.bufferF32(whole));
    }
  }

  /** A kernel's used-up array is pooled from {@link Recycling#MIN_ELEMENTS} on, as a tensor's. */
  @Test
  void aKernelsOwnArrayOfTheBoundLengthComesBackAndAShorterOneDoesNot() {
    double[] bound = new double[Recycling.MIN_ELEMENTS];
    double[] shorter = new double[Recycling.MIN_ELEMENTS - 1];
    Recycling.recycleUnseen(bound);
    Recycling.recycleUnseen(shorter);
    assertEquals(8L * Recycling.MIN_ELEMENTS, Recycling.pooledBytes());
    assertSame(bound, Recycling.bufferF64(Recycling.MIN_ELEMENTS));
    assertNotSame(shorter, Recycling.bufferF64(Recycling.MIN_ELEMENTS - 1));
  }

  @Test
  void aKeptTensorIsNeitherOwnedNorRecycled() {
    try (var scope = Recycling.open()) {
      Tensor kept = Tensors.ones(Shape.of(LENGTH)).neg();
      Tensor other = Tensors.ones(Shape.of(LENGTH)).neg();
      scope.keep(kept);
      scope.keep(null);  // nothing to keep: no exception
      assertFalse(scope.owns(kept));
      assertFalse(scope.recycle(kept));
      assertTrue(scope.owns(other), "keeping one tensor leaves the others the scope's");
      assertTrue(scope.recycle(other));
    }
  }

  /** Only the scope's own thread, while it is open, gives up its tensors. */
  @Test
  void keepOnAnotherThreadOrAfterTheScopeClosedChangesNothing() throws InterruptedException {
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.ones(Shape.of(LENGTH)).neg();
      Thread other = new Thread(() -> scope.keep(dead));
      other.start();
      other.join();
      assertTrue(scope.owns(dead), "another thread's keep");
      assertTrue(scope.recycle(dead));
    }
    Tensor born;
    Recycling.Scope closed;
    try (var scope = Recycling.open()) {
      born = Tensors.ones(Shape.of(LENGTH)).neg();
      closed = scope;
    }
    closed.keep(born);
    assertTrue(Recycling.recycleKept(born), "a keep after the close left it recyclable");
  }
}
