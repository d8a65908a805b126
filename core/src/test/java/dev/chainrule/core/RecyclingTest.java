package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Recycling} accepts (only tensors born in the scope, once) and that a recycled array
 * comes back only to kernels that overwrite it all, so no stale value is ever read.
 */
class RecyclingTest {
  private static final int LENGTH = 4 * Recycling.MIN_ELEMENTS;

  @BeforeEach
  void emptyThePool() {
    Recycling.clear();
  }

  @Test
  void aTensorBornInTheScopeIsRecycledOnceAndItsArrayComesBack() {
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.full(Shape.of(LENGTH), Double.NaN).add(1);
      double[] array = dead.dataF64();
      assertTrue(scope.recycle(dead));
      assertFalse(scope.recycle(dead), "a second hand-back would give one array to two tensors");
      assertSame(array, Recycling.bufferF64(LENGTH));
      assertNotSame(array, Recycling.bufferF64(LENGTH), "taken once, it is gone from the pool");
    }
  }

  @Test
  void aTensorBornBeforeTheScopeIsRefused() {
    Tensor parameter = Tensors.ones(Shape.of(LENGTH)).mul(2);
    try (var scope = Recycling.open()) {
      assertFalse(scope.recycle(parameter), "a value made before the scope may be held anywhere");
      assertFalse(scope.recycle(null));
    }
    assertEquals(2 * LENGTH, parameter.sum().item(), "its values are untouched");
  }

  @Test
  void scopesDoNotRecycleEachOthersTensors() {
    try (var outer = Recycling.open()) {
      Tensor bornOutside = Tensors.ones(Shape.of(LENGTH)).neg();
      try (var inner = Recycling.open()) {
        Tensor bornInside = Tensors.ones(Shape.of(LENGTH)).neg();
        assertFalse(inner.recycle(bornOutside));
        assertFalse(outer.recycle(bornInside));
        assertTrue(inner.recycle(bornInside));
      }
      assertTrue(outer.recycle(bornOutside), "closing the inner scope reopens the outer one");
    }
  }

  @Test
  void aClosedScopeRecyclesNothing() {
    Tensor dead;
    Recycling.Scope scope = Recycling.open();
    dead = Tensors.ones(Shape.of(LENGTH)).neg();
    scope.close();
    assertFalse(scope.recycle(dead));
  }

  @Test
  void smallTensorsAreLeftToTheAllocator() {
    try (var scope = Recycling.open()) {
      Tensor small = Tensors.ones(Shape.of(Recycling.MIN_ELEMENTS - 1)).neg();
      assertFalse(scope.recycle(small));
      Tensor smallest = Tensors.ones(Shape.of(Recycling.MIN_ELEMENTS)).neg();
      assertTrue(scope.recycle(smallest), "the bound itself is pooled");
    }
  }

  @Test
  void kernelsOverwriteEveryElementOfARecycledArray() {
    Shape shape = Shape.of(LENGTH / 32, 32);
    Tensor x = Tensors.arange(LENGTH).reshape(shape.dimsView()).div(LENGTH);
    Tensor row = Tensors.arange(32);
    for (DType dtype : DType.values()) {
      Tensor xs = x.to(dtype);
      Tensor rows = row.to(dtype);
      Tensor expectedSum = xs.add(rows);
      Tensor expectedTanh = xs.tanh();
      Tensor expectedProduct = xs.transpose(0, 1).matmul(xs);
      try (var scope = Recycling.open()) {
        // Stale NaNs in every pooled array of the lengths the kernels below ask for.
        scope.recycle(Tensors.full(shape, Double.NaN).to(dtype).neg());
        scope.recycle(Tensors.full(shape, Double.NaN).to(dtype).neg());
        scope.recycle(Tensors.full(Shape.of(32, 32), Double.NaN).to(dtype).neg());
        assertEquals(expectedSum, xs.add(rows), dtype + " broadcast add");
        assertEquals(expectedTanh, xs.tanh(), dtype + " tanh");
        assertEquals(expectedProduct, xs.transpose(0, 1).matmul(xs), dtype + " matmul, β = 0");
      }
    }
  }

  @Test
  void thePoolKeepsNoMoreThanItsBound() {
    int length = (int) (Recycling.MAX_POOLED_BYTES / 8 / 3);
    try (var scope = Recycling.open()) {
      // Made first: each neg would otherwise take the array recycled just before it.
      Tensor[] dead = new Tensor[4];
      for (int i = 0; i < dead.length; i++) {
        dead[i] = Tensors.ones(Shape.of(length)).neg();
      }
      assertTrue(scope.recycle(dead[0]));
      assertTrue(scope.recycle(dead[1]));
      assertTrue(scope.recycle(dead[2]));
      assertFalse(scope.recycle(dead[3]), "a fourth passes the bound");
      assertTrue(Recycling.pooledBytes() <= Recycling.MAX_POOLED_BYTES);
    }
  }
}
