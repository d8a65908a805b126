package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.OpTable;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of the op table in float32, {@value #CASES} random cases each: its value and its
 * vector-Jacobian product (for a random cotangent) are float32 when its inputs are, and agree with
 * float64 on the same values (the float64 run gets the float32 inputs widened, so only the
 * float32 kernels' rounding shows) within
 *
 * <pre>  |r₃₂ − r₆₄| ≤ 1e-4 · max(1, max |r₆₄|)</pre>
 *
 * per result. Each op rounds a handful of times at 6e-8 relative; the samplers keep inputs in
 * [−3, 3] and away from poles, so even the steepest rules here (1/x² at |x| ≥ 0.3, exp of sums)
 * stay far inside 1e-4 of the largest element, while a rule that computed in the wrong type or
 * dropped a term would be off by the term itself. The {@code to} op is skipped: it changes types
 * by definition.
 */
class CatalogueFloat32Properties {
  private static final int CASES = 50;

  record Result(Tensor value, List<Tensor> gradients) {}

  @TestFactory
  Stream<DynamicTest> everyOpRunsInFloat32AndAgreesWithFloat64() {
    return OpTable.entries().stream().filter(entry -> !entry.name().equals("to"))
        .map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
          SplittableRandom random = new SplittableRandom(CatalogueProperties.seedOf(entry));
          for (int i = 0; i < CASES; i++) {
            check(entry.spec().sample(random), random.nextLong());
          }
        }));
  }

  private static void check(OpCase c, long seed) {
    String what = c.description() + " " + c.inputs() + " (-Dcatalogue.seed="
        + CatalogueProperties.SEED + ")";
    List<Tensor> narrow = new ArrayList<>();
    List<Tensor> wide = new ArrayList<>();
    for (Tensor x : c.inputs()) {
      narrow.add(x.to(DType.FLOAT32));
      wide.add(x.to(DType.FLOAT32).to(DType.FLOAT64));
    }
    Result r64 = run(c, wide, seed, DType.FLOAT64);
    Result r32 = run(c, narrow, seed, DType.FLOAT32);
    assertEquals(DType.FLOAT32, r32.value().dtype(), what + ": value type");
    assertClose(what + ": value", r64.value(), r32.value());
    for (int i = 0; i < wide.size(); i++) {
      assertEquals(DType.FLOAT32, r32.gradients().get(i).dtype(),
          what + ": gradient " + i + " has its input's type");
      assertClose(what + ": gradient " + i, r64.gradients().get(i), r32.gradients().get(i));
    }
  }

  private static Result run(OpCase c, List<Tensor> inputs, long seed, DType dtype) {
    List<Variable> leaves = new ArrayList<>();
    for (Tensor x : inputs) {
      leaves.add(Variable.parameter(x));
    }
    Variable out = c.function().apply(leaves);
    Tensor cotangent = Tensors.randn(out.shape(), Tensors.seeded(seed), dtype);
    List<Tensor> grads = new ArrayList<>();
    for (Variable g : Gradients.of(List.of(out), leaves, List.of(Variable.constant(cotangent)),
        Gradients.Options.defaults().withAllowUnused())) {
      grads.add(g.value());
    }
    return new Result(out.value(), grads);
  }

  private static void assertClose(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    double scale = expected.size() == 0 ? 1 : Math.max(1, expected.abs().max().item());
    assertTrue(actual.to(DType.FLOAT64).allClose(expected, 0, 1e-4 * scale),
        () -> what + ": float32 " + actual + " vs float64 " + expected);
  }
}
