package dev.chainrule.examples.commands;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.graph.GraphDot;
import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.report.JsonLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Writes the computation graph of one training step as Graphviz DOT, with value"
        + " and gradient norms (and as PNG when Graphviz's 'dot' is installed).",
        "The step is a 4-4-3 Iris network's (its hidden layer sigmoid), with"
            + " softmax cross-entropy."})
final class GraphCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "chainrule-out/graph",
      description = "Folder for graph.dot and graph.png (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8",
      description = "Rows in the batch, the first of the Iris training rows (at most all of"
          + " them) (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--json", description = "End with one line of JSON results (default: off).")
  boolean json;

  @Option(names = "--verbose", description = "Show stack traces of errors (default: off).")
  boolean verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Usage.check(batchSize > 0, spec, "--batch-size must be positive, got %d", batchSize);
    Problem iris = BuiltInData.iris(42L, Validation.NONE, null);
    // Refused, not cut short: the graph's shapes would show fewer rows than asked for, unsaid.
    Usage.check(batchSize <= iris.train().size(), spec, "--batch-size must be at most %d (the"
        + " Iris training rows the batch is taken from), got %d", iris.train().size(), batchSize);
    PathChecks.requireOutputFolder("--out", out);
    // Both files, before the step: one that cannot be replaced is named with the option.
    PathChecks.requireReplaceableFiles("--out", out, List.of("graph.dot", "graph.png"));
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive());
    Sequential model = Mlp.of(4, List.of(4), 3, Activation.sigmoid(), 42L);
    Tensor x = iris.train().features().slice(0, 0, batchSize);
    Tensor y = iris.train().labels().slice(0, 0, batchSize);
    Variable loss = Loss.softmaxCrossEntropy().compute(
        model.forward(Variable.constant(x).named("x")), y).named("loss");
    loss.backward(null, dev.chainrule.autograd.Gradients.Options.retainingGraph());
    Path dot = out.resolve("graph.dot");
    byte[] text = GraphDot.toDot(loss, true).getBytes(StandardCharsets.UTF_8);
    AtomicFile.write(dot, stream -> stream.write(text));  // as every file the program writes
    console.println("wrote " + dot + " (one forward and backward pass, loss "
        + String.format(Locale.ROOT, "%.4f", loss.item()) + ")");
    Path png = out.resolve("graph.png");
    String failure = render(dot, png);
    boolean rendered = failure == null;
    if (rendered) {
      console.println("wrote " + png);
    } else {
      console.println(failure + "; render with: dot -Tpng " + dot + " -o " + png
          + (failure.endsWith("not installed") ? " (Debian: apt-get install graphviz)" : ""));
    }
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("dot", dot.toString());
      report.put("png", rendered ? png.toString() : null);
      report.put("loss", loss.item());
      report.put("rows", batchSize);
      console.println(JsonLine.of(report));
    }
    return 0;
  }

  /**
   * Runs dot if it is on the PATH: null when it wrote the picture, else why not (not installed,
   * or what the dot that is installed said when it failed, which "not installed" would hide).
   */
  private static String render(Path dot, Path png) throws InterruptedException, IOException {
    // Looked for before the temporary file is made: without dot the program has no use for
    // java.io.tmpdir and must not fail when it is unusable.
    if (!onSearchPath("dot", System.getenv("PATH"))) {
      return "Graphviz's 'dot' is not installed";
    }
    // Its messages go to a file, read once it ends: reading its output first would wait for a
    // dot that hangs as long as it hangs, and the time limit could never apply.
    Path said;
    try {
      said = Files.createTempFile("chainrule-dot", ".txt");
    } catch (IOException e) {
      return "could not run Graphviz's 'dot': java.io.tmpdir ("
          + System.getProperty("java.io.tmpdir") + "), where its messages would go, is not a"
          + " writable folder (" + e + ")";
    }
    try {
      Process process;
      try {
        process = new ProcessBuilder("dot", "-Tpng", dot.toString(), "-o", png.toString())
            .redirectErrorStream(true).redirectOutput(said.toFile()).start();
      } catch (IOException notInstalled) {
        return "Graphviz's 'dot' is not installed";
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "Graphviz's 'dot' did not finish in 60 s";
      }
      if (process.exitValue() != 0) {
        String first = new String(Files.readAllBytes(said), StandardCharsets.UTF_8).strip()
            .lines().findFirst().orElse("");
        return "Graphviz's 'dot' failed (exit " + process.exitValue() + ")"
            + (first.isEmpty() ? "" : ": " + Console.printable(first));
      }
      return null;
    } finally {
      Files.deleteIfExists(said);
    }
  }

  /** Whether {@code searchPath} (the PATH variable's value, maybe null) holds an executable. */
  private static boolean onSearchPath(String program, String searchPath) {
    // With PATH unset, Java's process launcher on Unix searches ":/bin:/usr/bin", so /usr/bin/dot
    // still runs: "not installed" would be false there.
    String folders = searchPath != null ? searchPath : ":/bin:/usr/bin";
    for (String folder : folders.split(java.io.File.pathSeparator, -1)) {
      // An empty entry is the working folder, as the shell reads it.
      Path base;
      try {
        base = Path.of(folder.isEmpty() ? "." : folder);
      } catch (java.nio.file.InvalidPathException notAFolder) {
        continue;
      }
      for (String name : new String[] {program, program + ".exe"}) {
        Path candidate = base.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      }
    }
    return false;
  }
}