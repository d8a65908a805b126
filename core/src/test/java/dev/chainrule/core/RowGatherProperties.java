package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code take} along the first axis copies rows eight at a time in 256-byte slices ({@link
 * RowGather}); every element must still land where picking one element at a time puts it, for
 * any count of rows (a last group of fewer than eight), any row length (a last slice shorter than
 * the rest, rows too short to slice) and repeated picks. Exact: the values are only moved.
 */
class RowGatherProperties {

  @Property(tries = 300)
  void takeOfRowsMovesEveryElementWhereItBelongs(
      @ForAll @IntRange(min = 1, max = 40) int sourceRows,
      @ForAll @IntRange(min = 0, max = 40) int picked,
      @ForAll @IntRange(min = 1, max = 300) int rowLength,
      @ForAll boolean float32, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor source = Tensors.randn(Shape.of(sourceRows, rowLength), Tensors.seeded(seed), dtype);
    double[] picks = random.ints(picked, 0, sourceRows).asDoubleStream().toArray();

    Tensor taken = source.take(0, Tensor.vector(picks));

    double[] all = source.toArray();
    double[] expected = new double[picked * rowLength];
    for (int j = 0; j < picked; j++) {
      for (int k = 0; k < rowLength; k++) {
        expected[j * rowLength + k] = all[(int) picks[j] * rowLength + k];
      }
    }
    assertArrayEquals(expected, taken.toArray());
    assertArrayEquals(new int[] {picked, rowLength}, taken.shape().dims());
  }
}
