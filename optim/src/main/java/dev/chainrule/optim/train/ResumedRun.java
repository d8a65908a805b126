package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run resumed from a trainer's periodic checkpoint ({@link
 * Trainer.Builder#checkpointEvery}) goes on from besides the model and the optimizer: the epochs
 * done, early stopping's and the plateau's records, the settings of the run that decide its
 * batches and steps (which {@link Trainer.Builder#build()} checks the resumed run's against), and
 * the best epoch's weights when that epoch ran before the checkpoint's (then in a file beside it,
 * which the checkpoint names). Handed to
 * {@link Trainer.Builder#resume}, it makes the resumed run end where the uninterrupted one does,
 * bit for bit (but for {@code Dropout}'s masks): the same rates, the same stop, the same weights.
 *
 * <p>A checkpoint saved before checkpoints kept the records still resumes: {@link
 * #recordsSaved()} is false, both records start afresh at the resumed run's first epoch, as they
 * did then, and {@link #notes()} says so. When the best weights cannot be read (the file beside
 * the checkpoint was deleted or damaged), the run still resumes unless it restores the best
 * weights: then {@link Trainer.Builder#build()} refuses it, naming the cause, since it could not
 * end with the weights the uninterrupted run ends with; {@code restoreBestWeights(false)} goes on
 * without them in a run that still acts on the record (one that stops early, when the
 * checkpoint's run did), and {@code initialEpoch(n)} alone starts the records afresh.
 */
public final class ResumedRun {
  /**
   * The metadata key that lists the records a checkpoint holds; a checkpoint without it was saved
   * before checkpoints kept them.
   */
  public static final String RECORDS_KEY = RecordMetadata.RECORDS_KEY;

  private final String source;
  private final Path checkpoint;
  private final int epoch;
  private final RecordMetadata.Read records;
  private final WeightsSnapshot bestWeights;
  private final String bestWeightsFile;
  private final String bestWeightsProblem;
  private final LoadReport report;
  /** The run settings the checkpoint records ({@link RunSettings#saved}). */
  private final Map<String, String> settings;

  private ResumedRun(String source, Path checkpoint, int epoch, RecordMetadata.Read records,
      WeightsSnapshot bestWeights, String bestWeightsFile, String bestWeightsProblem,
      LoadReport report, Map<String, String> settings) {
    this.source = source;
    this.checkpoint = checkpoint;
    this.epoch = epoch;
    this.records = records;
    this.bestWeights = bestWeights;
    this.bestWeightsFile = bestWeightsFile;
    this.bestWeightsProblem = bestWeightsProblem;
    this.report = report;
    this.settings = settings;
  }

  /**
   * Loads a trainer's periodic checkpoint into the model and optimizer (as {@link
   * ModelCheckpoint#load} does, with its checks), with its records and, when the best epoch ran
   * before the checkpoint's and the run kept its weights, those weights from the file beside it.
   * Nothing changes when the checkpoint is refused.
   *
   * @param file the checkpoint
   * @param model the model, as the checkpoint's run built it
   * @param optimizer the optimizer, as that run built it
   * @return where the run resumes
   * @throws IllegalArgumentException when the file has no {@code "epoch"} metadata (not a
   *     trainer's checkpoint), or a record in it is malformed or does not fit its epoch
   * @throws RuntimeException as {@link ModelCheckpoint#load} throws for the checkpoint itself
   */
  public static ResumedRun load(Path file, Module model, Optimizer optimizer) {
    checkNotNull(file, "resume: the file is null");
    // One reading for the epoch, the records and the weights: read twice, a run still writing
    // the file could replace it between the readings, and the resume took one file's epoch with
    // a later file's weights.
    Checkpoint read = SafeTensors.read(file);
    int epoch = CheckpointEpoch.of(read.metadata(), String.valueOf(file.getFileName()));
    return load(file, epoch, read, model, optimizer);
  }

  /**
   * Loads a checkpoint of a loop of one's own that counts its epochs itself (the Spark trainer's,
   * written by {@link PeriodicCheckpoints}), as {@link #load(Path, Module, Optimizer)} does.
   *
   * @param file the checkpoint
   * @param epochs the epochs whose end the checkpoint's records had seen
   * @param model the model, as the checkpoint's run built it
   * @param optimizer the optimizer, as that run built it
   * @return where the run resumes
   * @throws IllegalArgumentException when a record in it is malformed or does not fit {@code
   *     epochs}
   * @throws RuntimeException as {@link ModelCheckpoint#load} throws for the checkpoint itself
   */
  public static ResumedRun load(Path file, int epochs, Module model, Optimizer optimizer) {
    checkNotNull(file, "resume: the file is null");
    return load(file, epochs, SafeTensors.read(file), model, optimizer);
  }

  /**
   * Loads a checkpoint of a loop of one's own already read ({@link SafeTensors#read}), as {@link
   * #load(Path, int, Module, Optimizer)} loads the file, from that one reading: a loop that
   * checks the file's metadata itself first loads the very bytes it checked, even if another run
   * replaces the file meanwhile. The best weights beside it are read from their own file.
   *
   * @param checkpoint the checkpoint as read from {@code file}
   * @param file where it was read, for its name and the best weights beside it
   * @param epochs the epochs whose end the checkpoint's records had seen
   * @param model the model, as the checkpoint's run built it
   * @param optimizer the optimizer, as that run built it
   * @return where the run resumes
   * @throws IllegalArgumentException as {@link #load(Path, int, Module, Optimizer)}
   * @throws RuntimeException as {@link ModelCheckpoint#load(Checkpoint, String, Module,
   *     Optimizer)} throws for the checkpoint itself
   */
  public static ResumedRun load(Checkpoint checkpoint, Path file, int epochs, Module model,
      Optimizer optimizer) {
    checkNotNull(checkpoint, "resume: the checkpoint is null");
    checkNotNull(file, "resume: the file is null");
    return load(file, epochs, checkpoint, model, optimizer);
  }

  // checkpoint: the file as read, once.
  private static ResumedRun load(Path file, int epoch, Checkpoint checkpoint, Module model,
      Optimizer optimizer) {
    String source = String.valueOf(file.getFileName());
    Map<String, String> metadata = checkpoint.metadata();
    BestWeightsFile.refuseAsCheckpoint(metadata, source);
    RecordMetadata.Read records = RecordMetadata.read(metadata, source, epoch);
    BestWeightsFile.Beside best = BestWeightsFile.readBeside(file, epoch, records, model,
        optimizer);
    LoadReport report = ModelCheckpoint.load(checkpoint, source, model, optimizer);
    return new ResumedRun(source, file, epoch, records, best.weights(), best.name(),
        best.problem(), report, RunSettings.saved(metadata));
  }

  /**
   * The epochs done and the records of a checkpoint whose model and optimizer the caller loaded
   * (with {@link ModelCheckpoint#loadDescribed}, say): every part but the best weights beside
   * it, which this reads not. A run that restores the best weights from such a record is
   * refused when its best epoch ran before the checkpoint's; {@link #load} reads them.
   *
   * @param metadata the checkpoint's metadata ({@link LoadReport#metadata()})
   * @param source the file's name, for messages
   * @return where the run resumes
   * @throws IllegalArgumentException as {@link #load} does
   */
  public static ResumedRun of(Map<String, String> metadata, String source) {
    checkNotNull(metadata, "resume: the metadata is null");
    BestWeightsFile.refuseAsCheckpoint(metadata, source);
    int epoch = CheckpointEpoch.of(metadata, source);
    RecordMetadata.Read records = RecordMetadata.read(metadata, source, epoch);
    EarlyStoppingRecord stopping = records.earlyStopping();
    boolean beside = stopping != null && stopping.keepsBestWeights() && stopping.bestEpoch() >= 0
        && (stopping.bestEpoch() < epoch - 1 || records.bestWeightsFile() != null);
    return new ResumedRun(source, null, epoch, records, null, null, beside
        ? "are in the file beside it, which ResumedRun.of does not read (ResumedRun.load does)"
        : null, null, RunSettings.saved(metadata));
  }

  /**
   * The metadata entries that keep these records, for a program that writes files of its own
   * (the command line's {@code --save}) for {@link #of} to read back; either record may be null,
   * and with neither the entries say the file holds none.
   *
   * @param stopping early stopping's record, or null
   * @param plateau the plateau's record, or null
   * @return the entries, in order
   */
  public static Map<String, String> metadataOf(EarlyStoppingRecord stopping,
      PlateauRecord plateau) {
    return RecordMetadata.of(stopping, null, plateau);
  }

  /**
   * The record entries as the checkpoint had them, for a file saved again without training (the
   * best weights beside the checkpoint, which such a file does not carry, aside).
   *
   * @return the entries, empty for a checkpoint saved before records were kept
   */
  public Map<String, String> metadata() {
    return records.saved() ? RecordMetadata.of(records.earlyStopping(), null, records.plateau())
        : Map.of();
  }

  /**
   * The epochs the checkpoint's weights had trained: the resumed run's first epoch.
   *
   * @return the count
   */
  public int epoch() {
    return epoch;
  }

  /**
   * Whether the checkpoint says what records it holds; false for one saved before checkpoints
   * kept them, whose run starts both records afresh.
   *
   * @return whether the records are known
   */
  public boolean recordsSaved() {
    return records.saved();
  }

  /**
   * Early stopping's record, kept when the checkpoint's run stopped early or restored its best
   * weights.
   *
   * @return the record, or empty
   */
  public Optional<EarlyStoppingRecord> earlyStopping() {
    return Optional.ofNullable(records.earlyStopping());
  }

  /**
   * The plateau's record, kept when the checkpoint's run reduced its rate on a plateau.
   *
   * @return the record, or empty
   */
  public Optional<PlateauRecord> plateau() {
    return Optional.ofNullable(records.plateau());
  }

  /**
   * What {@link #load} loaded into the model.
   *
   * @return the load report, or empty when made by {@link #of}
   */
  public Optional<LoadReport> report() {
    return Optional.ofNullable(report);
  }

  /**
   * What a user should know before the run goes on, one line each: a checkpoint without
   * records, or best weights that cannot be read.
   *
   * @return the lines, empty when the run goes on as the uninterrupted one would
   */
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (!records.saved()) {
      notes.add(source + " holds no record of early stopping or of a reduction on a plateau (it"
          + " was saved before checkpoints kept them): both start afresh at epoch " + (epoch + 1)
          + ", so the run may stop, lower its rate or keep weights at other epochs than an"
          + " uninterrupted run");
    }
    if (bestWeightsProblem != null) {
      // A record whose run only restored (no patience) goes on only in a run that acts on it,
      // which, without restoring, is one that stops early: the note promised more.
      EarlyStoppingRecord record = records.earlyStopping();
      notes.add(source + ": " + bestWeightsMissing() + "; a run that restores the best weights"
          + " is refused, " + (record.patience() > 0
              ? "one that stops early without restoring them goes on with the record"
              : "and so is one that neither restores them nor stops early (the checkpoint's run"
                  + " acted on its record by restoring them); initialEpoch(" + epoch + ") alone"
                  + " starts the records afresh"));
    }
    return notes;
  }

  /** The run settings the checkpoint records, by key; empty for a file that records none. */
  Map<String, String> settings() {
    return settings;
  }

  /** The file's name, for messages. */
  String source() {
    return source;
  }

  /** The best epoch's weights read from beside the checkpoint, or null. */
  WeightsSnapshot bestWeights() {
    return bestWeights;
  }

  /**
   * Why the best weights the record needs are not at hand, in a sentence: the file's problem,
   * or that the checkpoint's run did not keep them.
   */
  String bestWeightsMissing() {
    return "the best epoch's weights (epoch " + (records.earlyStopping().bestEpoch() + 1) + ") "
        + (bestWeightsProblem != null ? bestWeightsProblem
            : "were not kept: the checkpoint's run did not restore its best weights");
  }

  /** Whether the checkpoint names a file beside it for the best weights. */
  boolean namesBestWeights() {
    return records.bestWeightsFile() != null;
  }

  /**
   * The name of the best-weights file read, when {@code file} is the checkpoint it was read
   * beside: a run that writes its checkpoints there names it again instead of copying it.
   */
  String bestWeightsFileBeside(Path file) {
    return checkpoint != null && bestWeightsFile != null && file.toAbsolutePath().normalize()
        .equals(checkpoint.toAbsolutePath().normalize()) ? bestWeightsFile : null;
  }
}
