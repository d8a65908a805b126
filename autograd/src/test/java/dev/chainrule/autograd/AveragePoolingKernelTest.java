package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * The kernels avgPool2d keeps between calls ({@link AveragePooling#kernel}), one tensor per type,
 * uniformity and size, and its refusals, whose messages are now formatted only when it refuses.
 */
class AveragePoolingKernelTest {
  /** The kernel a pooling's graph holds: its one leaf that needs no gradient and has kh×kw. */
  private static Tensor kernelIn(Variable pooled, int kh, int kw) {
    Deque<Variable> open = new ArrayDeque<>();
    open.push(pooled);
    while (!open.isEmpty()) {
      Variable v = open.pop();
      if (v.isLeaf() && !v.requiresGrad() && v.shape().equals(Shape.of(1, 1, kh, kw))) {
        return v.value();
      }
      v.inputs().forEach(open::push);
    }
    return null;
  }

  /**
   * A caller walking the graph reaches the kept kernel and may change it in place: the next
   * pooling must not read the changed values (a mean of ones is 1, not 100). Kept kernels stay
   * under Recycling's smallest tracked array, so no scope can hand one back for reuse either.
   */
  @Test
  void aKernelChangedInPlaceIsNotUsedAgain() {
    assertTrue(AveragePooling.KEPT_SIDE * AveragePooling.KEPT_SIDE < Recycling.MIN_ELEMENTS);
    for (DType type : DType.values()) {
      Variable x = Variable.parameter(Tensors.ones(Shape.of(1, 1, 4, 4), type));
      Variable first = x.avgPool2d(Pool2dOptions.of(2));
      Tensor kernel = kernelIn(first, 2, 2);
      assertNotNull(kernel, "the pooling's graph holds its kernel");
      kernel.scaleInPlace(100);
      Tensor again = x.avgPool2d(Pool2dOptions.of(2)).value();
      assertEquals(Tensors.ones(Shape.of(1, 1, 2, 2), type), again, type.toString());
      Tensor replacement = kernelIn(x.avgPool2d(Pool2dOptions.of(2)), 2, 2);
      assertTrue(replacement != kernel, type.toString());
      // Kept in its turn: this test always builds one, whatever other tests filled the slots.
      assertSame(replacement, kernelIn(x.avgPool2d(Pool2dOptions.of(2)), 2, 2), type + " kept");
    }
  }

  /**
   * Uniform windows keep 1 / (kh·kw), others (padding not counted) kernels of ones divided after;
   * the same size alternating between them and the types must never pick the other's kernel.
   * Means of ones are exactly 1 either way (0.25 · 4, and 2 / 2 or 4 / 4 in binary).
   */
  @Test
  void keptKernelsAreTheirTypesAndWindowsOwn() {
    Pool2dOptions uniform = Pool2dOptions.of(2);
    Pool2dOptions uncounted = Pool2dOptions.builder(2).padding(1).countIncludePad(false).build();
    for (int round = 0; round < 2; round++) {
      for (DType type : DType.values()) {
        for (Pool2dOptions o : new Pool2dOptions[] {uncounted, uniform}) {
          Variable x = Variable.constant(Tensors.ones(Shape.of(2, 3, 4, 4), type));
          Tensor y = x.avgPool2d(o).value();
          assertEquals(type, y.dtype());
          assertEquals(Tensors.ones(y.shape(), type), y, type + " " + o);
        }
      }
    }
  }

  /**
   * Default options count every tap of every window, so the kernel itself holds 1 / (kh·kw) and
   * no division follows; a kernel of ones would mean the pooling took the path for windows of
   * different counts, whose values agree but cost a division per output.
   */
  @Test
  void uniformWindowsScaleInTheKernel() {
    Variable x = Variable.parameter(Tensors.ones(Shape.of(1, 1, 6, 6)));
    Tensor kernel = kernelIn(x.avgPool2d(Pool2dOptions.of(3)), 3, 3);
    assertNotNull(kernel, "the pooling's graph holds its kernel");
    assertEquals(Tensors.full(Shape.of(1, 1, 3, 3), 1.0 / 9, DType.FLOAT64), kernel);
  }

  /**
   * Kernels up to {@link AveragePooling#KEPT_SIDE} on each side are one tensor per call; a longer
   * side is built afresh (its slot would belong to another size), right after every kept slot
   * has been filled.
   */
  @Test
  void onlyKernelsUpToTheKeptSideAreKept() {
    int side = AveragePooling.KEPT_SIDE;
    for (DType type : DType.values()) {
      for (boolean uniform : new boolean[] {true, false}) {
        for (int kh = 1; kh <= side; kh++) {
          for (int kw = 1; kw <= side; kw++) {
            assertSame(AveragePooling.kernel(kh, kw, uniform, type),
                AveragePooling.kernel(kh, kw, uniform, type), type + " " + kh + "×" + kw);
          }
        }
      }
    }
    for (DType type : DType.values()) {
      for (int[] k : new int[][] {{side + 1, 1}, {1, side + 1}, {side + 1, side + 1}}) {
        Tensor first = AveragePooling.kernel(k[0], k[1], true, type);
        assertEquals(Tensors.full(Shape.of(1, 1, k[0], k[1]), 1.0 / (k[0] * k[1]), type), first);
        Tensor ones = AveragePooling.kernel(k[0], k[1], false, type);
        assertEquals(Tensors.full(Shape.of(1, 1, k[0], k[1]), 1, type), ones);
        assertNotSame(first, AveragePooling.kernel(k[0], k[1], true, type), "not kept");
      }
    }
  }

  /** The refusal whose arguments were evaluated on every call, word for word as before. */
  @Test
  void anArrayTooLongIsRefusedAsBefore() {
    Variable x = Variable.constant(Tensors.zeros(1, 1, 16385, 1));
    Pool2dOptions o = Pool2dOptions.builder(1, 65536).padding(0, 32768).stride(1).build();
    assertEquals("avgPool2d: input [1, 1, 16385, 1]: a 1×65536 kernel (stride 1, padding (0,"
            + " 32768), dilation 1) pooled as convolutions needs an array of 2147614720 elements,"
            + " more than a Java array holds (2147483645)",
        assertThrows(IllegalArgumentException.class, () -> x.avgPool2d(o)).getMessage());
  }
}
