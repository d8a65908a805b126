package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.core.Transpose;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link BackwardUpdate}: backward updates a parameter instead of keeping its gradient, through
 * the rule's product where that is safe and from the summed gradient everywhere else, and both
 * give the step a plain backward and an update after it give.
 */
class BackwardUpdateTest {
  private static final double RATE = 0.25;

  /** θ ← θ − η·g, recording which way each update came. */
  private static final class Descent implements BackwardUpdate {
    final List<String> calls = new ArrayList<>();
    final boolean linear;

    Descent(boolean linear) {
      this.linear = linear;
    }

    @Override
    public void apply(Variable parameter, Tensor gradient) {
      calls.add("apply " + parameter.name());
      parameter.value().axpyInPlace(-RATE, gradient);
    }

    @Override
    public LinearForm linearForm(Variable parameter) {
      return linear ? new LinearForm(-RATE, 1) : null;
    }

    @Override
    public void appliedInProduct(Variable parameter) {
      calls.add("product " + parameter.name());
    }
  }

  /** A two-layer network's parameters, fresh copies of one seed, and its loss on fixed data. */
  private record Net(Variable x, Variable w1, Variable b1, Variable w2) {
    static Net of(DType type) {
      return new Net(
          Variable.parameter(Tensors.randn(Shape.of(5, 4), Tensors.seeded(1), type), "x"),
          Variable.parameter(Tensors.randn(Shape.of(3, 4), Tensors.seeded(2), type), "w1"),
          Variable.parameter(Tensors.randn(Shape.of(3), Tensors.seeded(3), type), "b1"),
          Variable.parameter(Tensors.randn(Shape.of(2, 3), Tensors.seeded(4), type), "w2"));
    }

    Variable loss() {
      Variable hidden = Variable.linear(x, w1, b1, DenseActivation.TANH);
      return Variable.linear(hidden, w2, null).square().sum();
    }

    List<Variable> parameters() {
      return List.of(w1, b1, w2);
    }
  }

  /** The reference step: a plain backward, then θ ← θ − η·g for every parameter. */
  private static Net referenceStep(DType type, Function<Net, Variable> loss) {
    Net net = Net.of(type);
    loss.apply(net).backward();
    for (Variable p : net.parameters()) {
      p.value().axpyInPlace(-RATE, p.grad());
    }
    return net;
  }

  @Test
  void weightsOnlyOneDenseLayerReadsAreUpdatedInItsProductTheRestFromTheirGradients() {
    for (DType type : DType.values()) {
      Net reference = referenceStep(type, Net::loss);
      Net net = Net.of(type);
      Descent descent = new Descent(true);
      net.parameters().forEach(p -> p.updateInBackward(descent));

      net.loss().backward();

      // W2's and W1's products go into them, in backward's order; the bias has no product.
      assertEquals(List.of("product w2", "product w1", "apply b1"), descent.calls, type.name());
      // The product's sum and the update's rounding differ from the gradient's then the axpy's:
      // a few ulps of the values (of order 1 to 10 here) in each type.
      double tolerance = type == DType.FLOAT64 ? 1e-12 : 2e-5;
      for (int i = 0; i < 3; i++) {
        Variable p = net.parameters().get(i);
        assertNull(p.grad(), "an updated parameter keeps no gradient");
        assertClose(reference.parameters().get(i).value(), p.value(), tolerance);
      }
      // x's gradient went through W1 before W1 moved: exactly the plain backward's.
      assertArrayEquals(reference.x().grad().toArray(), net.x().grad().toArray());
    }
  }

  @Test
  void aMatrixProductUpdatesOneOperandInItsProductInEveryMode() {
    for (Transpose mode : Transpose.values()) {
      for (int side = 0; side < 2; side++) {
        // A [3, 4] or its transpose times B [4, 2] or its transpose, both parameters, one of
        // them with an update, which goes into its gradient's product.
        Variable[] reference = operands(mode);
        Variable[] fused = operands(mode);
        Descent descent = new Descent(true);
        Variable parameter = fused[side];
        parameter.updateInBackward(descent);
        reference[0].matmul(reference[1], mode).tanh().sum().backward();
        reference[side].value().axpyInPlace(-RATE, reference[side].grad());

        fused[0].matmul(fused[1], mode).tanh().sum().backward();

        String label = mode + ", operand " + side;
        assertEquals(List.of("product " + parameter.name()), descent.calls, label);
        // One product's sum and two roundings against the gradient's then the axpy's.
        assertClose(reference[side].value(), parameter.value(), 1e-14);
        // The other operand's gradient used the updated one's value from before the update.
        assertArrayEquals(reference[1 - side].grad().toArray(), fused[1 - side].grad().toArray(),
            label);
      }
    }
  }

