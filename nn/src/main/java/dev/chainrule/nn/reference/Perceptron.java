package dev.chainrule.nn.reference;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rosenblatt's perceptron: one hard-limit unit a = hardlim(θ₀ + θ₁x₁ + … + θₙxₙ) trained sample by
 * sample with the perceptron learning rule θ ← θ + η·[1, x]ᵀ(y − a). It converges in finitely many
 * steps on linearly separable data (AND, OR) and never on data that is not (XOR).
 */
public final class Perceptron {
  private Perceptron() {}

  /**
   * A training run.
   *
   * @param theta [n + 1]: the bias θ₀ first, then one weight per input
   * @param unscaled θ at rate 1 (θ is the rate times it), by which the run decided and
   *     {@link #predict} decides: θ itself is rounded, and may put an input the rule classified
   *     at a net input of exactly 0 a rounding below it
   * @param epochs passes over the data that were made
   * @param converged whether the last epoch classified every sample correctly
   * @param errorsPerEpoch misclassified samples during each epoch
   */
  public record Result(Tensor theta, Tensor unscaled, int epochs, boolean converged,
      List<Integer> errorsPerEpoch) {
    /**
     * The unit's output for each row of {@code inputs}, as the run decided.
     *
     * @param inputs [m, n]
     * @return [m] of 0s and 1s
     */
    public Tensor predict(Tensor inputs) {
      return Perceptron.predict(unscaled, inputs);
    }
  }

  /**
   * hardlim(θ₀ + x·θ₁..ₙ) per row: 1 where the net input is ≥ 0.
   *
   * @param theta [n + 1]: the bias first, then one weight per input
   * @param inputs [m, n]
   * @return [m] of 0s and 1s
   */
  public static Tensor predict(Tensor theta, Tensor inputs) {
    checkNotNull(theta, "perceptron: parameters are null");
    checkNotNull(inputs, "perceptron: inputs are null");
    checkArgument(inputs.rank() == 2 && theta.rank() == 1 && theta.dim(0) == inputs.dim(1) + 1,
        "perceptron: inputs %s do not match parameters %s (bias first)", inputs.shape(),
        theta.shape());
    // A NaN net input compares false: such a row was called class 0 without a word.
    requireFinite(inputs);
    Tensor augmented = augment(inputs);
    double[] net = new double[inputs.dim(0)];
    for (int i = 0; i < net.length; i++) {
      net[i] = netInput(theta, augmented, i);
    }
    return Tensor.vector(net).ge(0);
  }

  /** [1, x] per row: the bias's input first, as θ holds the bias first. */
  private static Tensor augment(Tensor inputs) {
    return Tensors.ones(inputs.dim(0), 1).concat(1, inputs);
  }

  /**
   * θ·[1, x] for one row of the augmented inputs, the one sum training decides by and prediction
   * answers by. Summed in two orders (the bias first in training, last in prediction), a net input
   * of exactly 0 in training (class 1) came out −1.1e-16 in prediction (class 0), and a converged
   * run predicted a training row wrong.
   */
  private static double netInput(Tensor theta, Tensor augmented, int row) {
    return augmented.slice(0, row, row + 1).reshape(theta.dim(0)).mul(theta).sum().item();
  }

