package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every built-in op in float32: its value and its vector-Jacobian product (for a random
 * cotangent) are float32 when its inputs are, and agree with float64 on the same values (the
 * float64 run gets the float32 inputs widened, so only the float32 kernels' rounding shows) within
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
  private static final List<OpSpec> SPECS = OpCatalogue.builtIns().stream()
      .filter(spec -> !spec.name().equals("to")).toList();

  record Drawn(OpSpec spec, OpCase opCase, long seed) {
    @Override
    public String toString() {
      return opCase.description() + " " + opCase.inputs();
    }
  }

  record Result(Tensor value, List<Tensor> gradients) {}

  @Provide
  Arbitrary<Drawn> cases() {
    return Arbitraries.of(SPECS).flatMap(spec -> Arbitraries.randomValue(
        random -> new Drawn(spec, spec.sample(random), random.nextLong())));
  }

  @Property(tries = 3000)
  void everyOpRunsInFloat32AndAgreesWithFloat64(@ForAll("cases") Drawn drawn) {
    OpCase c = drawn.opCase();
    List<Tensor> narrow = new ArrayList<>();
    List<Tensor> wide = new ArrayList<>();
    for (Tensor x : c.inputs()) {
      narrow.add(x.to(DType.FLOAT32));
      wide.add(x.to(DType.FLOAT32).to(DType.FLOAT64));
    }
    Result r64 = run(c, wide, drawn.seed(), DType.FLOAT64);
    Result r32 = run(c, narrow, drawn.seed(), DType.FLOAT32);
    assertEquals(DType.FLOAT32, r32.value().dtype(), c.description() + ": value type");
    assertClose(c.description() + ": value", r64.value(), r32.value());
    for (int i = 0; i < wide.size(); i++) {
      assertEquals(DType.FLOAT32, r32.gradients().get(i).dtype(),
          c.description() + ": gradient " + i + " has its input's type");
      assertClose(c.description() + ": gradient " + i, r64.gradients().get(i),
          r32.gradients().get(i));
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
