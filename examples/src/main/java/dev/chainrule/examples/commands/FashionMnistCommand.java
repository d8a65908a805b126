package dev.chainrule.examples.commands;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.Defaults;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.examples.cli.PathChecks;
import dev.chainrule.examples.cli.Settings;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.run.Cnn;
import dev.chainrule.examples.run.PixelScale;
import dev.chainrule.examples.run.TrainingRun;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.LoadedColumns;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
    description = {"Fashion-MNIST (60,000 + 10,000 28x28 images of clothes, 10 classes) with a"
        + " 784-256-128-10 ReLU network, or with --model cnn a convolutional network (conv 16,"
        + " conv 32, dense 128 with dropout; " + FashionMnistCommand.CNN_EPOCHS + " epochs of"
        + " batches of " + FashionMnistCommand.CNN_BATCH + " at --lr "
        + FashionMnistCommand.CNN_LEARNING_RATE + " unless the options say otherwise, the rate"
        + " annealed along a cosine).", "Reads the IDX files from --data; on Debian:"
        + " apt-get install dataset-fashion-mnist."})
final class FashionMnistCommand extends TrainingCommand {
  /** The CNN's epochs when --epochs is not given: enough for 0.91 test accuracy. */
  static final int CNN_EPOCHS = 5;
  /** The CNN's batch size when --batch-size is not given: twice the steps of 128 per epoch. */
  static final int CNN_BATCH = 64;
  /**
   * The CNN's learning rate when --lr is not given: batch normalization takes twice Adam's 0.001.
   */
  static final double CNN_LEARNING_RATE = 0.002;
  /** The CNN's dense width when --hidden is not given. */
  static final int CNN_HIDDEN = 128;

  /** The kinds of network the command trains. */
  enum ModelKind { mlp, cnn }