  /**
   * Trains from θ = 0 for at most {@code maxEpochs} passes, in row order, stopping after the first
   * epoch without an error.
   *
   * <p>From θ = 0 every θ the rule reaches is η times the one it reaches at η = 1, and every
   * decision the same (a positive factor keeps each net input's sign), so the rule runs at η = 1
   * and θ is scaled at the end. Run at η itself, a rate such as 0.1 decided by rounded sums: AND's
   * net input at (1, 0), exactly 0 (output 1), came out −2.8e-17 (output 0), and the run reported
   * AND learned in 4 epochs where the rule takes 6.
   *
   * @param inputs [m, n]
   * @param targets [m] of 0s and 1s
   * @param learningRate η, positive
   * @param maxEpochs the most passes to make, positive
   * @return the parameters and the course of the run, θ in float64 whatever the inputs' type
   * @throws IllegalArgumentException when the learning rate is so large that the weights
   *     overflow float64, or the inputs so large that a net input does (past that the decisions
   *     would be NaN comparisons)
   */
  public static Result train(Tensor inputs, Tensor targets, double learningRate, int maxEpochs) {
    checkNotNull(inputs, "perceptron: inputs are null");
    checkNotNull(targets, "perceptron: targets are null");
    checkArgument(inputs.rank() == 2 && targets.rank() == 1 && targets.dim(0) == inputs.dim(0),
        "perceptron: inputs %s and targets %s do not match", inputs.shape(), targets.shape());
    checkArgument(learningRate > 0 && maxEpochs > 0,
        "perceptron: need a positive learning rate and epoch count, got %s and %s",
        (Object) learningRate, (Object) maxEpochs);
    // No rows made no errors: reported as learned in one epoch, with θ = 0.
    checkArgument(inputs.dim(0) > 0, "perceptron: inputs %s hold no rows to learn from",
        inputs.shape());
    // A target other than 0 or 1 is an error the rule can never correct (a − t is never 0), and
    // a NaN input or target turned θ into NaN: either ran every epoch and reported no
    // convergence, as if the classes were not linearly separable.
    int badTarget = targets.indexNotClass(2);
    checkArgument(badTarget < 0, "perceptron: target %s at [%s] is not 0 or 1",
        badTarget < 0 ? null : targets.flatGet(badTarget), (Object) badTarget);
    requireFinite(inputs);
    int m = inputs.dim(0);
    int n = inputs.dim(1);
    Tensor theta = Tensors.zeros(n + 1);
    Tensor augmented = augment(inputs);
    List<Integer> errors = new ArrayList<>();
    for (int epoch = 0; epoch < maxEpochs; epoch++) {
      int wrong = 0;
      for (int i = 0; i < m; i++) {
        double net = netInput(theta, augmented, i);
        // Finite inputs of 1e200 overflow θ·x: the decisions would compare infinities (NaN
        // where ∞ − ∞), and the run would end "not converged" as if the classes were mixed.
        if (!Double.isFinite(net)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "perceptron: the net input θ·x of row %s overflowed to %s in epoch %s (inputs of"
                  + " magnitude up to %s); scale the inputs down", i, net, epoch + 1,
              inputs.abs().max().item()));
        }
        double a = net >= 0 ? 1 : 0;
        double error = targets.get(i) - a;
        if (error != 0) {
          wrong++;
          theta.axpyInPlace(error, augmented.slice(0, i, i + 1).reshape(n + 1));
        }
      }
      errors.add(wrong);
      if (wrong == 0) {
        return new Result(scaled(theta, learningRate), theta, epoch + 1, true, errors);
      }
    }
    return new Result(scaled(theta, learningRate), theta, maxEpochs, false, errors);
  }

  private static void requireFinite(Tensor inputs) {
    int bad = inputs.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE);
    checkArgument(bad < 0, "perceptron: input %s at %s is not a finite number",
        bad < 0 ? null : inputs.flatGet(bad),
        bad < 0 ? "" : java.util.Arrays.toString(inputs.shape().unravel(bad)));
  }

  /** θ at η from θ at 1; refused past float64's range, where it would say nothing. */
  private static Tensor scaled(Tensor theta, double learningRate) {
    Tensor scaled = theta.mul(learningRate);
    if (scaled.indexOutside(-Double.MAX_VALUE, Double.MAX_VALUE) >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "perceptron: the learning rate %s overflows the weights %s to %s; from θ = 0 the rule"
              + " decides the same for every positive rate, so a rate such as 1 learns what this"
              + " one would", learningRate, theta, scaled));
    }
    return scaled;
  }
}
