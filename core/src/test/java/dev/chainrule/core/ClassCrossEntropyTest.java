package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused cross-entropy against class indices, held to its definition Σᵢ (logSumExpᵢ − zᵢ,cᵢ)
 * computed with the tensor ops, and to the softmax kernel bit for bit.
 */
class ClassCrossEntropyTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  private static Tensor logits(int rows, int classes, double spread, DType dtype) {
    double[] values = new double[rows * classes];
    for (int i = 0; i < values.length; i++) {
      values[i] = (RANDOM.nextDouble() - 0.5) * 2 * spread;
    }
    return Tensor.of(values, rows, classes).to(dtype);
  }

  private static Tensor classes(int rows, int classes) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = RANDOM.nextInt(classes);
    }
    return Tensor.vector(values);
  }

  /** The definition, in float64 whatever the logits' type. */
  private static double definition(Tensor logits, Tensor classes) {
    Tensor z = logits.to(DType.FLOAT64);
    Tensor picked = z.gather(1, classes.reshape(classes.size(), 1));
    return z.logSumExp(1, true).sub(picked).sum().item();
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theLossIsTheDefinitionAndTheSoftmaxIsTheKernels(DType dtype) {
    // Iris's shape, a batch of ten classes, and rows of nearly equal logits (sums near 1,000)
    // whose product passes 2^900 and is turned into a logarithm every hundred rows or so.
    int[][] shapes = {{150, 3}, {128, 10}, {700, 1000}, {1, 1}, {0, 4}};
    double[] spreads = {5, 5, 0.01, 5, 5};
    for (int s = 0; s < shapes.length; s++) {
      int[] shape = shapes[s];
      Tensor z = logits(shape[0], shape[1], spreads[s], dtype);
      Tensor c = classes(shape[0], shape[1]);
      ClassCrossEntropy.Forward forward = ClassCrossEntropy.forward(z, c);
      double expected = definition(z, c);
      // Float64: the definition rounds each of its n logarithms and sums them, the kernel takes
      // one logarithm per 2^900 of product, so they agree to a few ulps of the total. Float32:
      // the kernel's exponentials are float32 (each row's sum within about 2^-23 of the float64
      // one, so its logarithm within 2^-23), summed in float64: n·2^-23 at most.
      double tolerance = dtype == DType.FLOAT64 ? 1e-14 * Math.max(1, Math.abs(expected))
          : shape[0] * 0x1p-23;
      assertEquals(expected, forward.total(), tolerance, () -> dtype + " " + z.shape());
      assertEquals(z.softmax(-1), forward.probabilities(), "the softmax kernel's bits");
      assertEquals(dtype, forward.probabilities().dtype());
    }
  }

  /**
   * The softmax the forward returns, element by element from FastMath's scalar exponential in the
   * logits' type: e = e^(x − m) with m the row's largest logit, the row's sum of e in float64 in
   * order, and e times the sum's reciprocal rounded to the type. The kernel computes its
   * exponentials over the whole batch block by block ({@code TranscendentalF64.BLOCK}); rows of
   * 1,000 straddle the blocks' bounds, and the bits must not depend on where those fall.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void theSoftmaxIsTheScalarExponentialsBitForBit(DType dtype) {
    int rows = 9;
    int length = 1000;
    Tensor z = logits(rows, length, 20, dtype);
    Tensor p = ClassCrossEntropy.forward(z, classes(rows, length)).probabilities();
    double[] x = z.toArray();
    double[] expected = new double[x.length];
    for (int row = 0; row < rows; row++) {
      int from = row * length;
      double m = Double.NEGATIVE_INFINITY;
      for (int i = from; i < from + length; i++) {
        m = Math.max(m, x[i]);
      }
      double sum = 0;
      for (int i = from; i < from + length; i++) {
        expected[i] = dtype == DType.FLOAT64 ? FastMath.exp(x[i] - m)
            : FastMath.exp((float) x[i] - (float) m);
        sum += expected[i];
      }
      for (int i = from; i < from + length; i++) {
        expected[i] = dtype == DType.FLOAT64 ? expected[i] * (1 / sum)
            : (float) expected[i] * (float) (1 / sum);
      }
    }
    assertEquals(Tensor.of(expected, rows, length).to(dtype), p);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theGradientIsTheSoftmaxLessTheOneHotRowsScaled(DType dtype) {
    Tensor z = logits(50, 7, 4, dtype);
    Tensor c = classes(50, 7);
    Tensor p = ClassCrossEntropy.forward(z, c).probabilities();
    double scale = 1.0 / 50;
    Tensor expected = p.copy().axpyInPlace(-1, Tensors.oneHot(c, 7, dtype)).scaleInPlace(scale);
    assertEquals(expected, ClassCrossEntropy.gradient(p, c, scale), "bit for bit");
  }

  @Test
  void aVectorOfLogitsTakesAScalarClassAndClassesMayBeOfEitherType() {
    Tensor z = Tensor.vector(1, 2, 0.5);
    double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5)) - 2;
    // 1e-15, some 18 ulps of 0.46: the kernel takes the maximum out first, log Σ e^(z − 2),
    // rounding other exponentials than the expected log Σ e^z − 2 (measured 4 ulps apart).
    assertEquals(expected, ClassCrossEntropy.forward(z, Tensor.scalar(1)).total(), 1e-15);
    Tensor rows = logits(6, 4, 3, DType.FLOAT64);
    Tensor classes = classes(6, 4);
    double total = ClassCrossEntropy.forward(rows, classes).total();
    assertEquals(total, ClassCrossEntropy.forward(rows, classes.to(DType.FLOAT32)).total(), 0,
        "whole numbers below 2^24 are the same classes in float32");
    Tensor rows32 = rows.to(DType.FLOAT32);
    assertEquals(ClassCrossEntropy.forward(rows32, classes.to(DType.FLOAT32)).total(),
        ClassCrossEntropy.forward(rows32, classes).total(), 0);
  }

  /** Rows that leave the running product infinite, zero or NaN among rows that chunk it. */
  @Test
  void nonFiniteRowsAmongChunkedOnesMakeTheTotalNotANumber() {
    Tensor finite = Tensors.zeros(400, 1000);  // every sum 1,000: a logarithm every 100 rows
    Tensor c = classes(400, 1000);
    assertEquals(400 * Math.log(1000), ClassCrossEntropy.forward(finite, c).total(), 1e-10,
        "400 rows of log 1,000 (within about 2^-44 per logarithm, and 400 · 2^-53)");
    double[] values = finite.toArray();
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
      double[] row = values.clone();
      Arrays.fill(row, 150 * 1000, 151 * 1000, bad);  // row 150, mid-chunk
      assertTrue(Double.isNaN(ClassCrossEntropy.forward(Tensor.of(row, 400, 1000), c).total()),
          "a row of " + bad + " has no loss, so neither has the batch");
    }
    double[] infinite = values.clone();
    infinite[150 * 1000 + 7] = Double.POSITIVE_INFINITY;
    double[] classAt = c.toArray();
    classAt[150] = 3;
    assertTrue(Double.isNaN(ClassCrossEntropy.forward(
        Tensor.of(infinite, 400, 1000), Tensor.vector(classAt)).total()),
        "+∞ where the class is not: a row with no softmax, so no loss, as for PyTorch");
  }

  /**
   * Pooled arrays come back with whatever they held, so every softmax-row kernel must write its
   * scratch before reading it: with arrays of NaN waiting in the pool in every length a kernel
   * asks for, the results are the same bits as without.
   */
  @Test
  void staleArraysInThePoolChangeNothing() {
    for (int[] shape : new int[][] {{150, 3}, {150, 12}}) {
      Tensor z = logits(shape[0], shape[1], 4, DType.FLOAT64);
      Tensor c = classes(shape[0], shape[1]);
      ClassCrossEntropy.Forward forward = ClassCrossEntropy.forward(z, c);
      Tensor softmax = z.softmax(1);
      Tensor logSoftmax = z.logSoftmax(1);
      Tensor logSumExp = z.logSumExp(1, false);
      try (Recycling.Scope scope = Recycling.open()) {
        poison(scope, shape);
        ClassCrossEntropy.Forward again = ClassCrossEntropy.forward(z, c);
        assertEquals(forward.total(), again.total(), 0);
        assertEquals(forward.probabilities(), again.probabilities());
        poison(scope, shape);
        assertEquals(softmax, z.softmax(1));
        poison(scope, shape);
        assertEquals(logSoftmax, z.logSoftmax(1));
        poison(scope, shape);
        assertEquals(logSumExp, z.logSumExp(1, false));
      }
    }
  }

  /** Only arrays of NaN in the pool, three of each length a kernel over {@code shape} takes. */
  private static void poison(Recycling.Scope scope, int[] shape) {
    Recycling.clear();
    for (int length : new int[] {shape[0], shape[0] * shape[1]}) {
      for (int copy = 0; copy < 3; copy++) {
        assertTrue(scope.recycle(Tensors.full(Shape.of(length), Double.NaN)));
      }
    }
  }

  @Test
  void largeLogitsStayFiniteAndInfiniteOnesDoNot() {
    Tensor z = Tensor.matrix(new double[][] {{1e4, -1e4, 0}, {-1e4, 1e4, 1e4}});
    Tensor c = Tensor.vector(1, 2);
    // Row 0: log-sum-exp 1e4, class logit −1e4; row 1: 1e4 + log 2, class logit 1e4.
    assertEquals(2e4 + Math.log(2), ClassCrossEntropy.forward(z, c).total(), 1e-11);
    Tensor infinite = Tensor.matrix(new double[][] {{Double.POSITIVE_INFINITY, 0}});
    assertTrue(Double.isNaN(ClassCrossEntropy.forward(infinite, Tensor.vector(0)).total()),
        "∞ − ∞: no number, as log Σ e^z − z is for PyTorch");
    // PyTorch 1.13: cross_entropy([[inf, 0]], [1]) is nan, and so is its gradient's row.
    ClassCrossEntropy.Forward notTheClass = ClassCrossEntropy.forward(infinite, Tensor.vector(1));
    assertTrue(Double.isNaN(notTheClass.total()), "the row's softmax is ∞/∞");
    assertTrue(Arrays.stream(notTheClass.probabilities().toArray()).allMatch(Double::isNaN),
        "its probabilities, and so its gradient, are NaN throughout");
  }

  @Test
  void refusesWhatCannotBeTargets() {
    Tensor z = Tensors.zeros(2, 3);
    assertMessage("softmaxCrossEntropy: class 3.0 at [1] out of range for 3 classes (valid: whole"
        + " numbers 0 to 2)", () -> ClassCrossEntropy.forward(z, Tensor.vector(0, 3)));
    assertMessage("softmaxCrossEntropy: class 0.5 at [0] out of range for 3 classes (valid: whole"
        + " numbers 0 to 2)", () -> ClassCrossEntropy.gradient(z, Tensor.vector(0.5, 1), 1));
    assertMessage("softmaxCrossEntropy: classes [3] do not match logits [2, 3] (one class per"
        + " row: the logits' shape without the last axis)",
        () -> ClassCrossEntropy.forward(z, Tensor.vector(0, 1, 2)));
    assertMessage("softmaxCrossEntropy: logits [2, 0] have no classes",
        () -> ClassCrossEntropy.forward(Tensors.zeros(2, 0), Tensor.vector(0, 0)));
    assertMessage("softmaxCrossEntropy: logits [] need a class axis",
        () -> ClassCrossEntropy.forward(Tensor.scalar(1), Tensor.scalar(0)));
    assertMessage("softmaxCrossEntropy: classes are null",
        () -> ClassCrossEntropy.forward(z, null));
  }

  /**
   * The targets remember their checked offsets until they change in place: classes moved to
   * other valid classes are read again, and moved out of range are refused, in both types.
   */
  @ParameterizedTest
  @EnumSource(DType.class)
  void targetsChangedInPlaceAreCheckedAndPlacedAgain(DType dtype) {
    Tensor z = Tensor.of(new double[] {0, 1, 2, 3, 5, 4}, 2, 3);
    Tensor c = Tensor.vector(0, 1).to(dtype);
    assertEquals(-1, c.indexNotClass(3));
    double before = ClassCrossEntropy.forward(z, c).total();
    // 1e-14, some 20 ulps of 2.8: the kernel and the definition round their log-sum-exps and
    // the sum of two rows differently (measured one ulp apart).
    assertEquals(definition(z, c), before, 1e-14);
    c.addInPlace(Tensor.vector(2, 1).to(dtype));  // classes 2 and 2
    assertEquals(definition(z, c), ClassCrossEntropy.forward(z, c).total(), 1e-14);
    Tensor p = ClassCrossEntropy.forward(z, c).probabilities();
    assertEquals(p.flatGet(5) - 1, ClassCrossEntropy.gradient(p, c, 1).flatGet(5), 0,
        "the gradient's one-hot at the new class");
    assertEquals(p.flatGet(4), ClassCrossEntropy.gradient(p, c, 1).flatGet(4), 0,
        "and none at the old one");
    c.addInPlace(Tensor.vector(0, 1).to(dtype));  // class 3 of 3
    assertEquals(1, c.indexNotClass(3));
    assertMessage("softmaxCrossEntropy: class 3.0 at [1] out of range for 3 classes (valid: whole"
        + " numbers 0 to 2)", () -> ClassCrossEntropy.forward(z, c));
    assertEquals(-1, c.indexNotClass(4), "within four classes");
  }

  /**
   * Offsets kept for one class count answer only for it: asked for fewer classes, the targets
   * are checked again (and refused), for more they are placed anew; asked again for the same
   * count, the kept array itself comes back.
   */
  @Test
  void keptOffsetsAnswerForTheirOwnClassCountOnly() {
    Tensor c = Tensor.vector(0, 2);
    int[] three = Indexing.classOffsets("loss", c, 3);
    assertEquals("[0, 5]", Arrays.toString(three));
    assertSame(three, Indexing.classOffsets("loss", c, 3), "kept, not placed again");
    assertEquals(-1, c.indexNotClass(3));
    assertEquals(1, c.indexNotClass(2));
    assertMessage("oneHot: class 2.0 at [1] out of range for 2 classes (valid: whole numbers 0 to"
        + " 1)", () -> Tensors.oneHot(c, 2));
    assertEquals(Tensor.of(new double[] {1, 0, 0, 0, 0, 0, 1, 0}, 2, 4), Tensors.oneHot(c, 4));
    assertEquals("[0, 6]", Arrays.toString(Indexing.classOffsets("loss", c, 4)));
  }

  private static void assertMessage(String expected, Runnable call) {
    Exception e = assertThrows(RuntimeException.class, call::run);
    assertEquals(expected, e.getMessage());
  }
}
