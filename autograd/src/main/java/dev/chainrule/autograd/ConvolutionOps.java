package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.autograd.check.Inputs.Domain.ANY;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.Conv2dOptions;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.PooledWithIndices;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The op table's convolution and pooling rows, on NCHW batches. A convolution y = conv(x, W) is
 * linear in x and in W, and its two adjoints, convTranspose2d (in x) and conv2dWeightGrad (in
 * W), are convolutions too: each of the three rules is made of the other two, so gradients of any
 * order follow. Max pooling routes g to the saved index of each maximum (an indexAdd, whose rule
 * is a take); average pooling is a convolution with a constant kernel ({@link AveragePooling}).
 */
final class ConvolutionOps {
  private ConvolutionOps() {}

  /** The options of a convTranspose2d and the size of the image it spreads back onto. */
  record Transposed(Conv2dOptions options, int height, int width) {
    @Override
    public String toString() {
      return options + ", " + height + "×" + width;
    }
  }

  /** The options of a weight gradient and the kernel's size. */
  record Kernel(Conv2dOptions options, int height, int width) {
    @Override
    public String toString() {
      return options + ", kernel " + height + "×" + width;
    }
  }

  static final Primitive<Conv2dOptions> CONV2D = Primitive.of("conv2d",
      "y = Σ over the input channels of the group and the taps of x·W, plus b per output channel"
          + " (NCHW; x [N, C, H, W], W [O, C / groups, kh, kw], b [O]); ∂x = convTranspose2d(g,"
          + " W), ∂W = conv2dWeightGrad(x, g), ∂b = Σ of g over batch, height and width",
      (ctx, o, in) -> in[0].conv2d(in[1], in.length == 3 ? in[2] : null, o),
      (ctx, o, g) -> {
        Variable[] grads = new Variable[ctx.inputCount()];
        Shape x = ctx.inputShape(0);
        Shape w = ctx.inputShape(1);
        if (ctx.needsGrad(0)) {
          // An empty height or width that padding gave outputs has an empty gradient, which
          // convTranspose2d, refusing an output size of 0, cannot make.
          grads[0] = x.dim(2) == 0 || x.dim(3) == 0
              ? Variable.constant(Tensors.zerosLike(ctx.input(0).value()))
              : g.convTranspose2d(ctx.input(1), o, x.dim(2), x.dim(3));
        }
        if (ctx.needsGrad(1)) {
          grads[1] = ctx.input(0).conv2dWeightGrad(g, o, w.dim(2), w.dim(3));
        }
        if (grads.length == 3 && ctx.needsGrad(2)) {
          grads[2] = g.sum(new int[] {0, 2, 3}, false);
        }
        return grads;
      },
      random -> {
        Geometry c = Geometry.draw(random);
        boolean bias = random.nextInt(3) > 0;
        List<Tensor> values = new ArrayList<>(List.of(values(random, c.input()),
            values(random, c.weight())));
        if (bias) {
          values.add(values(random, Shape.of(c.weight().dim(0))));
        }
        return new OpCase(c + (bias ? "" : " no bias"), values,
            v -> v.get(0).conv2d(v.get(1), bias ? v.get(2) : null, c.options()));
      });

  /** ⟨h, T(g, W)⟩ = ⟨conv(h, W), g⟩ = ⟨W, conv2dWeightGrad(h, g)⟩ give the two gradients. */
  static final Primitive<Transposed> CONV_TRANSPOSE_2D = Primitive.of("convTranspose2d",
      "y = g spread back through W onto the height × width image, adding where windows overlap:"
          + " the adjoint of conv2d in its input; ∂g = conv2d(h, W), ∂W = conv2dWeightGrad(h, g)"
          + " for the incoming gradient h",
      (ctx, t, in) -> in[0].convTranspose2d(in[1], t.options(), t.height(), t.width()),
      (ctx, t, h) -> {
        Shape w = ctx.inputShape(1);
        return new Variable[] {
            ctx.needsGrad(0) ? h.conv2d(ctx.input(1), null, t.options()) : null,
            ctx.needsGrad(1)
                ? h.conv2dWeightGrad(ctx.input(0), t.options(), w.dim(2), w.dim(3)) : null};
      },
      random -> {
        Geometry c = Geometry.draw(random);
        Shape x = c.input();
        return new OpCase(c.toString(), List.of(values(random, c.output()),
            values(random, c.weight())),
            v -> v.get(0).convTranspose2d(v.get(1), c.options(), x.dim(2), x.dim(3)));
      });

