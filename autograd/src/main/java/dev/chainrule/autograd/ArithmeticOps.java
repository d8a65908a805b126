package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;
import static dev.chainrule.autograd.check.Inputs.Domain.AWAY_FROM_ZERO;
import static dev.chainrule.autograd.check.Inputs.Domain.POSITIVE;
import static dev.chainrule.autograd.check.Samplers.broadcasting;
import static dev.chainrule.autograd.check.Samplers.elementwise;
import static dev.chainrule.autograd.check.Samplers.oneOf;
import static dev.chainrule.autograd.check.Samplers.withScalar;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The op table's arithmetic rows. Binary ops broadcast; each rule returns gradients at the
 * output's shape and the engine sums them back to each input's. A scalar argument
 * ({@code x.add(2)}) is a constant input of the same op.
 */
final class ArithmeticOps {
  private ArithmeticOps() {}

  /**
   * A constant scalar of {@code like}'s type: the operand a Java {@code double} stands for,
   * converted as {@code to} converts (1e39 becomes float32's ∞, as the same op on a Tensor and
   * PyTorch's {@code x * 1e39} give), where the factory {@code Tensor.scalar(c, FLOAT32)} refuses.
   */
  static Variable scalar(Variable like, double c) {
    return Variable.constant(Tensor.scalar(c).to(like.dtype()));
  }

  static final Primitive<Void> ADD = Primitive.of("add",
      "y = a + b; ∂a = g, ∂b = g",
      (ctx, none, in) -> in[0].add(in[1]),
      (ctx, none, g) -> new Variable[] {g, g},
      oneOf(broadcasting(ANY, ANY, Variable::add), withScalar(ANY, Variable::add)));

  static final OpEntry SUB = OpEntry.composite("sub",
      "y = a − b, computed as a + (−b); ∂a = g, ∂b = −g",
      oneOf(broadcasting(ANY, ANY, Variable::sub), withScalar(ANY, Variable::sub)));

  static final OpEntry NEG = OpEntry.composite("neg",
      "y = −x, computed as x·(−1); ∂x = −g",
      elementwise(ANY, Variable::neg));

  static final Primitive<Void> MUL = Primitive.of("mul",
      "y = a·b; ∂a = g·b, ∂b = g·a",
      (ctx, none, in) -> in[0].mul(in[1]),
      (ctx, none, g) -> new Variable[] {
          ctx.needsGrad(0) ? g.mul(ctx.input(1)) : null,
          ctx.needsGrad(1) ? g.mul(ctx.input(0)) : null},
      oneOf(broadcasting(ANY, ANY, Variable::mul), withScalar(ANY, Variable::mul)));

  /**
   * ∂b is −g·((a / b) / b), PyTorch's formula and order, not −(g·a) / b²: g·a overflowed where the
   * gradient does not (−Double.MAX_VALUE / 1.5 with g = 2: ∞ for 1.6e308) and underflowed to 0
   * where it is 1e-300 (a = 1e-270, g = 1e-60, b = 1e-30); (a / b) / b is the derivative's own
   * size. A pass that records the rule forms a / b anew from the inputs, as PyTorch's rule does,
   * rather than reading the output y: a rule that reads y sends a second-order pass back through
   * y, which ran y's gradient hooks a second time (a ×2 hook on a / b doubled the Hessian's terms
   * through the divisor, where PyTorch's and a·b⁻¹'s did not). A first-order pass records
   * nothing and runs no hook through its rule, so it reads y, the same bits, and saves a pass.
   */
  static final Primitive<Void> DIV = Primitive.of("div",
      "y = a / b; ∂a = g / b, ∂b = −g·((a / b) / b), from the inputs as PyTorch (a first-order"
          + " pass reads a / b from y, the same value)",
      (ctx, none, in) -> in[0].div(in[1]),
      (ctx, none, g) -> new Variable[] {
          ctx.needsGrad(0) ? g.div(ctx.input(1)) : null,
          ctx.needsGrad(1) ? g.mul(quotient(ctx).div(ctx.input(1))).neg() : null},
      oneOf(broadcasting(ANY, AWAY_FROM_ZERO, Variable::div), withScalar(ANY, Variable::div)));

  /**
   * a / b for div's rule: recomputed from the inputs while the rule is recorded, so that
   * derivatives through it go to a and b and never through the output's node (see {@link #DIV});
   * the output otherwise.
   */
  private static Variable quotient(OpContext ctx) {
    return Autograd.isGradEnabled() ? ctx.input(0).div(ctx.input(1)) : ctx.output();
  }

