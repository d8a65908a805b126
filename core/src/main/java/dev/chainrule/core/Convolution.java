package dev.chainrule.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Strings.lenientFormat;

/**
 * 2-D convolution and pooling on NCHW batches: arguments checked and types resolved here, then
 * the kernels of the type ({@code ConvolutionF64}, {@code PoolingF64} and their float32 twins).
 * Operands of different types compute in the wider one, as matrix products do.
 */
final class Convolution {
  private Convolution() {}

  static Tensor conv2d(Tensor x, Tensor w, Tensor bias, Conv2dOptions options) {
    checkNotNull(w, "conv2d: weight is null");
    checkNotNull(options, "conv2d: options are null");
    ConvPlan plan = ConvPlan.forward("conv2d", x.shape(), w.shape(), options);
    // Here and below, a refusal's arguments are evaluated (boxed, into an array) only when it
    // refuses; lenientFormat is how checkArgument formats them.
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != plan.outChannels())) {
      throw new IllegalArgumentException(lenientFormat("conv2d: bias %s does not match weight %s"
          + " (expected [%s], one per output channel)", bias.shape(), w.shape(),
          plan.outChannels()));
    }
    DType type = DType.promote(x.dtype(), w.dtype());
    type = bias == null ? type : DType.promote(type, bias.dtype());
    Tensor b = bias == null ? null : bias.to(type);
    return type == DType.FLOAT64 ? ConvolutionF64.conv2d(x.to(type), w.to(type), b, plan)
        : ConvolutionF32.conv2d(x, w, b, plan);
  }

  static Tensor convTranspose2d(Tensor g, Tensor w, Conv2dOptions options, int height,
      int width) {
    checkNotNull(w, "convTranspose2d: weight is null");
    checkNotNull(options, "convTranspose2d: options are null");
    checkArgument(g.rank() == 4 && w.rank() == 4, "convTranspose2d: input %s and weight %s should"
        + " be [batch, out, height, width] and [out, in / groups, kh, kw]", g.shape(), w.shape());
    checkArgument(height > 0 && width > 0, "convTranspose2d: output size %s×%s must be positive",
        height, width);
    long channels = (long) w.dim(1) * options.groups();
    // The result is the plan's input, which the plan (made for convolutions of existing inputs)
    // does not size: a stride of 65,536 wrapped its element count around. Against the VM's
    // longest array: a result of 2^31 - 2 elements ended in an OutOfMemoryError naming nothing.
    if ((long) g.dim(0) * channels * height * width > Tensors.LONGEST_ARRAY) {
      throw new IllegalArgumentException(lenientFormat("convTranspose2d: input %s and weight %s:"
          + " a result of %s×%s×%s×%s makes more elements than a Java array holds (%s)",
          g.shape(), w.shape(), g.dim(0), channels, height, width, Tensors.LONGEST_ARRAY));
    }
    Shape input = Shape.of(g.dim(0), (int) channels, height, width);
    // The plan is the convolution's this is the adjoint of, whose input is the result: its
    // messages name the caller's operands and that convolution, not an input never passed.
    ConvPlan plan = ConvPlan.forward("convTranspose2d",
        ConvPlan.Operands.adjoint(g.shape(), w.shape(), input), input, w.shape(), options);
    if (!g.shape().equals(plan.outputShape())) {
      throw new IllegalArgumentException(lenientFormat("convTranspose2d: input %s and weight %s:"
          + " a %s×%s output (%s) is convolved to %s, not %s", g.shape(), w.shape(), height,
          width, options, plan.outputShape(), g.shape()));
    }
    DType type = DType.promote(g.dtype(), w.dtype());
    return type == DType.FLOAT64 ? ConvolutionF64.convTranspose2d(g.to(type), w.to(type), plan)
        : ConvolutionF32.convTranspose2d(g, w, plan);
  }

  static Tensor conv2dWeightGrad(Tensor x, Tensor g, Conv2dOptions options, int kernelHeight,
      int kernelWidth) {
    checkNotNull(g, "conv2dWeightGrad: gradient is null");
    checkNotNull(options, "conv2dWeightGrad: options are null");
    checkArgument(x.rank() == 4 && g.rank() == 4, "conv2dWeightGrad: input %s and gradient %s"
        + " should be [batch, channels, height, width] and [batch, out, oh, ow]", x.shape(),
        g.shape());
    checkArgument(kernelHeight > 0 && kernelWidth > 0,
        "conv2dWeightGrad: kernel size %s×%s must be positive", kernelHeight, kernelWidth);
    int groups = options.groups();
    if (x.dim(1) % groups != 0 || g.dim(1) % groups != 0) {
      throw new IllegalArgumentException(lenientFormat("conv2dWeightGrad: input %s and gradient"
          + " %s: %s groups do not divide their channels", x.shape(), g.shape(), groups));
    }
    Shape w = Shape.of(g.dim(1), x.dim(1) / groups, kernelHeight, kernelWidth);
    ConvPlan plan = ConvPlan.forward("conv2dWeightGrad",
        ConvPlan.Operands.of("input", x.shape(), "gradient", g.shape()), x.shape(), w, options);
    if (!g.shape().equals(plan.outputShape())) {
      throw new IllegalArgumentException(lenientFormat("conv2dWeightGrad: input %s and gradient"
          + " %s: a %s×%s kernel (%s) gives %s, not %s", x.shape(), g.shape(), kernelHeight,
          kernelWidth, options, plan.outputShape(), g.shape()));
    }
    DType type = DType.promote(x.dtype(), g.dtype());
    return type == DType.FLOAT64 ? ConvolutionF64.weightGradient(x.to(type), g.to(type), plan)
        : ConvolutionF32.weightGradient(x, g, plan);
  }

  static PooledWithIndices maxPool2d(Tensor x, Pool2dOptions options) {
    checkNotNull(options, "maxPool2d: options are null");
    checkArgument(x.rank() == 4, "maxPool2d: input %s should be [batch, channels, height, width]",
        x.shape());
    int channels = x.dim(1);
    ConvPlan plan = ConvPlan.pooling("maxPool2d", ConvPlan.Operands.of("input", x.shape()),
        x.dim(0), channels, x.dim(2), x.dim(3), options);
    checkArgument(Window.everyWindowReachesInput(x.dim(2), plan.outHeight(),
            options.kernelHeight(), options.strideHeight(), options.paddingHeight(),
            options.dilationHeight())
            && Window.everyWindowReachesInput(x.dim(3), plan.outWidth(), options.kernelWidth(),
            options.strideWidth(), options.paddingWidth(), options.dilationWidth()),
        "maxPool2d: input %s: some window (%s) covers only padding", x.shape(), options);
    return x.dtype() == DType.FLOAT64 ? PoolingF64.maxPool2d(x, plan)
        : PoolingF32.maxPool2d(x, plan);
  }
}
