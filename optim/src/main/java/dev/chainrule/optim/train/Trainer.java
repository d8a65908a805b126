package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.LearningRateSchedule;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.PerStepScheduler;
import dev.chainrule.optim.PlateauReduction;
import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Path;
import java.util.List;

/**
 * Fits a model: epochs of shuffled mini-batches, each a forward pass, the loss, backward, optional
 * gradient clipping and an optimizer step (moved into backward where no one could tell: see
 * {@link Builder#updateInBackward(boolean)}); then validation, listeners, a reduction of the
 * learning rate on a plateau, periodic checkpoints and early stopping. Batch, mini-batch and
 * stochastic gradient descent are batch sizes N, n and 1 of this one loop.
 *
 * <p>The model, the loss and the layers inside may be the user's own: any {@link Module}, any
 * {@link Loss} that gives one number per batch (its {@link Loss#reduction()}, MEAN or SUM,
 * weights the batch losses; NONE's per-sample losses are refused; its {@link Loss#outputs()} says
 * whether and how accuracy is counted). An optimizer over part of the model freezes the
 * rest: their gradients are cleared before every batch, as the optimizer's are, and clipping
 * measures the stepped parameters' norm alone.
 *
 * <p>Everything random is seeded, so the same seed gives a bitwise-identical loss history on one
 * thread (for plain SGD, under the same choice of updating in backward, which rounds
 * differently).
 *
 * <p>A run that diverges stops with a {@link DivergenceException} naming the epoch and batch: when
 * a batch's loss is NaN or infinite, or larger per sample than {@link
 * Builder#divergenceFactor(double)} times the model's at the start of the run (untrained, or
 * loaded or trained before: its loss before the run's first
 * step on up to {@value #REFERENCE_ROWS} training rows spread evenly over the data: the larger of
 * its score in evaluation mode and its loss in training mode, where batch normalization and dropout
 * act as they will in the run; floored at the loss at chance on the same rows, the lesser of
 * constant outputs of 0 and of 1/K (ln K for cross-entropy, about the mean of y² for MSE), so
 * that a model fitted before, whose loss is tiny, does not have dropout's noise taken for an
 * explosion; unfloored when that loss is not finite or not positive), or when an epoch's mean loss
 * (per sample, or by Σ w_y under class weights) is more than {@value #EPOCH_DIVERGENCE_FACTOR}
 * times that reference (a loss bounded by a clamp, as binary cross-entropy is, saturates instead
 * of exploding), or when the
 * gradient's norm is not finite (with clipping, which computes it), or a parameter is no longer
 * finite (checked at the end of each epoch, and when a loss turns non-finite, to blame the step
 * that caused it). Each check uses a value the loop has anyway or runs once per epoch, so none
 * costs a pass over the gradients per step. A run whose optimizer refuses a step stops with a
 * {@link DivergenceException} too, the optimizer's {@link dev.chainrule.optim.StepRefusedException}
 * as its cause: an AdamW whose schedule raises η·λ to 1 trains up to that step, and the model
 * keeps the weights of the step before, updating in backward or not. So does a batch whose loss
 * counts none of its rows (every target the ignore index, or of classes weighted 0), which the
 * loss refuses (its mean would be 0/0, PyTorch's NaN), the loss's refusal as the cause.
 *
 * <p>A run whose thread is interrupted ({@code Future.cancel(true)} on the task that trains)
 * stops before the next batch's step, or before writing a periodic checkpoint, with a {@link
 * TrainingInterruptedException} naming the epoch and batch: every step before is whole, the
 * previous checkpoint intact, the listeners told the run ended, and the interrupt status still
 * set. The model keeps the weights of the last step, not the best epoch's.
 */
public final class Trainer {
  /** Rows of training data the untrained model's loss is measured on, for the explosion check. */
  static final int REFERENCE_ROWS = 1024;

  /**
   * The default {@link Builder#divergenceFactor(double)}: how many times the untrained model's loss
   * per sample a batch may reach.
   */
  public static final double DIVERGENCE_FACTOR = 1e6;

  /**
   * How many times the untrained model's loss per sample an epoch's mean may reach. A loss
   * bounded by a clamp never explodes: binary cross-entropy caps each sample at 100, so a network
   * driven into saturation (XOR with Adam at a learning rate of 1e9) sits at 50 per sample, 72
   * times the untrained 0.69, forever, far below the batch limit, and used to finish its run at
   * chance with nothing said. A run that trains spends no whole epoch 10 times worse than where
   * it started.
   */
  public static final double EPOCH_DIVERGENCE_FACTOR = 10;

