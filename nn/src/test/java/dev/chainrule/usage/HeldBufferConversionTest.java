package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's module that keeps the buffer it registered in a field (a running mean of its inputs,
 * the natural way to write one in Java). {@code Module.to} registers a converted copy in the
 * buffer's place, so the field went on with the old tensor: after {@code to(FLOAT32)} the module
 * computed with a float64 mean, and the means it wrote reached no {@code stateDict()} or
 * checkpoint, which kept the copy made at the conversion, all silently. Such a field is now
 * refused, by name, before anything is converted; a module that reads its buffer with {@code
 * buffer(name)} converts as before.
 */
class HeldBufferConversionTest {
  /** Centres its inputs on a running mean it updates in training mode. */
  private static final class RunningCenter extends Module {
    private final Tensor runningMean;  // the registered tensor, kept: what to() cannot follow

    RunningCenter(int features) {
      runningMean = Tensors.zeros(Shape.of(features));
      registerBuffer("running_mean", runningMean);
    }

    @Override
    public Variable forward(Variable x) {
      runningMean.scaleInPlace(0.9);
      runningMean.axpyInPlace(0.1, x.value().mean(0, false));
      return x.sub(Variable.constant(runningMean));
    }
  }

  /** The same, reading its buffer where it uses it. */
  private static final class ReadsItsBuffer extends Module {
    ReadsItsBuffer(int features) {
      registerBuffer("running_mean", Tensors.zeros(Shape.of(features)));
    }

    @Override
    public Variable forward(Variable x) {
      Tensor mean = buffer("running_mean");
      mean.scaleInPlace(0.9);
      mean.axpyInPlace(0.1, x.value().mean(0, false));
      return x.sub(Variable.constant(mean));
    }
  }

