package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * stack was concat of the parts unsqueezed, and unsqueeze copies a part: a stack held its
 * elements twice at its peak, and one past the longest array ran out of memory copying parts
 * before concat could refuse it (a scale probe, session 53). It now checks the result's shape
 * first and writes the parts straight into it; the result must be, bit for bit, the former
 * composition's, which concat of unsqueezed parts still computes here.
 */
class StackInPlaceOfConcatTest {
  /** 2^31 − 2 = 42966 · 49981: one 49981-element part referenced 42966 times, 200 KB in all. */
  private static final int PARTS = 42966;
  private static final int PART = 49981;

  private static void assertRefused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /** Written out by hand, since stack and concat now share their copying loop. */
  @Test
  void twoVectorsStackAsRowsOrAsColumns() {
    Tensor a = Tensor.vector(1, 2, 3);
    Tensor b = Tensor.vector(4, 5, 6);
    Tensor rows = Tensors.stack(0, a, b);
    assertEquals(Shape.of(2, 3), rows.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, rows.toArray());
    Tensor columns = Tensors.stack(-1, a, b);
    assertEquals(Shape.of(3, 2), columns.shape());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, columns.toArray());
  }

  @Test
  void aStackIsTheConcatOfItsPartsUnsqueezedBitForBit() {
    SplittableRandom random = new SplittableRandom(53);
    for (int trial = 0; trial < 300; trial++) {
      int rank = random.nextInt(4);
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = random.nextInt(4); // 0 included: empty parts
      }
      Tensor[] parts = new Tensor[random.nextInt(1, 5)];
      for (int p = 0; p < parts.length; p++) {
        // Mixed types promote; NaN, −0 and subnormals must come through as they were.
        parts[p] = values(random, Shape.of(dims), random.nextBoolean() ? DType.FLOAT32
            : DType.FLOAT64);
      }
      int axis = random.nextInt(-rank - 1, rank + 1);
      Tensor[] unsqueezed = Arrays.stream(parts).map(t -> t.unsqueeze(axis))
          .toArray(Tensor[]::new);
      Tensor expected = Tensors.concat(axis, unsqueezed);
      Tensor stacked = Tensors.stack(axis, parts);
      String where = Shape.of(dims) + " x" + parts.length + " axis " + axis;
      assertEquals(expected.shape(), stacked.shape(), where);
      assertEquals(expected.dtype(), stacked.dtype(), where);
      assertArrayEquals(bits(expected), bits(stacked), where);
      Tensor first = parts[0];
      Tensor receiverFirst = first.stack(axis, Arrays.copyOfRange(parts, 1, parts.length));
      assertArrayEquals(bits(expected), bits(receiverFirst), where);
    }
  }

  /**
   * Refused from the shapes, before any array: without the check first, the parts' copies filled
   * the heap (8 GiB) and ended in an OutOfMemoryError.
   */
  @Test
  void aStackLongerThanAnArrayIsRefusedFromItsShape() {
    Tensor part = Tensors.zeros(Shape.of(PART), DType.FLOAT32);
    Tensor[] parts = new Tensor[PARTS];
    Arrays.fill(parts, part);
    String refusal = "stack: 42966 parts of [49981] make [42966, 49981], 2147483646 elements,"
        + " more than a Java array holds (2147483645)";
    assertRefused(refusal, () -> Tensors.stack(0, parts));
    assertRefused(refusal, () -> part.stack(0, Arrays.copyOf(parts, PARTS - 1)));
    assertRefused("stack: 42966 parts of [49981] make [49981, 42966], 2147483646 elements, more"
        + " than a Java array holds (2147483645)", () -> Tensors.stack(1, parts));
    // The probe's: 128 parts of 2^24, which concat refuses as 2^31 along its axis.
    Tensor[] probe = new Tensor[128];
    Arrays.fill(probe, Tensors.zeros(Shape.of(1 << 24), DType.FLOAT32));
    assertRefused("stack: 128 parts of [16777216] make [128, 16777216], 2147483648 elements,"
        + " more than a Java array holds (2147483645)", () -> Tensors.stack(0, probe));
  }

  /** The same parts concatenated: 2^31 − 2 passed an int check and ran out of memory. */
  @Test
  void aConcatLongerThanAnArrayIsRefused() {
    Tensor[] parts = new Tensor[PARTS];
    Arrays.fill(parts, Tensors.zeros(Shape.of(PART), DType.FLOAT32));
    assertRefused("concat: the result [2147483646] has 2147483646 elements, more than a Java"
        + " array holds (2147483645)", () -> Tensors.concat(0, parts));
  }

  /** Empty parts whose other axes multiply past an int stack to an empty result. */
  @Test
  void emptyPartsStackWhateverTheirOtherAxes() {
    Tensor[] parts = new Tensor[65536];
    Arrays.fill(parts, Tensors.zeros(65536, 0));
    assertEquals(Shape.of(65536, 65536, 0), Tensors.stack(1, parts).shape());
    assertEquals(Shape.of(65536, 0, 65536), Tensors.stack(2, parts).shape());
  }

  private static Tensor values(SplittableRandom random, Shape shape, DType type) {
    double[] special = {Double.NaN, -0.0, 0.0, Double.MIN_VALUE, -1e-310, Double.MAX_VALUE};
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
          : random.nextDouble(-1, 1);
    }
    return Tensor.of(v, shape.dims()).to(type);
  }

  /** The elements' bits as float64s: exact for float32 too, whose values all are float64s. */
  private static long[] bits(Tensor t) {
    return Arrays.stream(t.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
