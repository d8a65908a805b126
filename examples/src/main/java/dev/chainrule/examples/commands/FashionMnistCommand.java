package dev.chainrule.examples.commands;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.IdxReader;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
    description = {"Fashion-MNIST (60,000 + 10,000 28x28 images of clothes, 10 classes) with a"
        + " 784-256-128-10 ReLU network.", "Reads the IDX files from --data; on Debian:"
        + " apt-get install dataset-fashion-mnist."})
final class FashionMnistCommand extends TrainingCommand {
  static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");
  static final List<String> CLASSES = List.of("T-shirt", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Boot");

  @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four IDX files"
      + " (default: " + "/usr/share/datasets/fashion-mnist).")
  Path data = DEFAULT_DATA;

  @Option(names = "--limit", paramLabel = "N",
      description = "Use only the first N training images, for quick runs (default: all).")
  Integer limit;

  @Override
  public Defaults defaults() {
    return new Defaults(15, 128, 0.001, "adam", List.of(256, 128), "relu", 42L, DType.FLOAT32);
  }

  @Override
  void checkOptions() {
    Usage.check(limit == null || limit > 0, spec, "--limit must be positive, got %d", limit);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) throws Exception {
    Path trainImages = find("train-images-idx3-ubyte");
    Path trainLabels = find("train-labels-idx1-ubyte");
    Path testImages = find("t10k-images-idx3-ubyte");
    Path testLabels = find("t10k-labels-idx1-ubyte");
    // Read straight into the run's type: 60,000 float32 images take 188 MB, float64 376 MB.
    Dataset train = IdxReader.readDataset(trainImages, trainLabels, settings.dtype());
    if (limit != null) {
      train = train.subset(java.util.stream.IntStream.range(0, Math.min(limit, train.size()))
          .toArray());
    }
    Dataset test = IdxReader.readDataset(testImages, testLabels, settings.dtype());
    // Pixels are already in [0, 1]; standardising 784 columns would only cost time.
    List<String> pixels = IntStream.range(0, train.featureCount())
        .mapToObj(i -> "pixel_" + i / 28 + "_" + i % 28).toList();
    return new Problem("fashion-mnist", train, test, CLASSES, false,
        new Problem.Columns(pixels, "item"), new Problem.Preparation(null, null, null));
  }

  /** The gzip file, or the raw one; a missing file is a missing data set. */
  private Path find(String name) {
    for (Path candidate : List.of(data.resolve(name + ".gz"), data.resolve(name))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new MissingDataException("fashion-mnist: no " + name + "[.gz] in " + data
        + "; install the data with 'apt-get install dataset-fashion-mnist' or pass --data DIR");
  }

  /** The data set is not where it was looked for. */
  static final class MissingDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingDataException(String message) {
      super(message);
    }
  }
}
