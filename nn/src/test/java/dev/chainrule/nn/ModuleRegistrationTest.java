package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Module's bookkeeping: names are checked at registration, buffers are found by name or refused
 * by name, the mode and type reach every child, and the summary's table is laid out exactly.
 */
class ModuleRegistrationTest {

  /** A module whose registrations a test chooses; forward passes its input through. */
  private static class Open extends Module {
    @Override
    public Variable forward(Variable input) {
      return input;
    }

    Tensor bufferNamed(String name) {
      return buffer(name);
    }
  }

  private static void assertRefused(String message, Executable registration) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, registration).getMessage());
  }

  /**
   * A parameter made elsewhere and registered without a name of its own takes the local name,
   * then its path, as one the module made does: reports that name variables said "leaf".
   */
  @Test
  void aRegisteredVariableWithoutANameIsNamedByItsPath() {
    Open inner = new Open();
    Variable scale = inner.registerParameter("scale",
        Variable.parameter(Tensors.ones(2)));
    assertEquals("scale", scale.name());
    Open outer = new Open();
    outer.registerModule("block", inner);
    assertEquals("block.scale", scale.name());
    Variable named = Variable.parameter(Tensors.ones(2), "gain");
    new Open().registerParameter("other", named);
    assertEquals("gain", named.name(), "a name of its own is kept");
  }

  @Test
  void namesMustBeNonEmptyDotFreeAndUnused() {
    Open open = new Open();
    open.registerParameter("w", Tensors.ones(2));
    assertRefused("module names must be non-empty and dot-free, got a.b",
        () -> open.registerParameter("a.b", Tensors.ones(2)));
    assertRefused("module names must be non-empty and dot-free, got ",
        () -> open.registerBuffer("", Tensors.ones(2)));
    assertRefused("module names must be non-empty and dot-free, got a.b",
        () -> open.registerModule("a.b", new Open()));
    assertRefused("w is already registered in Open", () -> open.registerParameter("w",
        Tensors.ones(2)));
    assertRefused("w is already registered in Open", () -> open.registerBuffer("w",
        Tensors.ones(2)));
    assertRefused("w is already registered in Open", () -> open.registerModule("w", new Open()));
    assertRefused("a module cannot contain itself: Open 'self' contains this Open",
        () -> open.registerModule("self", open));
    // Through another module: the cycle overflowed the stack and stayed registered.
    Open inner = new Open();
    open.registerModule("inner", inner);
    assertRefused("a module cannot contain itself: Open 'outer' contains this Open",
        () -> inner.registerModule("outer", open));
    assertTrue(inner.children().isEmpty(), "nothing registered");
  }

  /** A parameter made elsewhere (a tied weight) is registered under a name checked as any. */
  @Test
  void aSharedParametersNameIsCheckedToo() {
    Open open = new Open();
    Variable shared = Dense.of(2, 2, 1L).weight();
    open.registerParameter("w", Tensors.ones(2));
    assertRefused("module names must be non-empty and dot-free, got a.b",
        () -> open.registerParameter("a.b", shared));
    assertRefused("w is already registered in Open", () -> open.registerParameter("w", shared));
    assertEquals(List.of("w"), List.copyOf(open.namedParameters().keySet()), "nothing replaced");
  }

  /**
   * A module held twice inside a child makes the child's tree shared, so the parent walks what it
   * reaches already: a parameter it reached before keeps the first path it has in the parent, the
   * name its listing gives it.
   */
  @Test
  void aChildHoldingAModuleTwiceKeepsTheParentsFirstPath() {
    Dense shared = Dense.of(2, 2, 1L);
    Open holder = new Open();
    holder.registerModule("a", shared);
    holder.registerModule("b", shared);
    Open parent = new Open();
    parent.registerModule("c", shared);
    assertEquals("c.weight", shared.weight().name());
    parent.registerModule("x", holder);
    assertEquals("c.weight", shared.weight().name(), "the parent's first path, not x.a.weight");
    assertEquals(List.of("c.weight", "c.bias"), List.copyOf(parent.namedParameters().keySet()));
    // One level deeper: the module held twice sits in a child's child, each held once. The child's
    // tree is still shared, so the parent does not rename a weight it reaches already to the new
    // path (its name stays the one the middle module gave it, as above).
    Dense deep = Dense.of(2, 2, 2L);
    Open root = new Open();
    root.registerModule("c", deep);
    Open inner = new Open();
    inner.registerModule("s", deep);
    Open middle = new Open();
    middle.registerModule("y", inner);
    assertEquals("y.s.weight", deep.weight().name());
    root.registerModule("x", middle);
    assertEquals("y.s.weight", deep.weight().name(), "not x.y.s.weight");
    assertEquals(List.of("c.weight", "c.bias"), List.copyOf(root.namedParameters().keySet()));
  }

  /**
   * Registration names a child's parameters without walking the parent's whole tree when the
   * child's tree is held by nothing else (a Sequential of 4,000 layers took 5.6 s to build,
   * quadratic; 0.02 s now, timed once by hand): names stay those of the paths, and a child held
   * twice keeps its first path's.
   */
  @Test
  void childrenHeldOnceAreNamedByTheirPathAndSharedOnesByTheirFirst() {
    List<Layer> layers = new java.util.ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      layers.add(Dense.of(1, 1, i));
    }
    Sequential deep = Sequential.of(layers.toArray(Layer[]::new));
    assertEquals("3999.weight", deep.parameters().get(7998).name());
    Dense shared = Dense.of(2, 2, 1L);
    Open tied = new Open();
    tied.registerModule("first", shared);
    tied.registerModule("second", shared);
    assertEquals("first.weight", shared.weight().name(), "the first path names it");
    // A child held once whose tree holds a module held elsewhere too: the walk still runs, and
    // the parent, which reaches the weight already, does not rename it to its new path. (Its
    // name is the path in the module that registered it last before: "x.weight".)
    Dense deepShared = Dense.of(2, 2, 3L);
    Open parent = new Open();
    parent.registerModule("a", deepShared);
    Open holder = new Open();
    holder.registerModule("x", deepShared);
    parent.registerModule("q", holder);
    assertEquals("x.weight", deepShared.weight().name(), "not q.x.weight");
  }

  /** The module that returned null is named, not the next one ("Dense(3 -> 2): input is null"). */
  @Test
  void aForwardThatReturnsNullIsNamed() {
    Open nothing = new Open() {
      @Override
      public Variable forward(Variable input) {
        return null;
      }
    };
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Sequential.of(nothing, Dense.of(3, 2, 0L)).forward(
            Variable.constant(Tensors.ones(1, 3))));
    assertTrue(e.getMessage().endsWith(": forward returned null"), e.getMessage());
    assertFalse(e.getMessage().startsWith("Dense"), e.getMessage());
  }

  @Test
  void buffersAreFoundByNameOrRefusedByName() {
    Open open = new Open();
    open.registerBuffer("mean", Tensors.zeros(2));
    Open outer = new Open();
    outer.registerModule("inner", open);
    assertRefused("Open has no buffer variance", () -> open.bufferNamed("variance"));
    assertRefused("loadBuffer: inner.variance: the module at inner (Open) has no buffer"
        + " variance (its buffers: mean)", () -> outer.loadBuffer("inner.variance",
        Tensors.ones(2)));
    assertRefused("loadBuffer: .mean: this Open has no child '' (its children: inner)",
        () -> outer.loadBuffer(".mean", Tensors.ones(2)));
    outer.loadBuffer("inner.mean", Tensor.vector(3, 4));
    assertArrayEquals(new double[] {3, 4}, open.bufferNamed("mean").toArray(), 0);
  }

  @Test
  void modeTypeAndGradientsReachEveryChildAndTheCallsChain() {
    Dense dense = Dense.of(2, 1, 1L);
    Sequential model = Sequential.of(dense);
    assertSame(model, model.eval());
    assertFalse(dense.isTraining());
    assertSame(model, model.train());
    assertTrue(dense.isTraining());
    assertEquals(DType.FLOAT64, new Open().dtype(), "no parameters");
    assertSame(model, model.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, dense.weight().dtype());
    assertEquals(DType.FLOAT32, model.dtype());
    model.forward(Variable.constant(Tensors.ones(Shape.of(1, 2), DType.FLOAT32))).sum().backward();
    assertEquals(Shape.of(1, 2), dense.weight().grad().shape());
    model.zeroGrad();
    assertNull(dense.weight().grad());
    assertEquals("Dense(2 -> 1)", dense.description());
  }

  @Test
  void summaryTableIsLaidOutExactly() {
    Open parent = new Open();
    parent.registerModule("head", Dense.of(2, 3, 1L));
    parent.registerModule("spare", new Open());
    Sequential model = Sequential.of(Dense.of(4, 2, 1L), parent);
    // Open passes its input through, so neither child runs and neither has an output shape;
    // Open and Sequential own no parameters, and nothing here has a buffer.
    assertEquals(String.join("\n",
        "Layer                      Output shape  Parameters",
        "Sequential                 [5, 2]",
        "  (0): Dense(4 -> 2)       [5, 2]        10",
        "  (1): Open                [5, 2]",
        "    (head): Dense(2 -> 3)  -             9",
        "    (spare): Open          -",
        "input [5, 4]; total: 19 parameters; training mode"),
        model.summary(Shape.of(5, 4)).toString());
  }

  @Test
  void aDenseLayerRunWithItsActivationAsOneNodeStillGivesBothRowsTheirShape() {
    // Sequential runs Dense then Tanh as one fused node; the summary must still see both.
    Sequential model = Sequential.of(Dense.of(4, 3, 1L), Activation.tanh(), Dense.of(3, 2, 2L));
    List<Shape> outputs = model.summary(Shape.of(5, 4)).rows().stream()
        .map(Summary.Row::output).toList();
    assertEquals(List.of(Shape.of(5, 2), Shape.of(5, 3), Shape.of(5, 3), Shape.of(5, 2)), outputs);
  }

  /** An anonymous class's simple name is empty; messages and trees name it by its class name. */
  @Test
  void anAnonymousModuleIsNamedByItsClass() {
    Module broken = new Module() {
      @Override
      public Variable forward(Variable x) {
        return null;
      }
    };
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> broken.call(Variable.constant(Tensor.vector(1, 2))));
    assertEquals(broken.getClass().getName() + ": forward returned null", e.getMessage());
    assertTrue(Sequential.of(broken).toString().contains("(0): " + broken.getClass().getName()),
        () -> Sequential.of(broken).toString());
  }

  /**
   * Module's own train(), eval() and to() return the module (Sequential overrides all three, so
   * the chain is checked on a module that does not).
   */
  @Test
  void theBaseModulesCallsChain() {
    Open open = new Open();
    open.registerModule("inner", Dense.of(2, 1, 1L));
    assertSame(open, open.eval());
    assertSame(open, open.train());
    assertSame(open, open.to(DType.FLOAT32));
    Variable x = Variable.constant(Tensors.ones(1, 2));
    assertSame(x, open.requireInput(x), "the input itself, to use in the forward");
  }

  /** The counter is no statistic: registered first, its FLOAT64 does not decide the type. */
  @Test
  void aCounterRegisteredBeforeABufferDoesNotDecideTheType() {
    Open open = new Open();
    open.registerCounter("steps");
    open.registerBuffer("mean", Tensors.zeros(2));
    open.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, open.dtype(), "the buffer's type, the counter staying FLOAT64");
  }

  /** A module without parameters reports its buffers' type, not FLOAT64 whatever it holds. */
  @Test
  void aModuleWithoutParametersReportsItsBuffersType() {
    BatchNorm1d plain = BatchNorm1d.of(3, 1e-5, 0.1, false);
    assertEquals(DType.FLOAT64, plain.dtype());
    plain.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, plain.dtype(), "running statistics converted, the counter not");
    assertEquals(DType.FLOAT64, Flatten.of().dtype(), "nothing held: FLOAT64");
  }
}