  /**
   * Reads --model case-insensitively, as --optimizer, --activation, --dtype and --format are
   * read: picocli's enum conversion refused CNN.
   */
  static final class ModelKindConverter implements ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
      return Arrays.stream(ModelKind.values()).filter(k -> k.name().equalsIgnoreCase(value))
          .findFirst().orElseThrow(() -> new TypeConversionException("unknown model '" + value
              + "' (choose mlp or cnn)"));
    }
  }

  @Option(names = "--model", paramLabel = "KIND", converter = ModelKindConverter.class,
      description = "mlp (a network of --hidden"
      + " widths) or cnn (convolutional; --hidden gives its one dense width, default "
      + CNN_HIDDEN + ") (default: mlp).")
  ModelKind model = ModelKind.mlp;

  /** The label's name, in the problem's columns and in messages. */
  static final String LABEL = "item";

  static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");
  static final List<String> CLASSES = List.of("T-shirt", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Boot");

  @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four IDX files"
      + " (default: " + "/usr/share/datasets/fashion-mnist).")
  Path data = DEFAULT_DATA;

  @Option(names = "--limit", paramLabel = "N",
      description = "Use only the first N training images, for quick runs (default: all; with"
          + " --load, the file's).")
  Integer limit;

  /**
   * The metadata in which a saved model records how many of the first training images its run
   * used (all of them without {@code --limit}): a run that loads it with other images would go
   * on training on other data and hold out other validation rows, with nothing to show for it.
   */
  static final String IMAGES_KEY = "chainrule.limit";

  /** The training images this run used, for the saved file's metadata. */
  private int imagesUsed;

  @Override
  public Defaults defaults() {
    return new Defaults(15, 128, 0.001, "adam", List.of(256, 128), "relu", 42L, DType.FLOAT32);
  }

  /**
   * The training images first: 60,000 of them in the model's type are most of the heap a run
   * takes. {@code --hidden} sizes the CNN's dense layer as well as the MLP's.
   */
  @Override
  public String memoryOptions() {
    return "--limit, --hidden widths or --batch-size";
  }

  @Override
  void checkOptions() {
    Usage.check(limit == null || limit > 0, spec, "--limit must be positive, got %d", limit);
  }

  @Override
  Settings adjust(Settings resolved) {
    if (resolved.load() != null) {
      requireKindOfFile(resolved.load());
    }
    if (model == ModelKind.mlp) {
      return resolved;
    }
    Usage.check(resolved.load() == null, spec, "--load rebuilds MLPs from their description; a"
        + " CNN checkpoint is a state_dict: load it in code with ModelCheckpoint.load");
    Usage.check(!resolved.gave("--activation"), spec, "--activation applies to --model mlp; the"
        + " CNN uses ReLU");
    Usage.check(!resolved.gave("--hidden") || resolved.hidden().size() == 1, spec, "--model cnn"
        + " has one dense layer: give --hidden one width, got %s", resolved.hidden());
    Settings settings = resolved.gave("--epochs") ? resolved : resolved.withEpochs(CNN_EPOCHS);
    settings = settings.gave("--batch-size") ? settings : settings.withBatchSize(CNN_BATCH);
    return settings.gave("--lr") ? settings : settings.withLearningRate(CNN_LEARNING_RATE);
  }

  /**
   * Names the contradiction when --model is not the kind of network the file holds: --model cnn
   * with an MLP's file was refused as if the file were a CNN's ("a CNN checkpoint is a
   * state_dict"), and an explicit --model mlp with a CNN's file went unmentioned. A file this
   * cannot read is left to the load, whose errors say what is wrong with it.
   *
   * <p>A CNN's file is refused as a usage error (exit 2) with or without --model: the file is
   * sound, and this command's --load is what cannot take it, as with --model cnn, --model mlp, or
   * another command's model. Without --model the load refused it, exit 1, which the program
   * keeps for failures of the work (a broken checkpoint, data that cannot be learned).
   */
  private void requireKindOfFile(Path file) {
    Map<String, String> metadata;
    try {
      metadata = SafeTensors.list(file).metadata();
    } catch (RuntimeException e) {
      return;
    }
    String name = String.valueOf(file.getFileName());
    boolean mlp = metadata.containsKey(ModelCheckpoint.DESCRIPTION_KEY);
    String network = metadata.get(ModelCheckpoint.NETWORK_KEY);
    Usage.check(model != ModelKind.cnn || !mlp, spec, "--model cnn contradicts %s, which holds"
        + " an MLP; leave out --model cnn to go on from it", name);
    if (model != ModelKind.mlp || network == null) {
      return;
    }
    boolean mlpGiven = spec.commandLine().getParseResult().hasMatchedOption("--model");
    throw Usage.error(spec, "%s %s, which holds a CNN (%s); --load rebuilds MLPs only: load a CNN"
        + " checkpoint in code with ModelCheckpoint.load", mlpGiven ? "--model mlp contradicts"
        : "--load cannot take", name, network);
  }

  @Override
  TrainingRun.Network network(Problem problem, Settings settings) {
    if (model == ModelKind.mlp) {
      return null;
    }
    int hidden = settings.gave("--hidden") ? settings.hidden().get(0) : CNN_HIDDEN;
    // Cosine annealing over the run: a few epochs end at a small rate instead of mid-noise.
    return new TrainingRun.Network(Cnn.of(28, hidden, CLASSES.size(), settings.seed()),
        Cnn.describe(hidden), settings.epochs() > 0
            ? LearningRateSchedule.cosine(settings.epochs(), 0) : null);
  }

  @Override
  Problem problem(Settings settings, ModelDescription loaded) throws Exception {
    PathChecks.requireFolder("fashion-mnist: --data", data, INSTALL);
    Path trainImages = find("train-images-idx3-ubyte");
    Path trainLabels = find("train-labels-idx1-ubyte");
    Path testImages = find("t10k-images-idx3-ubyte");
    Path testLabels = find("t10k-labels-idx1-ubyte");
    // Read straight into the run's type: 60,000 float32 images take 188 MB, float64 376 MB.
    Dataset train = FashionMnistFiles.read(trainImages, trainLabels, settings.dtype());
    Integer first = loaded == null ? limit : imagesOf(settings, train.size(), trainImages);
    if (first != null) {
      train = train.subset(IntStream.range(0, Math.min(first, train.size())).toArray());
    }
    if (settings.epochs() > 0) { // an evaluation (--epochs 0) trains on none of them
      FashionTrainingClasses.require(train, limit, first, trainLabels);
      FashionTrainingClasses.requireTrainedOn(train, settings.validation(), settings.seed());
    }
    imagesUsed = train.size();
    Dataset test = FashionMnistFiles.read(testImages, testLabels, settings.dtype());
    // Pixels are already in [0, 1]; standardising 784 columns would only cost time.
    List<String> pixels = IntStream.range(0, train.featureCount())
        .mapToObj(i -> "pixel_" + i / 28 + "_" + i % 28).toList();
    Problem.Columns columns = new Problem.Columns(pixels, LABEL);
    if (loaded != null) {
      LoadedColumns.require(loaded, columns, CLASSES, "fashion-mnist");
    }
    return new Problem("fashion-mnist", train, test, CLASSES, false, columns,
        new Problem.Preparation(null, null, null));
  }

  @Override
  Map<String, String> dataMetadata() {
    // The pixels' scale, for predict: the model takes them as they are, with no standardisation
    // whose statistics would tell values outside them.
    return Map.of(IMAGES_KEY, Integer.toString(imagesUsed), PixelScale.METADATA_KEY,
        PixelScale.BYTES_OVER_255);
  }

  /**
   * The first training images a loaded model's run used, as {@code blobs} takes its {@code
   * --points}: none given means the file's, and another number contradicts it (a usage error).
   * A file saved before the number was recorded (or not by this program) keeps {@code --limit},
   * with a note when none is given and the run trains.
   *
   * @param available the training images in {@code --data}
   * @return the limit to apply, or null for all the images
   */
  private Integer imagesOf(Settings s, int available, Path trainImages) {
    String text = loadedMetadata.get(IMAGES_KEY);
    int saved;
    try {
      saved = text == null ? -1 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      saved = -1;
    }
    String file = String.valueOf(s.load().getFileName());
    if (saved <= 0) {
      // A file saved with --limit before the count was recorded, trained on without it, took
      // every image (rows new to it, other validation rows) without a word.
      if (text == null && limit == null && s.epochs() > 0) {
        console().forJson(s.json()).printf("note: %s records no count of the training images"
            + " its run used (no \"%s\" metadata: saved by a chainrule of 3 December 2026"
            + " or older, or by code of one's own): this run trains on all %,d; if its run used"
            + " fewer, give its --limit", file, IMAGES_KEY, available);
      }
      return limit;
    }
    String why = String.format(Locale.ROOT, "whose run used the first %,d training images"
        + " (others would go on training on other images and validate on other rows)", saved);
    Usage.check(limit == null || Math.min(limit, available) == saved, spec,
        "--limit %d contradicts %s, %s", limit, file, why);
    if (saved > available) {
      throw new Failure(String.format(Locale.ROOT, "fashion-mnist: %s holds %,d training images,"
          + " and %s's run used the first %,d: give --data the folder it was trained on",
          trainImages, available, file, saved));
    }
    return saved == available ? null : saved;
  }

  /** The gzip file, or the raw one; a missing file is a missing data set. */
  private Path find(String name) {
    Path file = idxFile(data, name);
    if (file == null) {
      throw new MissingDataException("fashion-mnist: no " + name + "[.gz] in " + data + "; "
          + INSTALL);
    }
    return file;
  }

  /** The IDX file {@code name} in {@code folder}, gzipped or not, or null (bench reads it too). */
  static Path idxFile(Path folder, String name) {
    for (Path candidate : List.of(folder.resolve(name + ".gz"), folder.resolve(name))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Where the data comes from, for a folder without it. */
  static final String INSTALL =
      "install the data with 'apt-get install dataset-fashion-mnist' or pass --data DIR";

  /** The data set is not where it was looked for. */
  static final class MissingDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingDataException(String message) {
      super(message);
    }
  }
}
