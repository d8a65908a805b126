package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One batch's forward, loss and backward, as the trainer and Spark's replicas run it. */
class BatchPassTest {
  /** 64 rows of 2 features in 2 classes, a gather away from the whole set as a batch is. */
  private static Dataset batchOf(Dataset data) {
    int[] rows = new int[64];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = 3 * i;
    }
    return data.subset(rows);
  }

  private static Dataset data() {
    Tensor features = Tensors.randn(Shape.of(200, 2), 1L);
    return new Dataset(features, features.sum(1, false).gt(0));
  }

  private static Sequential model() {
    return Sequential.of(Dense.of(2, 16, 5), Activation.relu(), Dense.of(16, 2, 6));
  }

  @Test
  void aPassOfBuiltInsHandsArraysBackAndComputesWhatThePlainStepsDo() {
    Dataset data = data();
    Sequential plain = model();
    Dataset batch = batchOf(data);
    Variable output = plain.forward(Variable.constant(batch.features()));
    Variable loss = Loss.softmaxCrossEntropy().compute(output, batch.labels());
    loss.backward();

    Sequential passed = model();
    BatchPass pass = BatchPass.of(passed, Loss.softmaxCrossEntropy());
    assertTrue(pass.reusesArrays(), "built-in modules and loss keep no forward value");
    long before = Recycling.recycledCount();
    BatchPass.Result result = pass.run(() -> batchOf(data), perSample -> { });
    // At least the gathered batch, the hidden layer and its ReLU (64 × 16) come back.
    assertTrue(Recycling.recycledCount() - before >= 3, "arrays handed back");

    assertEquals(loss.item(), result.loss(), 0.0);
    assertEquals(64, result.samples());
    assertEquals(Evaluation.correct(Loss.softmaxCrossEntropy(), output.value(),
        batch.labels()), result.correct());
    List<Variable> expected = plain.parameters();
    List<Variable> got = passed.parameters();
    for (int p = 0; p < expected.size(); p++) {
      assertEquals(expected.get(p).grad(), got.get(p).grad(), "bit for bit, parameter " + p);
    }
  }

  @Test
  void aModuleThatMayKeepValuesGetsThePlainBackward() {
    Module yours = new Module() {
      private final Sequential inner = registerModule("inner", model());

      @Override
      public Variable forward(Variable x) {
        return inner.forward(x);
      }
    };
    BatchPass pass = BatchPass.of(yours, Loss.softmaxCrossEntropy());
    assertFalse(pass.reusesArrays(), "a module of yours is assumed to keep values");
    BatchPass.Result result = pass.run(() -> batchOf(data()), perSample -> { });
    assertEquals(64, result.samples());
    assertTrue(yours.parameters().get(0).grad().abs().sum().item() > 0, "a backward ran");
  }

  @Test
  void theCheckBeforeBackwardSeesTheLossPerSampleAndStopsTheGradients() {
    Sequential model = model();
    Loss summed = Loss.softmaxCrossEntropy().withReduction(Reduction.SUM);
    List<Double> seen = new ArrayList<>();
    BatchPass.Result result = BatchPass.of(model, summed)
        .run(() -> batchOf(data()), seen::add);
    assertEquals(List.of(result.loss() / 64), seen, "the mean whatever the reduction");

    Sequential untouched = model();
    IllegalStateException stop = new IllegalStateException("diverged");
    assertSame(stop, assertThrows(IllegalStateException.class,
        () -> BatchPass.of(untouched, summed).run(() -> batchOf(data()), perSample -> {
          throw stop;
        })));
    untouched.parameters().forEach(p -> assertNull(p.grad(), "no backward ran"));
  }

  @Test
  void nullsAreRefusedByName() {
    Sequential model = model();
    Loss loss = Loss.softmaxCrossEntropy();
    assertEquals("batch pass: model is null",
        assertThrows(NullPointerException.class, () -> BatchPass.of(null, loss)).getMessage());
    assertEquals("batch pass: loss is null",
        assertThrows(NullPointerException.class, () -> BatchPass.of(model, null)).getMessage());
    BatchPass pass = BatchPass.of(model, loss);
    assertEquals("batch pass: the batch is null", assertThrows(NullPointerException.class,
        () -> pass.run(() -> null, perSample -> { })).getMessage());
    assertEquals("batch pass: batches is null", assertThrows(NullPointerException.class,
        () -> pass.run(null, perSample -> { })).getMessage());
  }
}
