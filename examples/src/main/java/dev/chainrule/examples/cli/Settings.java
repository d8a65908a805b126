package dev.chainrule.examples.cli;

import dev.chainrule.core.DType;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.model.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The resolved settings of a training command: command-line values over the command's defaults.
 *
 * @param epochs how many passes over the training data the run makes
 * @param batchSize how many samples each optimizer step averages its gradient over
 * @param learningRate the optimizer's base step size, before any schedule scales it
 * @param optimizer the update rule and its hyperparameters
 * @param hidden the width of each hidden layer, input side first
 * @param activation the function applied after each hidden layer
 * @param seed fixes the initial weights, the split and the batch order, so that a run repeats
 * @param dtype the element type of the model and its data
 * @param out the folder the run writes its pictures to
 * @param save where the trained model is saved (--save), or null not to save it
 * @param load the checkpoint whose weights the run starts from (--load), or null to start from
 *     fresh weights
 * @param json whether the command prints one JSON line instead of text for people
 * @param detectAnomaly whether training and evaluation run under anomaly detection
 * @param given the options the command line named (such as {@code --hidden}), which a saved model
 *     must not contradict
 * @param format the file format of the pictures
 * @param validation the training rows held out to choose the epoch, and the patience
 * @param classLoss what a classification run's loss weighs and smooths
 * @param monitor the validation figure the patience watches and the kept epoch is chosen by
 */
public record Settings(int epochs, int batchSize, double learningRate, OptimizerChoice optimizer,
    List<Integer> hidden, Activation activation, long seed, DType dtype, Path out, Path save,
    Path load, boolean json, boolean detectAnomaly, Set<String> given, ChartFormat format,
    Validation validation, ClassLoss classLoss, MonitorChoice monitor) {

  /**
   * Copies the lists.
   *
   * @param activation the hidden layers' activation
   * @param batchSize samples per optimizer step
   * @param detectAnomaly whether training and evaluation run under anomaly detection
   * @param dtype the element type the model computes in
   * @param epochs passes over the training data
   * @param format the file format of the pictures
   * @param given the options the command line named (such as {@code --hidden}), which a saved
   *     model must not contradict
   * @param hidden the hidden layers' widths
   * @param json whether the command answers in JSON
   * @param learningRate the learning rate
   * @param load the checkpoint to start from (--load), or null
   * @param optimizer the optimizer
   * @param out the folder for pictures
   * @param save where to save the trained model (--save), or null
   * @param seed the seed of initialisation, split and batch order
   * @param validation the training rows held out to choose the epoch, and the patience
   * @param classLoss what a classification run's loss weighs and smooths
   * @param monitor the figure the patience watches; null for the validation loss
   */
  public Settings {
    hidden = List.copyOf(hidden);
    given = Set.copyOf(given);
    classLoss = classLoss == null ? ClassLoss.NONE : classLoss;
    monitor = monitor == null ? MonitorChoice.LOSS : monitor;
  }

  /**
   * Settings whose patience, if any, watches the validation loss: a run without {@code
   * --monitor}, and those of commands that take no patience ({@code gates}).
   *
   * @param epochs passes over the training data
   * @param batchSize samples per optimizer step
   * @param learningRate the learning rate
   * @param optimizer the optimizer
   * @param hidden the hidden layers' widths
   * @param activation the hidden layers' activation
   * @param seed the seed of initialisation, split and batch order
   * @param dtype the element type the model computes in
   * @param out the folder for pictures
   * @param save where to save the trained model (--save), or null
   * @param load the checkpoint to start from (--load), or null
   * @param json whether the command answers in JSON
   * @param detectAnomaly whether training and evaluation run under anomaly detection
   * @param given the options the command line named
   * @param format the file format of the pictures
   * @param validation the training rows held out to choose the epoch, and the patience
   * @param classLoss what a classification run's loss weighs and smooths
   */
  public Settings(int epochs, int batchSize, double learningRate, OptimizerChoice optimizer,
      List<Integer> hidden, Activation activation, long seed, DType dtype, Path out, Path save,
      Path load, boolean json, boolean detectAnomaly, Set<String> given, ChartFormat format,
      Validation validation, ClassLoss classLoss) {
    this(epochs, batchSize, learningRate, optimizer, hidden, activation, seed, dtype, out, save,
        load, json, detectAnomaly, given, format, validation, classLoss, MonitorChoice.LOSS);
  }

  /**
   * These settings with another seed.
   *
   * @param newSeed the seed
   * @return these settings with another seed
   */
  public Settings withSeed(long newSeed) {
    return new Settings(epochs, batchSize, learningRate, optimizer, hidden, activation, newSeed,
        dtype, out, save, load, json, detectAnomaly, given, format, validation, classLoss, monitor);
  }

  /**
   * These settings with another optimizer.
   *
   * @param choice the optimizer
   * @return these settings with {@code choice}
   */
  public Settings withOptimizer(OptimizerChoice choice) {
    return new Settings(epochs, batchSize, learningRate, choice, hidden, activation, seed, dtype,
        out, save, load, json, detectAnomaly, given, format, validation, classLoss, monitor);
  }

  /**
   * These settings with another learning rate.
   *
   * @param rate the learning rate
   * @return these settings with {@code rate}
   */
  public Settings withLearningRate(double rate) {
    return new Settings(epochs, batchSize, rate, optimizer, hidden, activation, seed, dtype, out,
        save, load, json, detectAnomaly, given, format, validation, classLoss, monitor);
  }

  /**
   * These settings with another batch size.
   *
   * @param size samples per optimizer step
   * @return these settings with batches of {@code size}
   */
  public Settings withBatchSize(int size) {
    return new Settings(epochs, size, learningRate, optimizer, hidden, activation, seed, dtype,
        out, save, load, json, detectAnomaly, given, format, validation, classLoss, monitor);
  }

  /**
   * These settings with another number of epochs.
   *
   * @param count passes over the training data
   * @return these settings with {@code count} epochs
   */
  public Settings withEpochs(int count) {
    return new Settings(count, batchSize, learningRate, optimizer, hidden, activation, seed,
        dtype, out, save, load, json, detectAnomaly, given, format, validation, classLoss, monitor);
  }

  /**
   * These settings with other held-out rows.
   *
   * @param heldOut the share of the training rows held out, and the patience
   * @return these settings with {@code heldOut}
   */
  public Settings withValidation(Validation heldOut) {
    return new Settings(epochs, batchSize, learningRate, optimizer, hidden, activation, seed,
        dtype, out, save, load, json, detectAnomaly, given, format, heldOut, classLoss, monitor);
  }

  /**
   * These settings with another watched figure.
   *
   * @param watched the figure the patience watches
   * @return these settings with {@code watched}
   */
  public Settings withMonitor(MonitorChoice watched) {
    return new Settings(epochs, batchSize, learningRate, optimizer, hidden, activation, seed,
        dtype, out, save, load, json, detectAnomaly, given, format, validation, classLoss,
        watched);
  }

  /**
   * Whether the command line named this option.
   *
   * @param option the option's long name, such as {@code --hidden}
   * @return whether the command line named it
   */
  public boolean gave(String option) {
    return given.contains(option);
  }

  /**
   * These settings with another class loss.
   *
   * @param loss what a classification run's loss weighs and smooths
   * @return these settings with {@code loss}
   */
  public Settings withClassLoss(ClassLoss loss) {
    return new Settings(epochs, batchSize, learningRate, optimizer, hidden, activation, seed,
        dtype, out, save, load, json, detectAnomaly, given, format, validation, loss, monitor);
  }
}
