package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout, PyTorch's {@code Dropout}: in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1 / (1 − p), so the expected output is the input
 * and evaluation needs no rescaling; in evaluation mode it is the identity. The masks come from
 * the layer's own generator, seeded at construction, so a seeded run drops the same elements
 * every time (one mask per forward pass in training mode, drawn in order).
 */
public final class Dropout extends Module {
  private final double p;
  private final RandomGenerator random;

  private Dropout(double p, RandomGenerator random) {
    checkArgument(p >= 0 && p <= 1, "Dropout: p must lie in [0, 1], got %s", p);
    this.p = p;
    this.random = checkNotNull(random, "Dropout: generator is null");
  }

  /**
   * Dropout with probability {@code p} and masks from a generator seeded with {@code seed}. Each
   * layer has a generator of its own (PyTorch's share one): two layers built with one seed drop
   * the same units of same-shaped inputs, so give each layer its own seed. The generator's state
   * is not part of a checkpoint, as in PyTorch.
   *
   * @param p the probability of zeroing an element, in [0, 1]
   * @param seed the seed of the masks
   * @return the layer
   */
  public static Dropout of(double p, long seed) {
    return new Dropout(p, Tensors.seeded(seed));
  }

  /**
   * Dropout with probability {@code p} and masks from a given generator (which then advances).
   *
   * @param p the probability of zeroing an element, in [0, 1]
   * @param random the generator of the masks
   * @return the layer
   */
  public static Dropout of(double p, RandomGenerator random) {
    return new Dropout(p, random);
  }

  /**
   * The probability of zeroing an element.
   *
   * @return p
   */
  public double p() {
    return p;
  }

  @Override
  public Variable forward(Variable x) {
    requireInput(x);
    if (!isTraining() || p == 0) {
      return x;
    }
    // A traceless pass draws from a generator of its own: the run's masks stay the run's.
    RandomGenerator draws = TracelessPass.draws(random);
    Tensor mask;
    synchronized (draws) {
      // Drawn and compared in float64, then converted: a float32 draw rounds [1 − 2⁻²⁵, 1) up to
      // 1, which then passed p = 1 (unscaled) and any p that float32 rounds to 1. The same draws
      // as before, so a seed drops the same elements wherever the rounding did not decide.
      mask = Tensors.rand(x.shape(), draws).ge(p).to(x.dtype());
    }
    // p = 1 zeroes everything (PyTorch does the same) rather than scaling by 1/0.
    return x.mul(Variable.constant(p == 1 ? mask : mask.mul(1 / (1 - p))));
  }

  @Override
  protected String describe() {
    return "Dropout(p=" + p + ")";
  }

  /** True: in evaluation the input passes through unchanged. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
