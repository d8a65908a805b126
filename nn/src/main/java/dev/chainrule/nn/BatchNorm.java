package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Moments;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;

/**
 * Batch normalization over channel axis 1, PyTorch's {@code _BatchNorm}; {@link BatchNorm1d} and
 * {@link BatchNorm2d} say which input ranks it takes, and {@link BatchNormBuilder} its options. In
 * training mode each channel is standardized with its batch statistics (over the batch and any
 * spatial axes, population variance), then scaled by {@code weight} and shifted by {@code bias};
 * the running statistics move towards the batch's: r ← (1 − momentum)·r + momentum·s, with the
 * unbiased variance for {@code running_var}, exactly as PyTorch updates them, or with a cumulative
 * average momentum 1/n for the n-th batch (PyTorch's {@code momentum=None}). In evaluation mode
 * the running statistics are used instead; a layer built without them (PyTorch's {@code
 * track_running_stats=False}) uses the batch's in both modes. Parameters {@code weight} and
 * {@code bias} and buffers {@code running_mean}, {@code running_var} and {@code
 * num_batches_tracked} carry PyTorch's names, and a layer has exactly those PyTorch's has.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
  /** PyTorch's default ε, added to the variance. */
  public static final double DEFAULT_EPS = 1e-5;
  /** PyTorch's default momentum of the running statistics. */
  public static final double DEFAULT_MOMENTUM = 0.1;
  private static final String RUNNING_MEAN = "running_mean";
  private static final String RUNNING_VAR = "running_var";
  private static final String BATCHES_TRACKED = "num_batches_tracked";

  private final int features;
  private final double eps;
  /** NaN for a cumulative average or without running statistics. */
  private final double momentum;
  private final boolean cumulativeAverage;
  private final boolean runningStatistics;
  private final Variable weight;
  private final Variable bias;

  /** The builder checked eps, momentum and how they combine (at eps 0, 0/0 for equal values). */
  BatchNorm(BatchNormBuilder<?> options) {
    this.features = options.features();
    this.eps = options.epsValue();
    this.momentum = options.momentumValue();
    this.cumulativeAverage = options.isCumulativeAverage();
    this.runningStatistics = options.keepsRunningStatistics();
    this.weight = options.isAffine() ? registerParameter("weight", Tensors.ones(features)) : null;
    this.bias = options.isAffine() ? registerParameter("bias", Tensors.zeros(features)) : null;
    // None registered at all without running statistics, as PyTorch registers them as None: the
    // state dict then has PyTorch's names and no others, and a file with them is refused.
    if (runningStatistics) {
      registerBuffer(RUNNING_MEAN, Tensors.zeros(features));
      registerBuffer(RUNNING_VAR, Tensors.ones(features));
      registerCounter(BATCHES_TRACKED);
    }
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
    // (a float32 normalization given float64 data ran in float64 without a word). With neither,
    // the layer holds no tensor and computes in the input's type, as an activation does.
    if (weight != null) {
      requireSameType(x, weight);
    } else if (runningStatistics) {
      requireSameType(x, buffer(RUNNING_MEAN).dtype(), "the running statistics");
    }
    int[] axes = statisticsAxes(x.rank());
    Shape channel = channelShape(x.rank());
    if (!isTraining() && runningStatistics) {
      // PyTorch's evaluation form: one scale and one shift per channel.
      Tensor inverse = buffer(RUNNING_VAR).add(eps).sqrt().reciprocal().to(x.dtype());
      // A copy: the graph keeps it, and training updates the buffer in place.
      Tensor mean = buffer(RUNNING_MEAN).to(x.dtype()).copy();
      Variable scale = weight == null ? Variable.constant(inverse) : weight.mul(
          Variable.constant(inverse));
      Variable shift = scale.mul(Variable.constant(mean)).neg();
      shift = bias == null ? shift : shift.add(bias);
      return x.mul(scale.reshape(channel)).add(shift.reshape(channel));
    }
    int count = x.shape().size() / features;
    if (count == 1) {
      // One value has no spread to normalize by (PyTorch refuses it too).
      throw isTraining() ? badInput("a batch of %s has one value per channel; training needs more"
          + " than one (as in PyTorch)", x.shape())
          : badInput("a batch of %s has one value per channel; without running statistics"
              + " evaluation normalizes with the batch's too, and needs more than one (as in"
              + " PyTorch)", x.shape());
    }
    // Here the layer is training, or keeps no statistics to update.
    Variable y;
    if (count == 0) {
      // An empty batch (the last of a split, say) has no statistics: the running ones stay, the
      // counter counts it, and the output is empty, as PyTorch's.
      if (runningStatistics) {
        try (Autograd.Scope scope = Autograd.noGrad()) {
          countBatch();
        }
      }
      y = x;
    } else {
      // The running statistics from the standardization's own mean and variance sums: taking
      // them apart read the batch six more times (a third of a training forward's time).
      y = runningStatistics ? x.standardize(axes, eps, this::updateRunningStatistics)
          : x.standardize(axes, eps);
    }
    return weight == null ? y : y.mul(weight.reshape(channel)).add(bias.reshape(channel));
  }

  /** Counts a training batch and returns how many there have been, this one included. */
  private double countBatch() {
    Tensor counted = buffer(BATCHES_TRACKED).add(1);
    setBuffer(BATCHES_TRACKED, counted);
    return counted.item();
  }

  /** Moves the running statistics towards the batch's, as x.mean and x.variance give them. */
  private void updateRunningStatistics(Moments batch) {
    try (Autograd.Scope scope = Autograd.noGrad()) {
      Tensor mean = batch.mean().reshape(features);
      Tensor unbiased = batch.variance(true).reshape(features);
      // PyTorch counts first, then weighs the cumulative average by 1 / the count, so the first
      // batch's statistics replace the initial 0 and 1 whole.
      double batches = countBatch();
      double factor = cumulativeAverage ? 1 / batches : momentum;
      setBuffer(RUNNING_MEAN, blend(buffer(RUNNING_MEAN), mean, factor));
      setBuffer(RUNNING_VAR, blend(buffer(RUNNING_VAR), unbiased, factor));
    }
  }

  /** PyTorch's order of operations: (1 − f)·r + f·s. */
  private static Tensor blend(Tensor running, Tensor batch, double factor) {
    return running.mul(1 - factor).add(batch.to(running.dtype()).mul(factor));
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
   * The weight of a batch's statistics in each update of the running ones.
   *
   * @return momentum
   * @throws IllegalStateException for a cumulative average, or without running statistics:
   *     PyTorch's {@code momentum=None}, or a momentum that weighs nothing
   */
  public double momentum() {
    if (Double.isNaN(momentum)) {
      throw new IllegalStateException(describe() + ": has no momentum, " + (cumulativeAverage
          ? "its running statistics are a cumulative average, the n-th batch weighted 1/n"
          : "it keeps no running statistics"));
    }
    return momentum;
  }

  /**
   * Whether the running statistics are the plain average of all training batches so far
   * (PyTorch's {@code momentum=None}) rather than an exponential one.
   *
   * @return whether it keeps a cumulative average
   */
  public boolean cumulativeAverage() {
    return cumulativeAverage;
  }

  /**
   * Whether the layer keeps running statistics (PyTorch's {@code track_running_stats}); without
   * them it normalizes with the batch's statistics in evaluation mode too.
   *
   * @return whether it has running_mean, running_var and num_batches_tracked
   */
  public boolean tracksRunningStatistics() {
    return runningStatistics;
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
   * @throws IllegalStateException when the layer keeps no running statistics
   */
  public Tensor runningMean() {
    return runningStatistic(RUNNING_MEAN).copy();
  }

  /**
   * The running unbiased variance per channel (a copy).
   *
   * @return running_var
   * @throws IllegalStateException when the layer keeps no running statistics
   */
  public Tensor runningVar() {
    return runningStatistic(RUNNING_VAR).copy();
  }

  /**
   * Training batches seen so far.
   *
   * @return num_batches_tracked
   * @throws IllegalStateException when the layer keeps no running statistics
   */
  public long batchesTracked() {
    return (long) runningStatistic(BATCHES_TRACKED).item();
  }

  private Tensor runningStatistic(String name) {
    if (!runningStatistics) {
      throw new IllegalStateException(describe() + ": has no " + name + ": it keeps no running"
          + " statistics (trackRunningStatistics(false))");
    }
    return buffer(name);
  }

  /**
   * Row by row in evaluation only with running statistics: without them the layer normalizes
   * with the batch's statistics in evaluation too, so a row's output depends on the rest of the
   * batch (and a part of one row is refused), as PyTorch's {@code track_running_stats=False}.
   */
  @Override
  protected boolean evaluatesRowsAlone() {
    return runningStatistics;
  }

  @Override
  protected String describe() {
    return kind() + "(" + features + (eps == DEFAULT_EPS ? "" : ", eps " + eps)
        + (cumulativeAverage ? ", cumulative average" : "")
        + (runningStatistics && !cumulativeAverage && momentum != DEFAULT_MOMENTUM
            ? ", momentum " + momentum : "")
        + (weight == null ? ", no affine" : "")
        + (runningStatistics ? "" : ", no running statistics") + ")";
  }
}
