package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Factories for tensors: constants, ranges, identity, one-hot, and random tensors. Each makes
 * FLOAT64 unless given a {@link DType}; the {@code ...Like} factories take the type (and shape) of
 * a tensor. Every random factory takes an explicit seed or {@link RandomGenerator}: chainrule has
 * no hidden global randomness, so the same seed always gives the same tensor, and a float32 tensor
 * holds the float64 tensor's values rounded to float. Also the join of a list of tensors, {@link
 * #concat} and {@link #stack}, in the widest of their types.
 */
public final class Tensors {
  /**
   * The most elements HotSpot allocates in one array, 2³¹ − 3: a longer request is a VM error
   * ("Requested array size exceeds VM limit") that names no operation, so every size check of
   * the library, in core and in the readers that build tensors, is made against this.
   */
  public static final int LONGEST_ARRAY = Integer.MAX_VALUE - 2;

  private Tensors() {}

  // The public face and its Javadoc: each body is a line or two into FilledTensors, RangeTensors,
  // RandomTensors or Indexing, one concern each, so their checks and loops read without the
  // docs between them.

  /**
   * Zeros, float64.
   *
   * @param dims the size of each axis, outermost first; none for a scalar
   * @return a new tensor of that shape holding 0.0 everywhere
   * @throws IllegalArgumentException naming the dimensions when one is negative
   */
  public static Tensor zeros(int... dims) {
    return FilledTensors.filled("zeros", Shape.of("zeros", dims), 0.0, DType.FLOAT64);
  }

  /**
   * Zeros, float64.
   *
   * @param shape the shape
   * @return a new tensor of that shape holding 0.0 everywhere
   */
  public static Tensor zeros(Shape shape) {
    return FilledTensors.filled("zeros", shape, 0.0, DType.FLOAT64);
  }

  /**
   * Zeros of the given type.
   *
   * @param shape the shape
   * @param dtype the element type
   * @return a new tensor of that shape and type holding 0 everywhere
   */
  public static Tensor zeros(Shape shape, DType dtype) {
    return FilledTensors.filled("zeros", shape, 0.0, dtype);
  }

  /**
   * Ones, float64.
   *
   * @param dims the size of each axis, outermost first; none for a scalar
   * @return a new tensor of that shape holding 1.0 everywhere
   * @throws IllegalArgumentException naming the dimensions when one is negative
   */
  public static Tensor ones(int... dims) {
    return FilledTensors.filled("ones", Shape.of("ones", dims), 1.0, DType.FLOAT64);
  }

  /**
   * Ones, float64.
   *
   * @param shape the shape
   * @return a new tensor of that shape holding 1.0 everywhere
   */
  public static Tensor ones(Shape shape) {
    return FilledTensors.filled("ones", shape, 1.0, DType.FLOAT64);
  }