  /**
   * The base's derivative g·b·aᵇ⁻¹ is 0 where b = 0 and a⁻¹ is not finite (see
   * {@link #powBaseGradient}). The exponent's derivative g·y·ln a holds for a > 0; at a = 0 with
   * b ≥ 0 it is 0 (see {@link #powExponentGradient}), and for a < 0, or a = 0 with b < 0, it
   * stays NaN or infinite. It is computed only when the exponent needs a gradient, so a constant
   * exponent works for any base. The catalogue's bases are positive, or of either sign with a
   * whole constant exponent ({@link #wholePowers}), never 0, so its property tests never reach
   * the a = 0 branches; SubgradientChoicesTest checks them at first and second order.
   */
  static final Primitive<Void> POW = Primitive.of("pow",
      "y = aᵇ; ∂a = g·(b·aᵇ⁻¹), 0 where b = 0 and a⁻¹ is not finite (a = 0, subnormal or NaN);"
          + " ∂b = g·y·ln a (for a > 0), 0 where a = 0 and b ≥ 0",
      (ctx, none, in) -> in[0].pow(in[1]),
      (ctx, none, g) -> new Variable[] {
          ctx.needsGrad(0) ? powBaseGradient(ctx.input(0), ctx.input(1), g) : null,
          ctx.needsGrad(1)
              ? powExponentGradient(ctx.input(0), ctx.input(1), ctx.output(), g) : null},
      oneOf(broadcasting(POSITIVE, ANY, Variable::pow), withScalar(POSITIVE, Variable::pow),
          wholePowers()));

  /**
   * xᶜ for a whole constant c in [−2, 3] and bases of either sign, 0.3 from the pole at 0 that
   * negative c have (AWAY_FROM_ZERO): defined there, as in PyTorch ((−1.5)² = 2.25 with
   * derivative −3). With positive bases only, a rule taking aᵇ⁻¹ as |a|ᵇ⁻¹, wrong for a &lt; 0
   * and even b − 1, failed no test on a value. The exponent is a constant: ∂b = g·y·ln a is NaN
   * for a &lt; 0, in PyTorch too, so the other cases keep positive bases.
   */
  private static OpSpec.Sampler wholePowers() {
    return random -> {
      Shape shape = Inputs.shape(random);
      int c = random.nextInt(-2, 4);
      return new OpCase(shape + " c=" + c + " (bases of either sign)",
          List.of(Inputs.values(random, shape, AWAY_FROM_ZERO)), in -> in.get(0).pow(c));
    };
  }

  /**
   * ∂a of y = aᵇ: g·b·aᵇ⁻¹, but 0 where a = 0 and b = 0. There a⁰ is 1 on a whole neighbourhood
   * of a = 0, so the derivative really is 0, where the formula gives 0·0⁻¹ = 0·∞ = NaN: the
   * constant term of a polynomial written as Σ cₖ·xᵏ would turn every gradient into NaN at the
   * first input of exactly 0 (a ReLU output, a sparse feature). PyTorch masks the same places.
   *
   * <p>The same holds wherever b = 0 and a⁻¹ is not finite: a subnormal a, whose a⁻¹ overflows
   * (a = 1e-310 in float64, 1e-40 in float32: the formula gave 0·∞ = NaN), and a NaN a, since
   * a⁰ = 1 for every a (PyTorch's pow_backward masks b = 0 everywhere and gives 0 at both).
   *
   * <p>The exponent is replaced by 1 where masked, so the product is g·0·a⁰ = 0 with nothing
   * infinite left in the recorded graph, and a second derivative through this node meets the
   * same rule again (with exponent 0) rather than 0·∞. Elsewhere, b = 0 with a finite a⁻¹ keeps
   * the formula, which is finite there, and with it the mixed derivative ∂²y/∂a∂b = 1/a.
   *
   * <p>A constant exponent (one that requires no gradient, as {@code pow(0)}'s) has no mixed
   * derivative to keep: where it is 0 the derivative is selected to 0, as PyTorch's is (a
   * constant zeros for an exponent 0 throughout, a where for a tensor one with some zeros), so an
   * infinite or NaN g leaves 0 there rather than ∞·0 = NaN, and no later pass goes through it
   * into a's history (x¹'s derivative 1·x⁰ is such a node). A differentiable exponent keeps the
   * formula where a⁻¹ is finite, and with it ∂²y/∂a∂b = 1/a, which PyTorch's where loses; an
   * infinite g there still gives NaN.
   *
   * <p>The product is g·(b·aᵇ⁻¹), PyTorch's order, not (g·b)·aᵇ⁻¹: g·b overflowed where the
   * derivative is 0 (base 0.5, exponent 1e308, g = 2: ∞·0 = NaN where PyTorch gives 0).
   */
  private static Variable powBaseGradient(Variable a, Variable b, Variable g) {
    Tensor zeroExponent = b.value().eq(0);
    if (zeroExponent.sum().item() == 0) {
      // No exponent is 0 (geluTanh's x³, a square): nothing to mask, and no pass over a for it.
      return g.mul(b.mul(a.pow(b.sub(1))));
    }
    if (!b.requiresGrad() && zeroExponent.sum().item() == zeroExponent.size()) {
      return Variable.constant(Tensors.zerosLike(g.value())); // pow(0): connected to nothing
    }
    Variable one = Variable.constant(Tensor.scalar(1, b.dtype()));
    if (!b.requiresGrad()) {
      // g selected away where b = 0, before the product: a where after it would hand its 0 back
      // to the product's rule, 0·g = NaN again in the next pass for an infinite g.
      Variable selected = Variable.where(zeroExponent,
          Variable.constant(Tensor.scalar(0, g.dtype())), g);
      return selected.mul(b.mul(a.pow(Variable.where(zeroExponent, one, b).sub(1))));
    }
    // 1 where b = 0 and a⁻¹ is ±∞ or NaN: a = ±0, subnormal or NaN (NaN's |a⁻¹| < ∞ is false);
    // data, not differentiated
    Tensor unboundedReciprocal =
        a.value().reciprocal().abs().lt(Double.POSITIVE_INFINITY).eq(0);
    Tensor zeroPower = unboundedReciprocal.mul(zeroExponent);
    Variable safeExponent = Variable.where(zeroPower, one, b);
    return g.mul(b.mul(a.pow(safeExponent.sub(1))));
  }

