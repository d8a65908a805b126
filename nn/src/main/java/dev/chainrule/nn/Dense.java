package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer: y = x·W + b for a batch x [n, in], with W [in, out] and b [out]. One
 * fused graph node (see {@code Variable.dense}).
 */
public final class Dense extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Variable weight;
  private final Variable bias;

  private Dense(Builder b) {
    this.inFeatures = b.in;
    this.outFeatures = b.out;
    RandomGenerator random = b.random != null ? b.random : Tensors.seeded(b.seed);
    this.weight = registerParameter("weight",
        b.weightInit.create(Shape.of(b.in, b.out), b.in, b.out, random));
    this.bias = b.bias
        ? registerParameter("bias", b.biasInit.create(Shape.of(b.out), b.in, b.out, random))
        : null;
  }

  /**
   * A layer with Glorot-uniform weights from {@code seed} and zero bias.
   *
   * @param in input features
   * @param out output features
   * @param seed the seed of the weights
   * @return the layer
   */
  public static Dense of(int in, int out, long seed) {
    return builder(in, out).seed(seed).build();
  }

  /**
   * Options for a layer from {@code in} to {@code out} features.
   *
   * @param in input features, positive
   * @param out output features, positive
   * @return the builder
   */
  public static Builder builder(int in, int out) {
    return new Builder(in, out);
  }

  /** Options of a Dense layer; defaults: bias on, Glorot-uniform weights, zero bias, seed 0. */
  public static final class Builder {
    private final int in;
    private final int out;
    private boolean bias = true;
    private Init weightInit = Init.glorotUniform();
    private Init biasInit = Init.zeros();
    private long seed;
    private RandomGenerator random;

    private Builder(int in, int out) {
      checkArgument(in > 0 && out > 0, "Dense: sizes must be positive, got %s -> %s", in, out);
      this.in = in;
      this.out = out;
    }

    /**
     * Whether the layer adds a bias.
     *
     * @param withBias false for x·W alone
     *
     * @return this builder
     */
    public Builder bias(boolean withBias) {
      this.bias = withBias;
      return this;
    }

    /**
     * How the weights start.
     *
     * @param weights the initialisation
     *
     * @return this builder
     */
    public Builder init(Init weights) {
      this.weightInit = checkNotNull(weights, "Dense: weight init is null");
      return this;
    }

    /**
     * How the bias starts.
     *
     * @param biases the initialisation
     *
     * @return this builder
     */
    public Builder biasInit(Init biases) {
      this.biasInit = checkNotNull(biases, "Dense: bias init is null");
      return this;
    }

    /**
     * Seeds a fresh generator for this layer's initialisation.
     *
     * @param newSeed the seed
     *
     * @return this builder
     */
    public Builder seed(long newSeed) {
      this.seed = newSeed;
      this.random = null;
      return this;
    }

    /**
     * Draws initial values from a shared generator (which then advances).
     *
     * @param generator the generator
     *
     * @return this builder
     */
    public Builder random(RandomGenerator generator) {
      this.random = checkNotNull(generator, "Dense: generator is null");
      return this;
    }

    /**
     * The layer, with its parameters drawn now.
     *
     * @return the layer
     */
    public Dense build() {
      return new Dense(this);
    }
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "%s: input is null", describe());
    checkArgument((x.rank() == 2 || x.rank() == 1) && x.shape().dim(-1) == inFeatures,
        "%s: input %s should be [batch, %s]", describe(), x.shape(), inFeatures);
    if (x.rank() == 1) {
      return Variable.dense(x.unsqueeze(0), weight, bias).squeeze(0);
    }
    return Variable.dense(x, weight, bias);
  }

  /**
   * The weight [in, out]: the layer computes x·W + b.
   *
   * @return the weight parameter
   */
  public Variable weight() {
    return weight;
  }

  /**
   * The bias, or {@code null} for a layer built without one.
   *
   * @return the bias parameter [out], or null
   */
  public Variable bias() {
    return bias;
  }

  /**
   * Input features.
   *
   * @return the input width
   */
  public int inFeatures() {
    return inFeatures;
  }

  /**
   * Output features.
   *
   * @return the output width
   */
  public int outFeatures() {
    return outFeatures;
  }

  @Override
  protected String describe() {
    return "Dense(" + inFeatures + " -> " + outFeatures + (bias == null ? ", no bias" : "") + ")";
  }
}
