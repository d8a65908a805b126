package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A rank-0 tensor's axis 0 or −1 in transpose, squeeze and the four indexing operations, as
 * PyTorch 1.13 takes it (each answer below is torch's for {@code torch.tensor(3.)}), in both
 * types; an index other than 0, and slice and concat of rank 0, refused as PyTorch refuses them.
 * Exact comparisons: every answer is 3, a sum of small whole numbers, or 0, with no rounding.
 */
class RankZeroLayoutTest {
  private static final Tensor ZERO_INDEX = Tensor.scalar(0);
  private static final Tensor ONE_ZERO = Tensor.vector(0);

  @Test
  void transposeAndSqueezeLeaveTheValue() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.scalar(3, dtype);
      // torch: x.transpose(0, -1), x.transpose(0, 0), x.squeeze(0), x.squeeze(-1) are tensor(3.).
      for (int[] axes : new int[][] {{0, -1}, {0, 0}, {-1, -1}, {-1, 0}}) {
        assertEquals(x, x.transpose(axes[0], axes[1]), "transpose " + axes[0] + "," + axes[1]);
      }
      assertEquals(x, x.squeeze(0), "squeeze 0 " + dtype);
      assertEquals(x, x.squeeze(-1), "squeeze -1 " + dtype);
    }
  }

  @Test
  void indexingAtZero() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.scalar(3, dtype);
      for (DType indexType : DType.values()) {
        Tensor zero = ZERO_INDEX.to(indexType);
        Tensor oneZero = ONE_ZERO.to(indexType);
        // torch: index_select(0, tensor([0])) and index_select(0, tensor(0)) are both 0-d.
        assertEquals(x, x.take(0, oneZero), "take [0] " + dtype);
        assertEquals(x, x.take(-1, zero), "take 0 " + dtype);
        // torch: gather's result has the index's shape: tensor(0) -> 0-d, tensor([0, 0]) -> [2].
        assertEquals(x, x.gather(0, zero), "gather 0");
        assertEquals(Tensor.vector(3).to(dtype), x.gather(-1, oneZero), "gather [0]");
        assertEquals(Tensor.vector(3, 3).to(dtype), x.gather(0, Tensor.vector(0, 0)), "gather");
        Tensor base = Tensor.scalar(0, dtype);
        assertEquals(x, base.scatterAdd(0, zero, x), "scatterAdd 0");
        // torch: zeros(()).scatter_add(0, tensor([0, 0]), tensor([1., 2.])) is tensor(3.).
        assertEquals(x, base.scatterAdd(-1, Tensor.vector(0, 0), Tensor.vector(1, 2).to(dtype)));
        assertEquals(x, base.indexAdd(0, oneZero, x), "indexAdd [0]");
        assertEquals(x, base.indexAdd(-1, zero, x), "indexAdd 0");
      }
    }
  }

  /** The adjoint pairs on rank 0: gather's gradient is scatterAdd's, take's is indexAdd's. */
  @Test
  void adjointsKeepRankZero() {
    Tensor g = Tensor.scalar(5);
    Tensor zeros = Tensor.scalar(0);
    assertEquals(Shape.of(), zeros.scatterAdd(0, ZERO_INDEX, g).shape());
    assertEquals(Shape.of(), zeros.indexAdd(0, ONE_ZERO, g.take(0, ONE_ZERO)).shape());
    assertEquals(g, g.gather(0, ZERO_INDEX).take(0, ZERO_INDEX));
  }

  @Test
  void otherIndicesAreRefusedByName() {
    Tensor x = Tensor.scalar(3);
    // torch: index 1 and −1 of a 0-d tensor are index errors in all four.
    for (double bad : new double[] {1, -1, 0.5}) {
      Tensor index = Tensor.scalar(bad);
      Tensor vector = Tensor.vector(bad);
      String tail = " out of range for shape [] (a rank-0 tensor's one element is at index 0"
          + " only)";
      assertRefused("take: index " + bad + tail, () -> x.take(0, vector));
      assertRefused("gather: index " + bad + tail, () -> x.gather(0, index));
      assertRefused("scatterAdd: index " + bad + tail, () -> x.scatterAdd(0, vector, vector));
      assertRefused("indexAdd: index " + bad + tail, () -> x.indexAdd(-1, index, x));
    }
  }

  @Test
  void otherShapesAndAxesAreRefusedByName() {
    Tensor x = Tensor.scalar(3);
    assertRefused("transpose: axis 1 out of range for shape []", () -> x.transpose(0, 1));
    assertRefused("transpose: axis -2 out of range for shape []", () -> x.transpose(-2, 0));
    assertRefused("squeeze: axis 1 out of range for shape []", () -> x.squeeze(1));
    assertRefused("take: axis -2 out of range for shape []", () -> x.take(-2, ZERO_INDEX));
    assertRefused("gather: axis 1 out of range for shape []", () -> x.gather(1, ZERO_INDEX));
    // torch: index_select(0, tensor([0, 0])) of a 0-d tensor read the value once; refused here.
    assertRefused("take: index [2] does not fit a rank-0 tensor, which takes an index of one"
        + " element (shape [] or [1])", () -> x.take(0, Tensor.vector(0, 0)));
    assertRefused("indexAdd: index [1, 1] does not fit a rank-0 tensor, which takes an index of"
        + " one element (shape [] or [1])", () -> x.indexAdd(0, Tensor.of(new double[1], 1, 1),
            x));
    assertRefused("indexAdd: source [1] does not match [] (base [], index [1], axis 0)",
        () -> x.indexAdd(0, ONE_ZERO, ONE_ZERO));
    assertRefused("gather: index [1, 1] (values [1, 1]) does not fit [] along axis 0: rank 0"
        + " or 1 for a rank-0 tensor, no larger outside the axis, values shaped like the index",
        () -> x.gather(0, Tensor.of(new double[1], 1, 1)));
    assertRefused("scatterAdd: index [] (values [1]) does not fit [] along axis 0: rank 0"
        + " or 1 for a rank-0 tensor, no larger outside the axis, values shaped like the index",
        () -> x.scatterAdd(0, ZERO_INDEX, ONE_ZERO));
    // torch refuses narrow and cat of a 0-d tensor too: chainrule's slice and concat still do.
    assertRefused("slice: axis 0 out of range for shape []", () -> x.slice(0, 0, 1));
  }

  private static void assertRefused(String message, Supplier<Tensor> op) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, op::get).getMessage());
  }
}
