package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;

/**
 * Batch normalization over channel axis 1, PyTorch's {@code _BatchNorm}; {@link BatchNorm1d} and
 * {@link BatchNorm2d} say which input ranks it takes. In training mode each channel is
 * standardized with its batch statistics (over the batch and any spatial axes, population
 * variance), then scaled by {@code weight} and shifted by {@code bias}; the running statistics
 * move towards the batch's: r ← (1 − momentum)·r + momentum·s, with the unbiased variance for
 * {@code running_var}, exactly as PyTorch updates them. In evaluation mode the running statistics
 * are used instead. Parameters {@code weight} and {@code bias} and buffers {@code running_mean},
 * {@code running_var} and {@code num_batches_tracked} carry PyTorch's names.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
  /** PyTorch's default ε, added to the variance. */
  public static final double DEFAULT_EPS = 1e-5;
  /** PyTorch's default momentum of the running statistics. */
  public static final double DEFAULT_MOMENTUM = 0.1;

  private final int features;
  private final double eps;
  private final double momentum;
  private final Variable weight;
  private final Variable bias;

  BatchNorm(int features, double eps, double momentum, boolean affine) {
    checkArgument(features > 0, "%s: features must be positive, got %s", kind(), features);
    // At eps 0 a channel whose batch values are all equal (variance 0) normalizes to 0/0: NaN
    // outputs and gradients, where PyTorch quietly answers 0.
    checkArgument(eps > 0 && Double.isFinite(eps), "%s: eps must be finite and positive, got %s"
        + " (a channel of equal values has variance 0, and x̂ = 0/√(0 + eps))", kind(), eps);
    checkArgument(momentum >= 0 && momentum <= 1, "%s: momentum must lie in [0, 1], got %s",
        kind(), momentum);
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? registerParameter("weight", Tensors.ones(features)) : null;
    this.bias = affine ? registerParameter("bias", Tensors.zeros(features)) : null;
    registerBuffer("running_mean", Tensors.zeros(features));
    registerBuffer("running_var", Tensors.ones(features));
    registerCounter("num_batches_tracked");
  }

  /** "BatchNorm1d" or "BatchNorm2d", for messages. */
  abstract String kind();

  /** Whether the layer takes an input of this rank. */
  abstract boolean takesRank(int rank);

  /** The input shapes it takes, for messages: "[batch, C] or [batch, C, length]". */
  abstract String expectedShapes();

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "%s: input is null", kind());
    if (!(takesRank(x.rank()) && x.shape().dim(1) == features)) {
      throw badInput("input %s should be %s", x.shape(),
          expectedShapes().replace("C", Integer.toString(features)));
    }
    // The running statistics' type: with affine parameters theirs too, without, the only one
    // (a float32 normalization given float64 data ran in float64 without a word).
    if (weight != null) {
      requireSameType(x, weight);
    } else {
      requireSameType(x, buffer("running_mean").dtype(), "the running statistics");
    }
    int[] axes = statisticsAxes(x.rank());
    Shape channel = channelShape(x.rank());
    if (!isTraining()) {
      // PyTorch's evaluation form: one scale and one shift per channel.
      Tensor inverse = buffer("running_var").add(eps).sqrt().reciprocal().to(x.dtype());
      // A copy: the graph keeps it, and training updates the buffer in place.
      Tensor mean = buffer("running_mean").to(x.dtype()).copy();
      Variable scale = weight == null ? Variable.constant(inverse) : weight.mul(
          Variable.constant(inverse));
      Variable shift = scale.mul(Variable.constant(mean)).neg();
      shift = bias == null ? shift : shift.add(bias);
      return x.mul(scale.reshape(channel)).add(shift.reshape(channel));
    }
    int count = x.shape().size() / features;
    if (count == 1) {
      // One value has no spread to normalize by (PyTorch refuses it too).
      throw badInput("a batch of %s has one value per channel; training needs more than one (as"
          + " in PyTorch)", x.shape());
    }
    Variable y;
    if (count == 0) {
      // An empty batch (the last of a split, say) has no statistics: the running ones stay, the
      // counter counts it, and the output is empty, as PyTorch's.
      try (Autograd.Scope scope = Autograd.noGrad()) {
        setBuffer("num_batches_tracked", buffer("num_batches_tracked").add(1));
      }
      y = x;
    } else {
      updateRunningStatistics(x.value(), axes, count);
      y = x.standardize(axes, eps);
    }
    return weight == null ? y : y.mul(weight.reshape(channel)).add(bias.reshape(channel));
  }

  private void updateRunningStatistics(Tensor x, int[] axes, int count) {
    try (Autograd.Scope scope = Autograd.noGrad()) {
      Tensor mean = x.mean(axes, false);
      Tensor unbiased = x.variance(axes, false, true);
      setBuffer("running_mean", blend(buffer("running_mean"), mean));
      setBuffer("running_var", blend(buffer("running_var"), unbiased));
      setBuffer("num_batches_tracked", buffer("num_batches_tracked").add(1));
    }
  }

  private Tensor blend(Tensor running, Tensor batch) {
    return running.mul(1 - momentum).add(batch.to(running.dtype()).mul(momentum));
  }

  /** Every axis but the channels. */
  private static int[] statisticsAxes(int rank) {
    int[] axes = new int[rank - 1];
    axes[0] = 0;
    for (int a = 2; a < rank; a++) {
      axes[a - 1] = a;
    }
    return axes;
  }

  private Shape channelShape(int rank) {
    int[] dims = new int[rank - 1];
    Arrays.fill(dims, 1);
    dims[0] = features;
    return Shape.of(dims);
  }

  /**
   * The channels normalized.
   *
   * @return the number of features (channels)
   */
  public int features() {
    return features;
  }

  /**
   * ε, added to the variance.
   *
   * @return eps
   */
  public double eps() {
    return eps;
  }

  /**
   * The weight of the batch's statistics in each update of the running ones.
   *
   * @return momentum
   */
  public double momentum() {
    return momentum;
  }

  /**
   * Whether the layer has {@code weight} and {@code bias}.
   *
   * @return whether it is affine
   */
  public boolean affine() {
    return weight != null;
  }

  /**
   * The running mean per channel (a copy).
   *
   * @return running_mean
   */
  public Tensor runningMean() {
    return buffer("running_mean").copy();
  }

  /**
   * The running unbiased variance per channel (a copy).
   *
   * @return running_var
   */
  public Tensor runningVar() {
    return buffer("running_var").copy();
  }

  /**
   * Training batches seen so far.
   *
   * @return num_batches_tracked
   */
  public long batchesTracked() {
    return (long) buffer("num_batches_tracked").item();
  }

  @Override
  protected String describe() {
    return kind() + "(" + features + (eps == DEFAULT_EPS ? "" : ", eps " + eps)
        + (momentum == DEFAULT_MOMENTUM ? "" : ", momentum " + momentum)
        + (weight == null ? ", no affine" : "") + ")";
  }
}
