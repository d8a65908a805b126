package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Factories for tensors: constants, ranges, identity, one-hot, and random tensors. Each makes
 * FLOAT64 unless given a {@link DType}; the {@code ...Like} factories take the type (and shape) of
 * a tensor. Every random factory takes an explicit seed or {@link RandomGenerator}: chainrule has
 * no hidden global randomness, so the same seed always gives the same tensor, and a float32 tensor
 * holds the float64 tensor's values rounded to float.
 */
public final class Tensors {
  /**
   * The most elements HotSpot allocates in one array, 2³¹ − 3: a longer request is a VM error
   * ("Requested array size exceeds VM limit") that names no operation, so every size check of
   * the library, in core and in the readers that build tensors, is made against this.
   */
  public static final int LONGEST_ARRAY = Integer.MAX_VALUE - 2;

  private Tensors() {}

  /**
   * Zeros, float64.
   *
   * @param dims the size of each axis, outermost first; none for a scalar
   * @return a new tensor of that shape holding 0.0 everywhere
   * @throws IllegalArgumentException naming the dimensions when one is negative
   */
  public static Tensor zeros(int... dims) {
    return filled("zeros", Shape.of("zeros", dims), 0.0, DType.FLOAT64);
  }

  /**
   * Zeros, float64.
   *
   * @param shape the shape
   * @return a new tensor of that shape holding 0.0 everywhere
   */
  public static Tensor zeros(Shape shape) {
    return filled("zeros", shape, 0.0, DType.FLOAT64);
  }

  /**
   * Zeros of the given type.
   *
   * @param shape the shape
   * @param dtype the element type
   * @return a new tensor of that shape and type holding 0 everywhere
   */
  public static Tensor zeros(Shape shape, DType dtype) {
    return filled("zeros", shape, 0.0, dtype);
  }

  /**
   * Ones, float64.
   *
   * @param dims the size of each axis, outermost first; none for a scalar
   * @return a new tensor of that shape holding 1.0 everywhere
   * @throws IllegalArgumentException naming the dimensions when one is negative
   */
  public static Tensor ones(int... dims) {
    return filled("ones", Shape.of("ones", dims), 1.0, DType.FLOAT64);
  }

  /**
   * Ones, float64.
   *
   * @param shape the shape
   * @return a new tensor of that shape holding 1.0 everywhere
   */
  public static Tensor ones(Shape shape) {
    return filled("ones", shape, 1.0, DType.FLOAT64);
  }

  /**
   * Ones of the given type.
   *
   * @param shape the shape
   * @param dtype the element type
   * @return a new tensor of that shape and type holding 1 everywhere
   */
  public static Tensor ones(Shape shape, DType dtype) {
    return filled("ones", shape, 1.0, dtype);
  }

  /**
   * Every element equal to {@code value}, float64 (NumPy's {@code full}).
   *
   * @param shape the shape
   * @param value the value of every element; NaN and infinities are allowed
   * @return a new tensor
   */
  public static Tensor full(Shape shape, double value) {
    return full(shape, value, DType.FLOAT64);
  }

  /**
   * Every element equal to {@code value} (rounded to float for FLOAT32).
   *
   * @param shape the shape
   * @param value the value of every element; NaN and infinities are allowed
   * @param dtype the element type
   * @return a new tensor of that shape and type
   * @throws NullPointerException naming full when the shape or the type is null
   */
  public static Tensor full(Shape shape, double value, DType dtype) {
    return filled("full", shape, value, dtype);
  }

  private static Tensor filled(String op, Shape shape, double value, DType dtype) {
    checkNotNull(shape, "%s: shape is null", op);
    checkNotNull(dtype, "%s: dtype is null", op);
    requireAllocatable(op, shape);
    // A new array already holds +0.0, so only +0.0 itself may skip the fill; −0.0 compares
    // equal to 0 but is another value (1 / −0.0 is −∞), so the test is on the bits.
    boolean positiveZero = Double.doubleToRawLongBits(value) == 0L;
    if (dtype == DType.FLOAT32) {
      float[] data = new float[shape.size()];
      if (!positiveZero) {
        Arrays.fill(data, (float) value);
      }
      return new Tensor(shape, data);
    }
    double[] data = new double[shape.size()];
    if (!positiveZero) {
      Arrays.fill(data, value);
    }
    return new Tensor(shape, data);
  }

