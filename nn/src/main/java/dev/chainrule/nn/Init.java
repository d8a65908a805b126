package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.random.RandomGenerator;

/**
 * How to fill a new weight tensor. Dense asks for its weight as the [in, out] matrix (fan-in in,
 * fan-out out) and stores the transpose. Every random scheme draws from the generator it is given:
 * initialisation is reproducible from a seed.
 */
@FunctionalInterface
public interface Init {
  Tensor create(Shape shape, int fanIn, int fanOut, RandomGenerator random);

  /** Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)); keeps variance for tanh. */
  static Init glorotUniform() {
    return named("glorotUniform", (s, in, out, r) -> {
      double a = Math.sqrt(6.0 / (in + out));
      return Tensors.uniform(s, -a, a, r);
    });
  }

  /** Glorot/Xavier normal: N(0, σ²) with σ = √(2 / (fanIn + fanOut)). */
  static Init glorotNormal() {
    return named("glorotNormal",
        (s, in, out, r) -> Tensors.normal(s, 0, Math.sqrt(2.0 / (in + out)), r));
  }

  /** He/Kaiming uniform: U(−a, a) with a = √(6 / fanIn); keeps variance for ReLU. */
  static Init heUniform() {
    return named("heUniform", (s, in, out, r) -> {
      double a = Math.sqrt(6.0 / in);
      return Tensors.uniform(s, -a, a, r);
    });
  }

  /** He/Kaiming normal: N(0, σ²) with σ = √(2 / fanIn). */
  static Init heNormal() {
    return named("heNormal", (s, in, out, r) -> Tensors.normal(s, 0, Math.sqrt(2.0 / in), r));
  }

  /** U(low, high). */
  static Init uniform(double low, double high) {
    checkArgument(low < high, "Init.uniform: need low < high, got [%s, %s)", low, high);
    return named("uniform(" + low + ", " + high + ")",
        (s, in, out, r) -> Tensors.uniform(s, low, high, r));
  }

  /** N(mean, std²). */
  static Init normal(double mean, double std) {
    checkArgument(std >= 0, "Init.normal: std must not be negative, got %s", std);
    return named("normal(" + mean + ", " + std + ")",
        (s, in, out, r) -> Tensors.normal(s, mean, std, r));
  }

  static Init zeros() {
    return constant(0);
  }

  /** Every element equal to {@code value}. */
  static Init constant(double value) {
    return named("constant(" + value + ")", (s, in, out, r) -> Tensors.full(s, value));
  }

  /** An initialiser with a name for toString. */
  static Init named(String name, Init init) {
    return new Init() {
      @Override
      public Tensor create(Shape shape, int fanIn, int fanOut, RandomGenerator random) {
        return init.create(shape, fanIn, fanOut, random);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
