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
      long before = Recycling.recycledCount();
      assertTrue(scope.recycle(dead));
      assertFalse(scope.recycle(dead), "a second hand-back would give one array to two tensors");
      assertEquals(before + 1, Recycling.recycledCount());
      assertSame(array, Recycling.bufferF64(LENGTH));
      assertNotSame(array, Recycling.bufferF64(LENGTH), "taken once, it is gone from the pool");
    }
  }

  /**
   * variance's deviations and their squares are x's size and seen by no one: inside a scope
   * (a training step's batch normalization) both go back, and the variance is what it was.
   */
  @Test
  void varianceHandsBackItsTwoTemporariesInAScope() {
    Tensor x = Tensors.randn(Shape.of(8, LENGTH), 3);
    Tensor outside = x.variance(new int[] {0}, false, true);
    try (var scope = Recycling.open()) {
      long before = Recycling.recycledCount();
      Tensor inside = x.variance(new int[] {0}, false, true);
      assertEquals(before + 2, Recycling.recycledCount());
      assertEquals(outside, inside);
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
  void ownsIsExactlyWhetherRecycleWouldTakeTheTensor() {
    Tensor before = Tensors.ones(Shape.of(LENGTH)).neg();
    try (var scope = Recycling.open()) {
      Tensor big = Tensors.ones(Shape.of(LENGTH)).neg();
      Tensor small = Tensors.ones(Shape.of(Recycling.MIN_ELEMENTS - 1)).neg();
      // The engine counts holders only of owned tensors: a wrong "no" would lose a recycling,
      // a wrong "yes" only time; each answer is checked against recycle itself.
      assertFalse(scope.owns(before));
      assertFalse(scope.recycle(before));
      assertFalse(scope.owns(small));
      assertFalse(scope.recycle(small));
      assertFalse(scope.owns(null));
      assertTrue(scope.owns(big));
      assertTrue(scope.recycle(big));
      assertFalse(scope.owns(big), "recycled once, it is no longer the scope's");
      Tensor late = Tensors.ones(Shape.of(LENGTH)).neg();
      scope.close();
      assertFalse(scope.owns(late), "a closed scope owns nothing");
      assertFalse(scope.recycle(late));
    }
  }

  @Test
  void aKeptTensorFromAClosedScopeIsRecycledOnceAndOneMadeOutsideEveryScopeNever() {
    Tensor kept;
    try (var scope = Recycling.open()) {
      kept = Tensors.ones(Shape.of(LENGTH)).neg();
    }
    Tensor parameter = Tensors.ones(Shape.of(LENGTH)).neg();
    double[] array = kept.dataF64();
    long before = Recycling.recycledCount();
    assertFalse(Recycling.recycleKept(parameter), "a value made outside every scope");
    assertFalse(Recycling.recycleKept(null));
    assertTrue(Recycling.recycleKept(kept));
    assertFalse(Recycling.recycleKept(kept), "a second hand-back would give one array to two");
    assertEquals(before + 1, Recycling.recycledCount());
    assertSame(array, Recycling.bufferF64(LENGTH));
    assertEquals(-LENGTH, parameter.sum().item(), "the refused value is untouched");
  }

  @Test
  void aTensorWhoseScopeIsStillOpenIsNotTakenAsKept() {
    try (var scope = Recycling.open()) {
      Tensor live = Tensors.ones(Shape.of(LENGTH)).neg();
      assertFalse(Recycling.recycleKept(live), "the open scope's owner may still hold it");
      assertTrue(scope.recycle(live), "and its own scope still can, once");
    }
  }

  @Test
  void aTensorRecycledByItsScopeIsNotTakenAgainAsKept() {
    Tensor dead;
    try (var scope = Recycling.open()) {
      dead = Tensors.ones(Shape.of(LENGTH)).neg();
      assertTrue(scope.recycle(dead));
    }
    assertFalse(Recycling.recycleKept(dead));
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
  void aLengthHandedBackMoreThanItIsTakenStopsAtItsBound() {
    // As a batch handed back every step but gathered into fresh arrays would be: the arrays past
    // the bound are refused (they die young) and the ones kept are the first ones.
    int length = Recycling.MIN_ELEMENTS;
    try (var scope = Recycling.open()) {
      Tensor[] dead = new Tensor[Recycling.MAX_PER_LENGTH + 1];
      for (int i = 0; i < dead.length; i++) {
        dead[i] = Tensors.ones(Shape.of(length)).neg();
      }
      for (int i = 0; i < Recycling.MAX_PER_LENGTH; i++) {
        assertTrue(scope.recycle(dead[i]), "array " + i);
      }
      assertFalse(scope.recycle(dead[Recycling.MAX_PER_LENGTH]), "one past the bound");
      assertEquals(8L * length * Recycling.MAX_PER_LENGTH, Recycling.pooledBytes());
      assertSame(dead[Recycling.MAX_PER_LENGTH - 1].dataF64(), Recycling.bufferF64(length));
    }
  }

  @Test
  void gathersAndConvertedBytesTakeRecycledArrays() {
    Tensor rows = Tensors.randn(Shape.of(8, Recycling.MIN_ELEMENTS), 3L);
    Tensor index = Tensor.vector(5, 1);
    byte[] pixels = new byte[Recycling.MIN_ELEMENTS];
    try (var scope = Recycling.open()) {
      Tensor gathered = rows.take(0, index);
      double[] array = gathered.dataF64();
      assertTrue(scope.recycle(gathered));
      Tensor again = rows.take(0, index);
      assertSame(array, again.dataF64(), "the gather wrote into the array handed back");
      assertEquals(rows.slice(0, 5, 6).reshape(Recycling.MIN_ELEMENTS),
          again.slice(0, 0, 1).reshape(Recycling.MIN_ELEMENTS));

      Tensor converted = Tensors.fromUnsignedBytes(pixels, 255, DType.FLOAT32,
          Shape.of(pixels.length));
      float[] floats = converted.dataF32();
      assertTrue(scope.recycle(converted));
      pixels[0] = (byte) 255;
      Tensor reconverted = Tensors.fromUnsignedBytes(pixels, 255, DType.FLOAT32,
          Shape.of(pixels.length));
      assertSame(floats, reconverted.dataF32());
      assertEquals(1.0, reconverted.get(0));
      assertEquals(0.0, reconverted.get(1));
    }
  }

  @Test
  void thePoolHoldsExactlyUpToItsBoundAndRefusesWhatOneLengthWouldPushOut() {
    int length = (int) (Recycling.MAX_POOLED_BYTES / 8 / 4);
    try (var scope = Recycling.open()) {
      // Made first: each neg would otherwise take the array recycled just before it.
      Tensor[] dead = new Tensor[5];
      for (int i = 0; i < dead.length; i++) {
        dead[i] = Tensors.ones(Shape.of(length)).neg();
      }
      for (int i = 0; i < 4; i++) {
        assertTrue(scope.recycle(dead[i]), "array " + i + " fits");
        assertEquals(8L * length * (i + 1), Recycling.pooledBytes());
      }
      // Dropping an array that has waited in the pool would make old-generation garbage.
      assertFalse(scope.recycle(dead[4]), "a fifth of the same length is refused");
      assertEquals(Recycling.MAX_POOLED_BYTES, Recycling.pooledBytes(), "four fill it exactly");
      for (int i = 3; i >= 0; i--) {
        assertSame(dead[i].dataF64(), Recycling.bufferF64(length), "newest first: " + i);
      }
      assertEquals(0, Recycling.pooledBytes(), "taking them frees their bytes");
      assertNotSame(dead[4].dataF64(), Recycling.bufferF64(length), "the fifth was not kept");
      assertFalse(scope.recycle(Tensors.ones(Shape.of(4 * length + 1)).neg()),
          "an array larger than the whole pool is refused");
    }
  }

  @Test
  void aFullPoolDropsTheLengthUsedLongestAgo() {
    int length = (int) (Recycling.MAX_POOLED_BYTES / 8 / 4);
    try (var scope = Recycling.open()) {
      Tensor[] dead = new Tensor[5];
      for (int i = 0; i < dead.length; i++) {
        dead[i] = Tensors.ones(Shape.of(i < 2 ? length : length - 1)).neg();
      }
      for (int i = 0; i < 4; i++) {
        assertTrue(scope.recycle(dead[i]));
      }
      assertTrue(scope.recycle(dead[4]), "a full pool makes room for a new array");
      assertEquals(8L * (length - 1) * 3, Recycling.pooledBytes(),
          "both arrays of the length used longest ago went, none of the others");
      assertNotSame(dead[1].dataF64(), Recycling.bufferF64(length));
      assertSame(dead[4].dataF64(), Recycling.bufferF64(length - 1));
    }
  }

  @Test
  void float32ArraysComeBackToFloat32KernelsAtTheLengthBound() {
    int length = Recycling.MIN_ELEMENTS;
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.ones(Shape.of(length), DType.FLOAT32).neg();
      float[] array = dead.dataF32();
      assertTrue(scope.recycle(dead));
      assertEquals(4L * length, Recycling.pooledBytes());
      assertNotSame(array, Recycling.bufferF32(length - 1), "another length is not served");
      assertTrue(Recycling.bufferF64(length).length == length, "nor another type");
      assertSame(array, Recycling.bufferF32(length));
      assertEquals(0, Recycling.pooledBytes());
    }
  }

  @Test
  void aFloat64ArrayOfTheBoundLengthComesBack() {
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.ones(Shape.of(Recycling.MIN_ELEMENTS)).neg();
      double[] array = dead.dataF64();
      assertTrue(scope.recycle(dead));
      assertSame(array, Recycling.bufferF64(Recycling.MIN_ELEMENTS));
    }
  }

  @Test
  void clearingEmptiesThePool() {
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.ones(Shape.of(LENGTH)).neg();
      double[] array = dead.dataF64();
      assertTrue(scope.recycle(dead));
      Recycling.clear();
      assertEquals(0, Recycling.pooledBytes());
      assertNotSame(array, Recycling.bufferF64(LENGTH));
    }
  }

  /**
   * One dead tensor more than the pool keeps lengths, each of its own length from {@link
   * Recycling#MIN_ELEMENTS} up, every one but the last already given back.
   */
  private static Tensor[] everyLengthGivenBack(Recycling.Scope scope) {
    Tensor[] dead = new Tensor[Recycling.MAX_SHELVES + 1];
    for (int i = 0; i < dead.length; i++) {
      dead[i] = Tensors.ones(Shape.of(Recycling.MIN_ELEMENTS + i)).neg();
    }
    for (int i = 0; i < Recycling.MAX_SHELVES; i++) {
      assertTrue(scope.recycle(dead[i]), "length " + dead[i].size());
    }
    return dead;
  }

  /** Each of {@code dead[from..]} comes back to a kernel of its length. */
  private static void assertServed(Tensor[] dead, int from) {
    for (int i = from; i < dead.length; i++) {
      int length = dead[i].size();
      assertSame(dead[i].dataF64(), Recycling.bufferF64(length), "length " + length);
    }
  }

  @Test
  void thePoolKeepsABoundedNumberOfLengthsDroppingTheOneUsedLongestAgo() {
    try (var scope = Recycling.open()) {
      Tensor[] dead = everyLengthGivenBack(scope);
      assertTrue(scope.recycle(dead[Recycling.MAX_SHELVES]), "one length more takes a place");
      assertNotSame(dead[0].dataF64(), Recycling.bufferF64(dead[0].size()), "the first went");
      assertServed(dead, 1);
    }
  }

  @Test
  void aLengthEmptiedByATakeMakesRoomBeforeAnyLengthIsDropped() {
    try (var scope = Recycling.open()) {
      Tensor[] dead = everyLengthGivenBack(scope);
      assertSame(dead[0].dataF64(), Recycling.bufferF64(dead[0].size()));
      assertTrue(scope.recycle(dead[Recycling.MAX_SHELVES]));
      assertServed(dead, 1);
    }
  }

  @Test
  void takingFromALengthCountsAsUsingIt() {
    int quarter = (int) (Recycling.MAX_POOLED_BYTES / 8 / 4);
    try (var scope = Recycling.open()) {
      int[] lengths = {quarter, quarter - 1, quarter - 1, quarter, quarter + 2};
      Tensor[] dead = new Tensor[lengths.length];
      for (int i = 0; i < dead.length; i++) {
        dead[i] = Tensors.ones(Shape.of(lengths[i])).neg();
      }
      for (int i = 0; i < 4; i++) {
        assertTrue(scope.recycle(dead[i]));
      }
      assertSame(dead[2].dataF64(), Recycling.bufferF64(quarter - 1));
      // The quarter-length arrays were given after the last give of quarter − 1, but before the
      // take: they are the ones used longest ago, and go.
      assertTrue(scope.recycle(dead[4]));
      assertEquals(8L * (quarter - 1) + 8L * (quarter + 2), Recycling.pooledBytes());
      assertSame(dead[1].dataF64(), Recycling.bufferF64(quarter - 1));
    }
  }

  @Test
  void anArrayAsLargeAsThePoolIsKept() {
    int whole = (int) (Recycling.MAX_POOLED_BYTES / 8);
    try (var scope = Recycling.open()) {
      Tensor dead = Tensors.ones(Shape.of(whole)).neg();
      assertTrue(scope.recycle(dead));
      assertEquals(Recycling.MAX_POOLED_BYTES, Recycling.pooledBytes());
    }
  }

  @Test
  void aScopeIsOpenOnItsOwnThreadOnlyUntilItCloses() throws InterruptedException {
    assertFalse(Recycling.isScopeOpen());
    try (Recycling.Scope scope = Recycling.open()) {
      assertTrue(Recycling.isScopeOpen());
      boolean[] elsewhere = {true};
      Thread other = new Thread(() -> elsewhere[0] = Recycling.isScopeOpen());
      other.start();
      other.join();
      assertFalse(elsewhere[0]);
    }
    assertFalse(Recycling.isScopeOpen());
  }
}
