package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's training tour on Iris, verbatim. */
class ReadmeTrainingTest {
  @Test
  void trainingTour(@TempDir Path folder) throws Exception {
    Path irisFile = folder.resolve("iris.csv");
    try (var in = getClass().getResourceAsStream("/iris.csv")) {
      Files.copy(in, irisFile);
    }
    Dataset data = CsvReader.builder().skipLines(1).header(false).build().read(irisFile)
        .dataset();

    Split raw = data.stratifiedSplit(0.25, 42L);
    Standardizer scaling = Standardizer.fit(raw.train());  // training statistics only
    Split split = new Split(scaling.transform(raw.train()), scaling.transform(raw.test()));
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    Optimizer optimizer = Adam.builder().learningRate(0.01).build(model);
    History history = Trainer.builder(model, Loss.softmaxCrossEntropy(), optimizer)
        .epochs(100).batchSize(16).seed(7)
        .reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS, 0.5, 3)  // halve after 4 flat epochs
        .earlyStopping(Monitor.VALIDATION_LOSS, 10, 1e-4)
        .restoreBestWeights(true)  // end with the best epoch's weights, not the last
        .checkpointEvery(10, folder.resolve("iris.safetensors"))
        .build()
        .fit(split.train(), split.test());
    Tensor predictions = Evaluation.predict(model, split.test().features());
    ConfusionMatrix confusion = Metrics.confusion(predictions, split.test().labels(), 3);
    System.out.println(confusion.accuracy() + "\n" + confusion);

    ModelCheckpoint.save(folder.resolve("final.safetensors"), model, optimizer, Map.of());
    LoadReport report = ModelCheckpoint.load(folder.resolve("final.safetensors"), model, optimizer);

    assertTrue(confusion.accuracy() >= 0.9, "iris test accuracy " + confusion.accuracy());
    assertTrue(report.isExactMatch());
    assertEquals(39, confusion.total(), "each class of 50 gives round(12.5) = 13");
    assertTrue(history.epochs().size() >= 10);
    assertEquals(history.bestEpoch(), history.weightsEpoch(), "the best epoch's weights, restored");
    // Three halvings when written, after epochs 44, 49 and 53 of 56.
    assertTrue(history.last().learningRate() < 0.01, "reduced: " + history.learningRates());

    // The README's resume from the last periodic checkpoint, of epoch 50: past the best epoch,
    // whose weights are in the file beside it that the README names.
    String beside = SafeTensors.list(folder.resolve("iris.safetensors")).metadata()
        .get("chainrule.early_stopping.best_weights_file");
    assertTrue(beside.startsWith("iris.best-epoch-" + (history.bestEpoch() + 1) + "."), beside);
    assertEquals("iris.best-epoch-46.", beside.substring(0, 19), "as the README names it");
    Sequential resumedModel =
        Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    Optimizer resumedOptimizer = Adam.builder().learningRate(0.01).build(resumedModel);
    ResumedRun resumed = ResumedRun.load(folder.resolve("iris.safetensors"), resumedModel,
        resumedOptimizer);  // the weights, the optimizer's state, the records, the best weights
    resumed.notes().forEach(System.out::println);  // a checkpoint saved before records says so
    Trainer resumedTrainer = Trainer
        .builder(resumedModel, Loss.softmaxCrossEntropy(), resumedOptimizer)
        .epochs(100).batchSize(16).seed(7)
        .reduceLearningRateOnPlateau(Monitor.VALIDATION_LOSS, 0.5, 3)
        .earlyStopping(Monitor.VALIDATION_LOSS, 10, 1e-4)
        .restoreBestWeights(true)
        .resume(resumed)  // from the checkpoint's epoch, with its records
        .build();  // refuses another seed, schedule or clipping than the checkpoint's
    resumedTrainer.notes().forEach(System.out::println);  // another batch size, say
    History rest = resumedTrainer.fit(split.train(), split.test());