  /** ⟨K, conv2dWeightGrad(x, g)⟩ = ⟨conv(x, K), g⟩ = ⟨x, convTranspose2d(g, K)⟩. */
  static final Primitive<Kernel> CONV2D_WEIGHT_GRAD = Primitive.of("conv2dWeightGrad",
      "y = Σ over images and positions of g times x under each tap: the adjoint of conv2d in its"
          + " weight; ∂x = convTranspose2d(g, k), ∂g = conv2d(x, k) for the incoming gradient k",
      (ctx, k, in) -> in[0].conv2dWeightGrad(in[1], k.options(), k.height(), k.width()),
      (ctx, k, h) -> {
        Shape x = ctx.inputShape(0);
        return new Variable[] {
            !ctx.needsGrad(0) ? null : x.dim(2) == 0 || x.dim(3) == 0 // as conv2d's rule
                ? Variable.constant(Tensors.zerosLike(ctx.input(0).value()))
                : ctx.input(1).convTranspose2d(h, k.options(), x.dim(2), x.dim(3)),
            ctx.needsGrad(1) ? ctx.input(0).conv2d(h, null, k.options()) : null};
      },
      random -> {
        Geometry c = Geometry.draw(random);
        Shape w = c.weight();
        return new OpCase(c.toString(), List.of(values(random, c.input()),
            values(random, c.output())),
            v -> v.get(0).conv2dWeightGrad(v.get(1), c.options(), w.dim(2), w.dim(3)));
      });

  /** Values are drawn apart (no ties), where the maximum has a derivative. */
  static final Primitive<Pool2dOptions> MAX_POOL_2D = Primitive.unary("maxPool2d",
      "y = the maximum of each window of each channel (NCHW), padding never winning (in ceil"
          + " mode a window past the input's edge takes the elements it covers); ∂x = g added at"
          + " the index of each window's maximum (the first among ties, as PyTorch)",
      (ctx, o, x) -> {
        PooledWithIndices pooled = x.maxPool2dWithIndices(o);
        ctx.save(flatIndices(pooled.indices(), x.shape()));
        return pooled.values();
      },
      (ctx, o, g) -> {
        // The indices keep the output's shape, as g does, so neither is copied flat first.
        Shape x = ctx.inputShape(0);
        return Variable.constant(Tensors.zeros(Shape.of(x.size()), g.dtype()))
            .indexAdd(0, ctx.saved(0), g).reshape(x);
      },
      random -> {
        Pool2dOptions o = pool(random);
        Shape x = poolInput(random, o);
        return new OpCase(x + " " + o, List.of(Inputs.distinct(random, x)),
            v -> v.get(0).maxPool2d(o));
      });

  static final OpEntry AVG_POOL_2D = OpEntry.composite("avgPool2d",
      "y = the mean of each window of each channel, padding counted as zeros (PyTorch's"
          + " count_include_pad), computed as conv2d of each channel with a constant kernel"
          + " 1 / (kh·kw), or past 256 taps as a 1×kw sum then a kh×1 convolution with"
          + " 1 / (kh·kw); ∂x = g / (kh·kw) spread back over each window. Where windows count"
          + " different taps (ceil mode's last windows count those before the padding's end;"
          + " without count_include_pad, those on the input), the convolutions sum, over planes"
          + " extended with zeros to the last window, and the sums are divided by each window's"
          + " count: ∂x = g / count spread back",
      random -> {
        Pool2dOptions o = pool(random);
        Shape x = poolInput(random, o);
        return new OpCase(x + " " + o, List.of(values(random, x)), v -> v.get(0).avgPool2d(o));
      });

