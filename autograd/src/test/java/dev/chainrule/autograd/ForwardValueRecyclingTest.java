package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Gradients#backwardReleasingValues}: a step that hands its forward values back trains
 * exactly as one that keeps them, and only the values born in the step's scope are taken.
 */
class ForwardValueRecyclingTest {
  private static final int BATCH = 64;
  private static final int WIDTH = 32;

  /** Three interior values of 64 × 32 (above Recycling.MIN_ELEMENTS) and two small ones. */
  private static Variable loss(List<Variable> params, Variable x) {
    Variable hidden = x.matmul(params.get(0)).add(params.get(1)).relu();
    return hidden.matmul(params.get(2)).tanh().square().sum();
  }

  @Test
  void stepsThatReleaseTheirValuesTrainExactlyAsStepsThatKeepThem() {
    for (DType dtype : DType.values()) {
      List<Variable> keeping = GradientRecyclingTest.parameters(dtype);
      List<Variable> releasing = GradientRecyclingTest.parameters(dtype);
      for (int step = 0; step < 4; step++) {
        Tensor batch = Tensors.randn(Shape.of(BATCH, WIDTH), 10L + step).to(dtype);
        keeping.forEach(Variable::zeroGrad);
        loss(keeping, Variable.constant(batch)).backward();

        releasing.forEach(Variable::zeroGrad);
        long recycledBefore = Recycling.recycledCount();
        try (Recycling.Scope scope = Recycling.open()) {
          Gradients.backwardReleasingValues(loss(releasing, Variable.constant(batch)), scope);
        }
        // x·W, + b, relu, ·W, tanh and square are born in the scope; the first five of them
        // are large enough to be pooled, and so is nothing else the test holds.
        assertTrue(Recycling.recycledCount() - recycledBefore >= 5,
            () -> "arrays taken: " + (Recycling.recycledCount() - recycledBefore));
        for (int i = 0; i < keeping.size(); i++) {
          // Bitwise: the same kernels, the later steps writing into the arrays handed back.
          assertEquals(keeping.get(i).grad(), releasing.get(i).grad(),
              dtype + " step " + step + " parameter " + i);
          keeping.get(i).value().axpyInPlace(-0.1, keeping.get(i).grad());
          releasing.get(i).value().axpyInPlace(-0.1, releasing.get(i).grad());
        }
      }
      for (int i = 0; i < keeping.size(); i++) {
        assertEquals(keeping.get(i).value(), releasing.get(i).value(), dtype + " parameter " + i);
      }
    }
  }

  /**
   * What the step hands back beyond a plain backward of the same graph (which hands back
   * gradients alone) is its forward values: the five interior values large enough to pool.
   */
  @Test
  void theForwardValuesGoBackBesideTheGradients() {
    Tensor batch = Tensors.randn(Shape.of(BATCH, WIDTH), 10L);
    long[] received = new long[2];
    for (int releasing = 0; releasing < 2; releasing++) {
      List<Variable> params = GradientRecyclingTest.parameters(DType.FLOAT64);
      Recycling.clear();
      long before = Recycling.recycledCount();
      try (Recycling.Scope scope = Recycling.open()) {
        Variable loss = loss(params, Variable.constant(batch));
        if (releasing == 1) {
          Gradients.backwardReleasingValues(loss, scope);
        } else {
          loss.backward();
        }
      }
      received[releasing] = Recycling.recycledCount() - before;
    }
    assertTrue(received[1] - received[0] >= 5, () -> Arrays.toString(received));
  }

