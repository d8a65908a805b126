package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.random.RandomGenerator;

/**
 * Random inputs for gradient checks: small shapes in which rank 0 and size-1 axes are common,
 * shapes that broadcast together, and values kept away from kinks and poles so that finite
 * differences are trustworthy. A user's own {@link OpSpec} samples with these, so each refuses
 * what it cannot draw by name (a rank range upside down, a negative count, no index to draw)
 * rather than with the generator's or the array's own exception.
 */
public final class Inputs {
  private Inputs() {}

  /** Where values may lie. */
  public enum Domain {
    /** Uniform on [−2, 2]: for smooth functions. */
    ANY,
    /** Uniform on [0.3, 3]: for log, sqrt, and bases of powers. */
    POSITIVE,
    /** |x| uniform on [0.3, 2] with a random sign: for kinks at 0 (abs, relu) and poles (1/x). */
    AWAY_FROM_ZERO
  }

  /**
   * A shape of rank 0 to 3 with dimensions 1 to 3.
   *
   * @param random the generator to draw from
   * @return a random shape
   */
  public static Shape shape(RandomGenerator random) {
    return shape(random, 0, 3);
  }

  /**
   * A shape of rank {@code [minRank, maxRank]} with dimensions 1 to 3.
   *
   * @param random the generator to draw from
   * @param minRank the smallest rank
   * @param maxRank the largest rank
   * @return a random shape
   * @throws IllegalArgumentException naming Inputs.shape and the ranks unless 0 ≤ minRank ≤
   *     maxRank
   */
  public static Shape shape(RandomGenerator random, int minRank, int maxRank) {
    checkNotNull(random, "Inputs.shape: random is null");
    checkArgument(0 <= minRank && minRank <= maxRank && maxRank < Integer.MAX_VALUE,
        "Inputs.shape: need 0 <= minRank <= maxRank, got ranks %s to %s", minRank, maxRank);
    int[] dims = new int[random.nextInt(minRank, maxRank + 1)];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = random.nextInt(1, 4);
    }
    return Shape.of(dims);
  }

  /**
   * Shapes that broadcast together: each is the same shape with some leading axes dropped and
   * some axes shrunk to 1.
   *
   * @param random the generator to draw from
   * @param count how many shapes
   * @return shapes that broadcast together
   * @throws IllegalArgumentException naming Inputs.broadcastingShapes and the count when it is
   *     negative
   */
  public static Shape[] broadcastingShapes(RandomGenerator random, int count) {
    checkNotNull(random, "Inputs.broadcastingShapes: random is null");
    checkArgument(count >= 0, "Inputs.broadcastingShapes: count must not be negative, got %s",
        count);
    Shape full = shape(random);
    Shape[] shapes = new Shape[count];
    for (int s = 0; s < count; s++) {
      shapes[s] = derived(random, full);
    }
    return shapes;
  }

  /**
   * {@code full} with a random number of leading axes dropped and each axis shrunk to 1 w.p. ⅓.
   *
   * @param random the generator to draw from
   * @param full the shape to derive from
   * @return a shape that broadcasts to {@code full}
   */
  public static Shape derived(RandomGenerator random, Shape full) {
    checkNotNull(random, "Inputs.derived: random is null");
    checkNotNull(full, "Inputs.derived: shape is null");
    int drop = random.nextInt(0, full.rank() + 1);
    int[] dims = new int[full.rank() - drop];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = random.nextInt(3) == 0 ? 1 : full.dim(i + drop);
    }
    return Shape.of(dims);
  }

  /**
   * Values of the given shape drawn from a domain.
   *
   * @param random the generator to draw from
   * @param shape the shape
   * @param domain where the values may lie (away from kinks and poles)
   * @return random values in the domain
   */
  public static Tensor values(RandomGenerator random, Shape shape, Domain domain) {
    checkNotNull(random, "Inputs.values: random is null");
    checkNotNull(shape, "Inputs.values: shape is null");
    checkNotNull(domain, "Inputs.values: domain is null");
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = switch (domain) {
        case ANY -> random.nextDouble(-2, 2);
        case POSITIVE -> random.nextDouble(0.3, 3);
        case AWAY_FROM_ZERO -> random.nextDouble(0.3, 2) * (random.nextBoolean() ? 1 : -1);
      };
    }
    return Tensor.of(data, shape.dims());
  }

  /**
   * Values at least 3/n − 0.05 apart from each other (a shuffled grid on [−1.5, 1.5) with jitter
   * below 0.05; 0.06 for the 27 values of a [3, 3, 3] shape), for max, min and anything else
   * that is not differentiable at a tie.
   *
   * @param random the generator to draw from
   * @param shape the shape
   * @return values of {@code shape} that differ pairwise (no ties)
   */
  public static Tensor distinct(RandomGenerator random, Shape shape) {
    checkNotNull(random, "Inputs.distinct: random is null");
    checkNotNull(shape, "Inputs.distinct: shape is null");
    int n = shape.size();
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = -1.5 + 3.0 * i / Math.max(1, n) + random.nextDouble(0, 0.05);
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = data[i];
      data[i] = data[j];
      data[j] = t;
    }
    return Tensor.of(data, shape.dims());
  }

  /**
   * Whole-number indices in {@code [0, bound)}, stored as doubles as chainrule indices are.
   *
   * @param random the generator to draw from
   * @param shape the shape
   * @param bound indices are drawn from [0, bound)
   * @return whole numbers in [0, bound)
   * @throws IllegalArgumentException naming Inputs.indices and the bound when it is not positive
   */
  public static Tensor indices(RandomGenerator random, Shape shape, int bound) {
    checkNotNull(random, "Inputs.indices: random is null");
    checkNotNull(shape, "Inputs.indices: shape is null");
    checkArgument(bound > 0, "Inputs.indices: bound must be positive (indices are drawn from"
        + " [0, bound)), got %s", bound);
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextInt(bound);
    }
    return Tensor.of(data, shape.dims());
  }

  /**
   * A random subset of the axes of a shape, some given as negative axes; may be empty.
   *
   * @param random the generator to draw from
   * @param shape the shape
   * @return distinct axes of the shape, in increasing order
   */
  public static int[] axes(RandomGenerator random, Shape shape) {
    checkNotNull(random, "Inputs.axes: random is null");
    checkNotNull(shape, "Inputs.axes: shape is null");
    return subset(random, shape.rank());
  }

  /**
   * Axes for a reduction: {@link #axes}, and for a rank-0 shape none, 0 or −1, which the built-in
   * reductions take as PyTorch does (its one element a group of its own).
   *
   * @param random the generator to draw from
   * @param shape the shape
   * @return distinct axes of the shape, in increasing order; for rank 0 none (half the time), {0}
   *     or {−1}
   */
  public static int[] reducedAxes(RandomGenerator random, Shape shape) {
    checkNotNull(random, "Inputs.reducedAxes: random is null");
    checkNotNull(shape, "Inputs.reducedAxes: shape is null");
    return subset(random, Math.max(1, shape.rank()));  // rank 0: as if its one element an axis
  }

  /** Each of {@code rank} axes with probability ½, given as negative with probability ½. */
  private static int[] subset(RandomGenerator random, int rank) {
    return java.util.stream.IntStream.range(0, rank)
        .filter(axis -> random.nextBoolean())
        .map(axis -> random.nextBoolean() ? axis : axis - rank)
        .toArray();
  }

  /**
   * One axis to reduce or normalize along (a softmax's, say): in [−rank, rank), negative half the
   * time; for a rank-0 shape 0 or −1, which the built-in reductions and softmaxes take as PyTorch
   * does (as do transpose, squeeze and the indexing ops, whose samplers draw it for rank 0).
   *
   * @param random the generator to draw from
   * @param shape the shape
   * @return an axis of the shape, or 0 or −1 for rank 0
   */
  public static int reducedAxis(RandomGenerator random, Shape shape) {
    checkNotNull(random, "Inputs.reducedAxis: random is null");
    checkNotNull(shape, "Inputs.reducedAxis: shape is null");
    int rank = Math.max(1, shape.rank());  // rank 0: the axis 0 or −1 of its one element
    int axis = random.nextInt(rank);
    return random.nextBoolean() ? axis : axis - rank;
  }
}
