package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DenseActivation;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer, PyTorch's {@code Linear}: y = x·Wᵀ + b for a batch x [n, in], with
 * the weight W stored as [out, in] and the bias b as [out], under PyTorch's names {@code weight}
 * and {@code bias}, so a {@code state_dict} loads as it is. One fused graph node
 * ({@link Variable#linear}); the product uses W as stored, without transposing it. As in
 * PyTorch, any leading axes are batch axes: [batch, time, in] gives [batch, time, out].
 */
public final class Dense extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Variable weight;
  private final Variable bias;

  private Dense(Tensor weightValue, Tensor biasValue) {
    this.outFeatures = weightValue.dim(0);
    this.inFeatures = weightValue.dim(1);
    this.weight = registerParameter("weight", weightValue);
    this.bias = biasValue == null ? null : registerParameter("bias", biasValue);
  }

  private Dense(Variable sharedWeight, Tensor biasValue) {
    this.outFeatures = sharedWeight.shape().dim(0);
    this.inFeatures = sharedWeight.shape().dim(1);
    this.weight = registerParameter("weight", sharedWeight);
    this.bias = biasValue == null ? null : registerParameter("bias", biasValue);
  }

  /**
   * A layer whose weight is an existing parameter [out, in]: weight tying, as an output
   * projection shares an {@link Embedding}'s table ({@code Dense.sharing(embedding.weight(),
   * null)}, PyTorch's {@code out.weight = emb.weight}). A tensor passed to {@link #of(Tensor,
   * Tensor)} twice makes two parameters, which an optimizer steps twice.
   *
   * @param weight the parameter to share, [out, in]
   * @param bias [out] of the weight's type, or {@code null} for none
   * @return the layer
   * @throws IllegalArgumentException if the weight is not a parameter: a constant, or a value
   *     computed from one such as its transpose (the message says how to tie through that)
   */
  public static Dense sharing(Variable weight, Tensor bias) {
    checkNotNull(weight, "Dense: weight is null");
    checkValues(weight.value(), bias);
    return new Dense(weight, bias);
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
   * A layer with the given values (used as they are, not copied): a weight [out, in] and a bias
   * [out], or {@code null} for none, checked here rather than at the first forward pass.
   *
   * @param weight [out, in]
   * @param bias [out], or {@code null} for a layer without one
   * @return the layer
   */
  public static Dense of(Tensor weight, Tensor bias) {
    checkNotNull(weight, "Dense: weight is null");
    checkValues(weight, bias);
    return new Dense(weight, bias);
  }

  private static void checkValues(Tensor weight, Tensor bias) {
    checkArgument(weight.rank() == 2, "Dense: weight %s should be [out, in]", weight.shape());
    checkArgument(weight.dim(0) > 0 && weight.dim(1) > 0,
        "Dense: weight %s: sizes must be positive (out %s, in %s)", weight.shape(),
        weight.dim(0), weight.dim(1));
    checkArgument(bias == null || bias.shape().equals(Shape.of(weight.dim(0))),
        "Dense: bias %s does not match weight %s (expected [%s], one per output)",
        bias == null ? null : bias.shape(), weight.shape(), weight.dim(0));
    checkArgument(bias == null || bias.dtype() == weight.dtype(),
        "Dense: bias is %s, weight is %s", bias == null ? null : bias.dtype(), weight.dtype());
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
    /** Zeros, made in the weight's type: the default follows the weight init's choice. */
    private static final Init DEFAULT_BIAS_INIT = Init.zeros();
    private Init biasInit = DEFAULT_BIAS_INIT;
    private long seed;
    private RandomGenerator random;

    private Builder(int in, int out) {
      checkArgument(in > 0 && out > 0, "Dense: sizes must be positive, got %s -> %s", in, out);
      ParameterSizes.checkFits("Dense(" + in + " -> " + out + ")",
          "a weight of " + out + " × " + in, (long) out * in);
      this.in = in;
      this.out = out;
    }

    /**
     * Whether the layer adds a bias.
     *
     * @param withBias false for x·Wᵀ alone
     * @return this builder
     */
    public Builder bias(boolean withBias) {
      this.bias = withBias;
      return this;
    }

    /**
     * How to fill the weight: the initialiser fills the [in, out] matrix (one row per input, fan-in
     * {@code in}, fan-out {@code out}), which the layer stores transposed as [out, in].
     *
     * @param weights the initialisation
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
     * @return this builder
     */
    public Builder biasInit(Init biases) {
      this.biasInit = checkNotNull(biases, "Dense: bias init is null");
      return this;
    }

    /**
     * Seeds a fresh generator for this layer's initialisation. Without this or {@link #random} the
     * seed is 0: two layers of one shape built without either start equal (PyTorch's global
     * generator would make them differ), so give each its own seed, or all one shared generator.
     *
     * @param newSeed the seed
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
      RandomGenerator r = random != null ? random : Tensors.seeded(seed);
      String layer = "Dense(" + in + " -> " + out + ")";
      // The [in, out] matrix of x·W, stored as its transpose: a seed gives the same values it gave
      // before the layer took PyTorch's layout, so every result documented with a seed holds.
      Tensor w = InitialValues.drawn(layer, "weight", weightInit, Shape.of(in, out), in, out, r)
          .transpose(0, 1);
      Tensor b = bias ? InitialValues.drawn(layer, "bias", biasInit, Shape.of(out), in, out, r)
          : null;
      if (b != null && b.dtype() != w.dtype()) {
        // A float32 weight init beside the default (float64) bias made a layer of two types,
        // which computes in float64 whatever its dtype() says, as Dense.of refuses to make.
        checkArgument(biasInit == DEFAULT_BIAS_INIT, "%s: the weight init %s gives %s and the"
            + " bias init %s gives %s: a layer computes in one type", layer, weightInit,
            w.dtype(), biasInit, b.dtype());
        b = b.to(w.dtype());
      }
      return new Dense(w, b);
    }
  }

  @Override
  public Variable forward(Variable x) {
    return forward(x, null);
  }

  /**
   * This layer with {@code activation} applied in the same node ({@link
   * Variable#linear(Variable, Variable, Variable, DenseActivation)}): the values and gradients of
   * {@code forward(x)} followed by the activation's op, with one node fewer. How a
   * {@link Sequential} runs a Dense layer followed by the built-in ReLU, tanh or sigmoid, and how
   * a module of your own can: {@code hidden.forward(x, DenseActivation.TANH)}. While anomaly
   * detection or a {@link FaultInjection} is on, the activation is recorded as its own op after
   * {@code forward(x)}, so that reports and injected mistakes name the ops as written.
   *
   * @param x a batch [n, in], one sample [in], or samples along several axes [..., in]
   * @param activation the activation, or {@code null} for none (then this is {@link #forward})
   * @return the layer's activated output, [n, out], [out] or [..., out]
   * @throws IllegalArgumentException naming this layer when x's last axis is not {@code in}
   */
  public Variable forward(Variable x, DenseActivation activation) {
    // Messages name the layer, built only on failure: describe() costs a String per call.
    requireInput(x);
    if (x.rank() == 0 || x.shape().dim(-1) != inFeatures) {
      throw badInput("input %s should be [batch, %s] (or [%s], or [..., %s])", x.shape(),
          inFeatures, inFeatures, inFeatures);
    }
    requireSameType(x, weight);
    if (bias != null && bias.dtype() != weight.dtype()) {
      // Dense.of refuses this; a weight shared with another module converted on its own
      // (model.to on the embedding alone) gets here, and would compute in float64 silently.
      throw badInput("its weight is %s and its bias %s (a weight shared with a module that was"
          + " converted alone?): convert the whole model with to(DType)", weight.dtype(),
          bias.dtype());
    }
    if (activation != null && (Autograd.isAnomalyDetectionEnabled() || FaultInjection.isActive())) {
      Variable product = forward(x, null);
      return switch (activation) {
        case RELU -> product.relu();
        case TANH -> product.tanh();
        case SIGMOID -> product.sigmoid();
      };
    }
    // Any rank: linear takes the leading axes as one batch axis.
    return Variable.linear(x, weight, bias, activation);
  }

  /**
   * The weight [out, in], PyTorch's layout: the layer computes x·Wᵀ + b.
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

  /** True: a row's output is that row times the weights, plus the bias. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
