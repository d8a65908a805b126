package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;

/**
 * The bodies of {@link Tensors}' random factories: one draw per element from the caller's
 * generator, in float64, rounded to float for a float32 tensor, so both types hold the same draws.
 */
final class RandomTensors {
  private RandomTensors() {}

  /** See {@link Tensors#rand(Shape, RandomGenerator, DType)}. */
  static Tensor rand(Shape shape, RandomGenerator random, DType dtype) {
    // uniform(shape, 0, 1, ...)'s draws (0 + 1·u is u), under rand's own name in its errors.
    return fill("rand", shape, random, dtype, RandomGenerator::nextDouble);
  }

  /** See {@link Tensors#randn(Shape, RandomGenerator, DType)}. */
  static Tensor randn(Shape shape, RandomGenerator random, DType dtype) {
    // normal(shape, 0, 1, ...)'s draws (0 + 1·g is g), under randn's own name in its errors.
    return fill("randn", shape, random, dtype, RandomGenerator::nextGaussian);
  }

  /** See {@link Tensors#uniform(Shape, double, double, RandomGenerator, DType)}. */
  static Tensor uniform(Shape shape, double low, double high, RandomGenerator random,
      DType dtype) {
    checkArgument(low < high && Double.isFinite(high - low),
        "uniform: need finite low < high, got [%s, %s)", low, high);
    // PyTorch refuses such bounds too ("to is out of bounds for float").
    FilledTensors.requireFloat32Range("uniform", "the bound", low, dtype);
    FilledTensors.requireFloat32Range("uniform", "the bound", high, dtype);
    // low + (high − low)·u rounds up to high when the interval is a few ulps wide (463 draws in
    // 1,000 on [1, nextUp(1))); kept below it, as RandomGenerator.nextDouble(origin, bound) is.
    double below = Math.nextDown(high);
    return fill("uniform", shape, random, dtype,
        r -> Math.min(low + (high - low) * r.nextDouble(), below));
  }

  /** See {@link Tensors#normal(Shape, double, double, RandomGenerator, DType)}. */
  static Tensor normal(Shape shape, double mean, double std, RandomGenerator random,
      DType dtype) {
    checkArgument(std >= 0 && Double.isFinite(std) && Double.isFinite(mean),
        "normal: need finite mean and std >= 0, got mean %s, std %s", mean, std);
    return fill("normal", shape, random, dtype, r -> mean + std * r.nextGaussian());
  }

  private interface Sampler {
    double next(RandomGenerator random);
  }

  private static Tensor fill(String op, Shape shape, RandomGenerator random, DType dtype,
      Sampler sampler) {
    checkNotNull(shape, "%s: shape is null", op);
    checkNotNull(random, "%s: generator is null", op);
    checkNotNull(dtype, "%s: dtype is null", op);
    ArrayLimit.requireAllocatable(op, shape);
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
