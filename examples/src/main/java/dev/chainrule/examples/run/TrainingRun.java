package dev.chainrule.examples.run;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every training command does once it has its data: build an MLP, optionally load saved
 * weights, train with progress output, evaluate on the test data, draw pictures, optionally save,
 * and report (with a JSON line on request).
 */
public final class TrainingRun {
  private TrainingRun() {}

  /**
   * The result of a run.
   *
   * @param history null when no epoch was run (--epochs 0)
   * @param testMetric accuracy for classification, mean squared error for regression
   * @param confusion null for regression
   */
  public record Outcome(Sequential model, History history, double trainLoss, double testMetric,
      ConfusionMatrix confusion, Tensor testPredictions, Map<String, Object> report) {}

  public static Outcome run(Problem problem, Settings s, Console console) throws IOException {
    Sequential model = Mlp.of(problem.inputs(), s.hidden(), problem.outputs(), s.activation(),
        s.seed());
    Loss loss = problem.regression() ? Loss.meanSquaredError() : Loss.softmaxCrossEntropy();
    console.printf("%s: %s network (%s), %,d parameters; %s, lr %s, batch %d, %d epochs;"
            + " %d training and %d test samples", problem.task(),
        Mlp.describe(problem.inputs(), s.hidden(), problem.outputs()),
        s.activation().kind().name().toLowerCase().replace('_', '-'), model.parameterCount(),
        s.optimizer(), s.learningRate(), s.batchSize(), s.epochs(), problem.train().size(),
        problem.test().size());
    if (s.load() != null) {
      ModelCheckpoint.load(s.load(), model, null);
      console.println("loaded " + s.load());
    }
    Optimizer optimizer = s.optimizer().build(model, s.learningRate());
    History history = null;
    if (s.epochs() > 0) {
      history = Trainer.builder(model, loss, optimizer).epochs(s.epochs())
          .batchSize(s.batchSize()).seed(s.seed())
          .listener(new ProgressListener(console, s.epochs(), true))
          .build().fit(problem.train(), problem.test());
    }
    Tensor predictions = predict(model, problem.test().features());
    ConfusionMatrix confusion = null;
    double metric;
    if (problem.regression()) {
      metric = Metrics.meanSquaredError(predictions, problem.test().labels());
      console.printf("test mean squared error %.6g (targets standardised)", metric);
    } else {
      confusion = Metrics.confusion(predictions, problem.test().labels(), problem.outputs());
      metric = confusion.accuracy();
      console.printf("test accuracy %.4f (%d of %d)", metric,
          Math.round(metric * problem.test().size()), problem.test().size());
      console.println(confusion.format(problem.classNames()));
    }
    double trainLoss = history != null ? history.last().trainLoss()
        : evaluateLoss(model, loss, problem);
    RunPictures.draw(problem, s, model, history, confusion, console);
    if (s.save() != null) {
      ModelCheckpoint.save(s.save(), model, optimizer, Map.of("task", problem.task(),
          "architecture", Mlp.describe(problem.inputs(), s.hidden(), problem.outputs())));
      console.println("saved " + s.save());
    }
    Map<String, Object> report = report(problem, s, model, history, trainLoss, metric);
    if (s.json()) {
      console.println(JsonLine.of(report));
    }
    return new Outcome(model, history, trainLoss, metric, confusion, predictions, report);
  }

  private static Map<String, Object> report(Problem problem, Settings s, Sequential model,
      History history, double trainLoss, double metric) {
    double seconds = history == null ? 0 : history.seconds();
    long samples = (long) s.epochs() * problem.train().size();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("task", problem.task());
    report.put("epochs", history == null ? 0 : history.epochs().size());
    report.put("parameters", model.parameterCount());
    report.put("train_loss", trainLoss);
    report.put(problem.regression() ? "test_mse" : "test_accuracy", metric);
    report.put("seconds", seconds);
    report.put("seconds_per_epoch", history == null ? 0.0 : seconds / history.epochs().size());
    report.put("samples_per_second", seconds > 0 ? samples / seconds : 0.0);
    return report;
  }

  /** The model's outputs without recording a graph. */
  public static Tensor predict(Sequential model, Tensor features) {
    try (var scope = Autograd.noGrad()) {
      return model.forward(Variable.constant(features)).value();
    }
  }

  private static double evaluateLoss(Sequential model, Loss loss, Problem problem) {
    try (var scope = Autograd.noGrad()) {
      return loss.compute(model.forward(Variable.constant(problem.train().features())),
          problem.train().labels()).item();
    }
  }
}
