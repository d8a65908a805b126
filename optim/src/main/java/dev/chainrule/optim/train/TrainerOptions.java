package dev.chainrule.optim.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.TypeNames;
import dev.chainrule.optim.checkpoint.AtomicFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The options of a training run's shape, each checked as it is set: what is trained, for how many
 * epochs of which batches, how each step is taken (clipping, updates in backward), and what
 * watches it (checkpoints, the divergence limit, listeners). With {@link RateAndStopOptions},
 * the body of {@link Trainer.Builder}, whose public setters these are: the type users name must
 * stay the nested {@code Trainer.Builder}, and its documented setters were most of the trainer's
 * file. The setters return the builder; the trainer reads the fields of the copy it takes at
 * {@link Trainer.Builder#build()}.
 */
abstract sealed class TrainerOptions permits RateAndStopOptions {
  final Module model;
  final Loss loss;
  final Optimizer optimizer;
  int epochs = 10;
  int initialEpoch;
  int batchSize = 32;
  long seed;
  boolean dropLast;
  double clipNorm;
  double clipValue;
  boolean updateInBackward;
  int checkpointEvery;
  Path checkpointFile;
  double divergenceFactor = Trainer.DIVERGENCE_FACTOR;
  final List<TrainingListener> listeners = new ArrayList<>();

  /** A copy, for the trainer: a builder changed after {@code build()} changes no trainer. */
  TrainerOptions(TrainerOptions other) {
    model = other.model;
    loss = other.loss;
    optimizer = other.optimizer;
    epochs = other.epochs;
    initialEpoch = other.initialEpoch;
    batchSize = other.batchSize;
    seed = other.seed;
    dropLast = other.dropLast;
    clipNorm = other.clipNorm;
    clipValue = other.clipValue;
    updateInBackward = other.updateInBackward;
    checkpointEvery = other.checkpointEvery;
    checkpointFile = other.checkpointFile;
    divergenceFactor = other.divergenceFactor;
    listeners.addAll(other.listeners);
  }

  /** The defaults, for {@link Trainer#builder}. */
  TrainerOptions(Module model, Loss loss, Optimizer optimizer) {
    this.model = checkNotNull(model, "trainer: model is null");
    this.loss = checkNotNull(loss, "trainer: loss is null");
    this.optimizer = checkNotNull(optimizer, "trainer: optimizer is null");
    model.checkRegistered();
    // An optimizer built for another model (or a copy of this one) steps without error and
    // trains nothing; compared by identity, since equal values are not the same parameter.
    Set<Variable> own = Collections.newSetFromMap(new IdentityHashMap<>());
    own.addAll(model.parameters());
    checkArgument(optimizer.parameters().stream().anyMatch(own::contains),
        "trainer: the optimizer updates none of the model's %s parameters (its %s parameters"
            + " belong to another model?); build it from this model", own.size(),
        optimizer.parameters().size());
  }

  /**
   * Passes over the training data, counted from the run's start: with {@link #initialEpoch
   * initialEpoch} {@code k}, {@code count − k} remain (Keras's {@code epochs}, the "final epoch").
   *
   * @param count how many
   * @return this builder
   */
  public Trainer.Builder epochs(int count) {
    checkArgument(count > 0, "trainer: epochs must be positive, got %s", count);
    this.epochs = count;
    return self();
  }

  /**
   * Resumes a run at epoch {@code first} (from 0; Keras's {@code initial_epoch}): the epochs are
   * numbered from it, so the schedule's rate and the batches' order are those an uninterrupted
   * run has there, and periodic checkpoints record the run's epoch. With the model and the
   * optimizer loaded from a checkpoint the run wrote ({@code ModelCheckpoint.load}), pass its
   * {@code "epoch"} metadata, the epochs it had completed: the resumed run ends where the
   * uninterrupted one does, bit for bit, for a model without {@code Dropout} (whose masks come
   * from the layer's own generator, which no checkpoint holds) and a run without {@link
   * Trainer.Builder#earlyStopping earlyStopping} (whose record of the best epoch starts afresh
   * at {@code first}, as Keras's does: the resumed run may stop later and keep another epoch's
   * weights), nor with {@link Trainer.Builder#reduceLearningRateOnPlateau
   * reduceLearningRateOnPlateau} (whose record, too, starts afresh: the resumed run goes on at
   * the saved, reduced rate, but may reduce it at other epochs). A {@link
   * Trainer.Builder#scheduleEveryStep scheduleEveryStep} schedule goes on from the loaded
   * optimizer's step count, which must be the run's at {@code first}. Default 0.
   *
   * @param first the first epoch to run, at least 0 and below {@link #epochs}
   * @return this builder
   */
  public Trainer.Builder initialEpoch(int first) {
    checkArgument(first >= 0, "trainer: the initial epoch must not be negative, got %s", first);
    this.initialEpoch = first;
    return self();
  }

  /**
   * Samples per optimizer step.
   *
   * @param size samples per batch, positive
   * @return this builder
   */
  public Trainer.Builder batchSize(int size) {
    checkArgument(size > 0, "trainer: batch size must be positive, got %s", size);
    this.batchSize = size;
    return self();
  }

  /**
   * The seed of the batch order.
   *
   * @param newSeed the seed
   * @return this builder
   */
  public Trainer.Builder seed(long newSeed) {
    this.seed = newSeed;
    return self();
  }

  /**
   * Skips the last batch of an epoch when it is smaller than the batch size. A batch size
   * above the data's size is that size (one batch of every row, kept, where PyTorch's loader
   * would give none and the run would train nothing).
   *
   * @param drop whether to skip a last batch smaller than the rest
   * @return this builder
   */
  public Trainer.Builder dropLast(boolean drop) {
    this.dropLast = drop;
    return self();
  }

  /**
   * Rescales gradients whose global norm exceeds {@code maxNorm} before each step.
   *
   * @param maxNorm the largest global L2 norm the gradients may have, positive
   * @return this builder
   */
  public Trainer.Builder clipGradientNorm(double maxNorm) {
    checkArgument(maxNorm > 0, "trainer: max norm must be positive, got %s", maxNorm);
    this.clipNorm = maxNorm;
    return self();
  }

  /**
   * Limits every gradient element to [−limit, limit] before each step ({@code
   * torch.nn.utils.clip_grad_value_}, Keras's {@code clipvalue}); with {@link
   * #clipGradientNorm clipGradientNorm(double)} too, after the norm's rescaling, as Keras orders
   * them.
   *
   * @param limit the largest absolute value a gradient element may keep, positive
   * @return this builder
   */
  public Trainer.Builder clipGradientValue(double limit) {
    checkArgument(limit > 0 && limit < Double.POSITIVE_INFINITY,
        "trainer: clip value must be positive and finite, got %s", limit);
    this.clipValue = limit;
    return self();
  }

  /**
   * Has backward update each parameter as soon as its gradient is complete, instead of a step
   * after backward ({@link Optimizer#updateInBackward()}, for the run only): no gradient is
   * kept, and plain SGD's update goes straight into each dense layer's weight-gradient product,
   * which saves a pass over every weight per step. The updates are the same up to rounding;
   * after the run the parameters hold no gradients, and neither do they for listeners. Off by
   * default; refused with gradient clipping, which needs every gradient before any update, and
   * with a listener that {@link TrainingListener#readsGradients() reads gradients}.
   *
   * @param enabled whether backward updates the parameters
   * @return this builder
   */
  public Trainer.Builder updateInBackward(boolean enabled) {
    this.updateInBackward = enabled;
    return self();
  }

  /**
   * Saves model and optimizer state to {@code file} every {@code everyEpochs} epochs,
   * atomically.
   *
   * @param everyEpochs epochs between checkpoints, positive
   * @param file the file
   * @return this builder
   * @throws IllegalArgumentException when the file is a folder, or its folder is missing or
   *     not writable: checked now, not at the end of the first epochs' work
   */
  public Trainer.Builder checkpointEvery(int everyEpochs, Path file) {
    checkArgument(everyEpochs > 0, "trainer: checkpoint interval must be positive, got %s",
        everyEpochs);
    checkNotNull(file, "trainer: checkpoint file is null");
    AtomicFile.requireWritable("trainer: the checkpoint file", file);
    this.checkpointEvery = everyEpochs;
    this.checkpointFile = file;
    return self();
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
  public Trainer.Builder divergenceFactor(double factor) {
    checkArgument(factor > 1, "trainer: divergence factor must be above 1, got %s", factor);
    this.divergenceFactor = factor;
    return self();
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener, told in order of adding
   * @return this builder
   */
  public Trainer.Builder listener(TrainingListener listener) {
    listeners.add(checkNotNull(listener, "trainer: listener is null"));
    return self();
  }

  /** The builder these options are, for the setters to return. */
  final Trainer.Builder self() {
    return (Trainer.Builder) this;
  }

  /**
   * The checks across these options that {@link Trainer.Builder#build()} makes: updates in
   * backward with nothing that needs the gradients first, and an epoch left to run.
   *
   * @throws IllegalArgumentException as {@code build()} documents
   */
  void checkRun() {
    checkArgument(!updateInBackward || (clipNorm == 0 && clipValue == 0), "trainer: gradient"
        + " clipping needs every gradient of a step before any update, and updateInBackward"
        + " updates each parameter during backward, as its gradient is complete; use one of"
        + " them");
    for (TrainingListener listener : listeners) {
      checkArgument(!updateInBackward || !listener.readsGradients(), "trainer: the listener %s"
          + " reads gradients as each batch ends, and updateInBackward keeps none (each"
          + " parameter is updated during backward); use one of them",
          TypeNames.of(listener.getClass()));
    }
    checkArgument(initialEpoch < epochs, "trainer: the initial epoch %s leaves no epoch to run"
        + " of %s (epochs count from the run's start, as the initial epoch does)", initialEpoch,
        epochs);
  }
}
