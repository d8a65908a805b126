package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's cases take a rank-0 input where transpose, squeeze and the four indexing ops
 * take it as PyTorch 1.13 does (axis 0 or −1, index 0), so the catalogue-wide checks (finite
 * differences to second order, float32 against float64, the functional and random-graph
 * properties) cover that path; their samplers drew ranks 1 to 3 before (squeeze's rank-0 cases
 * only unsqueezed first). Fixed seed: what is drawn is deterministic.
 */
class RankZeroLayoutSamplingTest {
  /** The rank-0 parameters each op must draw: both spellings of the axis where it has them. */
  private static final Map<String, List<String>> WANTED = Map.of(
      "transpose", List.of("[] 0,-1"),
      "squeeze", List.of("[] rank 0, axis 0", "[] rank 0, axis -1"),
      "gather", List.of("[] axis 0 index", "[] axis -1 index"),
      "scatterAdd", List.of("[] axis 0 index", "[] axis -1 index"),
      "take", List.of("[] axis 0 index", "[] axis -1 index"),
      "indexAdd", List.of("[] axis 0 index", "[] axis -1 index"));

  @Test
  void theCatalogueDrawsRankZeroInputs() {
    SplittableRandom random = new SplittableRandom(49);
    WANTED.forEach((name, wanted) -> {
      OpSpec spec = OpTable.entry(name).orElseThrow().spec();
      Set<String> drawn = new TreeSet<>();
      Set<String> indexShapes = new TreeSet<>();
      for (int i = 0; i < 1000; i++) {
        // "gather [] axis -1 index tensor([0, 0])": the op, the shape, the parameters.
        String description = spec.sample(random).description().substring(name.length() + 1);
        if (description.startsWith("[] ")) {
          String index = description.replaceAll(".* index ", "");
          drawn.add(description.replaceAll(" index .*", " index"));
          indexShapes.add(index.startsWith("tensor([") ? "rank 1" : "rank 0");
        }
      }
      assertTrue(drawn.containsAll(wanted), name + " drew " + drawn);
      if (!name.equals("transpose") && !name.equals("squeeze")) {
        // Both an index of rank 0 and one of rank 1 ([1] for take and indexAdd).
        assertTrue(indexShapes.equals(Set.of("rank 0", "rank 1")), name + ": " + indexShapes);
      }
    });
  }
}
