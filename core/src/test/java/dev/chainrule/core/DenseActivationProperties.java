package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code x.dense(w, mode, b, f)} is {@code f.apply(x.dense(w, mode, b))}, bit for bit, in both
 * types, with and without a bias, and an activation's input gradient is its derivative from the
 * output written out.
 */
class DenseActivationProperties {

  record Case(Tensor x, Tensor w, Tensor bias, DenseActivation activation, DType dtype) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 6);
    return Combinators.combine(size, size, size, Arbitraries.of(DenseActivation.class),
            Arbitraries.of(DType.class), Arbitraries.of(true, false))
        .flatAs((n, k, m, activation, dtype, bias) -> Combinators.combine(
                TensorArbitraries.tensors(Shape.of(n, k)),
                TensorArbitraries.tensors(Shape.of(m, k)), TensorArbitraries.tensors(Shape.of(m)))
            .as((x, w, b) -> new Case(x.mul(3).to(dtype), w.to(dtype),
                bias ? b.to(dtype) : null, activation, dtype)));
  }

  @Property
  void isTheActivationOfTheProductPlusTheBias(@ForAll("cases") Case c) {
    Tensor product = c.bias() == null ? c.x().matmul(c.w(), Transpose.RIGHT)
        : c.x().dense(c.w(), Transpose.RIGHT, c.bias());
    Tensor fused = c.x().dense(c.w(), Transpose.RIGHT, c.bias(), c.activation());
    assertEquals(c.activation().apply(product), fused);
    assertEquals(c.dtype(), fused.dtype());
  }

  @Example
  void productsOfPooledLengthsGiveTheSameBitsAndHandTheProductBack() {
    // 64 × 16 = 1,024 elements: long enough for the pool, so the product's array is reused in
    // place (relu) or handed back (tanh, sigmoid); stale NaNs in the pool must never show.
    Tensor x = Tensors.randn(Shape.of(64, 8), 3L);
    Tensor w = Tensors.randn(Shape.of(16, 8), 4L);
    Tensor b = Tensors.randn(Shape.of(16), 5L);
    for (DType dtype : DType.values()) {
      for (DenseActivation activation : DenseActivation.values()) {
        Tensor expected = activation.apply(x.to(dtype).dense(w.to(dtype), Transpose.RIGHT,
            b.to(dtype)));
        Recycling.clear();
        try (var scope = Recycling.open()) {
          scope.recycle(Tensors.full(Shape.of(64, 16), Double.NaN).to(dtype).neg());
          long pooled = Recycling.pooledBytes();
          Tensor fused = x.to(dtype).dense(w.to(dtype), Transpose.RIGHT, b.to(dtype), activation);
          assertEquals(expected, fused, dtype + " " + activation);
          // relu writes over the product it took from the pool; tanh and sigmoid take a second
          // array for their result and hand the product's back.
          assertEquals(activation == DenseActivation.RELU ? 0 : pooled, Recycling.pooledBytes(),
              dtype + " " + activation);
        }
      }
    }
    Recycling.clear();
  }

  @Example
  void inputGradientsAreTheDerivativesFromTheOutput() {
    Tensor y = Tensor.vector(-0.5, 0, 0.25, 0.75);
    Tensor g = Tensor.vector(2, 3, -4, 8);
    // relu′ = [y > 0] (0 at the kink), tanh′ = 1 − y², σ′ = y(1 − y); exact in binary.
    assertEquals(Tensor.vector(0, 0, -4, 8), DenseActivation.RELU.inputGradient(g, y));
    assertEquals(Tensor.vector(1.5, 3, -3.75, 3.5), DenseActivation.TANH.inputGradient(g, y));
    assertEquals(Tensor.vector(-1.5, 0, -0.75, 1.5),
        DenseActivation.SIGMOID.inputGradient(g, y));
  }

  @Example
  void aTemporaryIsTakenOnlyFromTheScopeOpenNow() {
    Recycling.clear();
    Tensor before = Tensors.ones(Shape.of(4 * Recycling.MIN_ELEMENTS)).neg();
    assertEquals(false, Recycling.recycleTemporary(before), "no scope is open");
    try (var outer = Recycling.open()) {
      Tensor outerOwn = Tensors.ones(Shape.of(4 * Recycling.MIN_ELEMENTS)).neg();
      try (var inner = Recycling.open()) {
        Tensor temporary = Tensors.ones(Shape.of(4 * Recycling.MIN_ELEMENTS)).neg();
        double[] array = temporary.dataF64();
        assertEquals(false, Recycling.recycleTemporary(before), "born before every scope");
        assertEquals(false, Recycling.recycleTemporary(outerOwn), "born in another scope");
        assertEquals(true, Recycling.recycleTemporary(temporary));
        assertEquals(false, Recycling.recycleTemporary(temporary), "taken once");
        assertSame(array, Recycling.bufferF64(4 * Recycling.MIN_ELEMENTS));
      }
    }
    Recycling.clear();
  }
}
