package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plans {@link SwapPlan#of} makes for the permutes its class names (a copy, a transpose of a
 * matrix, of the last two axes, of the first two of rank 3, with axes of size 1 anywhere), the
 * null it gives every other permute, and every permute of every shape of rank 0 to 5 with sizes
 * 1 to 3 (1 and 2 at rank 5) against the element-by-element definition (the swap kernel and the
 * general path alike).
 */
class SwapPlanTest {
  @Test
  void noElementMovesIsACopy() {
    assertSame(SwapPlan.COPY, SwapPlan.of(new int[] {3, 4}, new int[] {0, 1}));
    // Axes of size 1 move nothing: [3, 1, 4] to [1, 3, 4] is the same layout.
    assertSame(SwapPlan.COPY, SwapPlan.of(new int[] {3, 1, 4}, new int[] {1, 0, 2}));
  }

  @Test
  void twoNeighbouringBlocksExchangedAreOneSwap() {
    assertEquals(new SwapPlan(1, 3, 4, 1), SwapPlan.of(new int[] {3, 4}, new int[] {1, 0}));
    assertEquals(new SwapPlan(2, 3, 4, 1), SwapPlan.of(new int[] {2, 3, 4}, new int[] {0, 2, 1}));
    assertEquals(new SwapPlan(1, 2, 3, 4), SwapPlan.of(new int[] {2, 3, 4}, new int[] {1, 0, 2}));
    assertEquals(new SwapPlan(2, 3, 4, 5),
        SwapPlan.of(new int[] {2, 3, 4, 5}, new int[] {0, 2, 1, 3}));
    // Axes that stay neighbours in order form one block: [0, 1] and [2, 3] here.
    assertEquals(new SwapPlan(1, 6, 20, 1),
        SwapPlan.of(new int[] {2, 3, 4, 5}, new int[] {2, 3, 0, 1}));
    assertEquals(new SwapPlan(1, 6, 4, 1), SwapPlan.of(new int[] {2, 3, 4}, new int[] {2, 0, 1}));
    // Blocks [0], [3], [1, 2]: the last two exchanged behind a batch of 2.
    assertEquals(new SwapPlan(2, 12, 5, 1),
        SwapPlan.of(new int[] {2, 3, 4, 5}, new int[] {0, 3, 1, 2}));
  }

  @Test
  void axesOfSizeOneNeitherSplitNorJoinBlocks() {
    // Axis 1 dropped: axes 2 and 0 exchanged.
    assertEquals(new SwapPlan(1, 3, 4, 1), SwapPlan.of(new int[] {3, 1, 4}, new int[] {2, 1, 0}));
    // Axes 0 and 2 still follow each other across axis 1 of size 1: one block of 6.
    assertEquals(new SwapPlan(1, 6, 4, 1),
        SwapPlan.of(new int[] {2, 1, 3, 4}, new int[] {3, 0, 1, 2}));
    // Axes 2 and 3, neighbours, stay one block of 12 after axis 1 of size 1 is dropped.
    assertEquals(new SwapPlan(1, 2, 12, 1),
        SwapPlan.of(new int[] {2, 1, 3, 4}, new int[] {2, 3, 0, 1}));
  }

  @Test
  void otherPermutesHaveNoPlan() {
    // Blocks [2], [1], [0]: two exchanges.
    assertNull(SwapPlan.of(new int[] {2, 3, 4}, new int[] {2, 1, 0}));
    // Blocks [1], [3], [0], [2]: one descent, but [1] and [0] are not neighbours around it.
    assertNull(SwapPlan.of(new int[] {2, 3, 4, 5}, new int[] {1, 3, 0, 2}));
    // Blocks [2], [0], [3], [1]: two exchanges.
    assertNull(SwapPlan.of(new int[] {2, 3, 4, 5}, new int[] {2, 0, 3, 1}));
  }

  /** Exact: a permute only moves values. */
  @Test
  void everyPermuteOfSmallShapesMovesEachElementWhereTheDefinitionDoes() {
    for (int rank = 0; rank <= 5; rank++) {
      // Rank 5 with sizes 1 and 2 only: 7,680 permutes rather than 58,320.
      for (int[] dims : shapes(rank, rank < 5 ? 3 : 2)) {
        Tensor x = Tensors.arange(Arrays.stream(dims).reduce(1, (a, b) -> a * b)).reshape(dims);
        for (int[] axes : permutations(rank)) {
          check(x, axes);
          check(x.to(DType.FLOAT32), axes);
        }
      }
    }
  }

  private static void check(Tensor x, int[] axes) {
    Tensor y = x.permute(axes);
    int rank = axes.length;
    int[] at = new int[rank];
    int[] from = new int[rank];
    for (int flat = 0; flat < y.size(); flat++) {
      for (int i = rank - 1, rest = flat; i >= 0; i--) {
        at[i] = rest % y.dim(i);
        rest /= y.dim(i);
      }
      for (int i = 0; i < rank; i++) {
        from[axes[i]] = at[i];
      }
      assertEquals(x.get(from), y.get(at), 0.0,
          x.shape() + " permuted " + Arrays.toString(axes) + " at " + Arrays.toString(at));
    }
  }

  private static List<int[]> shapes(int rank, int largest) {
    List<int[]> shapes = new ArrayList<>();
    int count = (int) Math.pow(largest, rank);
    for (int code = 0; code < count; code++) {
      int[] dims = new int[rank];
      for (int i = 0, rest = code; i < rank; i++, rest /= largest) {
        dims[i] = 1 + rest % largest;
      }
      shapes.add(dims);
    }
    return shapes;
  }

  private static List<int[]> permutations(int rank) {
    List<int[]> all = new ArrayList<>();
    permute(new int[rank], new boolean[rank], 0, all);
    return all;
  }

  private static void permute(int[] axes, boolean[] used, int next, List<int[]> all) {
    if (next == axes.length) {
      all.add(axes.clone());
      return;
    }
    for (int a = 0; a < axes.length; a++) {
      if (!used[a]) {
        used[a] = true;
        axes[next] = a;
        permute(axes, used, next + 1, all);
        used[a] = false;
      }
    }
  }
}
