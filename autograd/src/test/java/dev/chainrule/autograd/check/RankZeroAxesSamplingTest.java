package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpTable;
import dev.chainrule.core.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's cases take a rank-0 input's axis 0 and −1 where the op does (reductions and
 * softmaxes, as PyTorch), so the catalogue-wide checks (finite differences to second order,
 * float32 against float64, the functional and random-graph properties) cover that path; they
 * drew none before, as {@link Inputs#axes} of a rank-0 shape is empty and the softmaxes' samplers
 * drew ranks 1 to 3 only. Fixed seeds: every count below is deterministic.
 */
class RankZeroAxesSamplingTest {
  private static final int DRAWS = 2000;

  @Test
  void reducedAxesOfARankZeroShapeAreNoneZeroOrMinusOne() {
    SplittableRandom random = new SplittableRandom(48);
    int[] counts = new int[3];  // none, {0}, {-1}
    for (int i = 0; i < DRAWS; i++) {
      int[] axes = Inputs.reducedAxes(random, Shape.scalar());
      int kind = axes.length == 0 ? 0 : axes[0] == 0 ? 1 : 2;
      assertTrue(axes.length <= 1, Arrays.toString(axes));
      counts[kind]++;
      int axis = Inputs.reducedAxis(random, Shape.scalar());
      assertTrue(axis == 0 || axis == -1, "axis " + axis);
    }
    // None half the time, each axis a quarter (±5 % of the draws: over 4 standard errors).
    assertTrue(Math.abs(counts[0] - DRAWS / 2) < DRAWS / 20, Arrays.toString(counts));
    assertTrue(Math.abs(counts[1] - DRAWS / 4) < DRAWS / 20, Arrays.toString(counts));
    assertTrue(Math.abs(counts[2] - DRAWS / 4) < DRAWS / 20, Arrays.toString(counts));
  }

  /**
   * Past rank 0, reducedAxes draws what axes draws from the same generator, and reducedAxis each
   * axis, positive and negative.
   */
  @Test
  void otherRanksDrawTheirOwnAxes() {
    Shape shape = Shape.of(2, 3, 4);
    SplittableRandom first = new SplittableRandom(48);
    SplittableRandom second = new SplittableRandom(48);
    SplittableRandom single = new SplittableRandom(49);
    Set<Integer> singles = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      assertArrayEquals(Inputs.axes(first, shape), Inputs.reducedAxes(second, shape));
      singles.add(Inputs.reducedAxis(single, shape));
    }
    assertEquals(Set.of(-3, -2, -1, 0, 1, 2), singles, "each axis, both ways");
  }

  @Test
  void theCatalogueDrawsARankZeroInputsAxisZeroAndMinusOne() {
    List<String> reductions = List.of("sum", "mean", "max", "min", "logSumExp", "variance");
    SplittableRandom random = new SplittableRandom(48);
    for (String name : List.of("sum", "mean", "max", "min", "logSumExp", "variance", "softmax",
        "logSoftmax")) {
      OpSpec spec = OpTable.entry(name).orElseThrow().spec();
      Set<String> drawn = new TreeSet<>();
      for (int i = 0; i < 1000; i++) {
        // "sum [] axes [0] keep true", "softmax [] axis -1": the op, the shape, the parameters.
        String description = spec.sample(random).description().substring(name.length() + 1);
        if (description.startsWith("[] ")) {
          drawn.add(description.replaceAll(" keep .*", ""));
        }
      }
      Set<String> wanted = reductions.contains(name)
          ? Set.of("[] axes [0]", "[] axes [-1]") : Set.of("[] axis 0", "[] axis -1");
      assertTrue(drawn.containsAll(wanted), name + " drew " + drawn);
    }
  }
}
