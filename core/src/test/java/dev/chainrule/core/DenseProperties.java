package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code x.dense(w, NONE, b)} is {@code x.matmul(w).add(b)}, bit for bit, for every bias layout,
 * on products under 256 multiply-adds (the small kernel sums the product before adding it to the
 * bias); larger products add their terms to the bias in another order.
 */
class DenseProperties {

  record Case(Tensor x, Tensor w, Tensor bias) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 6);
    return Combinators.combine(size, size, size, Arbitraries.integers().between(0, 3))
        .flatAs((n, k, m, layout) -> {
          // A bias row [m], a row matrix [1, m], a column [n, 1] or a scalar.
          Shape bias = switch (layout) {
            case 0 -> Shape.of(m);
            case 1 -> Shape.of(1, m);
            case 2 -> Shape.of(n, 1);
            default -> Shape.scalar();
          };
          return Combinators.combine(TensorArbitraries.tensors(Shape.of(n, k)),
                  TensorArbitraries.tensors(Shape.of(k, m)), TensorArbitraries.tensors(bias))
              .as(Case::new);
        });
  }

  @Property
  void isTheProductPlusTheBias(@ForAll("cases") Case c) {
    assertEquals(c.x().matmul(c.w()).add(c.bias()), c.x().dense(c.w(), Transpose.NONE, c.bias()));
  }

  @Example
  void aBiasThatDoesNotBroadcastToTheProductIsNamed() {
    Tensor x = Tensors.ones(2, 3);
    Tensor w = Tensors.ones(3, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> x.dense(w, Transpose.NONE, Tensors.ones(5)));
    assertEquals("dense: [5] cannot broadcast to [2, 4] (axis -1: 5 vs 4)", e.getMessage());
  }
}
