package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DTypeTest {
  private static final Tensor F64 = Tensor.vector(0.1, -2.5, 3);
  private static final Tensor F32 = F64.to(DType.FLOAT32);

  @Test
  void factoriesMakeFloat64UnlessToldOtherwise() {
    assertEquals(DType.FLOAT64, Tensor.vector(1, 2).dtype());
    assertEquals(DType.FLOAT64, Tensors.zeros(2, 3).dtype());
    assertEquals(DType.FLOAT64, Tensors.randn(Shape.of(2), 1L).dtype());
    assertEquals(DType.FLOAT32, Tensor.of(new float[] {1, 2}, 2).dtype());
    assertEquals(DType.FLOAT32, Tensors.zeros(Shape.of(2), DType.FLOAT32).dtype());
    assertEquals(DType.FLOAT32, Tensors.ones(Shape.of(2), DType.FLOAT32).dtype());
    assertEquals(DType.FLOAT32, Tensors.full(Shape.of(2), 7, DType.FLOAT32).dtype());
    assertEquals(DType.FLOAT32, Tensor.scalar(2, DType.FLOAT32).dtype());
  }

  /**
   * Every factory of values has a form that takes a type, giving the float64 values rounded once
   * to it (the random ones the same draws), so a float32 program never converts by hand.
   */
  @Test
  void everyFactoryTakesATypeAndRoundsTheFloat64ValuesOnce() {
    DType f32 = DType.FLOAT32;
    Shape shape = Shape.of(4, 3);
    List<Tensor[]> pairs = List.of(
        new Tensor[] {Tensors.arange(0.5, 3, 0.1), Tensors.arange(0.5, 3, 0.1, f32)},
        new Tensor[] {Tensors.linspace(-1, 1, 7), Tensors.linspace(-1, 1, 7, f32)},
        new Tensor[] {Tensors.eye(3), Tensors.eye(3, f32)},
        new Tensor[] {Tensors.oneHot(Tensor.vector(2, 0, 1), 3),
            Tensors.oneHot(Tensor.vector(2, 0, 1), 3, f32)},
        new Tensor[] {Tensors.rand(shape, 5L), Tensors.rand(shape, 5L, f32)},
        new Tensor[] {Tensors.randn(shape, 5L), Tensors.randn(shape, 5L, f32)},
        new Tensor[] {Tensors.uniform(shape, -2, 3, 5L), Tensors.uniform(shape, -2, 3, 5L, f32)},
        new Tensor[] {Tensors.normal(shape, 1, 2, 5L), Tensors.normal(shape, 1, 2, 5L, f32)});
    for (Tensor[] pair : pairs) {
      assertEquals(f32, pair[1].dtype());
      assertEquals(pair[0].to(f32), pair[1], "bit for bit the float64 values rounded");
    }
    assertEquals("oneHot: class 3.0 at [0] out of range for 3 classes (valid: whole numbers 0"
        + " to 2)",
        assertThrows(IllegalArgumentException.class,
            () -> Tensors.oneHot(Tensor.vector(3), 3, f32)).getMessage());
  }

  @Test
  void likeFactoriesKeepTheOperandsTypeAndShape() {
    assertEquals(Tensors.zeros(Shape.of(3), DType.FLOAT32), Tensors.zerosLike(F32));
    assertEquals(Tensors.ones(Shape.of(3), DType.FLOAT32), Tensors.onesLike(F32));
    assertEquals(Tensors.full(Shape.of(3), 4.5), Tensors.fullLike(F64, 4.5));
  }

  @Test
  void randomFloat32TensorsAreTheFloat64OnesRounded() {
    assertEquals(Tensors.randn(Shape.of(50), Tensors.seeded(3)).to(DType.FLOAT32),
        Tensors.randn(Shape.of(50), Tensors.seeded(3), DType.FLOAT32));
    assertEquals(Tensors.uniform(Shape.of(50), -1, 1, Tensors.seeded(4)).to(DType.FLOAT32),
        Tensors.uniform(Shape.of(50), -1, 1, Tensors.seeded(4), DType.FLOAT32));
  }

  @Test
  void conversionRoundsToFloatAndWidensExactly() {
    assertArrayEquals(new float[] {0.1f, -2.5f, 3f}, F32.toFloatArray());
    assertArrayEquals(new double[] {0.1f, -2.5, 3}, F32.toArray());
    assertEquals(F32, F32.to(DType.FLOAT64).to(DType.FLOAT32), "float32 → float64 → float32");
    assertSame(F64, F64.to(DType.FLOAT64), "a tensor of the type already is itself");
  }

  @Test
  void twoTypesComputeInTheWiderOneAndScalarsDoNotPromote() {
    assertEquals(DType.FLOAT64, F32.add(F64).dtype());
    assertEquals(DType.FLOAT64, F64.mul(F32).dtype());
    assertEquals(DType.FLOAT32, F32.mul(0.5).dtype());
    assertEquals(DType.FLOAT32, F32.add(1e300).dtype(), "even a scalar float32 cannot hold");
    assertEquals(DType.FLOAT32, F32.gt(0).dtype(), "masks take the operand's type");
    assertEquals(DType.FLOAT32, F32.argmax(0, false).dtype());
    assertEquals(DType.FLOAT64, F32.concat(0, F64).dtype());
    assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT32, DType.FLOAT64));
    assertEquals(DType.FLOAT32, DType.promote(DType.FLOAT32, DType.FLOAT32));
  }

  /** PyTorch's rule (NumPy's before 2.0): a rank-0 tensor widens only another rank-0 tensor. */
  @Test
  void aRankZeroTensorDoesNotWidenOneWithDimensions() {
    Tensor eps = Tensor.scalar(0.5);
    assertEquals(DType.FLOAT32, F32.mul(eps).dtype());
    assertEquals(DType.FLOAT32, eps.sub(F32).dtype(), "on either side");
    assertEquals(F32.mul(0.5), F32.mul(eps), "as the Java double does");
    assertEquals(DType.FLOAT32, Tensor.where(F32.gt(0), F32, eps).dtype());
    assertEquals(DType.FLOAT64, Tensor.scalar(1, DType.FLOAT32).add(eps).dtype(),
        "two scalars: the wider");
    assertEquals(DType.FLOAT64, F32.add(F64).dtype(), "two tensors with dimensions: the wider");
  }

  @Test
  void inPlaceUpdatesKeepTheTargetsType() {
    Tensor target = F32.copy();
    target.addInPlace(F64).axpyInPlace(2, F64).assignInPlace(F64.mul(2));
    assertEquals(DType.FLOAT32, target.dtype());
    assertEquals(F64.mul(2).to(DType.FLOAT32), target);
  }

  @Test
  void equalityNeedsTheSameType() {
    Tensor ones = Tensors.ones(3);
    assertNotEquals(ones, ones.to(DType.FLOAT32), "1.0 and 1.0f differ in type");
    assertEquals(ones.to(DType.FLOAT32), Tensors.ones(Shape.of(3), DType.FLOAT32));
  }

  @Test
  void textNamesTheTypeThatIsNotTheDefault() {
    assertEquals("tensor([ 0.1, -2.5,    3])", F64.toString());
    assertEquals("tensor([ 0.1, -2.5,    3], dtype=float32)", F32.toString());
  }

  @Test
  void typesParseFromTheirNames() {
    assertEquals(DType.FLOAT32, DType.parse("float32"));
    assertEquals(DType.FLOAT64, DType.parse("Float64"));
    assertEquals(DType.FLOAT32, DType.parse("F32"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DType.parse("half"));
    assertEquals("dtype: unknown type 'half' (expected float32 or float64)", e.getMessage());
  }

  @Test
  void theFusedAdamStepRefusesMixedTypesNamingThem() {
    Tensor value = Tensors.zeros(Shape.of(2), DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FusedUpdates.adam(value, Tensors.zeros(2), Tensors.zeros(2), Tensors.zeros(2),
            0.9, 0.999, -1e-3, 1, 1e-8));
    assertEquals("adam: types float32 and float64 differ", e.getMessage());
  }

  /**
   * A storage converted to its own type is itself (no copy: a tensor's data may be shared), to
   * the other a new storage of the values rounded; its string names the type and the values.
   */
  @Test
  void storagesConvertAndPrintByType() {
    Storage wide = new Storage.F64(new double[] {1.5, 0.1});
    Storage narrow = new Storage.F32(new float[] {1.5f, 0.1f});
    assertSame(wide, wide.to(DType.FLOAT64));
    assertSame(narrow, narrow.to(DType.FLOAT32));
    assertEquals(narrow, wide.to(DType.FLOAT32));
    assertEquals(new Storage.F64(new double[] {1.5, 0.1f}), narrow.to(DType.FLOAT64));
    assertEquals("F64[1.5, 0.1]", wide.toString());
    assertEquals("F32[1.5, 0.1]", narrow.toString());
  }
}
