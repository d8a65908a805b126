package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the README says Samplers draw is what they draw: shapes of rank 0 to 3 with sides 1 to 3,
 * never an empty tensor. It said "elementwise on any shape", which a user reads as covering the
 * empty and large shapes their op may meet; those need cases of their own.
 */
class SamplerShapesTest {
  private static final int DRAWS = 2000;

  @Test
  void theReadmeSaysWhichShapesAreDrawn() throws IOException {
    String readme = Files.readString(Path.of("../README.md")).replaceAll("\\s+", " ");
    assertTrue(readme.contains("`Samplers` draws the usual kinds of case on shapes of rank 0 to 3"
        + " with sides 1 to 3, never an empty tensor"), "the README's sentence on Samplers");
  }

  @Test
  void everySamplerDrawsRanksUpToThreeWithSidesOneToThree() {
    List<OpSpec.Sampler> samplers = List.of(
        Samplers.elementwise(Inputs.Domain.ANY, Variable::exp),
        Samplers.broadcasting(Inputs.Domain.ANY, Inputs.Domain.ANY, Variable::add),
        Samplers.withScalar(Inputs.Domain.ANY, Variable::mul),
        Samplers.reduction(false, (x, axes, keep) -> axes == null ? x.sum() : x.sum(axes, keep)),
        Samplers.shaped(0, (random, shape) -> new Samplers.Shaped("", Variable::neg)));
    SplittableRandom random = new SplittableRandom(47);
    boolean[][] seen = new boolean[4][4];  // [rank][side]; rank 0 has no side
    for (OpSpec.Sampler sampler : samplers) {
      for (int i = 0; i < DRAWS; i++) {
        for (Tensor input : sampler.sample(random).inputs()) {
          Shape shape = input.shape();
          assertTrue(shape.rank() <= 3 && shape.size() > 0, shape.toString());
          seen[shape.rank()][0] = true;
          for (int side : shape.dims()) {
            assertTrue(side >= 1 && side <= 3, shape.toString());
            seen[shape.rank()][side] = true;
          }
        }
      }
    }
    // Each rank and, past rank 0, each side is drawn: the bounds are reached, not only kept.
    for (int rank = 0; rank <= 3; rank++) {
      for (int side = rank == 0 ? 0 : 1; side <= (rank == 0 ? 0 : 3); side++) {
        assertTrue(seen[rank][side], "rank " + rank + ", side " + side);
      }
    }
  }
}
