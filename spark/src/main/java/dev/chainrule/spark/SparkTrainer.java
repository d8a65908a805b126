package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.CrossEntropyOptions;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ClassWeighting;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import dev.chainrule.optim.train.History;
import dev.chainrule.optim.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;

/**
 * Trains a described network data-parallel on Apache Spark, in one of two {@link Mode}s:
 *
 * <ul>
 *   <li>{@link Mode#SYNC}: synchronous SGD. Every step the driver broadcasts the parameters, each
 *       partition computes the gradient of its part of the mini-batch with the ordinary autograd
 *       engine, a tree of merges sums gradients, losses and sample counts in the order of the
 *       partitions, and the driver's optimizer applies the sum. The batches are the ones {@code
 *       Trainer} draws from the same rows with the same seed, so the result is single-machine
 *       training's up to the order of summation.
 *   <li>{@link Mode#AVERAGE}: parameter averaging (local SGD). Every round each shard's replica
 *       takes up to K optimizer steps on its own rows from the broadcast parameters and optimizer
 *       state, and the driver averages parameters and state, weighted by what each replica's
 *       batches weigh in the loss: their samples, or their Σ w_y with class weights.
 * </ul>
 *
 * <p>Executors rebuild the model from the {@link ModelDescription} (serializable through its
 * JSON) and receive parameters, gradients and optimizer state as packed primitive arrays ({@link
 * PackedTensors}); no driver object travels. The loss follows the description's task: softmax
 * cross-entropy for classification, binary cross-entropy for a binary task, mean squared error
 * for regression ({@link #lossOf}), as the program's {@code train} uses; a classification can
 * weigh its classes and smooth its labels ({@link Builder#crossEntropy}), whose weighted mean
 * divides by the whole batch's Σ w_y, however the batch's rows fall across the shards.
 *
 * <p>Failed tasks are recomputed by Spark; every task's work is a function of its broadcast
 * inputs and its shard, so a retried task gives the same result. With {@link
 * Builder#checkpointEvery} the driver saves model, optimizer state, description and progress
 * atomically every N steps (rounds when averaging) and at the end; {@link Builder#resumeFrom}
 * continues from
 * such a file to the result the uninterrupted run reaches.
 */
public final class SparkTrainer {
  /** How the replicas' work is combined. */
  public enum Mode {
    /** Sum the partitions' gradients every step; the driver's optimizer applies them. */
    SYNC,
    /** Average replicas' parameters and optimizer state after K local steps each. */
    AVERAGE;

    /** {@code sync} or {@code average}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What a run did.
   *
   * @param history one result per epoch run (a resumed run starts at the epoch it resumed in)
   * @param optimizer the driver's optimizer, with its state, for saving
   * @param timing where the time went
   */
  public record Result(History history, Optimizer optimizer, Timing timing) {}

  private final DriverRun run;

  private SparkTrainer(Builder b) {
    this.run = new DriverRun(b.description, b.optimizer, new Settings(b.mode, b.localSteps,
        b.epochs, b.batchSize, b.seed, b.depth, b.validationShare, b.detectAnomaly), b.loss,
        b.patience, b.checkpointEvery, b.checkpointFile, b.resumeFile, b.features,
        List.copyOf(b.listeners));
  }

  /**
   * A trainer of the described network with optimizers from {@code optimizer}.
   *
   * @param description the network, its task (which chooses the loss) and its data's columns; a
   *     checkpoint carries it, so the file alone rebuilds the model
   * @param optimizer how to build the optimizer, on the driver and (averaging) on executors
   * @return the options, to be completed and built
   */
  public static Builder builder(ModelDescription description, OptimizerFactory optimizer) {
    return new Builder(description, optimizer);
  }

  /**
   * {@code conf} with the settings training wants where the user set nothing: task results
   * (gradients, replicas' parameters) up to 64 MB travel back with the task's status message.
   * Above Spark's default of 1 MB they are stored in the executor's block manager and fetched from
   * there, an extra round trip every step (measured here: about a third of a synchronous step's
   * overhead for an MNIST-sized MLP's 1.9 MB of gradient).
   *
   * @param conf the configuration of the context to be started
   * @return {@code conf}, changed
   */
  public static SparkConf tuned(SparkConf conf) {
    return checkNotNull(conf, "tuned: conf is null")
        .setIfMissing("spark.task.maxDirectResultSize", "64m");
  }