  @Test
  void ofTwoOperandsWithUpdatesOnlyTheSecondIsUpdatedInItsProduct() {
    // The second update would read the first one's new value: A's comes from its gradient.
    Variable[] reference = operands(Transpose.NONE);
    Variable[] fused = operands(Transpose.NONE);
    Descent descent = new Descent(true);
    fused[0].updateInBackward(descent);
    fused[1].updateInBackward(descent);
    reference[0].matmul(reference[1]).tanh().sum().backward();
    for (Variable p : reference) {
      p.value().axpyInPlace(-RATE, p.grad());
    }

    fused[0].matmul(fused[1]).tanh().sum().backward();

    assertEquals(List.of("product b", "apply a"), descent.calls);
    assertArrayEquals(reference[0].value().toArray(), fused[0].value().toArray());
    assertClose(reference[1].value(), fused[1].value(), 1e-14);
  }

  private static Variable[] operands(Transpose mode) {
    Shape a = mode.left() ? Shape.of(4, 3) : Shape.of(3, 4);
    Shape b = mode.right() ? Shape.of(2, 4) : Shape.of(4, 2);
    return new Variable[] {
        Variable.parameter(Tensors.randn(a, Tensors.seeded(5)).mul(0.5), "a"),
        Variable.parameter(Tensors.randn(b, Tensors.seeded(6)).mul(0.5), "b")};
  }

