package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Tensor#addMatmulInPlace}: β·C + α·op(A)·op(B) into C, against a product and a sum. */
class AddMatmulInPlaceTest {

  @ParameterizedTest
  @EnumSource(Transpose.class)
  void addsTheScaledProductToTheScaledTargetInEitherType(Transpose mode) {
    for (DType type : DType.values()) {
      Tensor a = Tensors.randn(mode.left() ? Shape.of(5, 3) : Shape.of(3, 5), Tensors.seeded(1),
          type);
      Tensor b = Tensors.randn(mode.right() ? Shape.of(4, 5) : Shape.of(5, 4), Tensors.seeded(2),
          type);
      Tensor c = Tensors.randn(Shape.of(3, 4), Tensors.seeded(3), type);
      Tensor expected = c.mul(0.75).add(a.matmul(b, mode).mul(-0.5));
      int version = c.version();

      assertSame(c, c.addMatmulInPlace(-0.5, a, b, mode, 0.75));

      // Five products of order one summed in another order than matmul's and two roundings of
      // the scaling: a few ulps of the type.
      double tolerance = type == DType.FLOAT64 ? 1e-13 : 1e-5;
      for (int i = 0; i < 12; i++) {
        assertEquals(expected.get(i / 4, i % 4), c.get(i / 4, i % 4), tolerance, type + " " + i);
      }
      assertEquals(version + 1, c.version(), "an in-place change is counted");
    }
  }

  @Test
  void betaZeroIgnoresTheTargetsValuesNaNIncluded() {
    Tensor a = Tensor.matrix(new double[][] {{1, 2}});
    Tensor b = Tensor.matrix(new double[][] {{3}, {4}});
    Tensor c = Tensor.matrix(new double[][] {{Double.NaN}});

    c.addMatmulInPlace(2, a, b, Transpose.NONE, 0);

    assertEquals(22, c.item());
  }

  @Test
  void refusesWhatIsNotAMatrixProductIntoTheTarget() {
    Tensor c = Tensors.zeros(Shape.of(2, 2));
    Tensor a = Tensors.ones(Shape.of(2, 3));
    Tensor b = Tensors.ones(Shape.of(3, 2));
    assertMessage("every operand must be a matrix", () ->
        c.addMatmulInPlace(1, Tensors.ones(Shape.of(1, 2, 3)), b, Transpose.NONE, 1));
    assertMessage("shapes do not match", () ->
        c.addMatmulInPlace(1, a, b, Transpose.BOTH, 1));
    assertMessage("shapes do not match", () ->
        Tensors.zeros(Shape.of(3, 3)).addMatmulInPlace(1, a, b, Transpose.NONE, 1));
    assertMessage("float64 += float32 x float64", () ->
        c.addMatmulInPlace(1, a.to(DType.FLOAT32), b, Transpose.NONE, 1));
    Tensor square = Tensors.ones(Shape.of(2, 2));
    assertMessage("the target [2, 2] is also an operand", () ->
        square.addMatmulInPlace(1, square, c, Transpose.NONE, 1));
    assertEquals(0, c.sum().item(), "a refused call changes nothing");
  }

  private static void assertMessage(String part, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith("addMatmulInPlace: ") && e.getMessage().contains(part),
        e.getMessage());
  }
}
