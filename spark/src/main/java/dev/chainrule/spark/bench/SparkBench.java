package dev.chainrule.spark.bench;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.IdxReader;
import dev.chainrule.optim.report.JsonLine;
import dev.chainrule.spark.SparkTrainer;
import dev.chainrule.spark.Timing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Throughput of data-parallel training in Spark local mode: samples per second of an MNIST-sized
 * MLP (784-256-128-10) on one machine without Spark, then synchronous and averaging training in
 * {@code local[1]} and {@code local[2]}, with each Spark run's time split between computing,
 * aggregating, broadcasting and applying, and one JSON line of every figure. Data: the first rows
 * of Fashion-MNIST when {@value #FASHION} holds it, else random pixels and labels (throughput
 * does not depend on what the pixels show).
 *
 * <p>Run it with {@code spark/bin/spark-bench [--rows N] [--batch-size N] [--dtype float32]}.
 */
@Command(name = "spark-bench", mixinStandardHelpOptions = true,
    description = "Samples per second of the 784-256-128-10 MLP on Spark local[1] and local[2].")
public final class SparkBench implements Callable<Integer> {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  @Option(names = "--rows", defaultValue = "8192", description = "Training rows (default:"
      + " ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--batch-size", defaultValue = "256", description = "Rows per step (default:"
      + " ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "2", description = "Timed epochs per"
      + " configuration, after one untimed (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--local-steps", defaultValue = "8", description = "K of the averaging runs"
      + " (default: ${DEFAULT-VALUE}).")
  int localSteps;

  @Option(names = "--dtype", defaultValue = "float64", description = "float64 or float32"
      + " (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Spec
  CommandSpec spec;

  private final PrintStream out = System.out;

  /**
   * A benchmark whose options picocli fills from the command line ({@link #main} and tests build
   * a {@code CommandLine} on one).
   */
  public SparkBench() {}

  /**
   * Runs the benchmark and exits.
   *
   * @param args the options; {@code --help} lists them
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SparkBench()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    BenchOptions o = checked();
    Dataset data = data(o);
    out.printf(Locale.ROOT, "spark bench: 784-256-128-10 MLP, SGD, %s, %,d rows (%s), batch %d,"
            + " %d timed epochs, averaging K = %d; %d processors%n", o.dtype(), data.size(),
        Files.isDirectory(Path.of(FASHION)) ? "Fashion-MNIST" : "random", o.batchSize(),
        o.epochs(), o.localSteps(), Runtime.getRuntime().availableProcessors());
    List<Throughput> runs = new ArrayList<>();
    runs.add(print(Throughput.trainer(data, o)));
    for (SparkTrainer.Mode mode : SparkTrainer.Mode.values()) {
      for (int threads = 1; threads <= 2; threads++) {
        runs.add(print(Throughput.spark(data, o, threads, mode)));
      }
    }
    Timing any = runs.get(1).timing();
    out.printf(Locale.ROOT, "parameters: %,d bytes; a synchronous step moves them to every task"
        + " and a gradient as large back: %,d bytes per task per step%n", any.parameterBytes(),
        2 * any.parameterBytes());
    out.println(JsonLine.of(fields(runs, any.parameterBytes(), o)));
    return 0;
  }

  /**
   * The options, or a usage error before any work: they failed as a trainer's stack trace (a
   * bad --local-steps only after the minutes of the single-machine and synchronous runs).
   */
  private BenchOptions checked() {
    require(rows > 0, "--rows must be positive, got %d", rows);
    require(batchSize > 0, "--batch-size must be positive, got %d", batchSize);
    require(epochs > 0, "--epochs must be positive, got %d", epochs);
    require(localSteps > 0, "--local-steps must be positive, got %d", localSteps);
    try {
      return new BenchOptions(rows, batchSize, epochs, localSteps, DType.parse(dtype));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  private void require(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, format, args));
    }
  }

  private Throughput print(Throughput t) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %-8s %,10.0f"
        + " samples/s  (%.1f s)", t.where(), t.mode(), t.samplesPerSecond(), t.seconds()));
    if (t.timing() != null) {
      Timing s = t.timing();
      double total = s.totalSeconds();
      line.append(String.format(Locale.ROOT, "  %d steps: compute %.0f %%, aggregate %.0f %%,"
              + " broadcast %.0f %%, apply %.0f %%", s.steps(), 100 * s.computeSeconds() / total,
          100 * s.aggregateSeconds() / total, 100 * s.broadcastSeconds() / total,
          100 * s.applySeconds() / total));
    }
    out.println(line);
    return t;
  }

  private static Map<String, Object> fields(List<Throughput> runs, long parameterBytes,
      BenchOptions o) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dtype", o.dtype().toString());
    fields.put("rows", o.rows());
    fields.put("batch_size", o.batchSize());
    fields.put("parameter_bytes", parameterBytes);
    for (Throughput t : runs) {
      String key = t.timing() == null ? "trainer"
          : t.mode() + "_" + t.where().replaceAll("[\\[\\]]", "");
      fields.put(key + "_samples_per_second", t.samplesPerSecond());
      if (t.timing() != null) {
        Timing s = t.timing();
        fields.put(key + "_steps", s.steps());
        fields.put(key + "_compute_seconds", s.computeSeconds());
        fields.put(key + "_aggregate_seconds", s.aggregateSeconds());
        fields.put(key + "_broadcast_seconds", s.broadcastSeconds());
        fields.put(key + "_apply_seconds", s.applySeconds());
      }
    }
    return fields;
  }

  /** The first rows of Fashion-MNIST's training images, or random ones of the same shape. */
  private static Dataset data(BenchOptions o) throws IOException {
    Path images = Path.of(FASHION, "train-images-idx3-ubyte.gz");
    Path labels = Path.of(FASHION, "train-labels-idx1-ubyte.gz");
    if (Files.isReadable(images) && Files.isReadable(labels)) {
      Dataset all = IdxReader.readDataset(images, labels, o.dtype());
      int n = Math.min(o.rows(), all.size());
      return all.subset(IntStream.range(0, n).toArray());
    }
    Tensor pixels = Tensors.rand(Shape.of(o.rows(), 784), 1L);
    Tensor classes = Tensors.rand(Shape.of(o.rows()), 2L).mul(10).map(Math::floor);
    return new Dataset(pixels.to(o.dtype()), classes);
  }
}