  /**
   * Ones of the given type.
   *
   * @param shape the shape
   * @param dtype the element type
   * @return a new tensor of that shape and type holding 1 everywhere
   */
  public static Tensor ones(Shape shape, DType dtype) {
    return FilledTensors.filled("ones", shape, 1.0, dtype);
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
   * @throws IllegalArgumentException naming full and the value when it is finite and float32
   *     would round it to an infinity (beyond ±{@link Float#MAX_VALUE}), as PyTorch refuses it
   */
  public static Tensor full(Shape shape, double value, DType dtype) {
    return FilledTensors.filled("full", shape, value, dtype);
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
   * @param value the value of every element (rounded to float for a float32 {@code like}); NaN and
   *     infinities are allowed
   * @return a new tensor
   * @throws IllegalArgumentException naming fullLike and the value when {@code like} is float32
   *     and the value is finite but beyond ±{@link Float#MAX_VALUE}, where it would round to an
   *     infinity
   */
  public static Tensor fullLike(Tensor like, double value) {
    checkNotNull(like, "fullLike: tensor is null");
    return FilledTensors.filled("fullLike", like.shape(), value, like.dtype());
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
    return FilledTensors.fromUnsignedBytes(bytes, divisor, dtype, shape);
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
    return RangeTensors.arange(start, end, step);
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
    return RangeTensors.linspace(start, end, count);
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
   * @throws IllegalArgumentException as the float64 form does, and naming linspace and the bound
   *     when the type is FLOAT32 and a bound is beyond ±{@link Float#MAX_VALUE}, as PyTorch
   *     refuses it
   */
  public static Tensor linspace(double start, double end, int count, DType dtype) {
    checkNotNull(dtype, "linspace: dtype is null");
    FilledTensors.requireFloat32Range("linspace", "the bound", start, dtype);
    FilledTensors.requireFloat32Range("linspace", "the bound", end, dtype);
    return linspace(start, end, count).to(dtype);
  }

  /**
   * The {@code n × n} identity matrix, float64.
   *
   * @param n the number of rows and columns, at least 0
   * @return a new tensor of shape [n, n] with 1 on the diagonal and 0 elsewhere
   * @throws IllegalArgumentException naming eye when {@code n} is negative
   */
  public static Tensor eye(int n) {
    return RangeTensors.eye(n);
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

  // Joining a list lives here, not static on Tensor: Java lets a static method be called through
  // an instance without a warning, and x.concat(0, y) would compile as the concat of y alone.

  /**
   * The parts joined along {@code axis} (NumPy's {@code concatenate}, PyTorch's {@code cat}), for
   * a list of parts; of two or three at hand, {@link Tensor#concat(int, Tensor...) x.concat(axis,
   * y)} reads as the same join.
   *
   * @param axis the axis to join along; negative counts from the end
   * @param parts the tensors, at least one, of one rank (at least 1) and equal dimensions outside
   *     {@code axis}
   * @return a new tensor whose size along {@code axis} is the sum of the parts', in the widest of
   *     their types
   * @throws IllegalArgumentException naming concat and the shapes when they differ outside the
   *     axis, when there are no tensors, when they are scalars (use {@link #stack}), or naming
   *     concat when the lengths along the axis add up to more than 2^31 − 1 or the result holds
   *     more elements than a Java array (2^31 − 3)
   * @throws NullPointerException naming concat when the array or a part is null
   */
  public static Tensor concat(int axis, Tensor... parts) {
    return Joining.concat(axis, parts);
  }

  /**
   * The parts stacked along a new axis at position {@code axis} (NumPy's and PyTorch's {@code
   * stack}), for a list of parts; see also {@link Tensor#stack(int, Tensor...) x.stack(axis, y)}.
   *
   * @param axis the position of the new axis in the result, in [−(rank + 1), rank + 1)
   * @param parts the tensors, at least one, all of one shape
   * @return a new tensor of rank + 1 with {@code parts.length} along {@code axis}, in the widest of
   *     their types
   * @throws IllegalArgumentException naming stack and the shapes when they differ, when there
   *     are no tensors, or naming the parts' count and shape when the result holds more elements
   *     than a Java array (2^31 − 3), before any copy
   * @throws NullPointerException naming stack when the array or a part is null
   */
  public static Tensor stack(int axis, Tensor... parts) {
    return Joining.stack(axis, parts);
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
    return RandomTensors.rand(shape, random, dtype);
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
    return RandomTensors.randn(shape, random, dtype);
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
   *     finite difference, and for FLOAT32 a bound beyond ±{@link Float#MAX_VALUE}, as PyTorch
   *     refuses it
   */
  public static Tensor uniform(Shape shape, double low, double high, RandomGenerator random,
      DType dtype) {
    return RandomTensors.uniform(shape, low, high, random, dtype);
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
   * @throws IllegalArgumentException as {@link #uniform(Shape, double, double, RandomGenerator,
   *     DType)} does
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
    return RandomTensors.normal(shape, mean, std, random, dtype);
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
}
