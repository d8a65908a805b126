package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-formed checkpoints whose names and shapes match but whose values are impossible where they
 * go: refused, naming the file and the tensor, with the model left as it was.
 */
class LoadedValuesTest {
  @TempDir
  Path dir;

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 1, 1), BatchNorm1d.of(1));
  }

  /** A float64 model's state with one tensor replaced, written as ModelCheckpoint writes it. */
  private Path fileWith(String name, Tensor value) {
    Sequential source = model();
    Map<String, Tensor> state = new LinkedHashMap<>(source.stateDict());
    state.put(name, value);
    Path file = dir.resolve("m.safetensors");
    // Counters as I64 when whole, as F64 otherwise (I64 cannot hold 1.5).
    boolean whole = name.endsWith("num_batches_tracked") && value.item() == Math.rint(value.item());
    if (whole || !name.endsWith("num_batches_tracked")) {
      SafeTensors.writeWithInt64(file, state, Map.of(), source.counterNames());
    } else {
      SafeTensors.write(file, state, Map.of());
    }
    return file;
  }

  private static void assertRefused(String message, Sequential target,
      Function<Sequential, LoadReport> load) {
    Map<String, Tensor> before = target.stateDict();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> load.apply(target));
    assertEquals(message, e.getMessage());
    assertEquals(before, target.stateDict(), "a refused load changes nothing");
  }

  /**
   * 1e39 fits float64 but not float32: it loaded as Infinity while the report said "rounded to
   * nearest". Just above float32's largest value a float64 still rounds to it, and is accepted.
   */
  @Test
  void aFiniteValueBeyondFloat32IsRefusedNotRounded() {
    Path file = fileWith("0.weight", Tensor.of(new double[] {0.5, -1e39}, 1, 2));
    Sequential narrow = model().to(DType.FLOAT32);
    String message = "m.safetensors: 0.weight: -1.0E39 at element 1 is beyond float32's largest"
        + " value 3.4028235E38: it would load as an infinity, not a rounded value";
    assertRefused(message, narrow, m -> ModelCheckpoint.load(file, m, null));
    assertRefused(message, narrow, m -> ModelCheckpoint.loadMatching(file, m));
    // The same file loads into a float64 model as it is.
    ModelCheckpoint.load(file, model(), null);
    // The first element is checked as the others are.
    assertRefused("m.safetensors: 0.weight: 1.0E39 at element 0 is beyond float32's largest"
        + " value 3.4028235E38: it would load as an infinity, not a rounded value", narrow,
        m -> ModelCheckpoint.load(fileWith("0.weight", Tensor.of(new double[] {1e39, 0.5}, 1,
            2)), m, null));

    double roundsToLargest = 3.4028235e38;  // above Float.MAX_VALUE, below the midpoint to 2^128
    Path edge = fileWith("0.weight", Tensor.of(new double[] {0.5, roundsToLargest}, 1, 2));
    LoadReport report = ModelCheckpoint.load(edge, narrow, null);
    assertEquals(Float.MAX_VALUE, narrow.stateDict().get("0.weight").toArray()[1], 0);
    assertEquals("0.weight: float64 -> float32 (rounded to nearest)", report.converted().get(0));
  }

  /** Normalization divides by √(var + ε): a negative variance poisons every output. */
  @Test
  void aRunningVarianceMustNotBeNegative() {
    assertRefused("m.safetensors: 1.running_var: a variance cannot be negative, got -0.25 at"
        + " element 0", model(),
        m -> ModelCheckpoint.load(fileWith("1.running_var", Tensor.vector(-0.25)), m, null));
    // A variance of 0 (a constant feature) is possible.
    ModelCheckpoint.load(fileWith("1.running_var", Tensor.vector(0)), model(), null);
  }

  /**
   * A NaN or infinite weight or statistic makes the model answer NaN: predict printed classes
   * with probability NaN and an accuracy, and exited 0.
   */
  @Test
  void aValueThatIsNotFiniteIsRefused() {
    String why = ": a model with a value that is not finite answers NaN or infinity wherever it"
        + " reaches (was the file saved from a run that diverged?)";
    assertRefused("m.safetensors: 1.running_var: NaN at element 0" + why, model(),
        m -> ModelCheckpoint.loadMatching(fileWith("1.running_var", Tensor.vector(Double.NaN)),
            m));
    assertRefused("m.safetensors: 0.weight: -Infinity at element 1" + why, model(),
        m -> ModelCheckpoint.load(fileWith("0.weight",
            Tensor.of(new double[] {0.5, Double.NEGATIVE_INFINITY}, 1, 2)), m, null));
  }

  /** A module with a mask of −∞ where attention may not look, PyTorch's causal-mask pattern. */
  static final class Masked extends Module {
    Masked() {
      registerBuffer("mask", Tensor.vector(0, Double.NEGATIVE_INFINITY));
      registerModule("dense", Dense.of(2, 2, 1));
    }

    @Override
    public Variable forward(Variable input) {
      return input;
    }
  }

  @Test
  void aBufferOfAModulesOwnMayHoldInfinities() {
    Path file = dir.resolve("masked.safetensors");
    ModelCheckpoint.save(file, new Masked(), null, Map.of());
    Masked loaded = new Masked();
    ModelCheckpoint.load(file, loaded, null);
    assertEquals(Tensor.vector(0, Double.NEGATIVE_INFINITY), loaded.stateDict().get("mask"));
  }

  @Test
  void aCounterMustBeAWholeNumberFromZero() {
    for (double count : List.of(-3.0, 1.5)) {
      assertRefused("m.safetensors: 1.num_batches_tracked: a counter must be a whole number from 0"
          + " to 2^53, got " + count, model(), m -> ModelCheckpoint.load(
              fileWith("1.num_batches_tracked", Tensor.scalar(count)), m, null));
    }
    Sequential loaded = model();
    ModelCheckpoint.load(fileWith("1.num_batches_tracked", Tensor.scalar(7)), loaded, null);
    assertEquals(Tensor.scalar(7), loaded.stateDict().get("1.num_batches_tracked"));
    // 2^53 itself, the largest count up to which float64 holds every step, is taken.
    ModelCheckpoint.load(fileWith("1.num_batches_tracked", Tensor.scalar(0x1p53)), loaded, null);
    assertEquals(Tensor.scalar(0x1p53), loaded.stateDict().get("1.num_batches_tracked"));
  }
}
