package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * triu and tril against their definition, element (i, j) of each matrix kept where j − i is on
 * the kept side of the diagonal. Exact: the kept elements are copied, the rest are 0.
 */
class TrianglesTest {

  @Provide
  Arbitrary<Shape> matrixShapes() {
    // Dimensions from 0: empty matrices and empty batches are shapes a mask is built for too.
    return Arbitraries.integers().between(0, 5).list().ofMinSize(2).ofMaxSize(4)
        .map(dims -> Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
  }

  @Provide
  Arbitrary<Integer> diagonals() {
    return Arbitraries.oneOf(Arbitraries.integers().between(-7, 7),
        Arbitraries.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1,
            Integer.MAX_VALUE));
  }

  @Property
  void bothTrianglesFollowTheirDefinition(@ForAll("matrixShapes") Shape shape,
      @ForAll("diagonals") int diagonal, @ForAll boolean float32) {
    Tensor x = Tensors.arange(shape.size()).add(1).reshape(shape.dims())
        .to(float32 ? DType.FLOAT32 : DType.FLOAT64);
    Tensor upper = x.triu(diagonal);
    Tensor lower = x.tril(diagonal);
    assertEquals(x.shape(), upper.shape());
    assertEquals(x.dtype(), upper.dtype());
    assertEquals(x.dtype(), lower.dtype());
    int columns = shape.dim(-1);
    int rows = shape.dim(-2);
    for (int k = 0; k < shape.size(); k++) {
      long j = k % columns;
      long i = (k / columns) % rows;
      double value = x.toArray()[k];
      assertEquals(j - i >= diagonal ? value : 0, upper.toArray()[k], "triu at " + k);
      assertEquals(j - i <= diagonal ? value : 0, lower.toArray()[k], "tril at " + k);
    }
  }

  /** torch.triu(torch.arange(1., 10.).reshape(3, 3), 1) and torch.tril(…, -1). */
  @Test
  void matchesPyTorchOnAThreeByThree() {
    Tensor x = Tensors.arange(9).add(1).reshape(3, 3);
    assertEquals(Tensor.matrix(new double[][] {{0, 2, 3}, {0, 0, 6}, {0, 0, 0}}), x.triu(1));
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 0}, {4, 0, 0}, {7, 8, 0}}), x.tril(-1));
    assertEquals(Tensor.matrix(new double[][] {{1, 2, 3}, {0, 5, 6}, {0, 0, 9}}), x.triu());
    assertEquals(Tensor.matrix(new double[][] {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}),
        Tensors.ones(3, 3).tril());
  }

  /** A selection, not a product with a mask: PyTorch's triu of ∞ and NaN gives 0 below. */
  @Test
  void infinitiesAndNaNOutsideTheTriangleGiveZero() {
    Tensor x = Tensor.matrix(new double[][] {
        {1, Double.NaN}, {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}});
    assertEquals(Tensor.matrix(new double[][] {{1, Double.NaN}, {0, Double.NEGATIVE_INFINITY}}),
        x.triu());
    assertEquals(Tensor.matrix(new double[][] {
        {1, 0}, {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}}), x.tril());
    assertEquals(Tensor.matrix(new double[][] {{0, 0}, {Double.POSITIVE_INFINITY, 0}}),
        x.tril(-1));
  }

  @Test
  void aTensorOfRankBelowTwoIsRefusedByName() {
    for (String op : List.of("triu", "tril")) {
      for (Tensor x : List.of(Tensor.scalar(1), Tensor.vector(1, 2, 3))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> {
              Tensor unused = op.equals("triu") ? x.triu() : x.tril();
            });
        assertEquals(op + ": needs a tensor of at least 2 dimensions (its last two are the"
            + " matrix), got shape " + x.shape(), e.getMessage());
      }
    }
  }
}
