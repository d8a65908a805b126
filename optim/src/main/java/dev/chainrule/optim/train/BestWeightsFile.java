package dev.chainrule.optim.train;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.CheckpointMismatchException;
import dev.chainrule.optim.checkpoint.FileNames;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.report.PrintableText;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The file beside a periodic checkpoint that holds the best epoch's weights when that epoch ran
 * before the checkpoint's: a checkpoint of its own (model, optimizer state, {@code "epoch"}), so
 * PyTorch and {@code ModelCheckpoint.load} read it as they read the checkpoint, which itself
 * holds no tensor but the model's and the optimizer's.
 *
 * <p>Its name, {@code <checkpoint's stem>.best-epoch-<n>.<8 hex digits>.safetensors}, is new at
 * each writing, and the checkpoint's metadata names it: a checkpoint is written after the file it
 * names, and an older file is deleted only once the checkpoint at that path names another, so a
 * save that fails part-way leaves the previous checkpoint and its best weights as they were. The
 * stem is cut, in bytes and in UTF-16 units, so that the name is no longer than the checkpoint's
 * when that is long ({@link FileNames#derivedStem}): a checkpoint's name the file system takes
 * gives a best-weights name it takes. A run deletes only files named after its own checkpoint
 * ({@link #namesFor}) whose metadata says they hold that checkpoint's best weights ({@link
 * #isFileOf}) and that no other file in the folder names ({@link BestWeightsReferences}: a
 * checkpoint renamed or copied beside it keeps its file); a copy of a checkpoint taken into
 * another folder while its run goes on needs a copy of the file it names, which that run deletes
 * once it is superseded.
 */
final class BestWeightsFile {
  /** The metadata key naming the checkpoint whose best weights a file holds. */
  static final String OF_KEY = ModelCheckpoint.BEST_WEIGHTS_OF_KEY;

  /**
   * Refuses a best-weights file handed over as the checkpoint to resume. It records its epoch
   * but none of the run's records or settings, so it was taken for a checkpoint saved before
   * checkpoints kept them, and the run went on from the best epoch with its seed and batch size
   * unchecked.
   *
   * @param metadata the file's metadata
   * @param source the file's name, for the message
   * @throws IllegalArgumentException when the file holds a run's best weights
   */
  static void refuseAsCheckpoint(Map<String, String> metadata, String source) {
    String named = metadata.get(OF_KEY);
    if (named != null) {
      // Text read from a file: printable, and no longer than a file name may be.
      String checkpoint = PrintableText.shortened(named, 255);
      throw new IllegalArgumentException("resume: " + source + " holds the best weights of "
          + checkpoint + ", not a checkpoint to resume from (it keeps none of the run's records"
          + " or settings); resume from " + checkpoint + ", which reads it (or, to go on from"
          + " the best epoch itself, load it with ModelCheckpoint.load and give the trainer"
          + " initialEpoch, the records starting afresh)");
    }
  }

  private static final String SUFFIX = ".safetensors";
  private static final String EPOCH_PART = ".best-epoch-";
  /** The longest part of a name after the stem: the epoch is at most 10 digits. */
  private static final int LONGEST_TAIL =
      EPOCH_PART.length() + 10 + ".".length() + 8 + SUFFIX.length();
  /** A name in the checkpoint's folder: no separator, so metadata cannot reach elsewhere. */
  private static final Pattern NAME =
      Pattern.compile("[^/\\\\]+\\.best-epoch-[0-9]+\\.[0-9a-f]{8}\\" + SUFFIX);
  /** What follows the stem in a name {@link #newName} gives, exactly. */
  private static final Pattern TAIL =
      Pattern.compile("\\.best-epoch-[0-9]+\\.[0-9a-f]{8}\\" + SUFFIX);

  private BestWeightsFile() {}

  /**
   * A new name beside {@code checkpoint} for the weights of {@code epoch} (from 0), no longer
   * than the checkpoint's own when that is long: a checkpoint name of 221 to 255 bytes passed the
   * trainer's check, and its best-weights name, 23 bytes longer, failed the run at its first save
   * of them. The epoch in ASCII digits whatever the default locale: under ar-SA's, {@code %d}
   * gave Arabic-Indic ones, a name no best-weights file may have.
   */
  static String newName(Path checkpoint, int epoch) {
    return String.format(Locale.ROOT, "%s%s%d.%08x%s", stem(checkpoint), EPOCH_PART, epoch + 1,
        ThreadLocalRandom.current().nextInt(), SUFFIX);
  }

  /**
   * Whether {@code name} is one {@link #newName} gives, in the checkpoint's folder: the only
   * files ever read as best weights or deleted.
   */
  static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * Which names are ones {@link #newName} gives for {@code checkpoint}: the only files a run
   * deletes (a copy of another checkpoint, saved over this one, names that one's file, which that
   * checkpoint still needs). Exactly the stem and the tail {@link #newName} gives, so {@code
   * run.best-epoch-5.best-epoch-3.0123abcd.safetensors}, the best weights of a checkpoint {@code
   * run.best-epoch-5.safetensors}, is not {@code run}'s.
   */
  static Predicate<String> namesFor(Path checkpoint) {
    // The older stems too, so that a run resumed after an upgrade still deletes the files its
    // checkpoint's earlier runs left: the whole stem, before stems were cut, and the stem cut by
    // bytes alone, before it was cut in UTF-16 units as well.
    Pattern exact = Pattern.compile("(?:" + Pattern.quote(stem(checkpoint)) + "|"
        + Pattern.quote(bytesOnlyStem(checkpoint)) + "|" + Pattern.quote(wholeStem(checkpoint))
        + ")" + TAIL.pattern());
    return name -> isName(name) && exact.matcher(name).matches();
  }

  /**
   * Whether {@code file} says it holds the best weights of {@code checkpoint} (by its file
   * name): a file named for this checkpoint may be another's (a checkpoint {@code run} beside
   * {@code run.safetensors}, or a long name cut to the same stem), which this run must not
   * delete. A file that cannot be read says nothing.
   */
  static boolean isFileOf(Path file, Path checkpoint) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      return String.valueOf(checkpoint.getFileName())
          .equals(SafeTensors.list(file).metadata().get(OF_KEY));
    } catch (CheckpointException e) {
      return false;
    }
  }

  /** The checkpoint's name without its suffix, cut so that every new name fits (see above). */
  private static String stem(Path checkpoint) {
    return FileNames.derivedStem(String.valueOf(checkpoint.getFileName()), wholeStem(checkpoint),
        LONGEST_TAIL);
  }

  /**
   * The stem as it was cut by bytes alone, before {@link FileNames#derivedStem} cut it in UTF-16
   * units too: longer where units bind ({@code 150 × a} and {@code 40 × é} with {@code
   * .safetensors}, 202 units and 242 bytes, kept 24 {@code é} then and keeps 9 now). The code of
   * then counted each character as the larger of its bytes and its units, the same as its bytes
   * wherever the name could be made.
   */
  private static String bytesOnlyStem(Path checkpoint) {
    return FileNames.prefix(wholeStem(checkpoint),
        FileNames.derivedLimit(String.valueOf(checkpoint.getFileName())) - LONGEST_TAIL);
  }

  private static String wholeStem(Path checkpoint) {
    String name = String.valueOf(checkpoint.getFileName());
    return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
  }

  /**
   * Writes the copy, atomically.
   *
   * @param file the new file
   * @param epoch the best epoch, from 0
   * @param checkpoint the name of the checkpoint that names it
   */
  static void write(Path file, Module model, Optimizer optimizer, WeightsSnapshot copy,
      int epoch, String checkpoint) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelCheckpoint.EPOCH_KEY, Integer.toString(epoch + 1));
    metadata.put(OF_KEY, checkpoint);
    ModelCheckpoint.save(file, model, copy.stateDict(model), copy.optimizerState() == null
        ? null : optimizer, copy.optimizerState(), metadata);
  }

  /**
   * Reads the weights of {@code epoch} into a copy, leaving the model and optimizer as they
   * were: loaded with every check of {@link ModelCheckpoint#load}, copied, then the values they
   * had put back.
   *
   * @param optimizer the optimizer whose state the file holds, or null
   * @throws IllegalArgumentException naming the file when it holds another epoch's weights
   * @throws RuntimeException as {@link ModelCheckpoint#load} throws, nothing changed
   */
  static WeightsSnapshot read(Path file, int epoch, Module model, Optimizer optimizer) {
    String saved = SafeTensors.list(file).metadata().get(ModelCheckpoint.EPOCH_KEY);
    if (!Integer.toString(epoch + 1).equals(saved)) {
      throw new IllegalArgumentException(file.getFileName() + " holds the weights of epoch "
          + saved + ", not of the best epoch, " + (epoch + 1));
    }
    WeightsSnapshot before = WeightsSnapshot.of(model, optimizer);
    double rate = optimizer == null ? Double.NaN : optimizer.learningRate();
    ModelCheckpoint.load(file, model, optimizer);
    WeightsSnapshot best = WeightsSnapshot.of(model, optimizer);
    before.restore(model, optimizer);
    if (optimizer != null) {
      optimizer.setLearningRate(rate);  // restore keeps the current rate: the file's
    }
    return best;
  }

  /**
   * The best weights a checkpoint's records need from beside it, as far as they can be had.
   *
   * @param weights the best epoch's weights, or null
   * @param name the file they were read from, or null when none was read
   * @param problem why weights the record needs are not at hand, or null
   */
  record Beside(WeightsSnapshot weights, String name, String problem) {}

  /**
   * Reads the best epoch's weights from the file the checkpoint at {@code checkpoint} names,
   * when its run kept them and that epoch ran before the checkpoint's, leaving the model and
   * optimizer as they were; a file that is not there or cannot be read is a problem, not a
   * refusal, since a run that does not restore them goes on without.
   *
   * @param epoch the epochs the checkpoint's weights had trained
   * @param records what the checkpoint's metadata says of the records
   */
  static Beside readBeside(Path checkpoint, int epoch, RecordMetadata.Read records, Module model,
      Optimizer optimizer) {
    EarlyStoppingRecord stopping = records.earlyStopping();
    WeightsSnapshot best = null;
    String problem = null;
    String name = records.bestWeightsFile();
    boolean kept = stopping != null && stopping.keepsBestWeights() && stopping.bestEpoch() >= 0;
    if (kept && name != null) {
      Path beside = checkpoint.resolveSibling(name);
      if (!isName(name)) {
        problem = "would be in \"" + name + "\", which is not the name of a best-weights file";
      } else if (!Files.isRegularFile(beside)) {
        problem = "were in " + name + ", which does not exist beside it (deleted or moved?)";
      } else {
        try {
          best = read(beside, stopping.bestEpoch(), model, optimizer);
        } catch (CheckpointException | CheckpointMismatchException | IllegalArgumentException e) {
          problem = "cannot be read from " + name + " (" + e.getMessage() + ")";
        }
      }
    } else if (kept && stopping.bestEpoch() < epoch - 1) {
      problem = "are in no file beside it (its metadata names none)";
    }
    return new Beside(best, best == null ? null : name, problem);
  }
}
