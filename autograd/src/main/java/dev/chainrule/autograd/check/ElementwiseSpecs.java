package dev.chainrule.autograd.check;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Inputs.Domain.AWAY_FROM_ZERO;
import static dev.chainrule.autograd.check.Inputs.Domain.POSITIVE;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;

/** Catalogue specs of the elementwise ops: arithmetic, scalar forms and unary functions. */
final class ElementwiseSpecs {
  private ElementwiseSpecs() {}

  static List<OpSpec> all() {
    return List.of(
        OpSpec.binary("add", ANY, ANY, Variable::add),
        OpSpec.binary("sub", ANY, ANY, Variable::sub),
        OpSpec.binary("mul", ANY, ANY, Variable::mul),
        OpSpec.binary("div", ANY, AWAY_FROM_ZERO, Variable::div),
        OpSpec.binary("pow", POSITIVE, ANY, Variable::pow),
        separated("maximum", true),
        separated("minimum", false),
        withConstant("scale", ANY, (x, c) -> x.mul(c)),
        withConstant("shift", ANY, (x, c) -> x.add(c)),
        withConstant("powScalar", POSITIVE, (x, c) -> x.pow(c)),
        where(),
        OpSpec.unary("exp", ANY, Variable::exp),
        OpSpec.unary("log", POSITIVE, Variable::log),
        OpSpec.unary("log1p", POSITIVE, Variable::log1p),
        OpSpec.unary("sqrt", POSITIVE, Variable::sqrt),
        OpSpec.unary("abs", AWAY_FROM_ZERO, Variable::abs),
        OpSpec.unary("sign", AWAY_FROM_ZERO, Variable::sign),
        OpSpec.unary("square", ANY, Variable::square),
        OpSpec.unary("reciprocal", AWAY_FROM_ZERO, Variable::reciprocal),
        OpSpec.unary("tanh", ANY, Variable::tanh),
        OpSpec.unary("sigmoid", ANY, Variable::sigmoid),
        OpSpec.unary("relu", AWAY_FROM_ZERO, Variable::relu),
        OpSpec.unary("erf", ANY, Variable::erf),
        OpSpec.unary("erfc", ANY, Variable::erfc),
        OpSpec.unary("softplus", ANY, Variable::softplus),
        // Thresholds within ±0.15 of zero stay at least 0.15 from every value (|x| ≥ 0.3).
        withConstant("step", AWAY_FROM_ZERO, (x, k) -> x.step(k / 20)),
        clamp());
  }

  private interface WithConstant {
    Variable apply(Variable x, double c);
  }

  private static OpSpec withConstant(String name, Inputs.Domain domain, WithConstant op) {
    return new OpSpec(name, 1, true, random -> {
      Shape shape = Inputs.shape(random);
      double c = Math.rint(random.nextDouble(-2.5, 3) * 4) / 4;
      return new OpCase(name + " " + shape + " c=" + c,
          List.of(Inputs.values(random, shape, domain)), in -> op.apply(in.get(0), c));
    });
  }

  /** Pairs at least 0.1 apart everywhere, so no element sits at the tie where max has a kink. */
  private static OpSpec separated(String name, boolean max) {
    return new OpSpec(name, 2, true, random -> {
      Shape[] shapes = Inputs.broadcastingShapes(random, 2);
      Tensor a;
      Tensor b;
      do {
        a = Inputs.values(random, shapes[0], ANY);
        b = Inputs.values(random, shapes[1], ANY);
      } while (a.sub(b).abs().min().item() < 0.1);
      return new OpCase(name + " " + shapes[0] + " " + shapes[1], List.of(a, b),
          in -> max ? in.get(0).maximum(in.get(1)) : in.get(0).minimum(in.get(1)));
    });
  }

  private static OpSpec where() {
    return new OpSpec("where", 2, true, random -> {
      Shape[] shapes = Inputs.broadcastingShapes(random, 3);
      Tensor mask = Inputs.values(random, shapes[0], ANY).gt(0);
      return new OpCase("where " + shapes[0] + " " + shapes[1] + " " + shapes[2],
          List.of(Inputs.values(random, shapes[1], ANY), Inputs.values(random, shapes[2], ANY)),
          in -> Variable.where(mask, in.get(0), in.get(1)));
    });
  }

  /** Values at least 0.1 away from the bounds ±0.5, where clamp has its kinks. */
  private static OpSpec clamp() {
    return new OpSpec("clamp", 1, true, random -> {
      Shape shape = Inputs.shape(random);
      Tensor x = Inputs.values(random, shape, ANY)
          .map(v -> Math.abs(Math.abs(v) - 0.5) < 0.1 ? v + Math.copySign(0.25, v) : v);
      return new OpCase("clamp " + shape, List.of(x), in -> in.get(0).clamp(-0.5, 0.5));
    });
  }
}
