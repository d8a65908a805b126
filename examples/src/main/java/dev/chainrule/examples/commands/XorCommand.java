package dev.chainrule.examples.commands;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.examples.run.JsonLine;
import dev.chainrule.examples.run.Mlp;
import dev.chainrule.examples.run.ProgressListener;
import dev.chainrule.examples.run.RunPictures;
import dev.chainrule.examples.run.TrainingRun;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.train.Evaluation;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "xor", mixinStandardHelpOptions = true,
    description = {"A 2-2-1 network (sigmoid output, binary cross-entropy) learns XOR by"
        + " backpropagation and prints its truth table."})
final class XorCommand implements Callable<Integer> {
  static final Tensor INPUTS = Tensor.matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  static final Tensor TARGETS = Tensor.matrix(new double[][] {{0}, {1}, {1}, {0}});

  @Mixin
  TrainingOptions options;

  @Spec
  CommandSpec spec;

  /** Correct rows of the truth table after training, for tests. */
  int correct;

  @Override
  public Integer call() throws java.io.IOException {
    Settings s = options.resolve("xor", new Defaults(1000, 4, 0.1, "adam", List.of(2), "tanh",
        7L));
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive())
        .forJson(s.json());
    Sequential model = network(s);
    console.printf("xor: 2-%s-1 network (%s hidden, sigmoid output), %d parameters; %s, lr %s,"
        + " %d epochs", s.hidden().get(0), s.activation(), model.parameterCount(), s.optimizer(),
        s.learningRate(), s.epochs());
    if (s.load() != null) {
      ModelCheckpoint.load(s.load(), model, null);
      console.println("loaded " + s.load());
    }
    Optimizer optimizer = s.optimizer().build(model, s.learningRate());
    Dataset data = new Dataset(INPUTS, TARGETS);
    Loss loss = Loss.binaryCrossEntropy();
    History history = null;
    GradientFlow flow = null;
    if (s.epochs() > 0) {
      flow = GradientFlow.of(model, INPUTS);
      try (ProgressListener progress = ProgressListener.of(console, s.epochs(), false)) {
        history = Trainer.builder(model, loss, optimizer).epochs(s.epochs())
            .batchSize(s.batchSize()).seed(s.seed()).listener(progress).listener(flow).build()
            .fit(data);
      }
    }
    Tensor outputs = Evaluation.predict(model, INPUTS);
    console.println(" x1  x2 | target | output | predicted");
    correct = 0;
    for (int i = 0; i < 4; i++) {
      int predicted = outputs.get(i, 0) >= 0.5 ? 1 : 0;
      correct += predicted == (int) TARGETS.get(i, 0) ? 1 : 0;
      console.printf("  %d   %d |    %d   | %.4f |     %d", (int) INPUTS.get(i, 0),
          (int) INPUTS.get(i, 1), (int) TARGETS.get(i, 0), outputs.get(i, 0), predicted);
    }
    console.printf("%d of 4 correct", correct);
    RunPictures pictures = new RunPictures("xor", s.out(), s.format());
    pictures.drawBinary(model, history, INPUTS, TARGETS.reshape(4), flow);
    pictures.report(console);
    if (s.save() != null) {
      ModelCheckpoint.save(s.save(), model, optimizer, Map.of("task", "xor"));
      console.println("saved " + s.save());
    }
    if (s.json()) {
      console.result(JsonLine.of(TrainingRun.report("xor", history, model.parameterCount(),
          history == null ? Double.NaN : history.last().trainLoss(), "test_accuracy",
          correct / 4.0)));
    }
    return 0;
  }

  /** The hidden layers as every command builds them, then one sigmoid unit for probabilities. */
  private static Sequential network(Settings s) {
    return Sequential.of(Mlp.of(2, s.hidden(), 1, s.activation(), s.seed()),
        Activation.sigmoid());
  }
}
