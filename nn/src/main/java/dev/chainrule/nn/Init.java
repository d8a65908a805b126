package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

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
  /**
   * Initial values for a parameter.
   *
   * @param shape the parameter's shape
   * @param fanIn inputs per unit (a Dense weight's {@code in})
   * @param fanOut outputs per unit (a Dense weight's {@code out})
   * @param random the generator to draw from
   * @return a new tensor of {@code shape}
   */
  Tensor create(Shape shape, int fanIn, int fanOut, RandomGenerator random);

  /**
   * Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)); keeps variance for tanh.
   *
   * @return the initialiser
   */
  static Init glorotUniform() {
    return named("glorotUniform", (s, in, out, r) -> {
      double a = Math.sqrt(6.0 / fans("glorotUniform", in, out));
      return Tensors.uniform(s, -a, a, r);
    });
  }

  /**
   * Glorot/Xavier normal: N(0, σ²) with σ = √(2 / (fanIn + fanOut)).
   *
   * @return the initialiser
   */
  static Init glorotNormal() {
    return named("glorotNormal",
        (s, in, out, r) -> Tensors.normal(s, 0, Math.sqrt(2.0 / fans("glorotNormal", in, out)), r));
  }

  /**
   * He/Kaiming uniform: U(−a, a) with a = √(6 / fanIn); keeps variance for ReLU.
   *
   * @return the initialiser
   */
  static Init heUniform() {
    return named("heUniform", (s, in, out, r) -> {
      double a = Math.sqrt(6.0 / fanIn("heUniform", in));
      return Tensors.uniform(s, -a, a, r);
    });
  }

  /**
   * He/Kaiming normal: N(0, σ²) with σ = √(2 / fanIn).
   *
   * @return the initialiser
   */
  static Init heNormal() {
    return named("heNormal",
        (s, in, out, r) -> Tensors.normal(s, 0, Math.sqrt(2.0 / fanIn("heNormal", in)), r));
  }

  /**
   * PyTorch's default for {@code Linear} and {@code Conv2d} weights and biases: U(−a, a) with
   * a = 1 / √fanIn (its {@code kaiming_uniform_} with a = √5 comes to this bound).
   *
   * @return the initialiser
   */
  static Init pytorchDefault() {
    return named("pytorchDefault", (s, in, out, r) -> {
      double a = 1 / Math.sqrt(fanIn("pytorchDefault", in));
      return Tensors.uniform(s, -a, a, r);
    });
  }

  /**
   * U(low, high).
   *
   * @param low the lower bound
   * @param high the upper bound, above {@code low}
   * @return the initialiser
   */
  static Init uniform(double low, double high) {
    // Infinite bounds were taken here and refused only when a layer was built, by
    // Tensors.uniform, in a message that named neither Init nor the layer.
    checkArgument(low < high && Double.isFinite(high - low),
        "Init.uniform: need finite low < high, got [%s, %s)", low, high);
    return named("uniform(" + low + ", " + high + ")",
        (s, in, out, r) -> Tensors.uniform(s, low, high, r));
  }

  /**
   * N(mean, std²).
   *
   * @param mean the mean, finite
   * @param std the standard deviation, finite and at least 0
   * @return the initialiser
   */
  static Init normal(double mean, double std) {
    // A NaN mean or an infinite std was taken here and refused only when a layer was built.
    checkArgument(Double.isFinite(mean) && Double.isFinite(std) && std >= 0,
        "Init.normal: need a finite mean and a finite std >= 0, got mean %s, std %s", mean, std);
    return named("normal(" + mean + ", " + std + ")",
        (s, in, out, r) -> Tensors.normal(s, mean, std, r));
  }

  /**
   * Every element 0: the default for biases.
   *
   * @return the initialiser
   */
  static Init zeros() {
    return constant(0);
  }

  /**
   * Every element equal to {@code value}.
   *
   * @param value the value, finite
   * @return the initialiser
   */
  static Init constant(double value) {
    // NaN made a layer whose every output was NaN, without a word (PyTorch's constant_ takes it).
    checkArgument(Double.isFinite(value), "Init.constant: the value must be finite, got %s", value);
    return named("constant(" + value + ")", (s, in, out, r) -> Tensors.full(s, value));
  }

  /**
   * The sum of the fans, which the Glorot schemes divide by: in a long, as two large ints
   * overflowed to a negative sum and a NaN bound.
   */
  private static double fans(String scheme, int fanIn, int fanOut) {
    checkArgument(fanIn > 0 && fanOut > 0, "Init.%s: fan-in and fan-out must be positive, got %s"
        + " and %s", scheme, fanIn, fanOut);
    return (double) fanIn + fanOut;
  }

  /** The fan-in the He and PyTorch schemes divide by; 0 made an infinite bound. */
  private static double fanIn(String scheme, int fanIn) {
    checkArgument(fanIn > 0, "Init.%s: fan-in must be positive, got %s", scheme, fanIn);
    return fanIn;
  }

  /**
   * An initialiser with a name for toString.
   *
   * @param name what {@code toString} says
   * @param init the initialiser
   * @return the initialiser
   */
  static Init named(String name, Init init) {
    // Checked here: a null init was taken, and the layer built with it threw a raw
    // NullPointerException from inside the wrapper.
    checkNotNull(name, "Init.named: name is null");
    checkNotNull(init, "Init.named: init is null");
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