  @Test
  void anUpdateNotInLinearFormGetsTheGradientAPlainBackwardKeeps() {
    Net reference = referenceStep(DType.FLOAT64, Net::loss);
    Net net = Net.of(DType.FLOAT64);
    Descent descent = new Descent(false);
    net.parameters().forEach(p -> p.updateInBackward(descent));

    net.loss().backward();

    assertAllApplied(descent.calls);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(reference.parameters().get(i).value().toArray(),
          net.parameters().get(i).value().toArray(), "the same arithmetic, the same bits");
    }
  }

  @Test
  void aWeightAnotherOpReadsTooIsUpdatedOnceItsWholeGradientIsKnown() {
    // A penalty on W1 reads it a second time: its product is not its whole gradient, and the
    // penalty's rule runs after the layer's and reads W1's value.
    Function<Net, Variable> penalized = n -> n.loss().add(n.w1().square().sum());
    Net reference = referenceStep(DType.FLOAT64, penalized);
    Net net = Net.of(DType.FLOAT64);
    Descent descent = new Descent(true);
    net.parameters().forEach(p -> p.updateInBackward(descent));

    penalized.apply(net).backward();

    assertTrue(descent.calls.contains("apply w1"), descent.calls.toString());
    assertArrayEquals(reference.w1().value().toArray(), net.w1().value().toArray());
  }

  @Test
  void noProductUpdateWhereTheGradientMustBeSeenOrTheGraphIsKept() {
    // A hook on W2, a kept graph, anomaly detection: W2's update comes from its gradient.
    Net hooked = Net.of(DType.FLOAT64);
    Descent first = new Descent(true);
    hooked.parameters().forEach(p -> p.updateInBackward(first));
    hooked.w2().registerHook(g -> g);
    hooked.loss().backward();
    assertTrue(first.calls.contains("apply w2"), first.calls.toString());

    Net kept = Net.of(DType.FLOAT64);
    Descent second = new Descent(true);
    kept.parameters().forEach(p -> p.updateInBackward(second));
    kept.loss().backward(null, Gradients.Options.retainingGraph());
    assertAllApplied(second.calls);

    Net checked = Net.of(DType.FLOAT64);
    Descent third = new Descent(true);
    checked.parameters().forEach(p -> p.updateInBackward(third));
    try (var anomaly = Autograd.detectAnomaly()) {
      checked.loss().backward();
    }
    assertAllApplied(third.calls);
  }

  @Test
  void aWeightWhoseArrayAnotherVariableReadsIsUpdatedAfterTheRules() {
    // A detached copy, a constant on the same tensor that an op of the graph reads (mul's rule
    // reads it for the other factor's gradient), a second parameter on it (a weight tied by its
    // tensor): each reads the array after the layer's rule, or the product would read it.
    List<Function<Variable, Variable>> losses = List.of(
        w -> Variable.linear(w.detach(), w, null).square().sum(),
        w -> w.detach().matmul(w, Transpose.RIGHT).square().sum(),
        w -> Variable.constant(w.value()).mul(Variable.parameter(Tensors.ones(Shape.of(3, 3))))
            .sum().add(Variable.linear(Variable.constant(Tensors.ones(Shape.of(2, 3))), w, null)
                .square().sum()),
        w -> Variable.linear(Variable.linear(Variable.constant(Tensors.ones(Shape.of(2, 3))),
            w, null), Variable.parameter(w.value(), "tied"), null).square().sum());
    for (int i = 0; i < losses.size(); i++) {
      Variable reference = Variable.parameter(Tensors.randn(Shape.of(3, 3), Tensors.seeded(8)));
      losses.get(i).apply(reference).backward();
      reference.value().axpyInPlace(-RATE, reference.grad());
      Variable w = Variable.parameter(Tensors.randn(Shape.of(3, 3), Tensors.seeded(8)), "w");
      Descent descent = new Descent(true);
      w.updateInBackward(descent);

      losses.get(i).apply(w).backward();

      assertEquals(List.of("apply w"), descent.calls, "loss " + i);
      assertArrayEquals(reference.value().toArray(), w.value().toArray(), "loss " + i);
    }
  }

  @Test
  void updatesRunAfterEveryGradientIsPlacedOnCopiesOfWhatTheGraphHolds() {
    // A rule that returns its inputs' values as their gradients: p0's gradient is p1's value and
    // p1's is p0's. Updated one by one, the second would read the first's new value.
    Op dot = Op.of("dot", 2, (ctx, in) -> in[0].mul(in[1]).sum(),
        (ctx, g) -> new Variable[] {ctx.input(1), ctx.input(0)});
    Variable[] reference = {Variable.parameter(Tensor.vector(1, 2, 3)),
        Variable.parameter(Tensor.vector(-1, 0.5, 2))};
    dot.apply(reference).backward();
    for (Variable p : reference) {
      p.value().axpyInPlace(-RATE, p.grad());
    }
    Variable[] updated = {Variable.parameter(Tensor.vector(1, 2, 3), "p0"),
        Variable.parameter(Tensor.vector(-1, 0.5, 2), "p1")};
    Descent descent = new Descent(true);
    for (Variable p : updated) {
      p.updateInBackward(descent);
    }

    dot.apply(updated).backward();

    for (int i = 0; i < 2; i++) {
      assertArrayEquals(reference[i].value().toArray(), updated[i].value().toArray(), "p" + i);
    }
  }

  @Test
  void aSeedThatBecomesTheGradientIsNeitherChangedNorHandedBackByTheUpdate() {
    // add's rule passes the seed on unchanged, so w's gradient is the caller's tensor: the pass
    // does not own it, the update reads a copy, and the seed is never handed back for reuse.
    // The seed is born in a scope of the caller's, closed since (which is what lets the pool take
    // an array), and has 256 elements, above Recycling.MIN_ELEMENTS.
    Tensor seed;
    try (Recycling.Scope scope = Recycling.open()) {
      seed = Tensors.ones(Shape.of(16, 16)).mul(2.0);
    }
    Variable w = Variable.parameter(Tensors.ones(Shape.of(16, 16)), "w");
    Descent descent = new Descent(false);
    w.updateInBackward(descent);

    w.add(Variable.constant(Tensors.ones(Shape.of(16, 16)))).backward(seed);
    // Write whatever arrays the pool hands out, as the next step's work would.
    Tensors.randn(Shape.of(16, 16), 6L).exp().exp().exp();

    assertEquals(List.of("apply w"), descent.calls);
    // Exact: 1 − 0.25·2 and 2 are represented exactly.
    assertEquals(Tensors.full(Shape.of(16, 16), 2.0), seed, "the caller's seed");
    assertEquals(Tensors.full(Shape.of(16, 16), 0.5), w.value(), "the updated weight");
  }

  /**
   * A gradient the pass made goes back for reuse once its update has read it: such a pass hands
   * back one array more than the same pass keeping that gradient in grad() (w's 256 elements,
   * above Recycling.MIN_ELEMENTS; everything else the two passes do alike).
   */
  @Test
  void aGradientThePassOwnsGoesBackForReuseAfterItsUpdate() {
    long[] handedBack = new long[2];
    for (int updating = 0; updating < 2; updating++) {
      Variable w = Variable.parameter(Tensors.ones(Shape.of(16, 16)), "w");
      Descent descent = new Descent(false);
      if (updating == 1) {
        w.updateInBackward(descent);
      }
      Recycling.clear();
      long before = Recycling.recycledCount();
      w.mul(Variable.constant(Tensors.full(Shape.of(16, 16), 3.0))).sum().backward();
      handedBack[updating] = Recycling.recycledCount() - before;
      assertEquals(updating == 1 ? List.of("apply w") : List.of(), descent.calls);
    }
    assertEquals(handedBack[0] + 1, handedBack[1], "w's gradient, after its update");
  }

  @Test
  void noUpdateGoesIntoAProductWhereUsersCodeRunsDuringThePass() {
    // A hook on any node of the graph, or a user's rule, may read a weight through a reference
    // the graph does not show; it must see the weight as it is whatever the optimizer.
    double[] seen = new double[1];
    List<Function<Variable, Variable>> losses = List.of(
        w -> {
          Variable h = Variable.constant(Tensors.ones(Shape.of(2, 3))).mul(2.0)
              .add(Variable.parameter(Tensors.zeros(Shape.of(2, 3))));
          h.registerHook(g -> {
            seen[0] = w.value().get(0, 0);
            return g;
          });
          return Variable.linear(h, w, null).sum();
        },
        w -> Op.unary("twice", (ctx, x) -> x.mul(2.0), (ctx, g) -> g.mul(2.0))
            .apply(Variable.linear(Variable.constant(Tensors.ones(Shape.of(2, 3))), w, null))
            .sum());
    for (int i = 0; i < losses.size(); i++) {
      Variable w = Variable.parameter(Tensors.ones(Shape.of(3, 3)), "w");
      Descent descent = new Descent(true);
      w.updateInBackward(descent);

      losses.get(i).apply(w).backward();

      assertEquals(List.of("apply w"), descent.calls, "loss " + i);
    }
    assertEquals(1.0, seen[0], "the hook saw the weight before its update");
  }

  @Test
  void gradientsOfReturnsGradientsAndUpdatesNothing() {
    Net net = Net.of(DType.FLOAT64);
    Descent descent = new Descent(true);
    net.parameters().forEach(p -> p.updateInBackward(descent));
    double[] before = net.w1().value().toArray();

    Gradients.of(List.of(net.loss()), List.of(net.w1()), null, Gradients.Options.defaults());

    assertEquals(List.of(), descent.calls);
    assertArrayEquals(before, net.w1().value().toArray());
  }

  @Test
  void removingTheUpdateKeepsGradientsAgain() {
    Net net = Net.of(DType.FLOAT64);
    assertFalse(net.w2().hasUpdateInBackward(), "before");
    HookHandle handle = net.w2().updateInBackward(new Descent(true));
    assertTrue(BackwardUpdates.any(), "passes count readers while one is registered");
    assertTrue(net.w2().hasUpdateInBackward(), "registered");
    assertFalse(net.w1().hasUpdateInBackward(), "another parameter");
    handle.remove();
    handle.remove();
    assertFalse(net.w2().hasUpdateInBackward(), "removed");

    net.loss().backward();

    assertEquals(Shape.of(2, 3), net.w2().grad().shape());
  }

  @Test
  void onlyAParameterWithoutAGradientOrAnotherUpdateTakesOne() {
    Net net = Net.of(DType.FLOAT64);
    Descent descent = new Descent(true);
    assertMessage("is not a parameter", () ->
        net.w1().mul(2.0).updateInBackward(descent));
    assertMessage("is not a parameter", () ->
        Variable.constant(Tensors.ones(Shape.of(2))).updateInBackward(descent));
    net.w1().updateInBackward(descent);
    assertMessage("'w1' [3, 4] has an update in backward already", () ->
        net.w1().updateInBackward(descent));
    net.loss().backward();
    assertMessage("'w2' [2, 3] holds a gradient of an earlier pass", () ->
        net.w2().updateInBackward(descent));
    assertEquals("updateInBackward: update is null", assertThrows(NullPointerException.class,
        () -> net.b1().updateInBackward(null)).getMessage());
  }

  /** Every parameter updated from its gradient, once, in the order the pass reached them. */
  private static void assertAllApplied(List<String> calls) {
    assertEquals(List.of("apply b1", "apply w1", "apply w2"), calls.stream().sorted().toList());
  }

  private static void assertMessage(String part, Runnable call) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
    assertTrue(e.getMessage().startsWith("updateInBackward: ") && e.getMessage().contains(part),
        e.getMessage());
  }

  private static void assertClose(Tensor expected, Tensor actual, double tolerance) {
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    assertEquals(e.length, a.length);
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], tolerance, "element " + i);
    }
  }
}
