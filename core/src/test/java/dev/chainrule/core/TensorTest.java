package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void creationAndAccess() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(Shape.of(2, 3), x.shape());
    assertEquals(DType.FLOAT64, x.dtype());
    assertEquals(6, x.get(1, 2));
    assertEquals(3, x.dim(-1));
    assertEquals(7.5, Tensor.scalar(7.5).item());
    assertEquals(0, Tensor.scalar(1).rank());
    assertEquals(1, Tensor.scalar(1).size());
    double[] copy = x.toArray();
    copy[0] = 100;
    assertEquals(1, x.get(0, 0), "toArray hands out a copy");
    assertEquals(Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}), x);
  }

  @Test
  void factories() {
    assertEquals(Tensor.vector(0, 1, 2), Tensors.arange(3));
    assertEquals(Tensor.vector(1, 1.5, 2, 2.5), Tensors.arange(1, 3, 0.5));
    assertEquals(Tensor.vector(3, 2), Tensors.arange(3, 1, -1));
    assertEquals(Tensor.vector(0, 0.25, 0.5, 0.75, 1), Tensors.linspace(0, 1, 5));
    assertEquals(Tensor.matrix(new double[][] {{1, 0}, {0, 1}}), Tensors.eye(2));
    assertEquals(Tensor.of(new double[] {7, 7}, 2, 1), Tensors.full(Shape.of(2, 1), 7));
    assertEquals(Tensor.matrix(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}),
        Tensors.oneHot(new int[] {1, 2, 0}, 3));
    assertEquals(Shape.of(2, 2, 4), Tensors.oneHot(Tensors.zeros(2, 2), 4).shape());
  }

  @Test
  void randomFactoriesAreReproducibleAndInRange() {
    Shape shape = Shape.of(100, 10);
    assertEquals(Tensors.randn(shape, 42L), Tensors.randn(shape, 42L));
    assertNotEquals(Tensors.randn(shape, 42L), Tensors.randn(shape, 43L));
    Tensor u = Tensors.uniform(shape, -2, 3, 7L);
    assertTrue(u.min().item() >= -2 && u.max().item() < 3);
    Tensor n = Tensors.normal(shape, 5, 2, 7L);
    // 1,000 samples: the sample mean's standard error is 2/√1000 ≈ 0.063; 0.3 is almost 5 of them.
    assertEquals(5, n.mean().item(), 0.3);
    // The sample standard deviation of 1,000 normals is within 10% of σ with overwhelming odds.
    assertEquals(2, Math.sqrt(n.variance().item()), 0.2);
  }

  @Test
  void elementwiseMath() {
    Tensor x = Tensor.vector(-2, -0.5, 0, 0.5, 2);
    assertEquals(Tensor.vector(0, 0, 0, 0.5, 2), x.relu());
    assertEquals(Tensor.vector(-1, -1, 0, 1, 1), x.sign());
    assertEquals(Tensor.vector(-1, -0.5, 0, 0.5, 1), x.clamp(-1, 1));
    assertEquals(Tensor.vector(4, 0.25, 0, 0.25, 4), x.square());
    assertEquals(Tensor.vector(0, 0, 0, 1, 1), x.gt(0));
    assertEquals(Tensor.vector(1, 1, 1, 0, 0), x.le(Tensor.scalar(0)));
    assertEquals(Tensor.vector(8, 9), Tensor.vector(2, 3).pow(Tensor.vector(3, 2)));
    assertEquals(Tensor.vector(1e-20, 1e-20 / 2 - 1e-40 / 8),
        Tensor.vector(1e-20, 5e-21).log1p().map(v -> v), "log1p is accurate near 0");
  }

  /**
   * sin and cos in both types: SinCos's kernel, within 2 ulps of Math's (SinCosTest), gives Math's
   * very values on these points, and float32 evaluates in double and rounds once, as {@code map}
   * does, so here the two agree exactly.
   */
  @Test
  void sineAndCosineAreMathsInBothTypes() {
    Tensor x = Tensor.vector(-3, -0.5, 0, 1e-20, 2, 100, Math.PI);
    assertEquals(x.map(Math::sin), x.sin());
    assertEquals(x.map(Math::cos), x.cos());
    Tensor x32 = x.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, x32.sin().dtype());
    assertEquals(x32.map(Math::sin), x32.sin());
    assertEquals(x32.map(Math::cos), x32.cos());
    assertEquals(1e-20, x.sin().get(3), 0.0, "sin x = x to the last bit near 0");
  }

  @Test
  void sigmoidIsStableForLargeInputs() {
    Tensor s = Tensor.vector(-1000, -40, 0, 40, 1000).sigmoid();
    assertEquals(0, s.get(0));
    // Two ulps of 4.2e-18 (7.7e-34 each): the expected side rounds exp, a sum and a division,
    // which sigmoid need not round the same way (measured one ulp apart).
    double expected = Math.exp(-40) / (1 + Math.exp(-40));
    assertEquals(expected, s.get(1), 2 * Math.ulp(expected));
    assertEquals(0.5, s.get(2));
    assertEquals(1, s.get(4));
    assertFalse(Double.isNaN(s.sum().item()));
  }

  @Test
  void logSumExpIsFiniteAtTenThousand() {
    Tensor big = Tensor.vector(1e4, 1e4);
    // Exact: the stable form m + log Σ e^(x−m) is here m + log(e⁰ + e⁰), the expected values'
    // operations (an ulp of 1e4 is 1.8e-12, so even one would be a change of formula).
    assertEquals(1e4 + Math.log(2), big.logSumExp().item());
    assertEquals(-1e4 + Math.log(2), big.neg().logSumExp().item());
    assertEquals(Double.NEGATIVE_INFINITY,
        Tensor.vector(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY).logSumExp().item());
  }

  @Test
  void nanAndInfinityAreValues() {
    Tensor x = Tensor.vector(1, Double.NaN, Double.POSITIVE_INFINITY);
    assertTrue(Double.isNaN(x.sum().item()));
    assertTrue(Double.isNaN(x.max().item()), "a NaN is never hidden by max");
    assertEquals(1, x.argmax(), "argmax points at the NaN, as NumPy's does");
    assertTrue(Double.isNaN(x.relu().get(1)));
    assertEquals(Double.POSITIVE_INFINITY, x.get(2));
    assertEquals(Tensor.vector(0, 1, 0), x.ne(x), "NaN differs from itself");
  }

  @Test
  void reductionsWithKeepDims() {
    Tensor x = Tensor.matrix(new double[][] {{1, 5, 3}, {4, 2, 6}});
    assertEquals(Tensor.of(new double[] {9, 12}, 2, 1), x.sum(1, true));
    assertEquals(Tensor.vector(2.5, 3.5, 4.5), x.mean(0, false));
    assertEquals(Tensor.vector(1, 2), x.argmax(1, false));
    assertEquals(Tensor.vector(0, 1, 0), x.argmin(0, false));
    assertEquals(5, x.argmax());
    assertEquals(Tensor.scalar(21), x.sum(new int[] {0, 1}, false));
    assertEquals(x, x.sum(new int[] {}, false), "no axes: nothing is reduced, as in NumPy");
    assertTrue(Tensor.vector(8.0 / 3, 8.0 / 3).allClose(x.variance(1, false), 1e-15, 0));
  }

  @Test
  void indexing() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(Tensor.of(new double[] {2, 6}, 2, 1),
        x.gather(1, Tensor.of(new double[] {1, 2}, 2, 1)));
    assertEquals(Tensor.matrix(new double[][] {{3, 1, 3}, {6, 4, 6}}),
        x.take(1, Tensor.vector(2, 0, 2)));
    assertEquals(Tensor.matrix(new double[][] {{0, 10, 0}, {0, 0, 20}}),
        Tensors.zeros(2, 3).scatterAdd(1, Tensor.of(new double[] {1, 2}, 2, 1),
            Tensor.of(new double[] {10, 20}, 2, 1)));
    assertEquals(Tensor.matrix(new double[][] {{2, 0, 1}, {2, 0, 1}}),
        Tensors.zeros(2, 3).indexAdd(1, Tensor.vector(2, 0, 0), Tensors.ones(2, 3)));
  }

  @Test
  void negativeIndicesCountFromTheEndAsInNumPy() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(x.take(1, Tensor.vector(2, 0)), x.take(1, Tensor.vector(-1, -3)));
    assertEquals(x.take(0, Tensor.vector(1)), x.take(-2, Tensor.vector(-1)));
    Tensor last = Tensor.of(new double[] {2, 2}, 2, 1);
    assertEquals(x.gather(1, last), x.gather(-1, last.sub(3)));
    assertEquals(Tensors.zeros(2, 3).scatterAdd(1, last, Tensors.ones(2, 1)),
        Tensors.zeros(2, 3).scatterAdd(1, last.sub(3), Tensors.ones(2, 1)));
    assertEquals(Tensors.zeros(2, 3).indexAdd(1, Tensor.vector(2), Tensors.ones(2, 1)),
        Tensors.zeros(2, 3).indexAdd(1, Tensor.vector(-1), Tensors.ones(2, 1)));
    assertEquals(6.0, x.get(-1, -1));
    assertEquals(2.0, x.get(0, -2));
  }

  @Test
  void shapesAreAcceptedAsIntsOrShapes() {
    Tensor row = Tensor.vector(1, 2, 3);
    assertEquals(row.broadcastTo(Shape.of(2, 3)), row.broadcastTo(2, 3));
    Tensor block = Tensors.ones(2, 3);
    assertEquals(block.sumTo(Shape.of(3)), block.sumTo(3));
    assertEquals(block.reshape(3, 2), block.reshape(Shape.of(3, 2)));
  }

  @Test
  void unbiasedVarianceDividesByNMinusOne() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2, 3, 4}, {2, 2, 2, 2}});
    // Row 0: deviations ±1.5, ±0.5, squares sum to 5; population 5/4, unbiased 5/3.
    assertEquals(Tensor.vector(1.25, 0), x.variance(1, false));
    assertTrue(Tensor.vector(5.0 / 3, 0).allClose(x.variance(1, false, true), 1e-15, 0));
    assertTrue(Tensor.of(new double[] {5.0 / 3, 0}, 2, 1)
        .allClose(x.variance(new int[] {-1}, true, true), 1e-15, 0));
    assertEquals(x.variance(), x.variance(new int[] {0, 1}, false, false));
  }

  @Test
  void denseTakesAWeightStoredAsPyTorchDoes() {
    Tensor x = Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor weight = Tensor.matrix(new double[][] {{1, 0}, {1, 1}, {0, 2}});  // [out 3, in 2]
    Tensor bias = Tensor.vector(10, 20, 30);
    Tensor expected = Tensor.matrix(new double[][] {{11, 23, 34}, {13, 27, 38}, {15, 31, 42}});
    assertEquals(expected, x.dense(weight, Transpose.RIGHT, bias));
    assertEquals(x.matmul(weight, Transpose.RIGHT).add(bias),
        x.dense(weight, Transpose.RIGHT, bias));
  }

  @Test
  void inPlaceKernelsMutateOnlyTheTarget() {
    Tensor target = Tensors.ones(2, 2);
    Tensor step = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
    target.axpyInPlace(-0.5, step).scaleInPlace(2).addInPlace(step);
    assertEquals(Tensor.matrix(new double[][] {{2, 2}, {2, 2}}), target);
    assertEquals(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), step);
    Tensor derived = target.reshape(4);
    target.scaleInPlace(10);
    assertEquals(Tensor.vector(2, 2, 2, 2), derived, "no operation returns a view");
    assertEquals(step, target.assignInPlace(step));
  }

  @Test
  void equalityAndCloseness() {
    Tensor a = Tensor.vector(1, 2, Double.NaN);
    assertEquals(a, Tensor.vector(1, 2, Double.NaN));
    assertEquals(a.hashCode(), Tensor.vector(1, 2, Double.NaN).hashCode());
    assertNotEquals(Tensor.vector(1, 2), Tensor.of(new double[] {1, 2}, 1, 2));
    // As equals' Javadoc says: not bitwise for NaN (any payload or sign equals any other NaN),
    // bitwise for the zeros.
    double otherNaN = Double.longBitsToDouble(0xfff0_0000_0000_0001L);
    assertEquals(a, Tensor.vector(1, 2, otherNaN));
    assertEquals(a.hashCode(), Tensor.vector(1, 2, otherNaN).hashCode());
    float otherNaNf = Float.intBitsToFloat(0xffc0_0001);
    assertEquals(Tensor.of(new float[] {Float.NaN}, 1), Tensor.of(new float[] {otherNaNf}, 1));
    assertNotEquals(Tensor.vector(0.0), Tensor.vector(-0.0));
    assertNotEquals(Tensor.vector(1), Tensor.vector(1).to(DType.FLOAT32));
    assertTrue(Tensor.vector(1, 2).allClose(Tensor.vector(1 + 1e-9, 2), 1e-8, 0));
    assertFalse(Tensor.vector(1, 2).allClose(Tensor.vector(1 + 1e-6, 2), 1e-8, 0));
    assertFalse(a.allClose(a, 1, 1), "NaN is close to nothing");
    assertTrue(Tensor.vector(Double.POSITIVE_INFINITY).allClose(
        Tensor.vector(Double.POSITIVE_INFINITY), 0, 0));
  }

  /**
   * Tensors that share a storage hash alike (here what {@code to} returns as it was: reshape
   * copies); tensors of their own storage tell themselves apart (sixteen identity hashes all
   * equal would be a constant, not a hash).
   */
  @Test
  void storageHashFollowsTheStorage() {
    Tensor x = Tensors.zeros(2, 3);
    Tensor same = x.to(DType.FLOAT64);
    assertTrue(x.sharesStorageWith(same));
    assertEquals(x.storageHash(), same.storageHash());
    Set<Integer> hashes = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      hashes.add(Tensors.zeros(2, 3).storageHash());
    }
    assertTrue(hashes.size() > 1, "16 storages, hashes " + hashes);
  }

  @Test
  void toStringIsNumpyLike() {
    assertEquals("tensor(3.5)", Tensor.scalar(3.5).toString());
    assertEquals("tensor([  1, 2.5,  -3])", Tensor.vector(1, 2.5, -3).toString());
    assertEquals("tensor([[ 1,  2],\n        [-3,  4]])",
        Tensor.matrix(new double[][] {{1, 2}, {-3, 4}}).toString());
    assertEquals("tensor([1.0000e-07, 3.0000e+10])", Tensor.vector(1e-7, 3e10 + 0.5).toString());
    String big = Tensors.arange(2000).toString();
    assertTrue(big.startsWith("tensor([   0,    1,    2, ..., 1997, 1998, 1999], shape=[2000]"),
        big);
    assertArrayEquals(new int[] {2, 3}, Shape.of(2, 3).dims());
  }
}