    assertEquals(List.of(), resumedTrainer.notes(), "the checkpoint's seed, batch size, schedule");
    assertEquals(50, resumed.epoch());
    assertEquals(history.last().epoch(), rest.last().epoch(), "the same stop");
    assertEquals(history.weightsEpoch(), rest.weightsEpoch());
    assertEquals(history.learningRates().subList(50, history.epochs().size()),
        rest.learningRates());
    assertEquals(model.stateDict(), resumedModel.stateDict(), "the same weights, bit for bit");
    assertEquals(optimizer.state(), resumedOptimizer.state());
  }

  /** The README's one-cycle run through the trainer, on the tour's Iris split. */
  @Test
  void perStepScheduleExample(@TempDir Path folder) throws Exception {
    Path irisFile = folder.resolve("iris.csv");
    try (var in = getClass().getResourceAsStream("/iris.csv")) {
      Files.copy(in, irisFile);
    }
    Dataset data = CsvReader.builder().skipLines(1).header(false).build().read(irisFile)
        .dataset();
    Split raw = data.stratifiedSplit(0.25, 42L);
    Standardizer scaling = Standardizer.fit(raw.train());
    Split split = new Split(scaling.transform(raw.train()), scaling.transform(raw.test()));
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    Optimizer optimizer = Adam.builder().learningRate(0.01).build(model);

    int steps = 30 * split.train().batches(16, 7L, false).batchCount();  // epochs × batches each
    History cycled = Trainer.builder(model, Loss.softmaxCrossEntropy(), optimizer)
        .epochs(30).batchSize(16).seed(7)
        .scheduleEveryStep(LearningRateSchedule.oneCycle(steps))  // a new rate every batch
        .build()
        .fit(split.train(), split.test());

    ConfusionMatrix confusion = Metrics.confusion(Evaluation.predict(model,
        split.test().features()), split.test().labels(), 3);
    assertTrue(confusion.accuracy() >= 0.9, "iris test accuracy " + confusion.accuracy());
    assertEquals(30 * 7, steps, "111 training rows in batches of 16");
    assertEquals(steps, optimizer.stepCount(), "every step of the cycle, none past it");
    // Each epoch's rate is its last step's: the peak 0.01 at step 0.3·210 − 1 = 62, epoch 8's
    // last, then down.
    assertEquals(0.01, cycled.learningRates().get(8));
    assertTrue(cycled.learningRates().get(7) < 0.01 && cycled.learningRates().get(9) < 0.01);
    assertEquals(LearningRateSchedule.oneCycle(steps).rate(0.01, steps - 1),
        cycled.last().learningRate());
    assertTrue(cycled.last().learningRate() < 1e-5, "annealed: " + cycled.last().learningRate());
  }

  /** The README's early stopping on a metric of one's own, on the tour's Iris split. */
  @Test
  void metricOfYourOwnExample(@TempDir Path folder) throws Exception {
    Path irisFile = folder.resolve("iris.csv");
    try (var in = getClass().getResourceAsStream("/iris.csv")) {
      Files.copy(in, irisFile);
    }
    Dataset data = CsvReader.builder().skipLines(1).header(false).build().read(irisFile)
        .dataset();
    Split raw = data.stratifiedSplit(0.25, 42L);
    Standardizer scaling = Standardizer.fit(raw.train());
    Split split = new Split(scaling.transform(raw.train()), scaling.transform(raw.test()));
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    Optimizer optimizer = Adam.builder().learningRate(0.01).build(model);

    History watched = Trainer.builder(model, Loss.softmaxCrossEntropy(), optimizer)
        .epochs(100).batchSize(16).seed(7)
        .metric("macro_f1", EpochMetric.macroF1())  // over the whole validation set
        .metric("worst_recall", (outputs, targets) -> {
          ConfusionMatrix m = Metrics.confusion(outputs, targets, 3);
          return IntStream.range(0, 3).mapToDouble(m::recall).min().orElseThrow();
        })
        .earlyStopping(Monitor.metric("macro_f1", Monitor.Mode.MAX), 10, 0)
        .restoreBestWeights(true)
        .build()
        .fit(split.train(), split.test());
    System.out.println(watched.metric("macro_f1"));  // one value per epoch

    List<Double> f1 = watched.metric("macro_f1");
    int best = IntStream.range(0, f1.size()).reduce((a, b) -> f1.get(b) > f1.get(a) ? b : a)
        .orElseThrow();
    assertEquals(best, watched.bestEpoch(), "the first epoch of the highest macro F1: " + f1);
    assertEquals(best, watched.weightsEpoch());
    assertTrue(watched.stoppedEarly(), "ten epochs without a higher F1: " + f1);
    assertEquals(List.of("macro_f1", "worst_recall"),
        List.copyOf(watched.last().metrics().keySet()), "in the order declared");
    // The F1 of the weights put back, from the confusion matrix of the test rows (sums of 39
    // counts, so the same double either way).
    ConfusionMatrix confusion = Metrics.confusion(Evaluation.predict(model,
        split.test().features()), split.test().labels(), 3);
    double macro = IntStream.range(0, 3).mapToDouble(confusion::f1).average().orElseThrow();
    assertEquals(f1.get(best), macro, 1e-15, "three F1s averaged in another order");
  }

  @Test
  void aLoopOfYourOwnHandsItsActivationsBack() {
    Tensor x = Tensors.randn(Shape.of(150, 4), 3L);
    Tensor y = Tensor.vector(IntStream.range(0, 150).mapToDouble(i -> i / 50).toArray());
    Sequential model = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    Optimizer optimizer = Adam.builder().learningRate(0.01).build(model);
    long recycledBefore = Recycling.recycledCount();

    for (int step = 0; step < 100; step++) {
      optimizer.zeroGrad();
      try (Recycling.Scope scope = Recycling.open()) {
        Variable loss = Loss.softmaxCrossEntropy().compute(model.forward(Variable.constant(x)), y);
        Gradients.backwardReleasingValues(loss, scope);  // nothing reads the activations again
      }
      optimizer.step();
    }

    // The hidden layer and its ReLU (150 × 16) come back every step.
    assertTrue(Recycling.recycledCount() - recycledBefore >= 200);
    Sequential plain = Sequential.of(Dense.of(4, 16, 1L), Activation.relu(), Dense.of(16, 3, 2L));
    Optimizer plainOptimizer = Adam.builder().learningRate(0.01).build(plain);
    for (int step = 0; step < 100; step++) {
      plainOptimizer.zeroGrad();
      Loss.softmaxCrossEntropy().compute(plain.forward(Variable.constant(x)), y).backward();
      plainOptimizer.step();
    }
    assertEquals(plain.stateDict(), model.stateDict(), "the plain loop's training, bit for bit");
  }
}