  /**
   * The loss a description's task trains with.
   *
   * @param task what the outputs mean
   * @return softmax cross-entropy, binary cross-entropy or mean squared error
   */
  public static Loss lossOf(Task task) {
    checkNotNull(task, "lossOf: task is null");
    return switch (task) {
      case CLASSIFICATION -> Loss.softmaxCrossEntropy();
      case BINARY -> Loss.binaryCrossEntropy();
      case REGRESSION -> Loss.meanSquaredError();
    };
  }

  /**
   * Trains {@code model} in place on the rows of {@code shards}, scoring {@code validation} on the
   * driver after every epoch.
   *
   * @param model the driver's network, with its initial weights; its layers and dtype must be the
   *     description's
   * @param shards the training rows; they must number the rows 0..N−1 once. Keep them cached (as
   *     {@link Shards#parallelize} does): every step reads them.
   * @param validation scored after every epoch, or null; needed with {@link
   *     Builder#earlyStopping}
   * @return the history, the driver's optimizer and the time split (with {@link
   *     Builder#earlyStopping}, the model and the optimizer hold the best epoch's weights and
   *     state, at the learning rate the run reached)
   * @throws IllegalArgumentException before any training, when the model is not the
   *     description's or carries hooks or updates in backward, when the shards leave a row out,
   *     number one twice or hold null, when the shards' or the validation data's rows have another
   *     feature count than the model's inputs, when the validation data has no rows or labels the
   *     task's loss refuses, or when the
   *     optimizer factory's optimizer updates none of the model's parameters or maximizes ({@code
   *     TrainingRefusals}), or when {@link Builder#resumeFrom}'s checkpoint is refused (the model
   *     and the optimizer are then as they were)
   * @throws dev.chainrule.optim.train.DivergenceException when a step's loss or a parameter is
   *     no longer finite (the step is not applied), naming the first row holding a NaN or an
   *     infinity when there is one
   * @throws RuntimeException a failed task's own exception (a label the loss refuses, the user's
   *     code failing in a shard), as {@code Trainer} would throw it, with Spark's job failure
   *     suppressed in it
   * @throws dev.chainrule.optim.train.TrainingInterruptedException when the driver's thread is
   *     interrupted ({@code Future.cancel(true)}), before its next step or checkpoint, as {@code
   *     Trainer}'s run stops: the steps before are whole, the previous checkpoint intact, the
   *     interrupt status still set; a step whose Spark job was running is not applied, and its
   *     job is cancelled (the run's jobs carry a tag of their own, beside the caller's)
   */
  public Result fit(Sequential model, JavaRDD<Shard> shards, Dataset validation) {
    return run.fit(model, shards, validation);
  }

  /** The mode and its settings, e.g. {@code sync, batches of 32, seed 42}. */
  @Override
  public String toString() {
    return run.settings().toString();
  }

  /** Options of a Spark training run; defaults: sync, 10 epochs, batches of 32, seed 0. */
  public static final class Builder {
    private final ModelDescription description;
    private final OptimizerFactory optimizer;
    private Mode mode = Mode.SYNC;
    private int localSteps;
    private boolean detectAnomaly;
    private int epochs = 10;
    private int batchSize = 32;
    private long seed;
    private int depth = 2;
    private double validationShare;
    private int patience;
    private int checkpointEvery;
    private Path checkpointFile;
    private Path resumeFile;
    private FeatureSource features = FeatureSource.CALLER;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private TrainingLoss loss;

    private Builder(ModelDescription description, OptimizerFactory optimizer) {
      this.description = checkNotNull(description, "spark: description is null");
      this.optimizer = checkNotNull(optimizer, "spark: optimizer factory is null");
      TrainingRefusals.requireLogits(description);
      this.loss = TrainingLoss.of(description.task());
    }