  /** The {@link #fit} calls, run on the options' copy taken at {@link Builder#build()}. */
  private final FitCalls calls;
  /** What a user should know of the settings of the run this trainer resumes. */
  private final List<String> notes;

  private Trainer(TrainingOptions options, List<String> notes) {
    this.calls = new FitCalls(options);
    this.notes = notes;
  }

  /**
   * What a user should know of a run resumed ({@link Builder#resume}) under settings other than
   * its checkpoint's run had, where it still goes on, one line each: another batch size (as the
   * program notes another {@code --batch-size}), a setting's entry that cannot be read, or a
   * checkpoint that records none of its run's settings (saved before checkpoints recorded them).
   * The checkpoint's own notes are {@link ResumedRun#notes()}.
   *
   * @return the lines, empty when the run goes on as the uninterrupted one would or resumes none
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * Options for training {@code model} on {@code loss} with {@code optimizer}.
   *
   * @param model the model
   * @param loss the loss to minimise
   * @param optimizer the optimizer that updates the model
   * @return a builder with the defaults
   * @throws IllegalArgumentException when the optimizer updates none of the model's parameters,
   *     or the loss gives per-sample losses ({@code Reduction.NONE}) where one number is needed
   */
  public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
    return new Builder(model, loss, optimizer);
  }

  /**
   * Options of a training run; defaults: 10 epochs, batches of 32, seed 0, the optimizer's rate
   * throughout (no schedule, no reduction on a plateau), no early stopping, the last epoch's
   * weights kept, divergence factor 10⁶.
   */
  public static final class Builder {
    /** The settings the setters leave; each trainer {@link #build()} makes runs on a copy. */
    private final TrainingOptions options;

    private Builder(Module model, Loss loss, Optimizer optimizer) {
      BuilderChecks.requireTrainable(model, loss, optimizer);
      this.options = new TrainingOptions(model, loss, optimizer);
    }

    /**
     * Passes over the training data, counted from the run's start: with {@link #initialEpoch(int)}
     * {@code k}, {@code count − k} remain (Keras's {@code epochs}, the "final epoch").
     *
     * @param count how many
     * @return this builder
     */
    public Builder epochs(int count) {
      checkArgument(count > 0, "trainer: epochs must be positive, got %s", count);
      options.epochs = count;
      return this;
    }

    /**
     * Resumes a run at epoch {@code first} (from 0; Keras's {@code initial_epoch}): the epochs are
     * numbered from it, so the schedule's rate and the batches' order are those an uninterrupted
     * run has there, and periodic checkpoints record the run's epoch. With the model and the
     * optimizer loaded from a checkpoint the run wrote ({@code ModelCheckpoint.load}), pass its
     * {@code "epoch"} metadata, the epochs it had completed: the resumed run then ends where the
     * uninterrupted one does, bit for bit, for a model without {@code Dropout} (whose masks come
     * from the layer's own generator, which no checkpoint holds) and a run without {@link
     * #earlyStopping}, {@link #restoreBestWeights} or {@link #reduceLearningRateOnPlateau}, whose
     * records this starts afresh at {@code first}: for those, {@link #resume} goes on from the
     * records the checkpoint kept. A {@link #scheduleEveryStep} schedule goes on from the loaded
     * optimizer's step count, which must be the run's at {@code first}. Default 0.
     *
     * @param first the first epoch to run, at least 0 and below {@link #epochs(int)}
     * @return this builder
     */
    public Builder initialEpoch(int first) {
      checkArgument(first >= 0, "trainer: the initial epoch must not be negative, got %s", first);
      options.initialEpoch = first;
      return this;
    }

    /**
     * Resumes the run that wrote a periodic checkpoint, loaded with {@link ResumedRun#load}: the
     * run starts at the checkpoint's epoch (as {@link #initialEpoch(int)} with it), and early
     * stopping, the best epoch and the reduction on a plateau go on from the records the
     * checkpoint kept (the best figure, its epoch and weights, the epochs since; the plateau's
     * best, bad epochs and cooldown), so that the first {@link Trainer#fit} call ends where the
     * uninterrupted run does, bit for bit, stop, rates and weights alike ({@code Dropout} aside).
     * Give the run the settings the checkpoint's run had: {@link #build()} refuses another seed,
     * {@link #dropLast}, schedule by epoch or by step, or gradient clipping than the checkpoint
     * records, naming the setting and both values, since the run would not end where the
     * uninterrupted one does (and the first {@link Trainer#fit} refuses a model that freezes
     * other parameters than the checkpoint's run had frozen, the flag being in no tensor of the
     * file); another batch size goes on, and {@link Trainer#notes()} says so,
     * a {@link #scheduleEveryStep} schedule going on from the step count the checkpoint records,
     * as often as the run is resumed (a
     * checkpoint saved before checkpoints recorded these settings is not checked, and the notes
     * say that too; a schedule of one's own that is no record value, a lambda, is compared by its
     * rates over the checkpoint's run's epochs when it sets the rate each epoch, and not at all
     * when it sets it each step). It refuses
     * a record whose setting this run lacks or has otherwise (another figure, min delta or
     * plateau settings), rather than judge it by other rules; a patience may change, as it only
     * says when the count is enough. A run that restores its best weights is refused when the
     * checkpoint cannot give them (the file beside it was deleted, or its run never kept them;
     * the refusal names which). A setting whose record the checkpoint lacks starts afresh, as do
     * both for a checkpoint saved before records were kept ({@link ResumedRun#notes()} says so). To
     * leave the records behind on purpose, resume with {@link #initialEpoch(int)} alone.
     *
     * @param run the checkpoint's epoch and records
     * @return this builder
     */
    public Builder resume(ResumedRun run) {
      options.resumed = checkNotNull(run, "trainer: the resumed run is null");
      options.initialEpoch = run.epoch();
      return this;
    }

    /**
     * Samples per optimizer step.
     *
     * @param size samples per batch, positive
     * @return this builder
     */
    public Builder batchSize(int size) {
      checkArgument(size > 0, "trainer: batch size must be positive, got %s", size);
      options.batchSize = size;
      return this;
    }

    /**
     * The seed of the batch order.
     *
     * @param newSeed the seed
     * @return this builder
     */
    public Builder seed(long newSeed) {
      options.seed = newSeed;
      return this;
    }

    /**
     * Skips the last batch of an epoch when it is smaller than the batch size. A batch size
     * above the data's size is that size (one batch of every row, kept, where PyTorch's loader
     * would give none and the run would train nothing).
     *
     * @param drop whether to skip a last batch smaller than the rest
     * @return this builder
     */
    public Builder dropLast(boolean drop) {
      options.dropLast = drop;
      return this;
    }

    /**
     * Sets the learning rate at the start of every epoch from the optimizer's initial rate. Not
     * with {@link #reduceLearningRateOnPlateau} or {@link #scheduleEveryStep}.
     *
     * @param newSchedule the learning rate per epoch
     * @return this builder
     */
    public Builder schedule(LearningRateSchedule newSchedule) {
      options.schedule = checkNotNull(newSchedule, "trainer: schedule is null");
      return this;
    }

    /**
     * Sets the learning rate before every optimizer step, by a schedule counted in steps ({@link
     * LearningRateSchedule#oneCycle}, {@link LearningRateSchedule#cosineWarmRestarts}, a {@code
     * warmUp} of so many steps): step k of the optimizer runs at the schedule's rate at k from the
     * optimizer's initial rate, as a {@link PerStepScheduler} sets it (PyTorch's {@code
     * scheduler.step()} after every batch). The index is the optimizer's {@link
     * Optimizer#stepCount()}, so a schedule spans the optimizer's whole life: a second {@link
     * Trainer#fit} call goes on where the first stopped, and so does a run resumed at {@link
     * #initialEpoch(int)} with the optimizer loaded from its checkpoint. A run is refused before
     * its first step when the schedule is shorter than the run: when it has no rate for the run's
     * last step or for the step after it, which PyTorch's {@code scheduler.step()} after the last
     * step computes (a one-cycle built for fewer steps than {@code epochs} × batches per epoch,
     * even one fewer). An epoch's {@link EpochResult#learningRate()} is
     * its last step's. Not with {@link #schedule(LearningRateSchedule)} or {@link
     * #reduceLearningRateOnPlateau}.
     *
     * @param newSchedule the learning rate per optimizer step
     * @return this builder
     */
    public Builder scheduleEveryStep(LearningRateSchedule newSchedule) {
      options.stepSchedule = checkNotNull(newSchedule, "trainer: the per-step schedule is null");
      return this;
    }

    /**
     * Multiplies the optimizer's learning rate by {@code factor} when the watched figure has not
     * improved for more than {@code patience} epochs: PyTorch's {@code ReduceLROnPlateau(optimizer,
     * mode, factor, patience)} with its other defaults (a relative threshold of 10⁻⁴, no cooldown,
     * no floor, eps 10⁻⁸), the mode (min or max) being the figure's. See {@link
     * #reduceLearningRateOnPlateau(Monitor, PlateauReduction)}.
     *
     * @param watched the figure to watch
     * @param factor the factor of each reduction, in (0, 1)
     * @param patience epochs without improvement tolerated, at least 0 (0 reduces after each)
     * @return this builder
     */
    public Builder reduceLearningRateOnPlateau(Monitor watched, double factor, int patience) {
      return reduceLearningRateOnPlateau(watched, PlateauReduction.of(factor, patience));
    }

    /**
     * Lowers the optimizer's learning rate when the watched figure stops improving, by the rule
     * of {@link PlateauReduction} (PyTorch's {@code ReduceLROnPlateau}, Keras's callback of that
     * name): after each epoch's figure is known and its listeners have heard it, before its
     * checkpoint, so that a checkpoint holds the rate the next epoch runs at. The rate each epoch
     * ran at is its {@link EpochResult#learningRate()}, in {@link History#learningRates()}.
     *
     * <p>It is independent of {@link #earlyStopping}: each keeps its own record of the best figure,
     * by its own threshold (early stopping's absolute {@code minDelta}, this one's relative
     * threshold by default), and the reduction is made on the epoch a run stops at too, as a
     * PyTorch loop's {@code scheduler.step(loss)} is. Its record starts afresh with each {@link
     * Trainer#fit} call (as Keras's does) and at {@link #initialEpoch(int)}; periodic checkpoints
     * keep it, and {@link #resume} goes on from it. The rate it leaves is the optimizer's own,
     * which {@code fit} calls share and checkpoints keep.
     *
     * @param watched the figure to watch; {@link Monitor#TRAINING_LOSS} needs no validation data
     * @param reduction when and how far to reduce
     * @return this builder
     * @throws IllegalArgumentException when the figure is {@link Monitor#VALIDATION_ACCURACY} and
     *     the loss counts no accuracy ({@link Loss.Outputs#VALUES})
     */
    public Builder reduceLearningRateOnPlateau(Monitor watched, PlateauReduction reduction) {
      checkNotNull(watched, "trainer: the plateau's monitor is null");
      checkNotNull(reduction, "trainer: the plateau reduction is null");
      BuilderChecks.requireCountedFigure("the plateau reduction", watched, options.loss);
      options.plateauMonitor = watched;
      options.plateau = reduction;
      return this;
    }

    /**
     * Rescales gradients whose global norm exceeds {@code maxNorm} before each step.
     *
     * @param maxNorm the largest global L2 norm the gradients may have, positive (+∞ clips
     *     nothing, as in PyTorch's {@code clip_grad_norm_})
     * @return this builder
     */
    public Builder clipGradientNorm(double maxNorm) {
      checkArgument(maxNorm > 0, "trainer: max norm must be positive, got %s", maxNorm);
      // +∞ is no clipping at all (0): no pass over the gradients, and updates in backward stay.
      options.clipNorm = maxNorm == Double.POSITIVE_INFINITY ? 0 : maxNorm;
      return this;
    }

    /**
     * Limits every gradient element to [−limit, limit] before each step ({@code
     * torch.nn.utils.clip_grad_value_}, Keras's {@code clipvalue}); with {@link
     * #clipGradientNorm} too, after the norm's rescaling, as Keras orders them.
     *
     * @param limit the largest absolute value a gradient element may keep, positive (+∞ clips
     *     nothing, as in {@link dev.chainrule.optim.GradientClipping#clipByValue} and PyTorch's
     *     {@code clip_grad_value_}, and as {@link #clipGradientNorm}'s does)
     * @return this builder
     */
    public Builder clipGradientValue(double limit) {
      checkArgument(limit > 0, "trainer: clip value must be positive, got %s", limit);
      options.clipValue = limit == Double.POSITIVE_INFINITY ? 0 : limit;
      return this;
    }

    /**
     * Chooses whether backward updates each parameter as soon as its gradient is complete,
     * instead of a step after backward ({@link Optimizer#updateInBackward()}, for the run only):
     * no gradient is kept, and plain SGD's update goes straight into each dense layer's
     * weight-gradient product, which saves a pass over every weight per step. The updates are the
     * same up to rounding; after the run the parameters hold no gradients, and neither do they for
     * listeners. Unchosen, the trainer updates in backward only where no one could tell: plain
     * SGD at a first rate above 0, no clipping, no anomaly detection, no parameter with an
     * update in backward of its own, and every listener overriding {@link
     * TrainingListener#readsGradients()} to answer false. Chosen
     * true, it is refused with gradient clipping, which needs every gradient before any update,
     * and with a listener that {@link TrainingListener#readsGradients() reads gradients}; chosen
     * false, every step runs after backward, PyTorch's loop, and leaves the gradients readable.
     *
     * @param enabled whether backward updates the parameters
     * @return this builder
     */
    public Builder updateInBackward(boolean enabled) {
      options.updateTiming = enabled ? UpdateTiming.IN_BACKWARD : UpdateTiming.AFTER_BACKWARD;
      return this;
    }

    /**
     * Stops when the {@code watched} figure has not improved by more than {@code delta} for
     * {@code epochsWithoutImprovement} epochs; needs validation data unless the figure is {@link
     * Monitor#TRAINING_LOSS}.
     *
     * @param watched the figure to watch: one of the trainer's own, or a metric of one's own
     *     ({@link Monitor#metric}) declared with {@link #metric}, which {@link #build()} checks
     * @param epochsWithoutImprovement epochs without improvement before stopping, positive
     * @param delta the least change that counts as an improvement, finite and non-negative
     * @return this builder
     * @throws IllegalArgumentException when the patience is not positive, the delta is NaN,
     *     negative or infinite, or the figure is {@link Monitor#VALIDATION_ACCURACY} and the loss
     *     counts no accuracy ({@link Loss.Outputs#VALUES})
     */
    public Builder earlyStopping(Monitor watched, int epochsWithoutImprovement, double delta) {
      BuilderChecks.requireEarlyStopping(watched, epochsWithoutImprovement, delta, options.loss);
      options.monitor = watched;
      options.patience = epochsWithoutImprovement;
      options.minDelta = delta;
      return this;
    }

    /**
     * Ends the run with the weights of its best epoch by the monitored figure ({@link
     * #earlyStopping}'s, the validation loss by default), not those of its last: Keras's {@code
     * restore_best_weights}, except that it applies whenever {@link Trainer#fit} returns, stopped
     * early or not. The parameters and buffers (batch normalization's running statistics, say) are
     * copied, in their own types, each time an epoch beats the best, and put back in place, bit for
     * bit, before listeners hear {@code onTrainingEnd}; {@link History#weightsEpoch()} says which
     * epoch's weights the model holds. The optimizer's state (moments, step counts) goes back
     * with them, as it belongs to those weights, but not its learning rate: the optimizer keeps
     * the rate the run reached (one a reduction on a plateau lowered after the best epoch stays
     * lowered, as Keras keeps it). Under {@link #scheduleEveryStep} that is the last step's rate
     * beside the best epoch's step count, until a next {@code fit} sets the rate of the step that
     * count reaches before its first step (restoring the copied rate instead made a resumed run
     * end with another rate than the uninterrupted one); periodic checkpoints hold the weights of
     * the epoch they were written at, and the best epoch's in a file beside them ({@link
     * #resume}). A run that diverges ends with a {@link DivergenceException}
     * and the weights it diverged with. Off by default, as in Keras: turning it on changes what a
     * run ends with, and keeps a second copy of the model's parameters in memory.
     *
     * @param restore whether the run ends with its best epoch's weights; needs validation data
     *     unless the monitored figure is {@link Monitor#TRAINING_LOSS}
     * @return this builder
     */
    public Builder restoreBestWeights(boolean restore) {
      options.restoreBest = restore;
      return this;
    }

    /**
     * Saves model and optimizer state to {@code file} every {@code everyEpochs} epochs, atomically,
     * with the epochs done, the settings that decide the batches and steps (the seed, batch size,
     * {@link #dropLast}, schedules and clipping, which {@link #resume} checks; in a trainer's
     * second or later {@link Trainer#fit} call, which call it was, whose batch orders {@link
     * #resume} goes on with; and the optimizer's step count, which a per-step schedule resumed
     * goes on from) and the records of early stopping and of the plateau in its metadata,
     * and the best epoch's weights in a file beside it when the run restores them and that epoch
     * ran before the checkpoint's: what {@link ResumedRun#load} reads for {@link #resume}. That
     * file's name, {@code <stem>.best-epoch-<n>.<8 hex digits>.safetensors}, has the stem cut so
     * that it is no longer than the checkpoint's when that is long, so a name that passes here
     * gives names the file system takes. Each save deletes the best-weights files of this
     * checkpoint it does not name, those a killed run left included (only files of exactly that
     * pattern, beside it, holding this checkpoint's best weights). A save that fails ends the run
     * ({@link Trainer#fit}).
     *
     * @param everyEpochs epochs between checkpoints, positive
     * @param file the file
     * @return this builder
     * @throws IllegalArgumentException when the file is a folder or a file this user may not
     *     write, its folder is missing or not writable, or the file system refuses its name:
     *     checked now, not at the end of the first epochs' work
     */
    public Builder checkpointEvery(int everyEpochs, Path file) {
      checkArgument(everyEpochs > 0, "trainer: checkpoint interval must be positive, got %s",
          everyEpochs);
      checkNotNull(file, "trainer: checkpoint file is null");
      AtomicFile.requireWritable("trainer: the checkpoint file", file);
      options.checkpointEvery = everyEpochs;
      options.checkpointFile = file;
      return this;
    }

    /**
     * Stops training when a batch's loss per sample exceeds {@code factor} times the untrained
     * model's: default 10⁶, far above the spread of per-sample losses of a healthy run (a sample
     * a thousand standard deviations out gives 10⁶ in squared error), and far below what a
     * learning rate a thousand times too large gives. An epoch's mean loss per sample may reach
     * the smaller of this factor and 10. {@code Double.POSITIVE_INFINITY} turns both checks off;
     * NaN and infinite losses always stop training.
     *
     * @param factor how many times the untrained model's loss per sample a batch may reach, above 1
     * @return this builder
     */
    public Builder divergenceFactor(double factor) {
      checkArgument(factor > 1, "trainer: divergence factor must be above 1, got %s", factor);
      options.divergenceFactor = factor;
      return this;
    }

    /**
     * Declares a metric of one's own, computed on the validation data after every epoch and
     * reported by name in {@link EpochResult#metrics()}, in the order declared: a figure to
     * watch ({@link Monitor#metric(String, Monitor.Mode)}) where the loss and the accuracy do not
     * say what matters, F1 or balanced accuracy on imbalanced classes, the mean absolute error of
     * a regression. It is computed once over the whole validation set's outputs, from the forward
     * pass that scores the validation loss, not per batch ({@link EpochMetric} says why), and not
     * on the training data. A fit without validation data is refused: it would leave every
     * epoch's metrics empty, the figures asked for missing without a word.
     *
     * @param name the metric's name: a letter, then letters, digits, {@code _}, {@code .} or
     *     {@code -}, up to 64 characters, none the trainer's own figures go by ({@code loss},
     *     {@code val_accuracy}, {@code lr}...)
     * @param metric computes the figure from the validation outputs and targets
     * @return this builder
     * @throws IllegalArgumentException when the name is malformed, is a figure of the trainer's
     *     own, or is declared already
     */
    public Builder metric(String name, EpochMetric metric) {
      options.metrics.add(name, metric);
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener, told in order of adding
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      options.listeners.add(checkNotNull(listener, "trainer: listener is null"));
      return this;
    }

    /**
     * The trainer with these options, as they are now: changing this builder afterwards changes
     * no trainer it built.
     *
     * @return the trainer
     * @throws IllegalArgumentException when the initial epoch leaves no epoch to run, the model
     *     ends in the softmax or sigmoid its loss applies itself to the logits it takes, or two of
     *     a schedule, a per-step schedule and a reduction on a plateau are set, or updates in
     *     backward with gradient clipping or a listener that reads gradients, the optimizer
     *     maximizes ({@link Optimizer#maximizes()}), early stopping or a reduction on a plateau
     *     watches a metric not declared ({@link #metric}), or a resumed run's records do not meet
     *     this run's settings ({@link #resume})
     */
    public Trainer build() {
      LossPairing.requireLogitsForLogitLoss(options.model, options.loss);
      BuilderChecks.requireDescent(options.optimizer);
      BuilderChecks.requireOneRateSetter(options);
      BuilderChecks.requireEpochsAndUpdatesRunnable(options);
      options.metrics.requireDeclared("early stopping", options.monitor);
      options.metrics.requireDeclared("the plateau reduction", options.plateauMonitor);
      ResumeChecks.require(options);
      return new Trainer(options.copy(), List.copyOf(ResumeChecks.notes(options)));
    }
  }

  /**
   * Trains without validation data.
   *
   * @param train the training data
   * @return the epochs run
   * @throws IllegalArgumentException when the training data has no rows
   * @throws IllegalStateException when early stopping, restoring the best weights or a reduction
   *     on a plateau watches a validation figure
   * @throws dev.chainrule.optim.checkpoint.CheckpointException when a periodic checkpoint
   *     cannot be saved, as {@link #fit(Dataset, Dataset)} says
   * @throws TrainingInterruptedException when the thread is interrupted, as {@link #fit(Dataset,
   *     Dataset)} says
   */
  public History fit(Dataset train) {
    return fit(train, null);
  }

  /**
   * Trains on {@code train}, scoring {@code validation} (may be null) after every epoch. Each call
   * on one trainer draws batch orders of its own, as Keras's {@code fit} called in a loop does (a
   * loop of one-epoch calls would otherwise train on one order forever); a new trainer with the
   * same seed repeats the first call's, and {@link Builder#initialEpoch(int)} resumes a run with
   * the orders it would have had. A periodic checkpoint written by a later call records which call
   * it was, and the first call of a trainer built to {@link Builder#resume} it draws that call's
   * orders, so that it ends where the uninterrupted call does (its next call draws the orders of
   * the call after, though, like every call of that trainer, over the epochs from the resumed one);
   * a checkpoint saved before calls were recorded resumes with the first call's. The schedule,
   * though, starts again at the initial epoch on every call, as under Keras's {@code
   * LearningRateScheduler}: a loop of one-epoch calls keeps the first epoch's rate. To decay across
   * epochs, run them in one call (a listener sees each epoch end), or build a trainer per call with
   * {@link Builder#initialEpoch(int)}. So do the records of early stopping and of a reduction on a
   * plateau start again (from the optimizer's current rate), but on the first call of a trainer
   * built to {@link Builder#resume} a run. A {@link Builder#scheduleEveryStep} schedule does not:
   * it counts the optimizer's steps, and goes on.
   *
   * @param train the training data
   * @param validation the data scored after every epoch, or null
   * @return the epochs run
   * @throws IllegalArgumentException when the training or validation data has no rows, a
   *     schedule cannot scale the optimizer's base rate (a cosine's minimum above it), or the
   *     per-step schedule cannot go on from the optimizer's step count or has no rate for one of
   *     the run's steps (nothing has changed then); or when the untrained model's outputs on a
   *     few training rows are probabilities before {@code softmaxCrossEntropy}, or come from a
   *     softmax (or log-softmax) over an axis of size 1, or a batch of one row would reach a
   *     batch normalization that cannot normalize it (nothing has changed then either); or
   *     when the loss refuses a target (a class
   *     index that is no class), named by its row of the training data, with the epoch and
   *     batch, or of the validation data, whose targets are scored once with the untrained
   *     model before the first step (nothing has changed then either), its {@link
   *     dev.chainrule.nn.loss.TargetRefusedException} the cause
   * @throws IllegalStateException when early stopping, restoring the best weights or a reduction
   *     on a plateau watches a validation figure and {@code validation} is null, or when every
   *     parameter of the optimizer is frozen ({@code requiresGrad(false)}): before the run, or
   *     by a listener during it (then named with its epoch and batch, the listeners told)
   * @throws dev.chainrule.optim.checkpoint.CheckpointException when a periodic checkpoint
   *     ({@link Builder#checkpointEvery}) cannot be saved (a full disk, a file made read-only
   *     meanwhile): the run stops there. The previous checkpoint and the best-weights file it
   *     names are as they were, and a best-weights file this save wrote is deleted. The model and
   *     optimizer hold the weights and state of the epoch just trained, the one the failed
   *     checkpoint was to hold, not the best epoch's even under {@link
   *     Builder#restoreBestWeights}; listeners have heard that epoch's end but not the run's
   * @throws TrainingInterruptedException when the thread is interrupted, before the next batch's
   *     step or checkpoint (see the class documentation); the interrupt status stays set
   */
  public History fit(Dataset train, Dataset validation) {
    return calls.fit(train, validation);
  }
}
