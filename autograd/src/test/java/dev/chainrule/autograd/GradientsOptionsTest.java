package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Gradients#of} frees the graph unless told to keep it, and names what is wrong with its
 * outputs and their gradients. Found by mutation testing (issue 15).
 */
class GradientsOptionsTest {
  private final Variable x = Variable.parameter(Tensor.vector(1, 2));
  private final Variable y = x.mul(x).sum();

  @Test
  void creatingAGraphRetainsItWhateverTheFlagSays() {
    // A recorded pass reads the graph again; the record said retainGraph false all the same.
    assertTrue(new Gradients.Options(false, true, false).retainGraph());
    assertEquals(Gradients.Options.creatingGraph(), new Gradients.Options(false, true, false));
  }

  @Test
  void theGraphIsFreedUnlessRetained() {
    Gradients.Options retaining = Gradients.Options.retainingGraph();
    Gradients.Options freeing = Gradients.Options.defaults();
    assertEquals(Tensor.vector(2, 4), Gradients.of(List.of(y), List.of(x), null, retaining).get(0)
        .value());
    assertEquals(Tensor.vector(2, 4), Gradients.of(List.of(y), List.of(x), null, freeing).get(0)
        .value(), "the first pass kept the graph");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Gradients.of(List.of(y), List.of(x), null, freeing));
    assertTrue(e.getMessage().contains("was freed by an earlier backward pass"), e.getMessage());
  }

  @Test
  void theGradientOfAnIntermediateVariableRunsAndFreesNothingBelowIt() {
    int[] calls = new int[1];
    Op counted = Op.unary("counted", (ctx, v) -> v.exp(), (ctx, g) -> {
      calls[0]++;
      return g.mul(ctx.input(0).exp());
    });
    Variable w = Variable.parameter(Tensor.vector(0.5, -1.0), "w");
    Variable h = counted.apply(w);
    Variable loss = h.tanh().sum();
    Variable dLossDh = Gradients.of(loss, h).get(0);
    assertEquals(0, calls[0], "the rule below h is not needed for dL/dh");
    assertTrue(!h.isFreed(), "nor freed");
    // Two-stage backpropagation: dL/dh, then on from h (PyTorch: w.grad = [0.2268, 0.3223]).
    h.backward(dLossDh.value());
    assertEquals(1, calls[0]);
    double[] expected = {Math.exp(0.5) / Math.pow(Math.cosh(Math.exp(0.5)), 2),
        Math.exp(-1) / Math.pow(Math.cosh(Math.exp(-1)), 2)};
    assertTrue(w.grad().allClose(Tensor.vector(expected), 1e-15, 0), w.grad().toString());
  }

  @Test
  void outputsAndTheirGradientsMustMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(List.of(), List.of(x), null, Gradients.Options.defaults()));
    assertEquals("gradients: no outputs given", e.getMessage());
    Variable one = Variable.constant(Tensor.scalar(1));
    e = assertThrows(IllegalArgumentException.class,
        () -> Gradients.of(List.of(y), List.of(x), List.of(one, one),
            Gradients.Options.defaults()));
    assertEquals("gradients: 2 gradient outputs for 1 outputs", e.getMessage());
  }

  /** A null names itself, and is refused before the pass that would free the graph. */
  @Test
  void aNullInputOrOutputIsNamed() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Gradients.of(y, (Variable) null));
    assertEquals("gradients: input 0 is null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Gradients.of(y, x, null));
    assertEquals("gradients: input 1 is null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Gradients.of(null, x));
    assertEquals("gradients: output is null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Gradients.of(y, (Variable[]) null));
    assertEquals("gradients: inputs are null", e.getMessage());
    assertEquals(Tensor.vector(2, 4), Gradients.of(y, x).get(0).value(),
        "the graph was not freed by the refused calls");
  }

  /**
   * relu(x)² is quadratic on each piece: its second derivative comes out constant, and is still
   * a function of x whose derivative is zero (PyTorch's keeps its grad_fn).
   */
  @Test
  void aDerivativeThatCameOutConstantCanBeDifferentiatedAgain() {
    Gradients.Options recording = Gradients.Options.creatingGraph();
    Variable p = Variable.parameter(Tensor.vector(0.3, -1.2));
    Variable g = Gradients.of(List.of(p.relu().square().sum()), List.of(p), null, recording)
        .get(0);
    Variable h = Gradients.of(List.of(g.sum()), List.of(p), null, recording).get(0);
    assertEquals(Tensor.vector(2, 0), h.value());
    assertTrue(h.requiresGrad(), "linked to p");
    assertEquals("constant derivative", h.opName(), "by the link's op");
    // PyTorch's third derivative here is [0, 0] too.
    assertEquals(Tensor.vector(0, 0), Gradients.of(List.of(h.sum()), List.of(p), null,
        recording).get(0).value());
    // An output computed without recording is a mistake, refused even with allowUnused (as
    // PyTorch's "does not require grad and does not have a grad_fn").
    Variable untracked;
    try (var off = Autograd.noGrad()) {
      untracked = p.square().sum();
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Gradients.of(List.of(untracked),
            List.of(p), null, Gradients.Options.defaults().withAllowUnused()))
        .getMessage().startsWith("gradients: the output (constant) does not require a gradient: no"
        + " value it was computed from is a parameter that requires one (a frozen one,"
        + " requiresGrad(false), does not), it was computed under Autograd.noGrad() or from a "));
  }

  @Test
  void backwardRefusesToRecordGradientsItKeepsOnlyAsValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> y.backward(null, Gradients.Options.creatingGraph()));
    assertTrue(e.getMessage().startsWith("backward: createGraph records the gradients as a graph,"
        + " and backward keeps only their values"), e.getMessage());
    assertEquals(null, x.grad(), "refused before the pass");
    y.backward();
    assertEquals(Tensor.vector(2, 4), x.grad(), "and the graph was not freed");
  }

  /**
   * Under anomaly detection, which checks every gradient Gradients.of returns, an unused input
   * still gets its zeros: there is no gradient of it to check.
   */
  @Test
  void anUnusedInputGetsZerosUnderAnomalyDetectionToo() {
    Variable used = Variable.parameter(Tensor.vector(1, 2));
    Variable unused = Variable.parameter(Tensor.vector(3));
    try (var anomaly = Autograd.detectAnomaly()) {
      List<Variable> grads = Gradients.of(List.of(used.mul(used).sum()), List.of(used, unused),
          null, Gradients.Options.defaults().withAllowUnused());
      assertEquals(Tensor.vector(2, 4), grads.get(0).value(), "2x, exact in binary");
      assertEquals(Tensor.vector(0), grads.get(1).value());
    }
  }
}
