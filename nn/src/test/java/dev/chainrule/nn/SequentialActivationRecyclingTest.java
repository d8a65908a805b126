package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Sequential whose layers keep nothing promises the graph the activations between its layers
 * ({@link Gradients#releaseValueWithGraph}): a plain training loop then trains exactly as one
 * that keeps them, the arrays going back for the next step's activations, and nothing anyone
 * else can still read is ever handed back.
 */
class SequentialActivationRecyclingTest {
  private static final int BATCH = 150;

  /** Activations of 150 × 32 and 150 × 16 between the layers: above Recycling.MIN_ELEMENTS. */
  private static Sequential model(long seed) {
    return Sequential.of(Dense.of(4, 32, seed), Activation.relu(), Dense.of(32, 16, seed + 1),
        Activation.tanh(), Dense.of(16, 3, seed + 2));
  }

  private static Tensor batch(long seed) {
    return Tensors.randn(Shape.of(BATCH, 4), seed);
  }

  private static Variable loss(Variable output) {
    return output.tanh().square().sum();
  }

  /** Writes into whatever arrays the pool hands out, as the next step's kernels would. */
  private static void churnThePool() {
    for (int width : new int[] {32, 16, 3}) {
      Tensors.randn(Shape.of(BATCH, width), width).exp().exp().exp();
    }
  }

  /**
   * The model's output. Under {@code anotherOwner} the forward runs in a scope of the caller's,
   * so the Sequential promises nothing and leaves the values to that owner (who here recycles
   * none of them).
   */
  private static Variable forward(Sequential model, Variable input, boolean anotherOwner) {
    if (!anotherOwner) {
      return model.forward(input);
    }
    try (Recycling.Scope outer = Recycling.open()) {
      return model.forward(input);
    }
  }

  /** One step's forward and backward; returns how many arrays went back to the pool. */
  private static long step(Sequential model, Tensor batch, boolean anotherOwner) {
    model.zeroGrad();
    long before = Recycling.recycledCount();
    loss(forward(model, Variable.constant(batch), anotherOwner)).backward();
    return Recycling.recycledCount() - before;
  }

  @Test
  void aPlainLoopTrainsExactlyAsOneThatKeepsItsActivations() {
    for (DType dtype : DType.values()) {
      Sequential handing = model(1).to(dtype);
      Sequential keeping = model(1).to(dtype);
      for (int i = 0; i < 5; i++) {
        Tensor batch = batch(10L + i).to(dtype);
        long handedBack = step(handing, batch, false);
        churnThePool();
        long keptBack = step(keeping, batch, true);
        // The two activations, 150 × 32 and 150 × 16, on top of what both hand back.
        assertEquals(keptBack + 2, handedBack, dtype + " step " + i);
        List<Variable> a = handing.parameters();
        List<Variable> b = keeping.parameters();
        for (int p = 0; p < a.size(); p++) {
          // Bitwise: the same kernels; the handing model's next steps write into the arrays its
          // activations had, so a value still read after its hand-back would differ.
          assertEquals(b.get(p).grad(), a.get(p).grad(), dtype + " step " + i + " grad " + p);
          a.get(p).value().axpyInPlace(-0.05, a.get(p).grad());
          b.get(p).value().axpyInPlace(-0.05, b.get(p).grad());
        }
      }
    }
  }

  @Test
  void theOutputIsNeverHandedBackEvenWhenTheLastLayerReturnsItsInput() {
    Sequential model = Sequential.of(Dense.of(4, 32, 3), Activation.relu(), Dense.of(32, 16, 4),
        Dropout.of(0.5, 5));
    model.eval();
    Variable output = model.forward(Variable.constant(batch(6)));
    Tensor copy = output.value().copy();
    loss(output).backward();
    churnThePool();
    Tensors.randn(Shape.of(BATCH, 16), 7L).exp().exp().exp();
    assertEquals(copy, output.value());
    // The hidden 150 × 32 activation goes back; the output, Dropout's input, does not.
    assertEquals(step(model, batch(6), true) + 1, step(model, batch(6), false));
  }

  @Test
  void gradientsRecordedAsAGraphKeepTheActivationsTheyRead() {
    // A gradient penalty: the recorded gradient of ReLU gates by the hidden activation, as a
    // constant of the new graph, which outlives the forward graph a plain backward then frees.
    List<Tensor> grads = new ArrayList<>();
    for (boolean anotherOwner : new boolean[] {true, false}) {
      Sequential model = Sequential.of(Dense.of(4, 32, 19), Activation.relu(), Dense.of(32, 1, 20));
      Variable x = Variable.parameter(batch(21));
      Variable output = forward(model, x, anotherOwner);
      Variable gradient = Gradients.of(List.of(output.sum()), List.of(x), null,
          Gradients.Options.creatingGraph()).get(0);
      Variable penalty = gradient.square().sum();
      output.sum().backward();
      churnThePool();
      model.zeroGrad();
      penalty.backward();
      grads.add(model.parameters().get(2).grad().copy());
    }
    assertEquals(grads.get(0), grads.get(1));
  }

  @Test
  void aRetainedGraphKeepsItsActivationsForTheNextPass() {
    Sequential model = model(8);
    Variable loss = loss(model.forward(Variable.constant(batch(9))));
    loss.backward(null, Gradients.Options.retainingGraph());
    List<Tensor> first = model.parameters().stream().map(p -> p.grad().copy()).toList();
    churnThePool();
    model.zeroGrad();
    loss.backward();
    List<Variable> parameters = model.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      assertEquals(first.get(i), parameters.get(i).grad(), "parameter " + i);
    }
  }

  @Test
  void activationsReachedByWalkingTheGraphKeepTheirValues() {
    Sequential model = model(11);
    Variable output = model.forward(Variable.constant(batch(12)));
    // The last linear node's input: the 150 × 16 tanh activation.
    Variable hidden = output.inputs().get(0);
    Tensor copy = hidden.value().copy();
    assertEquals(Shape.of(BATCH, 16), copy.shape());
    loss(output).backward();
    churnThePool();
    assertEquals(copy, hidden.value());
  }

  @Test
  void aLayerOfYourOwnMayKeepWhatItSees() {
    List<Variable> seen = new ArrayList<>();
    Layer watching = x -> {
      seen.add(x);
      return x.square();
    };
    Sequential model = Sequential.of(Dense.of(4, 32, 13), Activation.relu(), watching,
        Dense.of(32, 3, 14));
    Variable output = model.forward(Variable.constant(batch(15)));
    Tensor copy = seen.get(0).value().copy();
    loss(output).backward();
    churnThePool();
    assertEquals(copy, seen.get(0).value());
  }

  @Test
  void smallActivationsSkipTheScopeUntilTheBatchGrows() {
    Sequential model = model(16);
    // Batch 2: activations of 64 and 32 elements, below Recycling.MIN_ELEMENTS, so nothing more
    // goes back than when another owner's scope is open (twice: the second pass remembers the
    // shape and skips the scope, which the counts cannot tell apart).
    Tensor small = Tensors.randn(Shape.of(2, 4), 18L);
    for (int i = 0; i < 2; i++) {
      assertEquals(step(model, small, true), step(model, small, false), "small step " + i);
    }
    assertEquals(step(model, batch(17), true) + 2, step(model, batch(17), false));
    assertEquals(step(model, small, true), step(model, small, false));
  }

  @Test
  void anActivationOfExactlyTheSmallestPooledSizeGoesBackOnEveryPass() {
    Sequential model = model(22);
    // Batch 4: activations of 4 × 32 = Recycling.MIN_ELEMENTS, pooled, and 4 × 16 = 64, not.
    // The second pass must not take the shape for one of small activations and skip the scope.
    assertEquals(4 * 32, Recycling.MIN_ELEMENTS);
    Tensor batch = Tensors.randn(Shape.of(4, 4), 23L);
    for (int i = 0; i < 3; i++) {
      assertEquals(step(model, batch, true) + 1, step(model, batch, false), "step " + i);
    }
  }
}
