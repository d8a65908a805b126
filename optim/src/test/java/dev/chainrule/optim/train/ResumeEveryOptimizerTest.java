package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adagrad;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.AdamW;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.RmsProp;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Trainer.Builder#resume}'s promise, that a run resumed from its periodic checkpoint into
 * a fresh model and optimizer ends where the uninterrupted run does, bit for bit, held for every
 * optimizer with its stateful options: the other resume tests train with Adam and SGD with
 * momentum only, while each optimizer keeps state of its own names through the checkpoint
 * (RMSprop's square average, momentum buffer and centred gradient average, Adagrad's sums and
 * step counter that its rate decay reads, amsgrad's maximum, a Nesterov buffer with weight decay).
 * The network holds a batch normalization, whose running statistics and batch counter go through
 * the checkpoint too, and the run schedules its rate by step (going on from the loaded
 * optimizer's count) and clips its gradients. Session 75's metamorphic hunt resumed 484 random
 * runs so (five optimizers and their options, schedules by epoch and by step, plateaus, early
 * stopping, clipping, float32, second {@code fit} calls), each bit for bit; only runs with
 * dropout, whose masks no checkpoint holds, ended elsewhere, as the Javadoc says.
 */
class ResumeEveryOptimizerTest {
  private static final int EPOCHS = 5;
  private static final int INTERRUPTED_AT = 2;

  static List<Arguments> optimizers() {
    Map<String, Function<Module, Optimizer>> kinds = Map.of(
        "sgd, momentum with dampening", m -> Sgd.builder(0.05).momentum(0.8).dampening(0.1)
            .build(m),
        "sgd, nesterov with weight decay", m -> Sgd.builder(0.05).momentum(0.9).nesterov(true)
            .weightDecay(1e-3).build(m),
        "adam, amsgrad with weight decay", m -> Adam.builder().learningRate(0.02).amsgrad(true)
            .weightDecay(1e-3).build(m),
        "adamw, amsgrad", m -> AdamW.builder().learningRate(0.02).amsgrad(true).build(m),
        "rmsprop, centred with momentum", m -> RmsProp.builder().learningRate(0.01).centered(true)
            .momentum(0.5).weightDecay(1e-3).build(m),
        "adagrad, rate decay from an initial accumulator", m -> Adagrad.builder().learningRate(0.1)
            .lrDecay(0.05).initialAccumulatorValue(0.1).build(m));
    List<Arguments> cases = new ArrayList<>();
    kinds.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(kind -> {
      for (DType dtype : DType.values()) {
        cases.add(Arguments.of(kind.getKey(), dtype, kind.getValue()));
      }
    });
    return cases;
  }

  private static Module model(DType dtype) {
    return Sequential.of(Dense.of(2, 8, 1L), BatchNorm1d.of(8), Activation.tanh(),
        Dense.of(8, 1, 2L)).to(dtype);
  }

  private static Trainer.Builder trainer(Module model, Optimizer optimizer, int epochs) {
    // Batches of 8 of 30 rows: a last batch of 6, which the batch normalization takes.
    return Trainer.builder(model, Loss.meanSquaredError(), optimizer).epochs(epochs).batchSize(8)
        .seed(7).scheduleEveryStep(LearningRateSchedule.cosineWarmRestarts(3, 2, 0))
        .clipGradientNorm(1.0);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("optimizers")
  void aResumedRunEndsWhereTheUninterruptedOneDoes(String name, DType dtype,
      Function<Module, Optimizer> kind, @TempDir Path dir) {
    Dataset rows = ResumeFixture.linearRows(30);
    Module whole = model(dtype);
    Optimizer wholeOptimizer = kind.apply(whole);
    trainer(whole, wholeOptimizer, EPOCHS).build().fit(rows);

    Path checkpoint = dir.resolve("run.safetensors");
    Module first = model(dtype);
    trainer(first, kind.apply(first), INTERRUPTED_AT).checkpointEvery(INTERRUPTED_AT, checkpoint)
        .build().fit(rows);
    Module resumed = model(dtype);
    Optimizer resumedOptimizer = kind.apply(resumed);
    ResumedRun run = ResumedRun.load(checkpoint, resumed, resumedOptimizer);
    assertEquals(INTERRUPTED_AT, run.epoch(), "the scenario: interrupted after two epochs");
    trainer(resumed, resumedOptimizer, EPOCHS).resume(run).build().fit(rows);

    assertSameBits(name + ": the model", whole.stateDict(), resumed.stateDict());
    assertSameBits(name + ": the optimizer", wholeOptimizer.state(), resumedOptimizer.state());
    assertEquals(wholeOptimizer.stepCount(), resumedOptimizer.stepCount(), name);
    assertEquals(wholeOptimizer.learningRate(), resumedOptimizer.learningRate(), 0.0, name);
  }

  private static void assertSameBits(String what, Map<String, Tensor> expected,
      Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((key, tensor) -> {
      assertEquals(tensor.dtype(), actual.get(key).dtype(), what + " " + key);
      // Exact: the same steps on the same batches at the same rates from the same state.
      assertArrayEquals(tensor.toArray(), actual.get(key).toArray(), 0.0, what + " " + key);
    });
  }
}
