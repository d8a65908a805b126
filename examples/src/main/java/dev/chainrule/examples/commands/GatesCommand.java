package dev.chainrule.examples.commands;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.ClassLoss;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.TrainingOptions;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.reference.Perceptron;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.report.JsonLine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gates", mixinStandardHelpOptions = true,
    description = {"The perceptron learning rule learns AND, OR, NAND and NOR, and fails on XOR"
        + " (not linearly separable); then a 2-2-1 network trained by backpropagation solves"
        + " XOR."})
final class GatesCommand implements Callable<Integer> {
  private static final Map<String, Tensor> GATES = new LinkedHashMap<>();

  static {
    GATES.put("AND", Tensor.vector(0, 0, 0, 1));
    GATES.put("OR", Tensor.vector(0, 1, 1, 1));
    GATES.put("NAND", Tensor.vector(1, 1, 1, 0));
    GATES.put("NOR", Tensor.vector(1, 0, 0, 0));
    GATES.put("XOR", Tensor.vector(0, 1, 1, 0));
  }

  /**
   * The most epochs --max-epochs may give. From θ = 0 the rule's decisions do not depend on
   * --lr (θ is --lr times the run at rate 1), so AND and NAND take 6 epochs and OR and NOR 4
   * whatever it is, and XOR's whole-number weights cycle for ever: more epochs show nothing
   * more, and 2^31 of them ran for hours, keeping a count per epoch, to end out of memory.
   */
  static final int MOST_EPOCHS = 100_000;

  @Option(names = "--max-epochs", paramLabel = "N", defaultValue = "100",
      description = "Epochs the perceptron may use per gate, at most 100,000 (default:"
          + " ${DEFAULT-VALUE}).")
  int maxEpochs;

  @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1",
      description = "Perceptron learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "chainrule-out/gates",
      description = "Folder for the XOR network's plots (default: ${DEFAULT-VALUE}).")
  java.nio.file.Path out;

  @Option(names = "--json", description = "Print only one line of JSON results (default: off).")
  boolean json;

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float64",
      description = "Element type of the XOR network: float32 or float64 (default:"
          + " ${DEFAULT-VALUE}); the perceptrons decide in whole numbers either way (their"
          + " weights are --lr times whole numbers).")
  String dtype;

  @Option(names = "--verbose", description = "Say which matrix-product backend runs and which"
      + " native library it found, and show stack traces of errors (default: off).")
  boolean verbose;

  @Spec
  CommandSpec spec;

  /** Per gate, whether the perceptron converged, for tests. */
  final Map<String, Boolean> converged = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    Usage.check(maxEpochs > 0, spec, "--max-epochs must be positive, got %d", maxEpochs);
    Usage.check(maxEpochs <= MOST_EPOCHS, spec, "--max-epochs must be at most %,d, got %,d:"
        + " from θ = 0 the rule learns AND, OR, NAND and NOR in 6 epochs at most, whatever"
        + " --lr, and never XOR, whose weights repeat", MOST_EPOCHS, maxEpochs);
    Usage.check(learningRate > 0, spec, "--lr must be positive, got %s",
        Console.number(learningRate));
    DType type = TrainingOptions.dtype(spec, dtype);
    PathChecks.requireOutputFolder("--out", out);
    Defaults xor = XorCommand.DEFAULTS;
    Settings settings = new Settings(xor.epochs(), xor.batchSize(), xor.learningRate(),
        OptimizerChoice.named(xor.optimizer()), xor.hidden(), Activation.named(xor.activation()),
        xor.seed(), type, out, null, null, false, false, Set.of(), ChartFormat.PNG,
        Validation.NONE, ClassLoss.NONE);
    // Every chart the XOR network's run draws, before the perceptrons' work.
    XorCommand.requireReplaceableCharts(settings);
    Map<String, Object> report = new LinkedHashMap<>();
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive())
        .withNotesTo(spec.commandLine().getErr())
        .forJson(json);
    TrainingCommand.describeBackend(console, verbose);
    console.println("perceptron rule θ ← θ + η·[1, x]ᵀ(y − a), hard-limit unit, from θ = 0:");
    for (Map.Entry<String, Tensor> gate : GATES.entrySet()) {
      Perceptron.Result result = Perceptron.train(XorCommand.INPUTS, gate.getValue(),
          learningRate, maxEpochs);
      converged.put(gate.getKey(), result.converged());
      String key = gate.getKey().toLowerCase(Locale.ROOT);
      report.put(key + "_learned", result.converged());
      report.put(key + "_epochs", result.converged() ? result.epochs() : maxEpochs);
      if (result.converged()) {
        console.printf("  %-4s learned in %d epoch%s: bias %s, weights [%s, %s], %s",
            gate.getKey(), result.epochs(), result.epochs() == 1 ? "" : "s",
            weight(result.theta(), 0), weight(result.theta(), 1), weight(result.theta(), 2),
            truthTable(result.predict(XorCommand.INPUTS)));
      } else {
        console.printf("  %-4s not learned in %d epoch%s: still %d of 4 wrong in the last epoch"
            + " (%s)", gate.getKey(), maxEpochs, maxEpochs == 1 ? "" : "s",
            result.errorsPerEpoch().get(result.errorsPerEpoch().size() - 1),
            gate.getKey().equals("XOR") ? "XOR is not linearly separable"
                : "it is linearly separable: more --max-epochs will do");
      }
    }
    console.println("");
    console.println("a 2-2-1 network with a hidden layer, trained by backpropagation:");
    XorCommand.Result mlp = XorCommand.solve(settings, console, null);
    // The XOR network's type, as every training command's line names its own: the network's
    // result can depend on it, where the perceptrons count in whole multiples of --lr either way.
    report.put("dtype", type.toString());
    report.put("mlp_xor_correct", mlp.correct());
    if (json) {
      console.result(JsonLine.of(report));
    }
    mlp.drawPictures(settings, console);
    return 0;
  }

  /**
   * A weight of θ, to four significant digits: they are sums of --lr, and --lr 0.1 made the AND
   * gate's bias -0.30000000000000004.
   */
  private static String weight(Tensor theta, int i) {
    return Console.number(theta.get(i), 4);
  }

  private static String truthTable(Tensor outputs) {
    StringBuilder text = new StringBuilder("outputs");
    for (int i = 0; i < 4; i++) {
      text.append(' ').append((int) outputs.get(i));
    }
    return text.toString();
  }
}
