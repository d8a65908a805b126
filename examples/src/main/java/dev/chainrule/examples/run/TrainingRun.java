package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.metrics.Metrics;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.Evaluation;
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
        s.activation().name(), model.parameterCount(),
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
    Tensor predictions = Evaluation.predict(model, problem.test().features());
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
        : Evaluation.score(model, loss, problem.train()).loss();
    RunPictures.draw(problem, s, model, history, confusion, console);
    if (s.save() != null) {
      ModelCheckpoint.save(s.save(), model, optimizer, Map.of("task", problem.task(),
          "architecture", Mlp.describe(problem.inputs(), s.hidden(), problem.outputs())));
      console.println("saved " + s.save());
    }
    Map<String, Object> report = report(problem.task(), history, model.parameterCount(),
        trainLoss, problem.regression() ? "test_mse" : "test_accuracy", metric);
    if (s.json()) {
      console.println(JsonLine.of(report));
    }
    return new Outcome(model, history, trainLoss, metric, confusion, predictions, report);
  }

  /**
   * The fields of a training command's JSON line, in their documented order; {@code history} is
   * null when no epoch ran.
   */
  public static Map<String, Object> report(String task, History history, int parameters,
      double trainLoss, String metricName, double metric) {
    double seconds = history == null ? 0 : history.seconds();
    int epochs = history == null ? 0 : history.epochs().size();
    long samples = history == null ? 0
        : history.epochs().stream().mapToLong(EpochResult::samples).sum();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("task", task);
    report.put("epochs", epochs);
    report.put("parameters", parameters);
    report.put("train_loss", trainLoss);
    report.put(metricName, metric);
    report.put("seconds", seconds);
    report.put("seconds_per_epoch", epochs == 0 ? 0.0 : seconds / epochs);
    report.put("samples_per_second", seconds > 0 ? samples / seconds : 0.0);
    return report;
  }
}