    /**
     * Trains a classification on the softmax cross-entropy with class weights and label
     * smoothing, PyTorch's {@code cross_entropy(weight=, label_smoothing=)}: the loss {@code
     * Trainer} trains with given {@code Loss.softmaxCrossEntropy(options)}. Each step's gradient
     * is that of the whole batch's weighted mean (Σᵢ w_{yᵢ}ℓᵢ / Σᵢ w_{yᵢ} over the
     * batch, not per shard; labels that are rows of probabilities divide by the rows, as
     * {@code CrossEntropies} does), and an epoch's loss weighs its steps by their Σ w_y, as {@code
     * Trainer}'s does; averaging weighs each replica by its batches' Σ w_y. Checkpoints record
     * the weights (rule "given") and ε, and {@link #resumeFrom} refuses a file trained with
     * others.
     *
     * <p>A class may weigh 0. Sync mode then takes a shard whose rows all weigh 0, as the
     * batch's Σ w_y spans the shards, and refuses only a whole batch of such rows, naming its
     * epoch and step, as {@code Trainer} refuses it. Averaging, like {@code Trainer}, stops on
     * a replica's local batch whose rows all weigh 0 ("every target's class weighs 0 (classes
     * [k]) in a local batch of the replica of rows a..b"), which rows sorted by class make
     * likely: give the class weight, or train in sync mode.
     *
     * @param options the class weights (one per output) and ε; {@code none()} for the plain loss
     * @return this builder
     * @throws IllegalArgumentException when the task is not classification (naming it), the
     *     weights are not one per output, they are further apart than the network's type
     *     carries (a class under its smallest normal number as a share of the largest), or the
     *     options hold an ignore index (not supported here)
     */
    public Builder crossEntropy(CrossEntropyOptions options) {
      return crossEntropy(options, ClassWeighting.GIVEN);
    }

    /**
     * {@link #crossEntropy(CrossEntropyOptions)}, recording in checkpoints the rule that made
     * the weights: {@code ClassWeighting.BALANCED} for weights from {@code
     * ClassWeighting.balanced}, as the launcher's {@code --class-weights balanced}.
     *
     * @param options the class weights (one per output) and ε
     * @param rule {@code ClassWeighting.BALANCED} or {@code GIVEN}
     * @return this builder
     * @throws IllegalArgumentException as above, or for another rule
     */
    public Builder crossEntropy(CrossEntropyOptions options, String rule) {
      this.loss = TrainingLoss.of(description, options, rule);
      return this;
    }

    /**
     * Synchronous SGD: the driver applies the summed gradient every step (the default).
     *
     * @return this builder
     */
    public Builder synchronous() {
      this.mode = Mode.SYNC;
      this.localSteps = 0;
      return this;
    }

    /**
     * Parameter averaging after {@code steps} local optimizer steps per replica.
     *
     * @param steps K, at least 1
     * @return this builder
     */
    public Builder averaging(int steps) {
      checkArgument(steps > 0, "spark: local steps must be positive, got %s", steps);
      this.mode = Mode.AVERAGE;
      this.localSteps = steps;
      return this;
    }

    /**
     * Passes over the training rows.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder epochs(int count) {
      checkArgument(count > 0, "spark: epochs must be positive, got %s", count);
      this.epochs = count;
      return this;
    }

    /**
     * Rows per step (sync), or per local step of each replica (averaging).
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder batchSize(int size) {
      checkArgument(size > 0, "spark: batch size must be positive, got %s", size);
      this.batchSize = size;
      return this;
    }

    /**
     * The seed of the batch order.
     *
     * @param newSeed any value
     * @return this builder
     */
    public Builder seed(long newSeed) {
      this.seed = newSeed;
      return this;
    }

    /**
     * The depth of the merge tree, as {@code treeAggregate}'s (default 2): the levels at which
     * partitions' sums are merged, the driver's included. Any depth sums in a fixed order.
     *
     * @param newDepth at least 1
     * @return this builder
     */
    public Builder treeDepth(int newDepth) {
      checkArgument(newDepth > 0, "spark: tree depth must be positive, got %s", newDepth);
      this.depth = newDepth;
      return this;
    }

    /**
     * Records the share of the training rows the caller held out as validation rows (as the
     * launcher's {@code --validation} does), in checkpoints: a resume with another share would
     * train on other rows, and is refused.
     *
     * @param fraction in [0, 1); 0 (the default) for none
     * @return this builder
     */
    public Builder validationShare(double fraction) {
      checkArgument(fraction >= 0 && fraction < 1,
          "spark: the validation share must be at least 0 and below 1, got %s", fraction);
      this.validationShare = fraction;
      return this;
    }