  /**
   * Zeros of the shape and type of {@code like} (PyTorch's {@code zeros_like}).
   *
   * @param like the tensor whose shape and type to copy; its values are not read
   * @return a new tensor
   */
  public static Tensor zerosLike(Tensor like) {
    checkNotNull(like, "zerosLike: tensor is null");
    return fullLike(like, 0.0);
  }

  /**
   * Ones of the shape and type of {@code like} (PyTorch's {@code ones_like}).
   *
   * @param like the tensor whose shape and type to copy; its values are not read
   * @return a new tensor
   */
  public static Tensor onesLike(Tensor like) {
    checkNotNull(like, "onesLike: tensor is null");
    return fullLike(like, 1.0);
  }

  /**
   * {@code value} everywhere, in the shape and type of {@code like}.
   *
   * @param like the tensor whose shape and type to copy; its values are not read
   * @param value the value of every element (rounded to float for a float32 {@code like})
   * @return a new tensor
   */
  public static Tensor fullLike(Tensor like, double value) {
    checkNotNull(like, "fullLike: tensor is null");
    return full(like.shape(), value, like.dtype());
  }

  /**
   * Unsigned bytes (0 to 255, as in image files) divided by {@code divisor}, in the given type and
   * shape: 255 gives pixels in [0, 1]. Each value is computed in float64 and rounded once, and the
   * tensor is built directly in its type, with no float64 copy of a float32 data set.
   *
   * @param bytes the data, row-major, each byte read as unsigned (0 to 255)
   * @param divisor what each byte is divided by: positive and finite (255 for [0, 1], 1 to keep
   *     the byte values)
   * @param dtype the element type of the result
   * @param shape the result's shape; its size must equal {@code bytes.length}
   * @return a new tensor
   * @throws IllegalArgumentException naming fromUnsignedBytes when the bytes do not fill the shape
   *     or the divisor is not positive and finite
   */
  public static Tensor fromUnsignedBytes(byte[] bytes, double divisor, DType dtype, Shape shape) {
    checkNotNull(bytes, "fromUnsignedBytes: bytes are null");
    checkNotNull(dtype, "fromUnsignedBytes: dtype is null");
    checkNotNull(shape, "fromUnsignedBytes: shape is null");
    // Asked first: size() of a shape past an int said "shape: ...", naming no factory.
    requireAllocatable("fromUnsignedBytes", shape);
    checkArgument(bytes.length == shape.size(),
        "fromUnsignedBytes: %s bytes do not fill shape %s (%s elements)", bytes.length, shape,
        shape.size());
    checkArgument(divisor > 0 && Double.isFinite(divisor),
        "fromUnsignedBytes: the divisor must be positive and finite, got %s", divisor);
    // Every element is written: a recycled array will do (a batch of images, every step).
    if (dtype == DType.FLOAT32) {
      float[] data = Recycling.bufferF32(bytes.length);
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) ((bytes[i] & 0xFF) / divisor);
      }
      return new Tensor(shape, data);
    }
    double[] data = Recycling.bufferF64(bytes.length);
    for (int i = 0; i < data.length; i++) {
      data[i] = (bytes[i] & 0xFF) / divisor;
    }
    return new Tensor(shape, data);
  }

  /**
   * {@code 0, 1, ...} up to but excluding {@code end}, float64 (NumPy's {@code arange(end)}).
   *
   * @param end the exclusive upper bound; finite; 0 or less gives an empty vector
   * @return a new rank-1 tensor of ⌈end⌉ elements (none when {@code end} ≤ 0)
   * @throws IllegalArgumentException naming arange when {@code end} is not finite
   */
  public static Tensor arange(double end) {
    return arange(0, end, 1);
  }

  /**
   * {@code start, start + step, ...} up to but excluding {@code end}, float64, as NumPy's arange:
   * element i is {@code start + i·step}, and there are ⌈(end − start) / step⌉ of them.
   *
   * @param start the first value; finite
   * @param end the exclusive bound; finite; a bound the step moves away from gives an empty vector
   * @param step the distance between values; finite and non-zero, negative to count down
   * @return a new rank-1 tensor
   * @throws IllegalArgumentException naming arange and the values when the step is 0 or a value
   *     is not finite, or there would be more elements than a Java array holds (2³¹ − 3)
   */
  public static Tensor arange(double start, double end, double step) {
    checkArgument(step != 0 && Double.isFinite(step), "arange: step must be finite and non-zero, got %s",
        step);
    checkArgument(Double.isFinite(start) && Double.isFinite(end),
        "arange: bounds must be finite, got %s and %s", start, end);
    double count = Math.ceil((end - start) / step);
    if (count > LONGEST_ARRAY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "arange: %s to %s"
          + " by %s makes %.0f elements, more than a Java array holds (%d)", start, end, step,
          count, LONGEST_ARRAY));
    }
    double[] data = new double[(int) Math.max(0, count)];
    for (int i = 0; i < data.length; i++) {
      data[i] = start + i * step;
    }
    return new Tensor(Shape.of(data.length), data);
  }

  /**
   * {@link #arange(double, double, double)} in {@code dtype}: each value computed in float64,
   * then rounded once to the type.
   *
   * @param start the first value; finite
   * @param end the exclusive bound; finite
   * @param step the distance between values; finite and non-zero
   * @param dtype the element type
   * @return a new rank-1 tensor of that type
   */
  public static Tensor arange(double start, double end, double step, DType dtype) {
    return arange(start, end, step).to(checkNotNull(dtype, "arange: dtype is null"));
  }

  /**
   * {@code count} evenly spaced values from {@code start} to {@code end}, both included, float64
   * (NumPy's {@code linspace}). The last value is exactly {@code end}.
   *
   * @param start the first value
   * @param end the last value; may be below {@code start} to count down
   * @param count how many values, at least 0; 1 gives just {@code start}
   * @return a new rank-1 tensor of {@code count} elements
   * @throws IllegalArgumentException naming linspace when {@code count} is negative or more than
   *     a Java array holds, or a bound is NaN or infinite
   */
  public static Tensor linspace(double start, double end, int count) {
    checkArgument(count >= 0, "linspace: count must not be negative, got %s", count);
    checkArgument(count <= LONGEST_ARRAY, "linspace: %s values are more than a Java array holds"
        + " (%s)", count, LONGEST_ARRAY);
    // A NaN or infinite bound made every value between them NaN (∞ − ∞), without a word.
    checkArgument(Double.isFinite(start) && Double.isFinite(end),
        "linspace: bounds must be finite, got %s and %s", start, end);
    double[] data = new double[count];
    double span = end - start;
    if (Double.isFinite(span)) {
      double step = count > 1 ? span / (count - 1) : 0;
      for (int i = 0; i < count; i++) {
        data[i] = start + i * step;
      }
    } else {
      // Finite bounds more than Double.MAX_VALUE apart (−1e308 to 1e308): their difference
      // overflows, and start + i·step gave NaN and ∞. Half the step is finite, and each half of
      // the values, counted from its own end, never reaches past the midpoint.
      double halfStep = count > 1 ? (end / 2 - start / 2) / (count - 1) : 0;
      for (int i = 0; i < count; i++) {
        data[i] = 2 * i < count ? start + i * halfStep * 2 : end - (count - 1 - i) * halfStep * 2;
      }
    }
    if (count > 1) {
      data[count - 1] = end;
    }
    return new Tensor(Shape.of(count), data);
  }

  /**
   * {@link #linspace(double, double, int)} in {@code dtype}: each value computed in float64,
   * then rounded once to the type.
   *
   * @param start the first value
   * @param end the last value
   * @param count how many values, at least 0
   * @param dtype the element type
   * @return a new rank-1 tensor of that type
   */
  public static Tensor linspace(double start, double end, int count, DType dtype) {
    return linspace(start, end, count).to(checkNotNull(dtype, "linspace: dtype is null"));
  }

  /**
   * The {@code n × n} identity matrix, float64.
   *
   * @param n the number of rows and columns, at least 0
   * @return a new tensor of shape [n, n] with 1 on the diagonal and 0 elsewhere
   * @throws IllegalArgumentException naming eye when {@code n} is negative
   */
  public static Tensor eye(int n) {
    checkArgument(n >= 0, "eye: size must not be negative, got %s", n);
    checkArgument((long) n * n <= Integer.MAX_VALUE,
        "eye: %s × %s has more than 2^31 - 1 elements", n, n);
    double[] data = new double[n * n];
    for (int i = 0; i < n; i++) {
      data[i * n + i] = 1.0;
    }
    return new Tensor(Shape.of(n, n), data);
  }

  /**
   * The {@code n × n} identity matrix in {@code dtype}.
   *
   * @param n the number of rows and columns, at least 0
   * @param dtype the element type
   * @return a new tensor of shape [n, n]
   */
  public static Tensor eye(int n, DType dtype) {
    return eye(n).to(checkNotNull(dtype, "eye: dtype is null"));
  }

  /**
   * Rows of zeros with a 1 at each class: shape {@code classes.shape() + [count]}. Classes are
   * whole numbers in {@code [0, count)}.
   *
   * @param classes class labels of any shape and type, stored as whole numbers
   * @param count the number of classes, positive
   * @return a new float64 tensor of shape {@code classes.shape() + [count]}
   * @throws IllegalArgumentException naming oneHot and the label when a label is not a whole
   *     number in [0, count), or when {@code count} is not positive
   */
  public static Tensor oneHot(Tensor classes, int count) {
    return Indexing.oneHot(classes, count);
  }

  /**
   * {@link #oneHot(Tensor, int)} in {@code dtype}, written in that type (no float64 rows first):
   * the rows a float32 model's cross-entropy compares its logits with.
   *
   * @param classes class labels of any shape and type, stored as whole numbers
   * @param count the number of classes, positive
   * @param dtype the element type
   * @return a new tensor of shape {@code classes.shape() + [count]}
   */
  public static Tensor oneHot(Tensor classes, int count, DType dtype) {
    return Indexing.oneHot(classes, count, checkNotNull(dtype, "oneHot: dtype is null"));
  }

  /**
   * One-hot rows for integer class labels.
   *
   * @param classes the labels, each in [0, count)
   * @param count the number of classes, positive
   * @return a new float64 tensor of shape {@code [classes.length, count]}
   * @throws IllegalArgumentException naming oneHot and the label when a label is out of range, or
   *     when {@code count} is not positive
   */
  public static Tensor oneHot(int[] classes, int count) {
    checkNotNull(classes, "oneHot: classes are null");
    return Indexing.oneHot(Tensor.vector(Arrays.stream(classes).asDoubleStream().toArray()), count);
  }

  /**
   * Uniform on [0, 1), float64 (PyTorch's {@code rand}).
   *
   * @param shape the shape
   * @param random the source of randomness, advanced by one draw per element
   * @return a new tensor
   */
  public static Tensor rand(Shape shape, RandomGenerator random) {
    return rand(shape, random, DType.FLOAT64);
  }

  /**
   * Uniform on [0, 1), of the given type.
   *
   * @param shape the shape
   * @param random the source of randomness, advanced by one draw per element
   * @param dtype the element type; float32 values may round up to 1
   * @return a new tensor
   */
  public static Tensor rand(Shape shape, RandomGenerator random, DType dtype) {
    // uniform(shape, 0, 1, ...)'s draws (0 + 1·u is u), under rand's own name in its errors.
    return fill("rand", shape, random, dtype, RandomGenerator::nextDouble);
  }

  /**
   * Uniform on [0, 1), float64, from a seed: the same seed always gives the same tensor.
   *
   * @param shape the shape
   * @param seed the seed of a fresh {@link #seeded(long)} generator
   * @return a new tensor
   */
  public static Tensor rand(Shape shape, long seed) {
    return rand(shape, seeded(seed));
  }

  /**
   * {@link #rand(Shape, long)} in {@code dtype}: the same draws, each rounded to the type.
   *
   * @param shape the shape
   * @param seed the seed
   * @param dtype the element type
   * @return a new tensor
   */
  public static Tensor rand(Shape shape, long seed, DType dtype) {
    return rand(shape, seeded(seed), dtype);
  }

  /**
   * Standard normal (mean 0, standard deviation 1), float64 (PyTorch's {@code randn}).
   *
   * @param shape the shape
   * @param random the source of randomness
   * @return a new tensor
   */
  public static Tensor randn(Shape shape, RandomGenerator random) {
    return randn(shape, random, DType.FLOAT64);
  }

  /**
   * Standard normal (mean 0, standard deviation 1), of the given type.
   *
   * @param shape the shape
   * @param random the source of randomness
   * @param dtype the element type
   * @return a new tensor
   */
  public static Tensor randn(Shape shape, RandomGenerator random, DType dtype) {
    // normal(shape, 0, 1, ...)'s draws (0 + 1·g is g), under randn's own name in its errors.
    return fill("randn", shape, random, dtype, RandomGenerator::nextGaussian);
  }

  /**
   * Standard normal, float64, from a seed: the same seed always gives the same tensor.
   *
   * @param shape the shape
   * @param seed the seed of a fresh {@link #seeded(long)} generator
   * @return a new tensor
   */
  public static Tensor randn(Shape shape, long seed) {
    return randn(shape, seeded(seed));
  }

  /**
   * {@link #randn(Shape, long)} in {@code dtype}: the same draws, each rounded to the type.
   *
   * @param shape the shape
   * @param seed the seed
   * @param dtype the element type
   * @return a new tensor
   */
  public static Tensor randn(Shape shape, long seed, DType dtype) {
    return randn(shape, seeded(seed), dtype);
  }

  /**
   * Uniform on [low, high), float64.
   *
   * @param shape the shape
   * @param low the inclusive lower bound
   * @param high the exclusive upper bound, above {@code low}
   * @param random the source of randomness, advanced by one draw per element
   * @return a new tensor
   * @throws IllegalArgumentException naming uniform and the bounds unless low &lt; high with a
   *     finite difference
   */
  public static Tensor uniform(Shape shape, double low, double high, RandomGenerator random) {
    return uniform(shape, low, high, random, DType.FLOAT64);
  }

  /**
   * Uniform on [low, high), of the given type (float32 values may round up to {@code high}).
   *
   * @param shape the shape
   * @param low the inclusive lower bound
   * @param high the exclusive upper bound, above {@code low}
   * @param random the source of randomness, advanced by one draw per element
   * @param dtype the element type
   * @return a new tensor
   * @throws IllegalArgumentException naming uniform and the bounds unless low &lt; high with a
   *     finite difference
   */
  public static Tensor uniform(Shape shape, double low, double high, RandomGenerator random,
      DType dtype) {
    checkArgument(low < high && Double.isFinite(high - low),
        "uniform: need finite low < high, got [%s, %s)", low, high);
    return fill("uniform", shape, random, dtype, r -> low + (high - low) * r.nextDouble());
  }

  /**
   * Uniform on [low, high), float64, from a seed: the same seed always gives the same tensor.
   *
   * @param shape the shape
   * @param low the inclusive lower bound
   * @param high the exclusive upper bound, above {@code low}
   * @param seed the seed of a fresh {@link #seeded(long)} generator
   * @return a new tensor
   * @throws IllegalArgumentException naming uniform and the bounds unless low &lt; high with a
   *     finite difference
   */
  public static Tensor uniform(Shape shape, double low, double high, long seed) {
    return uniform(shape, low, high, seeded(seed));
  }

  /**
   * {@link #uniform(Shape, double, double, long)} in {@code dtype}: the same draws, each rounded
   * to the type.
   *
   * @param shape the shape
   * @param low the lower bound
   * @param high the upper bound
   * @param seed the seed
   * @param dtype the element type
   * @return a new tensor
   */
  public static Tensor uniform(Shape shape, double low, double high, long seed, DType dtype) {
    return uniform(shape, low, high, seeded(seed), dtype);
  }

  /**
   * Normal with the given mean and standard deviation, float64.
   *
   * @param shape the shape
   * @param mean the mean μ, finite
   * @param std the standard deviation σ, finite and at least 0 (0 gives μ everywhere)
   * @param random the source of randomness
   * @return a new tensor
   * @throws IllegalArgumentException naming normal, the mean and the deviation when either is not
   *     finite or σ is negative
   */
  public static Tensor normal(Shape shape, double mean, double std, RandomGenerator random) {
    return normal(shape, mean, std, random, DType.FLOAT64);
  }

  /**
   * Normal with the given mean and standard deviation, of the given type.
   *
   * @param shape the shape
   * @param mean the mean μ, finite
   * @param std the standard deviation σ, finite and at least 0 (0 gives μ everywhere)
   * @param random the source of randomness
   * @param dtype the element type
   * @return a new tensor
   * @throws IllegalArgumentException naming normal, the mean and the deviation when either is not
   *     finite or σ is negative
   */
  public static Tensor normal(Shape shape, double mean, double std, RandomGenerator random,
      DType dtype) {
    checkArgument(std >= 0 && Double.isFinite(std) && Double.isFinite(mean),
        "normal: need finite mean and std >= 0, got mean %s, std %s", mean, std);
    return fill("normal", shape, random, dtype, r -> mean + std * r.nextGaussian());
  }

  /**
   * Normal with the given mean and standard deviation, float64, from a seed: the same seed always
   * gives the same tensor.
   *
   * @param shape the shape
   * @param mean the mean μ, finite
   * @param std the standard deviation σ, finite and at least 0
   * @param seed the seed of a fresh {@link #seeded(long)} generator
   * @return a new tensor
   * @throws IllegalArgumentException naming normal, the mean and the deviation when either is not
   *     finite or σ is negative
   */
  public static Tensor normal(Shape shape, double mean, double std, long seed) {
    return normal(shape, mean, std, seeded(seed));
  }

  /**
   * {@link #normal(Shape, double, double, long)} in {@code dtype}: the same draws, each rounded
   * to the type.
   *
   * @param shape the shape
   * @param mean the mean
   * @param std the standard deviation
   * @param seed the seed
   * @param dtype the element type
   * @return a new tensor
   */
  public static Tensor normal(Shape shape, double mean, double std, long seed, DType dtype) {
    return normal(shape, mean, std, seeded(seed), dtype);
  }

  /**
   * The generator the seeded factories use, for callers that want a stream of tensors:
   * {@code rand(shape, seed)} equals {@code rand(shape, seeded(seed))}.
   *
   * @param seed the seed
   * @return a new {@link SplittableRandom}, whose sequence depends only on the seed
   */
  public static RandomGenerator seeded(long seed) {
    return new SplittableRandom(seed);
  }

  /**
   * Refuses a shape of more elements than a Java array holds: its size fits an int (2^31 − 1),
   * and the VM's largest array is two shorter, which ended in an OutOfMemoryError naming no op.
   */
  static void requireAllocatable(String op, Shape shape) {
    if (!shape.hasIntSize()) {
      // Asked before size(), whose own message ("shape: ...") named no operation.
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s has more than"
          + " 2^31 - 1 elements, more than a Java array holds (%d)", op, shape, LONGEST_ARRAY));
    }
    int size = shape.size();
    if (size > LONGEST_ARRAY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s holds %d elements,"
          + " more than a Java array holds (%d)", op, shape, size, LONGEST_ARRAY));
    }
  }

  private interface Sampler {
    double next(RandomGenerator random);
  }

  private static Tensor fill(String op, Shape shape, RandomGenerator random, DType dtype,
      Sampler sampler) {
    checkNotNull(shape, "%s: shape is null", op);
    checkNotNull(random, "%s: generator is null", op);
    checkNotNull(dtype, "%s: dtype is null", op);
    requireAllocatable(op, shape);
    if (dtype == DType.FLOAT32) {
      float[] data = new float[shape.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) sampler.next(random);
      }
      return new Tensor(shape, data);
    }
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = sampler.next(random);
    }
    return new Tensor(shape, data);
  }
}
