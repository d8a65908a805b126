package dev.chainrule.examples.cli;

import dev.chainrule.core.DType;
import java.util.List;

/**
 * A command's training settings when the command line does not give them.
 *
 * @param epochs how many passes over the training data a run makes unless --epochs says otherwise
 * @param batchSize how many samples each optimizer step averages its gradient over
 * @param learningRate the optimizer's base step size, before any schedule scales it
 * @param optimizer the name --optimizer accepts for the update rule, such as {@code "adam"}
 * @param hidden the width of each hidden layer, input side first; empty for a model with none
 * @param activation the name --activation accepts for the function between hidden layers
 * @param seed fixes the initial weights, the train/test split and the batch order, so that a
 *     run repeats exactly
 * @param dtype the element type of the model and its data: float64, the precision of the
 *     notes' worked examples, except where a large data set trains faster in float32
 */
public record Defaults(int epochs, int batchSize, double learningRate, String optimizer,
    List<Integer> hidden, String activation, long seed, DType dtype) {

  /**
   * Defaults in float64.
   *
   * @param epochs passes over the training data
   * @param batchSize samples per optimizer step
   * @param learningRate the learning rate
   * @param optimizer the optimizer's name
   * @param hidden the hidden layers' widths
   * @param activation the hidden activation's name
   * @param seed the seed of initialisation, split and batch order
   */
  public Defaults(int epochs, int batchSize, double learningRate, String optimizer,
      List<Integer> hidden, String activation, long seed) {
    this(epochs, batchSize, learningRate, optimizer, hidden, activation, seed, DType.FLOAT64);
  }

  /**
   * A command with training defaults: picocli shows and applies them ({@link DefaultsProvider}).
   */
  public interface Owner {
    /**
     * The command's defaults, which --help shows.
     *
     * @return the command's defaults
     */
    Defaults defaults();
  }
}
