package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.random.RandomGenerator;

/**
 * A 2-D convolution layer, PyTorch's {@code Conv2d}, on NCHW batches: {@code weight}
 * [out, in / groups, kh, kw] and {@code bias} [out] under PyTorch's names, one fused
 * {@link Variable#conv2d} node, lowered to the GEMM seam one image at a time. Built by
 * {@link #builder}; initialised as PyTorch initialises it (U(±1/√fan-in), fan-in the inputs of one
 * output: in / groups · kh · kw) unless told otherwise.
 */
public final class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final Conv2dOptions options;
  private final Variable weight;
  private final Variable bias;

  private Conv2d(int inChannels, Tensor weight, Tensor bias, Conv2dOptions options) {
    this.inChannels = inChannels;
    this.outChannels = weight.dim(0);
    this.options = options;
    this.weight = registerParameter("weight", weight);
    this.bias = bias == null ? null : registerParameter("bias", bias);
  }

  /**
   * A square-kernel convolution with PyTorch's defaults otherwise (stride 1, no padding, bias)
   * and initial values from {@code seed}.
   *
   * @param in input channels
   * @param out output channels
   * @param kernel the kernel's height and width
   * @param seed the seed of the initial values
   * @return the layer
   */
  public static Conv2d of(int in, int out, int kernel, long seed) {
    return builder(in, out, kernel).seed(seed).build();
  }

  /**
   * Options for a layer from {@code in} to {@code out} channels with a square kernel.
   *
   * @param in input channels, positive
   * @param out output channels, positive
   * @param kernel the kernel's height and width, positive
   * @return the builder
   */
  public static Builder builder(int in, int out, int kernel) {
    return new Builder(in, out, kernel, kernel);
  }

  /**
   * Options for a layer from {@code in} to {@code out} channels with a kernel of the given size.
   *
   * @param in input channels, positive
   * @param out output channels, positive
   * @param kernelHeight the kernel's rows
   * @param kernelWidth the kernel's columns
   * @return the builder
   */
  public static Builder builder(int in, int out, int kernelHeight, int kernelWidth) {
    return new Builder(in, out, kernelHeight, kernelWidth);
  }

  @Override
  public Variable forward(Variable x) {
    requireInput(x);
    boolean channelsFit = x.rank() == 4 && x.shape().dim(1) == inChannels
        || x.rank() == 3 && x.shape().dim(0) == inChannels;
    if (!channelsFit) {
      throw badInput("input %s should be [batch, %s, height, width] (or one image [%s, height,"
          + " width])", x.shape(), inChannels, inChannels);
    }
    requireSameType(x, weight);
    return Images.batchOrOne(this, x, batch -> batch.conv2d(weight, bias, options));
  }

  /**
   * The weight [out, in / groups, kh, kw], PyTorch's layout.
   *
   * @return the weight parameter
   */
  public Variable weight() {
    return weight;
  }

  /**
   * The bias [out], or {@code null} for a layer built without one.
   *
   * @return the bias parameter, or null
   */
  public Variable bias() {
    return bias;
  }

  /**
   * Input channels.
   *
   * @return the input channels
   */
  public int inChannels() {
    return inChannels;
  }

  /**
   * Output channels.
   *
   * @return the output channels
   */
  public int outChannels() {
    return outChannels;
  }

  /**
   * The kernel's height.
   *
   * @return the kernel's rows
   */
  public int kernelHeight() {
    return weight.shape().dim(2);
  }

  /**
   * The kernel's width.
   *
   * @return the kernel's columns
   */
  public int kernelWidth() {
    return weight.shape().dim(3);
  }

  /**
   * Stride, padding, dilation and groups.
   *
   * @return the convolution's options
   */
  public Conv2dOptions options() {
    return options;
  }

  @Override
  protected String describe() {
    return Conv2dText.of(inChannels, outChannels, kernelHeight(), kernelWidth(), options,
        bias != null);
  }

  /**
   * Options of a Conv2d layer; defaults as PyTorch's: stride 1, no padding, bias on, weight and
   * bias drawn from U(±1/√(in / groups · kh · kw)); the values from seed 0 ({@link #seed}).
   */
  public static final class Builder {
    private final int in;
    private final int out;
    private final int kernelHeight;
    private final int kernelWidth;
    // Each setter checks its value first: built with a value out of range, the options would
    // refuse it in the name of the conv2d operation, not of the layer the user is building.
    private final Conv2dOptions.Builder options = Conv2dOptions.builder();
    private boolean bias = true;
    private Init weightInit = Init.pytorchDefault();
    private static final Init DEFAULT_BIAS_INIT = Init.pytorchDefault();
    private Init biasInit = DEFAULT_BIAS_INIT;
    private long seed;
    private RandomGenerator random;

    private Builder(int in, int out, int kernelHeight, int kernelWidth) {
      checkArgument(in > 0 && out > 0 && kernelHeight > 0 && kernelWidth > 0,
          "Conv2d: channels and kernel must be positive, got %s -> %s, kernel %s×%s", in, out,
          kernelHeight, kernelWidth);
      this.in = in;
      this.out = out;
      this.kernelHeight = kernelHeight;
      this.kernelWidth = kernelWidth;
    }

    /**
     * The same stride along both axes.
     *
     * @param both rows and columns between kernel positions, at least 1
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the stride when it is less than 1
     */
    public Builder stride(int both) {
      return stride(both, both);
    }

    /**
     * The stride along height and width.
     *
     * @param height rows between kernel positions, at least 1
     * @param width columns between kernel positions, at least 1
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the stride when either is less than 1
     */
    public Builder stride(int height, int width) {
      checkArgument(height >= 1 && width >= 1, "Conv2d: stride must be at least 1, got (%s, %s)",
          height, width);
      options.stride(height, width);
      return this;
    }

    /**
     * The same zero padding on every side.
     *
     * @param both rows and columns of zeros, at least 0
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the padding when it is negative
     */
    public Builder padding(int both) {
      return padding(both, both);
    }

    /**
     * Zero padding along height and width.
     *
     * @param height rows of zeros above and below, at least 0
     * @param width columns of zeros left and right, at least 0
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the padding when either is negative
     */
    public Builder padding(int height, int width) {
      checkArgument(height >= 0 && width >= 0, "Conv2d: padding must be at least 0, got (%s, %s)",
          height, width);
      options.padding(height, width);
      return this;
    }

    /**
     * The same dilation along both axes.
     *
     * @param both spacing of the kernel's taps, at least 1
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the dilation when it is less than 1
     */
    public Builder dilation(int both) {
      return dilation(both, both);
    }

    /**
     * The dilation along height and width.
     *
     * @param height rows between taps, at least 1
     * @param width columns between taps, at least 1
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the dilation when either is less than 1
     */
    public Builder dilation(int height, int width) {
      checkArgument(height >= 1 && width >= 1,
          "Conv2d: dilation must be at least 1, got (%s, %s)", height, width);
      options.dilation(height, width);
      return this;
    }

    /**
     * Channel groups, dividing both channel counts (checked when the layer is built).
     *
     * @param count the groups, at least 1
     * @return this builder
     * @throws IllegalArgumentException naming Conv2d and the count when it is less than 1
     */
    public Builder groups(int count) {
      checkArgument(count >= 1, "Conv2d: groups must be at least 1, got %s", count);
      options.groups(count);
      return this;
    }

    /**
     * Whether the layer adds a bias per output channel.
     *
     * @param withBias false for none
     * @return this builder
     */
    public Builder bias(boolean withBias) {
      this.bias = withBias;
      return this;
    }

    /**
     * How to fill the weight (fan-in in / groups · kh · kw, fan-out out · kh · kw, as PyTorch
     * counts them).
     *
     * @param weights the initialisation
     * @return this builder
     */
    public Builder init(Init weights) {
      this.weightInit = checkNotNull(weights, "Conv2d: weight init is null");
      return this;
    }

    /**
     * How the bias starts.
     *
     * @param biases the initialisation
     * @return this builder
     */
    public Builder biasInit(Init biases) {
      this.biasInit = checkNotNull(biases, "Conv2d: bias init is null");
      return this;
    }

    /**
     * Seeds a fresh generator for this layer's initialisation. Without this or {@link #random}, the
     * seed is 0: two layers of one shape built without either start equal (PyTorch's one global
     * generator would give them different values), so give each layer its own seed, or all one
     * shared generator.
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
      this.random = checkNotNull(generator, "Conv2d: generator is null");
      return this;
    }

    /**
     * The layer, with its parameters drawn now.
     *
     * @return the layer
     */
    public Conv2d build() {
      Conv2dOptions o = options.build();
      checkArgument(in % o.groups() == 0 && out % o.groups() == 0,
          "Conv2d: %s groups do not divide %s input and %s output channels", o.groups(), in, out);
      ParameterSizes.checkFits("Conv2d(" + in + " -> " + out + ", kernel " + kernelHeight + "×"
          + kernelWidth + ")", "a weight of " + out + " × " + in / o.groups() + " × "
          + kernelHeight + " × " + kernelWidth,
          (long) out * (in / o.groups()) * kernelHeight * kernelWidth);
      RandomGenerator r = random != null ? random : Tensors.seeded(seed);
      // The weight fits an array, so neither fan, a part of its size, overflows an int.
      int taps = kernelHeight * kernelWidth;
      int fanIn = in / o.groups() * taps;
      int fanOut = out * taps;
      Shape shape = Shape.of(out, in / o.groups(), kernelHeight, kernelWidth);
      Tensor w = InitialValues.drawn("Conv2d", "weight", weightInit, shape, fanIn, fanOut, r);
      Tensor b = bias ? InitialValues.drawn("Conv2d", "bias", biasInit, Shape.of(out), fanIn,
          fanOut, r) : null;
      if (b != null && b.dtype() != w.dtype()) {
        // As Dense refuses it: a layer of two types computes in the wider one, a float32
        // model's promise broken without a word. The default bias, which the user did not
        // choose, takes the weight's type instead.
        checkArgument(biasInit == DEFAULT_BIAS_INIT, "Conv2d: the bias init %s made %s, the"
            + " weight init %s made %s", biasInit, b.dtype(), weightInit, w.dtype());
        b = b.to(w.dtype());
      }
      return new Conv2d(in, w, b, o);
    }
  }

  /** True: each image is convolved alone. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