  static Variable conv2d(Variable x, Variable weight, Variable bias, Conv2dOptions options) {
    checkNotNull(weight, "conv2d: weight is null");
    checkNotNull(options, "conv2d: options are null");
    return bias == null ? CONV2D.apply(options, x, weight)
        : CONV2D.apply(options, x, weight, bias);
  }

  static Variable avgPool2d(Variable x, Pool2dOptions options) {
    return AveragePooling.avgPool2d(x, options);
  }

  /**
   * Plane indices made flat indices into the whole input, in the output's shape: plane (n, c)
   * starts at (n·C + c)·H·W.
   */
  private static Tensor flatIndices(Tensor planeIndices, Shape x) {
    int planes = x.dim(0) * x.dim(1);
    Tensor starts = Tensors.arange(planes).mul(x.dim(2) * x.dim(3)).reshape(x.dim(0), x.dim(1), 1,
        1);
    return planeIndices.add(starts);
  }

  /** A random convolution, small enough for finite differences: groups, strides and all. */
  private record Geometry(Shape input, Shape weight, Shape output, Conv2dOptions options) {
    static Geometry draw(RandomGenerator random) {
      while (true) {
        int groups = random.nextInt(1, 3);
        int channels = groups * random.nextInt(1, 3);
        int out = groups * random.nextInt(1, 3);
        int kh = random.nextInt(1, 4);
        int kw = random.nextInt(1, 4);
        Conv2dOptions o = Conv2dOptions.builder()
            .stride(random.nextInt(1, 3), random.nextInt(1, 3))
            .padding(random.nextInt(0, 2), random.nextInt(0, 2))
            .dilation(random.nextInt(1, 3), random.nextInt(1, 3)).groups(groups).build();
        int h = random.nextInt(1, 6);
        int w = random.nextInt(1, 6);
        int oh = o.outputSize(h, kh, true);
        int ow = o.outputSize(w, kw, false);
        if (oh > 0 && ow > 0) {
          int n = random.nextInt(1, 3);
          return new Geometry(Shape.of(n, channels, h, w), Shape.of(out, channels / groups, kh, kw),
              Shape.of(n, out, oh, ow), o);
        }
      }
    }

    @Override
    public String toString() {
      return input + " * " + weight + " (" + options + ")";
    }
  }

  /** A random window: ceil mode and count_include_pad each drawn half the time. */
  static Pool2dOptions pool(RandomGenerator random) {
    int kh = random.nextInt(1, 4);
    int kw = random.nextInt(1, 4);
    return Pool2dOptions.builder(kh, kw).stride(random.nextInt(1, 3), random.nextInt(1, 3))
        .padding(random.nextInt(0, kh / 2 + 1), random.nextInt(0, kw / 2 + 1))
        .ceilMode(random.nextBoolean()).countIncludePad(random.nextBoolean()).build();
  }

  /**
   * An input the window fits, from one less than the kernel (which only ceil mode may fit) to two
   * more: with strides of 1 and 2, ceil mode adds windows past the edge in about a quarter of the
   * cases that draw it.
   */
  static Shape poolInput(RandomGenerator random, Pool2dOptions o) {
    while (true) {
      int height = o.kernelHeight() - 1 + random.nextInt(0, 4);
      int width = o.kernelWidth() - 1 + random.nextInt(0, 4);
      if (height > 0 && width > 0 && o.outputSize(height, true) > 0
          && o.outputSize(width, false) > 0) {
        return Shape.of(random.nextInt(1, 3), random.nextInt(1, 3), height, width);
      }
    }
  }

  private static Tensor values(RandomGenerator random, Shape shape) {
    return Inputs.values(random, shape, ANY);
  }
}
