package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every core operation in float32 against the same operation in float64 on the same values (the
 * float64 inputs are the float32 inputs widened, so the comparison measures the float32 kernels'
 * rounding and nothing else). Results must be float32 and agree within
 *
 * <pre>  |r₃₂ − r₆₄| ≤ 1e-5 · max(1, max |r₆₄|)</pre>
 *
 * float32's unit roundoff is 6e-8; the products below sum up to 64 terms of size 100, and each
 * term's rounding adds about u·|term|, so 64·u ≈ 4e-6 of the largest result bounds them, and
 * elementwise functions are within a few ulps. Operations that only move or select values must
 * agree exactly.
 */
class Float32Properties {

  /** An operation of the catalogue: on two tensors that broadcast together (b may be ignored). */
  record Op(String name, boolean exact, Function<List<Tensor>, Tensor> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Op op(String name, Function<List<Tensor>, Tensor> apply) {
    return new Op(name, false, apply);
  }

  private static Op exact(String name, Function<List<Tensor>, Tensor> apply) {
    return new Op(name, true, apply);
  }

  private static Tensor a(List<Tensor> in) {
    return in.get(0);
  }

  private static Tensor b(List<Tensor> in) {
    return in.get(1);
  }

  static final List<Op> OPS = List.of(
      exact("neg", in -> a(in).neg()),
      op("exp", in -> a(in).exp()),
      op("log", in -> a(in).abs().add(0.1).log()),
      op("log1p", in -> a(in).abs().log1p()),
      op("sqrt", in -> a(in).abs().sqrt()),
      op("sin", in -> a(in).sin()),
      op("cos", in -> a(in).cos()),
      exact("abs", in -> a(in).abs()),
      exact("sign", in -> a(in).sign()),
      op("square", in -> a(in).square()),
      op("reciprocal", in -> a(in).abs().add(0.5).reciprocal()),
      op("tanh", in -> a(in).tanh()),
      op("sigmoid", in -> a(in).sigmoid()),
      op("softplus", in -> a(in).softplus()),
      exact("relu", in -> a(in).relu()),
      op("erf", in -> a(in).erf()),
      op("erfc", in -> a(in).erfc()),
      exact("clamp", in -> a(in).clamp(-1, 2)),
      op("map", in -> a(in).map(Math::sin)),
      op("add", in -> a(in).add(b(in))),
      op("sub", in -> a(in).sub(b(in))),
      op("mul", in -> a(in).mul(b(in))),
      op("div", in -> a(in).div(b(in).abs().add(0.5))),
      op("pow", in -> a(in).abs().add(0.1).pow(b(in).div(4))),
      exact("maximum", in -> a(in).maximum(b(in))),
      exact("minimum", in -> a(in).minimum(b(in))),
      exact("lt", in -> a(in).lt(b(in))),
      exact("ge", in -> a(in).ge(b(in))),
      exact("eq", in -> a(in).eq(b(in))),
      exact("where", in -> Tensor.where(a(in).gt(0), a(in), b(in))),
      op("scalar ops", in -> a(in).mul(3).sub(0.25).div(7).add(1)),
      op("pow scalar", in -> a(in).abs().pow(1.5)),
      exact("scalar comparisons", in -> a(in).gt(0.5).add(a(in).le(-0.5))),
      op("sum", in -> a(in).sum()),
      op("sum axis 0", in -> a(in).rank() == 0 ? a(in).sum() : a(in).sum(0, true)),
      op("sum last axis", in -> a(in).rank() == 0 ? a(in).sum() : a(in).sum(-1, false)),
      op("mean", in -> a(in).mean()),
      exact("max", in -> a(in).max()),
      exact("min axis 0", in -> a(in).rank() == 0 ? a(in).min() : a(in).min(0, false)),
      op("logSumExp", in -> a(in).logSumExp()),
      op("logSumExp axis 0", in -> a(in).rank() == 0 ? a(in) : a(in).logSumExp(0, true)),
      op("variance", in -> a(in).variance()),
      op("softmax", in -> a(in).rank() == 0 ? a(in) : a(in).softmax(-1)),
      op("softmax axis 0", in -> a(in).rank() == 0 ? a(in) : a(in).softmax(0)),
      op("logSoftmax", in -> a(in).rank() == 0 ? a(in) : a(in).logSoftmax(-1)),
      exact("argmax", in -> a(in).rank() == 0 ? a(in) : a(in).argmax(-1, false)),
      exact("reshape", in -> a(in).reshape(-1)),
      exact("transpose", in -> a(in).rank() < 2 ? a(in) : a(in).transpose(0, -1)),
      exact("broadcastTo", in -> a(in).add(b(in)).mul(0).add(a(in))),
      op("sumTo", in -> a(in).add(b(in)).sumTo(b(in).shape())),
      exact("slice", in -> a(in).rank() == 0 ? a(in) : a(in).slice(0, 0, -1)),
      exact("concat", in -> a(in).reshape(-1).concat(0, b(in).reshape(-1))),
      exact("stack", in -> a(in).stack(0, a(in).neg())),
      exact("unsqueeze", in -> a(in).unsqueeze(0).squeeze()),
      exact("take", in -> a(in).reshape(-1).take(0, Tensor.vector(0, 0))),
      exact("gather", in -> a(in).reshape(1, -1).gather(1, Tensor.of(new double[] {0}, 1, 1))),
      op("indexAdd", in -> a(in).reshape(-1).indexAdd(0, Tensor.vector(0, 0),
          b(in).sum().reshape(1).broadcastTo(Shape.of(2)))),
      op("matmul", in -> a(in).reshape(-1, 1).matmul(b(in).reshape(1, -1))),
      op("matmul inner", in -> a(in).reshape(1, -1).matmul(a(in).reshape(-1, 1))),
      op("dense", in -> a(in).reshape(-1, 1).dense(b(in).reshape(1, -1), Transpose.NONE,
          b(in).reshape(-1))));

  @Provide
  Arbitrary<List<Tensor>> pairs() {
    return TensorArbitraries.broadcastingShapes(2).flatMap(shapes ->
        Combinators.combine(
            TensorArbitraries.tensors(shapes.get(0)), TensorArbitraries.tensors(shapes.get(1)))
            .as((x, y) -> List.of(x.to(DType.FLOAT32), y.to(DType.FLOAT32))));
  }

  @Provide
  Arbitrary<Op> ops() {
    return Arbitraries.of(OPS);
  }

  @Property(tries = 2000)
  void everyOperationRunsInFloat32AndAgreesWithFloat64(@ForAll("ops") Op op,
      @ForAll("pairs") List<Tensor> in32) {
    List<Tensor> in64 = List.of(a(in32).to(DType.FLOAT64), b(in32).to(DType.FLOAT64));
    Tensor r32 = op.apply().apply(in32);
    Tensor r64 = op.apply().apply(in64);
    assertEquals(DType.FLOAT32, r32.dtype(), op + " keeps float32");
    assertEquals(DType.FLOAT64, r64.dtype(), op + " keeps float64");
    assertEquals(r64.shape(), r32.shape(), op + " shape");
    if (op.exact()) {
      assertEquals(r64, r32.to(DType.FLOAT64), op + " moves or selects values exactly");
      return;
    }
    double scale = Math.max(1, r64.abs().max().item());
    assertTrue(r32.to(DType.FLOAT64).allClose(r64, 0, 1e-5 * scale),
        () -> op + ": float32 " + r32 + " vs float64 " + r64);
  }

  /** Operations whose two operands meet directly, so mixing types is visible in the first step. */
  static final List<Op> DIRECT = List.of(
      op("add", in -> a(in).add(b(in))),
      op("sub", in -> a(in).sub(b(in))),
      op("mul", in -> a(in).mul(b(in))),
      op("div", in -> a(in).div(b(in))),
      op("pow", in -> a(in).pow(b(in))),
      exact("maximum", in -> a(in).maximum(b(in))),
      exact("lt", in -> a(in).lt(b(in))),
      exact("where", in -> Tensor.where(b(in), a(in), b(in))),
      exact("concat", in -> a(in).reshape(-1).concat(0, b(in).reshape(-1))),
      op("matmul", in -> a(in).reshape(-1, 1).matmul(b(in).reshape(1, -1))),
      op("dense", in -> a(in).reshape(-1, 1).dense(b(in).reshape(1, -1), Transpose.NONE,
          b(in).reshape(-1))));

  @Provide
  Arbitrary<Op> direct() {
    return Arbitraries.of(DIRECT);
  }

  /**
   * Two tensors with dimensions, or two of rank 0, compute in float64 when either is float64. A
   * rank-0 operand beside one with dimensions takes the other's type instead (PyTorch's rule,
   * {@code DTypeTest}); the ops that keep ranks are not checked for such pairs.
   */
  @Property(tries = 300)
  void mixedTypesComputeInFloat64(@ForAll("direct") Op op, @ForAll("pairs") List<Tensor> in32) {
    boolean oneScalar = (a(in32).shape().rank() == 0) != (b(in32).shape().rank() == 0);
    if (oneScalar && !List.of("concat", "matmul", "dense").contains(op.name())) {
      return;
    }
    Tensor wideA = a(in32).to(DType.FLOAT64);
    Tensor wideB = b(in32).to(DType.FLOAT64);
    Tensor expected = op.apply().apply(List.of(wideA, wideB));
    assertEquals(expected, op.apply().apply(List.of(a(in32), wideB)), op + ": f32 ∘ f64");
    assertEquals(expected, op.apply().apply(List.of(wideA, b(in32))), op + ": f64 ∘ f32");
  }
}