  /**
   * ∂b of y = aᵇ: g·y·ln a, but 0 where a = 0 and b ≥ 0, PyTorch's rule (pow_backward_exponent).
   * For b > 0, 0ᵇ is 0 on a whole neighbourhood of b, so the derivative really is 0, where the
   * formula gives 0·(−∞) = NaN; at b = 0, where 0ᵇ jumps from 1 to 0, 0 is the choice PyTorch
   * makes. Without it one zero base, say a ReLU output raised to a learnable exponent, turns the
   * exponent's gradient, and then the exponent, into NaN.
   *
   * <p>The base is replaced by 1 where masked before the log, not only the result: the outer
   * where alone would keep ln 0 = −∞ in the recorded graph, and a second-order gradient through
   * it would be 0·(−∞), or 0 / 0 in log's rule, NaN again. With ln 1 = 0 every branch stays
   * finite, and the masked elements pass no gradient on to a, b, y or g.
   */
  private static Variable powExponentGradient(Variable a, Variable b, Variable y, Variable g) {
    // 1 where a = 0 and b ≥ 0 (−0 included, as it compares equal to 0); data, not differentiated
    Tensor zeroBase = a.value().eq(0).mul(b.value().ge(0));
    Variable safeBase = Variable.where(zeroBase, Variable.constant(Tensor.scalar(1, a.dtype())), a);
    Variable zero = Variable.constant(Tensor.scalar(0, g.dtype()));
    // ln a in the type the power was computed in: a float32 base under a float64 exponent gave
    // a float64 gradient with float32's ln a (relative error 1e-8, where PyTorch's is float64's).
    return Variable.where(zeroBase, zero, g.mul(y).mul(safeBase.to(y.dtype()).log()));
  }

  /**
   * At a tie, where max is not differentiable, each input gets half (PyTorch's subgradient). The
   * shares are PyTorch's too where either input is NaN: its rule masks a's g where a < b and b's
   * where a > b, and halves it where a = b, comparisons all false at a NaN, so both inputs get
   * the whole g there (the NaN output depends on each). Written as 1 − [a &lt; b] − ½[a = b], not
   * [a &gt; b] + ½[a = b], for that reason: each share is 1 where no comparison holds.
   */
  static final Primitive<Void> MAXIMUM = Primitive.of("maximum",
      "y = max(a, b), NaN if either is; ∂a = g where a > b, ∂b = g where b > a, half each at a"
          + " tie, and g to both where either is NaN (as PyTorch)",
      (ctx, none, in) -> in[0].maximum(in[1]),
      (ctx, none, g) -> {
        Tensor a = ctx.input(0).value();
        Tensor b = ctx.input(1).value();
        Tensor half = a.eq(b).mul(0.5);
        return new Variable[] {
            ctx.needsGrad(0) ? share(g, shareOf(a.lt(b), half, g)) : null,
            ctx.needsGrad(1) ? share(g, shareOf(a.gt(b), half, g)) : null};
      },
      separated(Variable::maximum));

