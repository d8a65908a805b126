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

  /** A layer with Glorot-uniform weights from {@code seed} and zero bias. */
  public static Dense of(int in, int out, long seed) {
    return builder(in, out).seed(seed).build();
  }

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

    public Builder bias(boolean withBias) {
      this.bias = withBias;
      return this;
    }

    public Builder init(Init weights) {
      this.weightInit = checkNotNull(weights, "Dense: weight init is null");
      return this;
    }

    public Builder biasInit(Init biases) {
      this.biasInit = checkNotNull(biases, "Dense: bias init is null");
      return this;
    }

    /** Seeds a fresh generator for this layer's initialisation. */
    public Builder seed(long newSeed) {
      this.seed = newSeed;
      this.random = null;
      return this;
    }

    /** Draws initial values from a shared generator (which then advances). */
    public Builder random(RandomGenerator generator) {
      this.random = checkNotNull(generator, "Dense: generator is null");
      return this;
    }

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

  public Variable weight() {
    return weight;
  }

  /** The bias, or {@code null} for a layer built without one. */
  public Variable bias() {
    return bias;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }

  @Override
  protected String describe() {
    return "Dense(" + inFeatures + " -> " + outFeatures + (bias == null ? ", no bias" : "") + ")";
  }
}