  @Test
  void aFieldHoldingABufferThatToReplacesIsRefusedByName() {
    RunningCenter center = new RunningCenter(2);
    Dense dense = Dense.of(2, 1, 1L);
    Sequential model = Sequential.of(center, dense);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.to(DType.FLOAT32));
    assertEquals("Module.to(FLOAT32): '0' RunningCenter.runningMean holds the buffer"
        + " 0.running_mean, which becomes a FLOAT32 copy of this FLOAT64 tensor: read it with"
        + " buffer(\"running_mean\") where it is used, or mark the field transient if your to()"
        + " reads it back. A field that kept the registered tensor"
        + " would go on with the old one, in the old type, and what the module writes into it"
        + " would reach no stateDict() or checkpoint", e.getMessage());
    assertEquals(DType.FLOAT64, dense.weight().dtype(), "refused before anything changed");
    assertSame(center.runningMean, model.stateDict().get("0.running_mean"));
    // Converting to the type it has replaces nothing, so there is nothing to refuse.
    assertSame(model, model.to(DType.FLOAT64));
  }

  /** Keeps its buffer in a field it marks transient, and reads it back after each conversion. */
  private static final class RefreshesItsField extends Module {
    private transient Tensor mean;

    RefreshesItsField(int features) {
      mean = Tensors.zeros(Shape.of(features));
      registerBuffer("mean", mean);
    }

    @Override
    public Module to(DType dtype) {
      super.to(dtype);
      mean = buffer("mean");
      return this;
    }

    @Override
    public Variable forward(Variable x) {
      return x.sub(Variable.constant(mean));
    }
  }

  /** Holds, in a field of its own, a buffer its child registered. */
  private static final class HoldsItsChildsBuffer extends Module {
    private final Tensor childMean;

    HoldsItsChildsBuffer() {
      ReadsItsBuffer child = new ReadsItsBuffer(2);
      registerModule("c", child);
      childMean = child.stateDict().get("running_mean");
    }

    @Override
    public Variable forward(Variable x) {
      return x.sub(Variable.constant(childMean));
    }
  }

  @Test
  void aTransientFieldIsLeftToTheModuleAndAnotherModulesBufferIsReadThroughIt() {
    RefreshesItsField refreshing = new RefreshesItsField(2);
    Sequential.of(refreshing).to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, refreshing.mean.dtype(), "its own to() read the copy back");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new HoldsItsChildsBuffer().to(DType.FLOAT32));
    // buffer(name) is the registering module's, so the advice names that module.
    assertEquals("Module.to(FLOAT32): HoldsItsChildsBuffer.childMean holds the buffer"
        + " c.running_mean, which becomes a FLOAT32 copy of this FLOAT64 tensor: read it where it"
        + " is used from the module that registered it ('c', with buffer(\"running_mean\")), or"
        + " with namedBuffers().get(\"c.running_mean\"), or mark the field transient if your to()"
        + " reads it back. A field that kept the registered tensor would go on with the old one,"
        + " in the old type, and what the module writes into it would reach no stateDict() or"
        + " checkpoint", e.getMessage());
  }

  @Test
  void aModuleReadingItsBufferConvertsAndKeepsUpdatingIt() {
    ReadsItsBuffer module = new ReadsItsBuffer(2);
    module.to(DType.FLOAT32);
    Tensor x = Tensor.matrix(new double[][] {{1, 2}, {3, 4}}).to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, module.forward(Variable.constant(x)).dtype());
    // 0.1 of the batch mean [2, 3], in the state a checkpoint saves.
    assertEquals(Tensor.vector(0.2, 0.3).to(DType.FLOAT32),
        module.stateDict().get("running_mean"));
  }

  @Test
  void aCapturedBufferIsToldToBeReadInsteadOfCaptured() {
    Tensor scale = Tensor.vector(2, 3);
    Module captures = new Module() {
      {
        registerBuffer("scale", scale);
      }

      @Override
      public Variable forward(Variable x) {
        return x.mul(Variable.constant(scale));
      }
    };
    // The advice was to mark the field transient, which a captured variable cannot be.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> captures.to(DType.FLOAT32));
    assertEquals("Module.to(FLOAT32): captured variable scale of <anonymous Module in"
        + " HeldBufferConversionTest.aCapturedBufferIsToldToBeReadInsteadOfCaptured> holds the"
        + " buffer scale, which becomes a FLOAT32 copy of this FLOAT64 tensor: read it with"
        + " buffer(\"scale\") where it is used instead of capturing it. A field that kept the"
        + " registered tensor would go on with the old one, in the old type, and what the module"
        + " writes into it would reach no stateDict() or checkpoint", e.getMessage());
    // The advice followed: the module converts and computes with the converted buffer.
    Module reads = new Module() {
      {
        registerBuffer("scale", Tensor.vector(2, 3));
      }

      @Override
      public Variable forward(Variable x) {
        return x.mul(Variable.constant(buffer("scale")));
      }
    };
    reads.to(DType.FLOAT32);
    Variable y = reads.forward(Variable.constant(Tensor.vector(1, 1).to(DType.FLOAT32)));
    assertEquals(Tensor.vector(2, 3).to(DType.FLOAT32), y.value(), "exact: small integers");
  }

  /** A running mean and variance, kept together. */
  private record Stats(Tensor mean, Tensor var) {}

  /** Keeps its buffers in a record, and a list of them too: as stale after to() as a field. */
  private static final class KeepsBuffersInHolders extends Module {
    private final Stats stats;
    private final List<Tensor> history;

    KeepsBuffersInHolders() {
      stats = new Stats(Tensors.zeros(Shape.of(2)), Tensors.ones(Shape.of(2)));
      registerBuffer("mean", stats.mean());
      registerBuffer("var", stats.var());
      history = List.of(Tensors.zeros(Shape.of(2)), stats.mean());
    }

    @Override
    public Variable forward(Variable x) {
      return x.sub(Variable.constant(stats.mean()));
    }
  }

  @Test
  void aBufferInARecordOrAListIsRefusedByItsPlace() {
    KeepsBuffersInHolders holder = new KeepsBuffersInHolders();
    // Only the field's direct value was read: to() went ahead and the record kept FLOAT64 tensors.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sequential.of(holder).to(DType.FLOAT32));
    assertEquals("Module.to(FLOAT32): '0' KeepsBuffersInHolders.stats.mean holds the buffer"
        + " 0.mean, which becomes a FLOAT32 copy of this FLOAT64 tensor: read it with"
        + " buffer(\"mean\") where it is used, or mark the field transient if your to() reads it"
        + " back; '0' KeepsBuffersInHolders.stats.var holds the buffer 0.var, which becomes a"
        + " FLOAT32 copy of this FLOAT64 tensor: read it with buffer(\"var\") where it is used, or"
        + " mark the field transient if your to() reads it back; '0'"
        + " KeepsBuffersInHolders.history[1] holds the buffer 0.mean, which becomes a FLOAT32 copy"
        + " of this FLOAT64 tensor: read it with buffer(\"mean\") where it is used, or mark the"
        + " field transient if your to() reads it back. A field that kept the registered tensor"
        + " would go on with the old one, in the old type, and what the module writes into it"
        + " would reach no stateDict() or checkpoint", e.getMessage());
    assertSame(holder.stats.mean(), holder.stateDict().get("mean"), "refused before converting");
    assertEquals(DType.FLOAT64, holder.stateDict().get("mean").dtype());
  }

  /** Keeps its buffers in a transient record, which its own to() reads back. */
  private static final class RefreshesItsRecord extends Module {
    private transient Stats stats;

    RefreshesItsRecord() {
      stats = new Stats(Tensors.zeros(Shape.of(2)), Tensors.ones(Shape.of(2)));
      registerBuffer("mean", stats.mean());
      registerBuffer("var", stats.var());
    }

    @Override
    public Module to(DType dtype) {
      super.to(dtype);
      stats = new Stats(buffer("mean"), buffer("var"));
      return this;
    }

    @Override
    public Variable forward(Variable x) {
      return x.sub(Variable.constant(stats.mean()));
    }
  }

  @Test
  void aTransientRecordReadBackByItsModuleConverts() {
    RefreshesItsRecord module = new RefreshesItsRecord();
    Sequential.of(module).to(DType.FLOAT32);
    assertSame(module.stateDict().get("mean"), module.stats.mean(),
        "its own to() read the copy back");
    assertEquals(DType.FLOAT32, module.stats.var().dtype());
    Variable y = module.forward(Variable.constant(Tensor.vector(1, 2).to(DType.FLOAT32)));
    assertEquals(Tensor.vector(1, 2).to(DType.FLOAT32), y.value(), "exact: minus zeros");
  }
}