  /** 1 − below − half in g's type: an input's share of max's gradient (see {@link #MAXIMUM}). */
  private static Tensor shareOf(Tensor below, Tensor half, Variable g) {
    return below.add(half).neg().add(1).to(g.dtype());
  }

  /**
   * g·s for shares s in [0, 1] (of g's shape), 0 where s is 0 even where g is infinite: a mask
   * that multiplies turns an infinite gradient into NaN (∞·0) where the input was not chosen, and
   * clamp(d², 0, ∞).sqrt() of a slightly negative d² made every gradient NaN (PyTorch selects).
   */
  static Variable share(Variable g, Tensor s) {
    return g.gatePositive(s).mul(Variable.constant(s));
  }

  static final OpEntry MINIMUM = OpEntry.composite("minimum",
      "y = min(a, b), computed as −max(−a, −b), NaN if either is; ∂a = g where a is the smaller,"
          + " ∂b = g where b is, half each at a tie, and g to both where either is NaN (as"
          + " PyTorch)",
      separated(Variable::minimum));

  /** a − b, its operands checked under its own name (its add and neg would name themselves). */
  static Variable sub(Variable a, Variable b) {
    checkOperand("sub", a, b);
    return a.add(b.neg());
  }

  /** min(a, b), its operands checked under its own name, as {@link #sub}. */
  static Variable minimum(Variable a, Variable b) {
    checkOperand("minimum", a, b);
    return a.neg().maximum(b.neg()).neg();
  }

  private static void checkOperand(String op, Variable a, Variable b) {
    checkNotNull(b, "%s: input 1 is null", op);
    if (!a.shape().equals(b.shape())) {
      Shape.broadcast(op, a.shape(), b.shape());
    }
  }

  /** The mask is data: it selects, it is not differentiated. */
  static final Primitive<Tensor> GATE_POSITIVE = Primitive.of("gatePositive",
      "y = a where c > 0 or c is NaN (c ≤ 0 is false), else 0 (c data, a's shape); ∂a = g"
          + " there, else 0",
      (ctx, gate, in) -> {
        ctx.save(gate);
        return in[0].gatePositive(gate);
      },
      (ctx, gate, g) -> new Variable[] {g.gatePositive(ctx.saved(0))},
      random -> {
        Shape shape = Inputs.shape(random);
        Tensor gate = Inputs.values(random, shape, AWAY_FROM_ZERO);
        return new OpCase(shape.toString(), List.of(Inputs.values(random, shape, ANY)),
            in -> in.get(0).gatePositive(gate));
      });

  static final Primitive<Tensor> WHERE = Primitive.of("where",
      "y = a where mask ≠ 0, else b; ∂a = g where mask ≠ 0, ∂b = g elsewhere",
      (ctx, mask, in) -> {
        ctx.save(mask);
        return Tensor.where(mask, in[0], in[1]);
      },
      (ctx, mask, g) -> {
        // Selected, not multiplied by the mask: an infinite g must leave 0 where it was not
        // chosen, not ∞·0 = NaN (PyTorch's where selects too).
        Tensor chosen = ctx.saved(0).ne(0);
        Variable zero = Variable.constant(Tensor.scalar(0, g.dtype()));
        return new Variable[] {
            ctx.needsGrad(0) ? Variable.where(chosen, g, zero) : null,
            ctx.needsGrad(1) ? Variable.where(chosen, zero, g) : null};
      },
      random -> {
        Shape[] shapes = Inputs.broadcastingShapes(random, 3);
        Tensor mask = Inputs.values(random, shapes[0], ANY).gt(0);
        return new OpCase(shapes[0] + " " + shapes[1] + " " + shapes[2],
            List.of(Inputs.values(random, shapes[1], ANY), Inputs.values(random, shapes[2], ANY)),
            in -> Variable.where(mask, in.get(0), in.get(1)));
      });

  /** Pairs at least 0.1 apart everywhere, so no element sits at the tie where max has a kink. */
  private static OpSpec.Sampler separated(BinaryOperator<Variable> op) {
    return random -> {
      Shape[] shapes = Inputs.broadcastingShapes(random, 2);
      Tensor a;
      Tensor b;
      do {
        a = Inputs.values(random, shapes[0], ANY);
        b = Inputs.values(random, shapes[1], ANY);
      } while (a.sub(b).abs().min().item() < 0.1);
      return new OpCase(shapes[0] + " " + shapes[1], List.of(a, b),
          in -> op.apply(in.get(0), in.get(1)));
    };
  }
}