  @Test
  void onlyValuesOpsComputedInTheScopeAreTaken() {
    List<Variable> params = GradientRecyclingTest.parameters(DType.FLOAT64);
    Tensor batch = Tensors.randn(Shape.of(BATCH, WIDTH), 5L);
    Variable before = Variable.constant(batch).matmul(params.get(0));
    Tensor beforeCopy = before.value().copy();
    List<Tensor> parameterCopies = params.stream().map(p -> p.value().copy()).toList();
    try (Recycling.Scope scope = Recycling.open()) {
      // Leaves made in the scope are the caller's, not the graph's: never taken.
      Variable weight = Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 7L));
      Variable shift = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 8L));
      Variable loss = before.add(params.get(1)).add(shift).relu().matmul(weight).sum();
      Gradients.backwardReleasingValues(loss, scope);
      // Write whatever arrays the pool hands out, as the next step's forward would.
      Tensors.randn(Shape.of(BATCH, WIDTH), 6L).exp().exp().exp();
      Tensors.randn(Shape.of(WIDTH, WIDTH), 6L).exp().exp().exp();
      assertEquals(Tensors.randn(Shape.of(WIDTH, WIDTH), 7L), weight.value(), "a parameter");
      assertEquals(Tensors.randn(Shape.of(BATCH, WIDTH), 8L), shift.value(), "a constant");
    }
    assertEquals(beforeCopy, before.value(), "an interior value born before the scope");
    assertEquals(Tensors.randn(Shape.of(BATCH, WIDTH), 5L), batch, "the input");
    for (int i = 0; i < params.size(); i++) {
      assertEquals(parameterCopies.get(i), params.get(i).value(), "parameter " + i);
    }
  }

  @Test
  void onlyValuesOpsComputedInTheScopeCanBePromisedToTheGraph() {
    Variable weight = Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 3L));
    Variable input = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 4L));
    Variable before = input.matmul(weight);
    try (Recycling.Scope scope = Recycling.open()) {
      Variable inside = before.relu();
      assertFalse(Gradients.releaseValueWithGraph(weight, scope), "a parameter");
      assertFalse(Gradients.releaseValueWithGraph(input, scope), "an input");
      assertFalse(Gradients.releaseValueWithGraph(before, scope), "a value from before the scope");
      assertTrue(Gradients.releaseValueWithGraph(inside, scope));
    }
  }

  @Test
  void aPromisedValueGoesBackAfterBackwardUnlessSomeoneWalkedTheGraphToIt() {
    // Walked through the op's context or through inputs(): either withdraws the promise.
    for (String walk : new String[] {"none", "opContext", "inputs"}) {
      boolean walked = !walk.equals("none");
      Variable weight = Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 3L));
      Variable hidden;
      Variable output;
      try (Recycling.Scope scope = Recycling.open()) {
        hidden = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 4L)).matmul(weight)
            .relu();
        output = hidden.tanh();
        Gradients.releaseValueWithGraph(hidden, scope);
      }
      Tensor copy = hidden.value().copy();
      if (walk.equals("opContext")) {
        assertEquals(hidden, output.opContext().orElseThrow().input(0));
      } else if (walk.equals("inputs")) {
        assertEquals(List.of(hidden), output.inputs());
      }
      long before = Recycling.recycledCount();
      output.sum().backward();
      // Write whatever arrays the pool hands out, as the next step's forward would.
      Tensors.randn(Shape.of(BATCH, WIDTH), 6L).exp().exp().exp();
      assertEquals(walked, copy.equals(hidden.value()), "walk: " + walk);
      assertEquals(walked ? 0 : 1, Recycling.recycledCount() - before
          - gradientsHandedBack(weight), "walk: " + walk);
    }
  }

  @Test
  void aPassRecordingItsGradientsKeepsEveryValueOfTheGraphFromALaterFreeingPass() {
    // The recorded gradient holds relu's output (its rule gates by it) and outlives the graph:
    // the promise made on that output is withdrawn by the recording pass, so the backward that
    // later frees the graph leaves it in place.
    Variable weight = Variable.parameter(Tensors.randn(Shape.of(WIDTH, WIDTH), 3L));
    Variable hidden;
    Variable output;
    try (Recycling.Scope scope = Recycling.open()) {
      hidden = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 4L)).matmul(weight).relu();
      output = hidden.tanh();
      assertTrue(Gradients.releaseValueWithGraph(hidden, scope));
    }
    Tensor copy = hidden.value().copy();
    Variable recorded = Gradients.of(List.of(output.sum()), List.of(weight), null,
        Gradients.Options.creatingGraph()).get(0);
    output.sum().backward();
    // Write whatever arrays the pool hands out, as the next step's forward would.
    Tensors.randn(Shape.of(BATCH, WIDTH), 6L).exp().exp().exp();
    assertEquals(copy, hidden.value(), "the value the recorded gradient holds");
    assertTrue(recorded.requiresGrad(), "the gradient was recorded as a graph");
  }

  /** What the same backward hands back of its gradients alone, on a graph promising nothing. */
  private static long gradientsHandedBack(Variable weight) {
    Variable twin = Variable.parameter(weight.value().copy());
    Variable output = Variable.constant(Tensors.randn(Shape.of(BATCH, WIDTH), 4L)).matmul(twin)
        .relu().tanh();
    long before = Recycling.recycledCount();
    output.sum().backward();
    return Recycling.recycledCount() - before;
  }

  @Test
  void aMissingScopeIsRefusedByName() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Gradients.backwardReleasingValues(x.sum(), null));
    assertEquals("backward: recycling scope is null", e.getMessage());
    NullPointerException noScope = assertThrows(NullPointerException.class,
        () -> Gradients.releaseValueWithGraph(x, null));
    assertEquals("releaseValueWithGraph: recycling scope is null", noScope.getMessage());
    try (Recycling.Scope scope = Recycling.open()) {
      NullPointerException noOutput = assertThrows(NullPointerException.class,
          () -> Gradients.backwardReleasingValues(null, scope));
      assertEquals("backward: output is null", noOutput.getMessage());
    }
  }
}
