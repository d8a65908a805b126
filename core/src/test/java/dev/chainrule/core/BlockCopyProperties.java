package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * concat, stack and step-1 slices against their definitions, laid out as [outer, axis, inner]:
 * blocks (inner sizes times the axis's length) of one and two elements, which BlockCopyF64 copies
 * in loops, and longer, which it copies by arraycopy; rows longer than Joining's tile. Exact:
 * values are only moved.
 */
class BlockCopyProperties {
  /** [outer, inner] with inner from 1 to 40 and outer to 300 (several of Joining's tiles). */
  @Provide
  Arbitrary<int[]> layouts() {
    return Combinators.combine(Arbitraries.integers().between(0, 300),
        Arbitraries.of(1, 2, 3, 7, 16, 31, 32, 33, 40))
        .as((outer, inner) -> new int[] {outer, inner});
  }

  @Provide
  Arbitrary<List<Integer>> lengths() {
    return Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 300)
  void concatPlacesEachPartsBlocks(@ForAll("layouts") int[] layout,
      @ForAll("lengths") List<Integer> lengths, @ForAll boolean float32) {
    int outer = layout[0];
    int inner = layout[1];
    Tensor[] parts = new Tensor[lengths.size()];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = numbered(p, float32 && p % 2 == 0, outer, lengths.get(p), inner);
    }
    Tensor joined = Tensors.concat(1, parts);
    int total = lengths.stream().mapToInt(Integer::intValue).sum();
    assertEquals(Shape.of(outer, total, inner), joined.shape());
    double[] values = joined.toArray();
    for (int o = 0; o < outer; o++) {
      int at = 0;
      for (int p = 0; p < parts.length; p++) {
        for (int k = 0; k < lengths.get(p); k++, at++) {
          for (int i = 0; i < inner; i++) {
            assertEquals(parts[p].get(o, k, i), values[(o * total + at) * inner + i]);
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void stackInterleavesTheParts(@ForAll("layouts") int[] layout,
      @ForAll("lengths") List<Integer> lengths, @ForAll boolean float32) {
    int outer = layout[0];
    int inner = layout[1];
    int count = lengths.size();
    Tensor[] parts = new Tensor[count];
    for (int p = 0; p < count; p++) {
      parts[p] = numbered(p, float32, outer, inner);
    }
    // A new last axis: blocks of one element, the stack that cost an arraycopy call each.
    Tensor stacked = Tensors.stack(2, parts);
    assertEquals(Shape.of(outer, inner, count), stacked.shape());
    assertEquals(float32 ? DType.FLOAT32 : DType.FLOAT64, stacked.dtype());
    double[] values = stacked.toArray();
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        for (int p = 0; p < count; p++) {
          assertEquals(parts[p].get(o, i), values[(o * inner + i) * count + p]);
        }
      }
    }
  }

  @Property(tries = 300)
  void aSliceTakesItsRunOfEveryRow(@ForAll("layouts") int[] layout, @ForAll boolean float32) {
    int outer = layout[0];
    int length = layout[1];
    Tensor x = numbered(0, float32, outer, length);
    for (int start = 0; start <= length; start += Math.max(1, length / 3)) {
      for (int end = start; end <= length; end += Math.max(1, length / 4)) {
        Tensor slice = x.slice(1, start, end);
        assertEquals(Shape.of(outer, end - start), slice.shape());
        for (int o = 0; o < outer; o++) {
          for (int j = start; j < end; j++) {
            assertEquals(x.get(o, j), slice.get(o, j - start));
          }
        }
      }
    }
  }

  /** Distinct values that say where they came from: part p, element i is p·10⁶ + i. */
  private static Tensor numbered(int part, boolean float32, int... dims) {
    Tensor t = Tensors.arange(Shape.of(dims).size()).add(part * 1e6).reshape(dims);
    return float32 ? t.to(DType.FLOAT32) : t;
  }
}
