package dev.chainrule.examples.commands;

import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.examples.bench.BenchFigures;
import dev.chainrule.examples.bench.BenchSettings;
import dev.chainrule.examples.bench.Benchmarks;
import dev.chainrule.examples.bench.EpochServer;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.IdxReader;
import dev.chainrule.optim.report.JsonLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Performance figures: training steps, an MLP epoch against its matrix products,"
        + " GEMM speed, anomaly detection's and GradCheck.localize's costs.",
        "A training step of XOR (2-2-1, batch 4), Iris (4-16-3, batch 150) and the README's"
            + " u″ = −u network (1-16-16-1, 33 points; its loss holds its second derivative by"
            + " its input, so backward takes a third); an epoch of the"
            + " 784-256-128-10 MLP (batch 128; Fashion-MNIST when installed, else random data;"
            + " with --quick, random data)"
            + " against its matrix products alone; GEMM speed; the Iris step with anomaly"
            + " detection on (against the step with it off); one GradCheck.localize of the"
            + " MLP's graph (batch 128, float32) against one of its training steps; and an epoch"
            + " of fashion-mnist --model cnn's network, scaled from part of one.",
        "Each figure is the median of several timed runs after a warm-up."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "A run of seconds whose figures are only a smoke"
      + " test: the MLP runs on 512 random rows, so it takes no --data, and the CNN's epoch is"
      + " scaled from 32 images (default: off).")
  boolean quick;

  @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default:"
      + " /usr/share/datasets/fashion-mnist; random data of the same shape when the default"
      + " folder is absent; a folder given must hold the training files).")
  Path data = FashionMnistCommand.DEFAULT_DATA;

  @Option(names = "--json", description = "End with one line of JSON results (default: off;"
      + " --serve-epochs answers in JSON lines without it).")
  boolean json;

  @Option(names = "--serve-epochs", description = "Instead of the figures: once warm, print"
      + " 'ready', then answer each line of standard input naming a type (float32 or float64,"
      + " optionally followed by 'stepping' for the network that steps after backward) with one"
      + " JSON line of an MLP epoch's seconds, and each line 'iris' with one of a block of Iris"
      + " steps' microseconds per step, until a blank line; for examples/pytorch/paired_epochs.py"
      + " (default: off).")
  boolean serveEpochs;

  @Option(names = "--verbose", description = "Show stack traces of errors (default: off).")
  boolean verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    // Taken and without effect, either one would pass for a setting the run used.
    Usage.check(!(quick && given("--data")), spec, "--quick and --data: --quick runs the MLP"
        + " on random data and never reads the --data folder; give one of them");
    Usage.check(!(serveEpochs && json), spec, "--serve-epochs and --json: --serve-epochs prints"
        + " no figures, and answers every line in JSON already; give one of them");
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive());
    BenchSettings settings = quick ? BenchSettings.quick() : BenchSettings.full();
    Dataset mlpData = null;
    Path images = FashionMnistCommand.idxFile(data, "train-images-idx3-ubyte");
    Path labels = FashionMnistCommand.idxFile(data, "train-labels-idx1-ubyte");
    // A folder the user names and that holds no Fashion-MNIST is a slip in the path, which
    // random data in its place hid ("MLP epoch on random data"); refused as fashion-mnist
    // refuses it.
    if (given("--data")) {
      PathChecks.requireFolder("bench: --data", data, "");
      if (images == null || labels == null) {
        throw new Failure("bench: --data " + data + " holds no Fashion-MNIST training files"
            + " (train-images-idx3-ubyte and train-labels-idx1-ubyte, gzipped or not)");
      }
    }
    if (!quick && images != null && labels != null) {
      mlpData = IdxReader.readDataset(images, labels);
    }
    if (serveEpochs) {
      EpochServer.serve(mlpData == null ? Benchmarks.randomMlpData(settings) : mlpData, settings,
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
          spec.commandLine().getOut());
      return 0;
    }
    console.printf("matrix products: %s", GemmBackend.describe());
    console.printf("MLP epoch on %s; medians of %d runs, %d for the MLP and CNN epochs%s",
        mlpData == null ? "random data" : "Fashion-MNIST", settings.samples(),
        settings.mlpEpochs(), quick ? " (quick: random data, figures only a smoke test)" : "");
    BenchFigures figures = mlpData == null ? Benchmarks.run(settings)
        : Benchmarks.run(settings, mlpData);
    console.println(figures.toString());
    console.printf("targets: xor step <= 3 µs, iris step <= 13 µs, mlp epoch <= 1.0 s float64"
        + " and <= 0.6 s float32 with outside the products <= 25 %%, anomaly detection on <= 3x"
        + " off");
    if (json) {
      console.println(JsonLine.of(figures.fields()));
    }
    return 0;
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }
}
