package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The im2col convolution against its definition (a direct loop per output element), its two
 * adjoints against the identities ⟨conv(x, w), g⟩ = ⟨x, convTranspose(g, w)⟩ =
 * ⟨w, weightGrad(x, g)⟩, float32 against float64, and max pooling against a direct loop, over
 * random geometries: strides, paddings, dilations and groups, including the 1×1 kernel that skips
 * the columns.
 */
class ConvolutionProperties {

  /** A convolution: input, weight, bias (or null), options and an output gradient. */
  record Case(Tensor x, Tensor w, Tensor bias, Conv2dOptions options, Tensor g) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<int[]> sizes = Arbitraries.integers().between(1, 3).array(int[].class).ofSize(11);
    return Combinators.combine(sizes, Arbitraries.integers().between(1, 7).array(int[].class)
        .ofSize(2), Arbitraries.longs(), Arbitraries.of(true, false)).as((s, hw, seed, bias) -> {
          int groups = s[0];
          int perGroup = s[1] % 2 + 1;
          int outPerGroup = s[2] % 2 + 1;
          int n = s[3] % 2 + 1;
          // One case in four is a 1×1 kernel with stride 1 and no padding (no columns built).
          boolean pointwise = seed % 4 == 0;
          int kh = pointwise ? 1 : s[4];
          int kw = pointwise ? 1 : s[5];
          Conv2dOptions options = pointwise ? Conv2dOptions.builder().groups(groups).build()
              : Conv2dOptions.builder().stride(s[6], s[7]).padding(s[8] - 1, s[9] - 1)
                  .dilation(s[10] % 2 + 1, s[4] % 2 + 1).groups(groups).build();
          int oh = options.outputSize(hw[0], kh, true);
          int ow = options.outputSize(hw[1], kw, false);
          if (oh <= 0 || ow <= 0) {
            return null;
          }
          int out = outPerGroup * groups;
          return new Case(Tensors.randn(Shape.of(n, perGroup * groups, hw[0], hw[1]), seed),
              Tensors.randn(Shape.of(out, perGroup, kh, kw), seed + 1),
              bias ? Tensors.randn(Shape.of(out), seed + 2) : null, options,
              Tensors.randn(Shape.of(n, out, oh, ow), seed + 3));
        }).filter(c -> c != null);
  }

  @Property
  @StatisticsReport(StatisticsReportMode.OFF)
  void conv2dIsTheDirectConvolution(@ForAll("cases") Case c) {
    Conv2dOptions o = c.options();
    Statistics.label("groups").collect(o.groups() > 1)
        .coverage(check -> check.check(true).percentage(p -> p > 20));
    Statistics.label("pointwise").collect(c.w().dim(2) * c.w().dim(3) == 1
            && o.strideHeight() * o.strideWidth() == 1 && o.paddingHeight() + o.paddingWidth() == 0)
        .coverage(check -> check.check(true).percentage(p -> p > 10));
    Statistics.label("strided, padded and dilated").collect(o.strideWidth() > 1,
            o.paddingWidth() > 0, o.dilationWidth() > 1)
        .coverage(check -> check.check(true, true, true).percentage(p -> p > 1));
    Tensor actual = c.x().conv2d(c.w(), c.bias(), c.options());
    Tensor expected = NaiveConvolution.conv2d(c.x(), c.w(), c.bias(), c.options());
    // Sums of at most 2·3·3 = 18 products of standard normals: rounding differences between the
    // two orders of summation stay near 18·u·Σ|terms| ≈ 1e-14.
    assertEquals(expected.shape(), actual.shape());
    assertTrue(actual.allClose(expected, 1e-12, 1e-12), () -> actual + " vs " + expected);
  }

  @Property
  void theGradientsAreTheAdjoints(@ForAll("cases") Case c) {
    Tensor y = c.x().conv2d(c.w(), null, c.options());
    Tensor dx = c.g().convTranspose2d(c.w(), c.options(), c.x().dim(2), c.x().dim(3));
    Tensor dw = c.x().conv2dWeightGrad(c.g(), c.options(), c.w().dim(2), c.w().dim(3));
    assertEquals(c.x().shape(), dx.shape());
    assertEquals(c.w().shape(), dw.shape());
    double forward = y.mul(c.g()).sum().item();
    // Three sums of at most a few hundred products of normals, in different orders: 1e-10.
    assertEquals(forward, c.x().mul(dx).sum().item(), 1e-10 * Math.max(1, Math.abs(forward)));
    assertEquals(forward, c.w().mul(dw).sum().item(), 1e-10 * Math.max(1, Math.abs(forward)));
  }

  @Property(tries = 300)
  void float32AgreesWithFloat64(@ForAll("cases") Case c) {
    Tensor x = c.x().to(DType.FLOAT32);
    Tensor w = c.w().to(DType.FLOAT32);
    Tensor g = c.g().to(DType.FLOAT32);
    Tensor b = c.bias() == null ? null : c.bias().to(DType.FLOAT32);
    Tensor wide = x.to(DType.FLOAT64);
    // At most 36 float32 products of normals summed (|terms| ≲ 10): 36·6e-8·10 ≈ 2e-5 absolute.
    close(x.conv2d(w, b, c.options()),
        wide.conv2d(w.to(DType.FLOAT64), b == null ? null : b.to(DType.FLOAT64), c.options()));
    close(g.convTranspose2d(w, c.options(), x.dim(2), x.dim(3)),
        g.to(DType.FLOAT64).convTranspose2d(w.to(DType.FLOAT64), c.options(), x.dim(2), x.dim(3)));
    close(x.conv2dWeightGrad(g, c.options(), w.dim(2), w.dim(3)),
        wide.conv2dWeightGrad(g.to(DType.FLOAT64), c.options(), w.dim(2), w.dim(3)));
  }

  private static void close(Tensor narrow, Tensor wide) {
    assertEquals(DType.FLOAT32, narrow.dtype());
    double scale = Math.max(1, wide.abs().max().item());
    assertTrue(narrow.to(DType.FLOAT64).allClose(wide, 0, 1e-4 * scale),
        () -> narrow + " vs " + wide);
  }

  /** A pooling case: input with ties (values on a coarse grid) and a window that fits. */
  record Pool(Tensor x, Pool2dOptions options) {}

  @Provide
  Arbitrary<Pool> pools() {
    return Combinators.combine(Arbitraries.integers().between(1, 3).array(int[].class).ofSize(6),
        Arbitraries.integers().between(1, 7).array(int[].class).ofSize(2), Arbitraries.longs())
        .as((s, hw, seed) -> {
          Pool2dOptions options = Pool2dOptions.builder(s[0], s[1]).stride(s[2], s[3])
              .padding(s[0] / 2 * (s[4] - 1) / 2, s[1] / 2 * (s[5] - 1) / 2)
              .dilation(s[4] % 2 + 1, s[5] % 2 + 1).build();
          if (options.outputSize(hw[0], true) <= 0 || options.outputSize(hw[1], false) <= 0) {
            return null;
          }
          // Whole numbers in [-3, 3]: windows often hold ties, where the first index must win.
          Tensor x = Tensors.uniform(Shape.of(2, 2, hw[0], hw[1]), -3.5, 3.5, seed)
              .map(Math::rint);
          return new Pool(x, options);
        }).filter(p -> p != null);
  }

  @Property
  void maxPoolingIsTheDirectMaximum(@ForAll("pools") Pool p) {
    PooledWithIndices expected = NaiveConvolution.maxPool2d(p.x(), p.options());
    // A dilated window can cover padding alone; the kernel refuses such options (tested apart).
    Assume.that(expected.indices().min().item() >= 0);
    PooledWithIndices actual = p.x().maxPool2dWithIndices(p.options());
    assertEquals(expected.values(), actual.values());
    assertEquals(expected.indices(), actual.indices());
    PooledWithIndices narrow = p.x().to(DType.FLOAT32).maxPool2dWithIndices(p.options());
    assertEquals(expected.values().to(DType.FLOAT32), narrow.values());
    assertEquals(expected.indices(), narrow.indices());
  }
}