    /**
     * Stops when the validation loss has not improved for {@code epochs} epochs and ends with
     * the best epoch's weights and optimizer state (keeping the learning rate the run reached):
     * {@code Trainer}'s {@code earlyStopping(Monitor.VALIDATION_LOSS, epochs, 0)} with {@code
     * restoreBestWeights(true)}. Checkpoints keep its record (the best validation loss, its
     * epoch, the epochs since) and the best weights in a file beside them, as {@code Trainer}'s
     * do, and {@link #resumeFrom} goes on from them, so a resumed run stops where the
     * uninterrupted one does, with the same weights; a resume that needs the best weights and
     * cannot read them is refused, naming the file, and so is a resume without early stopping
     * from the checkpoint of a run with it, as {@code Trainer} refuses them. A checkpoint saved
     * before records were kept starts the record afresh at the resumed run's first epoch.
     *
     * @param epochs the patience, at least 1; {@link #fit} then needs validation data
     * @return this builder
     */
    public Builder earlyStopping(int epochs) {
      checkArgument(epochs > 0, "spark: patience must be positive, got %s", epochs);
      this.patience = epochs;
      return this;
    }

    /**
     * Saves model, optimizer state, description and progress to {@code file} after every {@code
     * steps} steps (rounds when averaging; at an epoch's end once its divergence checks passed)
     * and at the run's end, atomically: a failed save leaves the previous file.
     *
     * @param steps at least 1
     * @param file the checkpoint, replaced each time
     * @return this builder
     */
    public Builder checkpointEverySteps(int steps, Path file) {
      checkArgument(steps > 0, "spark: checkpoint interval must be positive, got %s", steps);
      checkNotNull(file, "spark: checkpoint file is null");
      AtomicFile.requireWritable("spark: the checkpoint file", file);
      this.checkpointEvery = steps;
      this.checkpointFile = file;
      return this;
    }

    /**
     * Starts from a checkpoint this trainer wrote: its weights, optimizer state and position.
     * The file must describe the same model and data and come from a run with the same mode,
     * batch size, seed, validation share and rows (and K and shards when averaging), optimizer
     * and learning rate, with an epoch left to run and early stopping's record as {@link
     * #earlyStopping} says; {@link #fit} checks all of it before it loads anything, so a refused
     * resume leaves the model as it was.
     *
     * <p>The description's feature names are the caller's choice, like its task, type and
     * label: a file trained with other ones is refused as contradicting this run's settings, an
     * {@code IllegalArgumentException} naming both lists and, as their source, the description
     * given to {@link SparkTrainer#builder}.
     *
     * @param file a checkpoint written with {@link #checkpointEverySteps}
     * @return this builder
     */
    public Builder resumeFrom(Path file) {
      this.resumeFile = checkNotNull(file, "spark: resume file is null");
      return this;
    }

    /**
     * Who named the description's features: for the refusal of a resume file with other ones,
     * the launcher's --features (a contradicting option, exit 2), or its CSV header, read whole
     * or less --drop's columns (another data set, exit 1, or another --drop, exit 2, as the
     * columns the file's run left out show); and for the checkpoints, which record those
     * columns. Left unset, they are the library caller's choice ({@link #resumeFrom}).
     */
    Builder featuresFrom(FeatureSource source) {
      this.features = checkNotNull(source, "spark: feature source is null");
      return this;
    }

    /**
     * Runs every forward and backward pass under {@code Autograd.detectAnomaly()}: on the
     * executors, which compute the gradients (and, averaging, the local steps), and on the
     * driver, which scores the validation rows. The first NaN or infinity then fails the run with
     * an {@code AnomalyException} naming the op (the cause of Spark's job failure) instead of a
     * non-finite loss after the step. Slower; no value changes.
     *
     * @return this builder
     */
    public Builder detectAnomaly() {
      this.detectAnomaly = true;
      return this;
    }

    /**
     * Adds a listener, told after every step (round) and epoch and at the end.
     *
     * @param listener progress output, logging, a test's probe
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      listeners.add(checkNotNull(listener, "spark: listener is null"));
      return this;
    }

    /**
     * The trainer.
     *
     * @return a trainer with these options
     * @throws IllegalArgumentException when a classification network ends in a softmax (its loss,
     *     softmaxCrossEntropy, applies its own)
     */
    public SparkTrainer build() {
      return new SparkTrainer(this);
    }
  }
}
