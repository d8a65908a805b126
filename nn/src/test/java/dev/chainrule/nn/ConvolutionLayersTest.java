package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.core.DType;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Conv2d, pooling, Flatten and Unflatten as layers, and the summary of a network of them. */
class ConvolutionLayersTest {
  /**
   * The definition, one output element at a time, for stride 2, padding 1, dilation (2, 1) and
   * 2 groups: y[n, o, i, j] = b[o] + Σ over the group's channels c and taps (a, b) of
   * x[n, c, 2i − 1 + 2a, 2j − 1 + b]·W[o, c, a, b], outside the input counting as 0.
   */
  private static double direct(Tensor x, Tensor w, Tensor bias, int n, int o, int i, int j) {
    int groupChannels = w.dim(1);
    int group = o / (w.dim(0) / 2);
    double sum = bias.get(o);
    for (int c = 0; c < groupChannels; c++) {
      for (int a = 0; a < w.dim(2); a++) {
        for (int b = 0; b < w.dim(3); b++) {
          int row = 2 * i - 1 + 2 * a;
          int col = 2 * j - 1 + b;
          if (row >= 0 && row < x.dim(2) && col >= 0 && col < x.dim(3)) {
            sum += x.get(n, group * groupChannels + c, row, col) * w.get(o, c, a, b);
          }
        }
      }
    }
    return sum;
  }

  @Test
  void conv2dAgreesWithADirectConvolution() {
    Conv2d conv = Conv2d.builder(4, 6, 3, 2).stride(2).padding(1).dilation(2, 1).groups(2)
        .seed(5L).build();
    Tensor x = Tensors.randn(Shape.of(2, 4, 7, 6), 1L);
    Tensor y = conv.forward(Variable.constant(x)).value();
    // (7 + 2 − 2·2 − 1) / 2 + 1 = 3 rows; (6 + 2 − 1·1 − 1) / 2 + 1 = 4 columns.
    assertEquals(Shape.of(2, 6, 3, 4), y.shape());
    Tensor w = conv.weight().value();
    assertEquals(Shape.of(6, 2, 3, 2), w.shape(), "PyTorch's layout [out, in / groups, kh, kw]");
    double worst = 0;
    for (int n = 0; n < 2; n++) {
      for (int o = 0; o < 6; o++) {
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 4; j++) {
            worst = Math.max(worst,
                Math.abs(direct(x, w, conv.bias().value(), n, o, i, j) - y.get(n, o, i, j)));
          }
        }
      }
    }
    // Sums of at most 13 products of values of order 1, in another order: a few ulps apart.
    assertTrue(worst < 1e-13, "largest difference " + worst);
  }

  @Test
  void conv2dGradientsMatchFiniteDifferences() {
    Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).stride(2).seed(3L).build();
    Tensor x = Tensors.randn(Shape.of(2, 2, 5, 4), 2L);
    assertTrue(GradCheck.check(in -> conv.forward(in.get(0)), List.of(x)).passed(), "input");
    Variable input = Variable.constant(x);
    assertTrue(GradCheck.checkParameters(() -> conv.forward(input).square().sum(),
        conv.parameters()).passed(), "weight and bias");
  }

  @Test
  void conv2dInitialisesAsPyTorchAndRefusesWrongInputs() {
    Conv2d conv = Conv2d.of(3, 8, 5, 1L);
    double bound = 1 / Math.sqrt(3 * 25);
    assertTrue(conv.weight().value().abs().max().item() <= bound, "U(±1/√fan-in)");
    assertTrue(conv.weight().value().abs().max().item() > 0.9 * bound, "and it uses the range");
    assertEquals("Conv2d(3 -> 8, kernel 5)", conv.describe());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> conv.forward(Variable.constant(Tensors.zeros(2, 4, 9, 9))));
    assertEquals("Conv2d(3 -> 8, kernel 5): input [2, 4, 9, 9] should be [batch, 3, height,"
        + " width] (or one image [3, height, width])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Conv2d.builder(3, 8, 3).groups(2).build());
    assertEquals("Conv2d: 2 groups do not divide 3 input and 8 output channels", e.getMessage());
    Init float32 = new Init() {
      @Override
      public Tensor create(Shape shape, int fanIn, int fanOut, RandomGenerator random) {
        return Tensors.zeros(shape, DType.FLOAT32);
      }

      @Override
      public String toString() {
        return "float32 zeros";
      }
    };
    e = assertThrows(IllegalArgumentException.class,
        () -> Conv2d.builder(3, 8, 3).biasInit(float32).build());
    assertTrue(e.getMessage().startsWith("Conv2d: the bias init float32 zeros made float32, the"
        + " weight init "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" made float64"), e.getMessage());
    // A float32 weight init beside the default bias (which the user did not choose): one type.
    Conv2d narrow = Conv2d.builder(3, 8, 3).init(float32).build();
    assertEquals(DType.FLOAT32, narrow.weight().dtype());
    assertEquals(DType.FLOAT32, narrow.bias().dtype());
  }

  @Test
  void oneImageWithoutABatchAxisIsTheBatchOfOne() {
    // PyTorch's layers take [C, H, W] as one image; they were refused here.
    Tensor image = Tensors.randn(Shape.of(2, 5, 5), 9L);
    Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).seed(4).build();
    for (Layer layer : List.of(conv, MaxPool2d.of(2), AvgPool2d.of(2))) {
      Tensor batched = layer.forward(Variable.constant(image.unsqueeze(0))).value();
      assertEquals(batched.squeeze(0), layer.forward(Variable.constant(image)).value(),
          layer.toString());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> conv.forward(Variable.constant(Tensors.zeros(3, 5, 5))));
    assertEquals("Conv2d(2 -> 3, kernel 3, padding 1): input [3, 5, 5] should be [batch, 2,"
        + " height, width] (or one image [2, height, width])", e.getMessage());
    // A refusal of the op is the layer's, with the shape given, once: the op saw [1, 2, 2, 2],
    // a shape the caller never passed.
    Tensor small = Tensors.zeros(2, 2, 2);
    e = assertThrows(IllegalArgumentException.class,
        () -> MaxPool2d.of(3).forward(Variable.constant(small)));
    assertTrue(e.getMessage().startsWith("MaxPool2d(") && e.getMessage().contains("): maxPool2d:"
        + " input [2, 2, 2]") && !e.getMessage().contains("[1, 2, 2, 2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AvgPool2d.of(3).forward(Variable.constant(Tensors.zeros(2, 2))));
    assertTrue(e.getMessage().startsWith("AvgPool2d(") && e.getMessage().endsWith("): input"
        + " [2, 2] should be [batch, channels, height, width] (or one image [channels, height,"
        + " width])"), e.getMessage());
    // Only the input's shape is given back: a weight [1, 3, 2, 2] of one output channel, the
    // batch of one's own text, read [3, 2, 2] too.
    e = assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(3, 1, 2).dilation(2)
        .build().forward(Variable.constant(Tensors.zeros(3, 2, 2))));
    assertEquals("Conv2d(3 -> 1, kernel 2, dilation 2): conv2d: input [3, 2, 2] and weight"
        + " [1, 3, 2, 2]: a 2×2 kernel (stride 1, padding 0, dilation 2) does not fit a 2×2"
        + " input", e.getMessage());
  }

  @Test
  void poolingTakesTheMaximumOrTheMeanOfEachWindow() {
    Variable x = Variable.constant(Tensors.arange(16).reshape(1, 1, 4, 4));
    assertEquals(Tensor.of(new double[] {5, 7, 13, 15}, 1, 1, 2, 2),
        MaxPool2d.of(2).forward(x).value());
    assertEquals(Tensor.of(new double[] {2.5, 4.5, 10.5, 12.5}, 1, 1, 2, 2),
        AvgPool2d.of(2).forward(x).value());
    Variable p = Variable.parameter(Tensors.arange(16).reshape(1, 1, 4, 4));
    MaxPool2d.of(2).forward(p).sum().backward();
    assertEquals(Tensor.of(new double[] {0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1},
        1, 1, 4, 4), p.grad(), "each window's gradient goes to its maximum");
  }

  /**
   * PyTorch 1.13's layers with ceil_mode=True on one image: nn.MaxPool2d(2) and nn.AvgPool2d(2)
   * on arange(9).view(1, 3, 3), whose last windows hold 2 or 1 elements, and nn.AvgPool2d(3,
   * stride=2, padding=1) on arange(16).view(1, 4, 4), whose last windows hold padding and run
   * past it, with count_include_pad True and False. Exact: means of small whole numbers over 1, 2,
   * 3, 4, 6 or 9, each rounded once in both.
   */
  @Test
  void poolingLayersTakePyTorchsCeilMode() {
    Variable small = Variable.constant(Tensors.arange(9).reshape(1, 3, 3));
    MaxPool2d max = MaxPool2d.of(Pool2dOptions.builder(2).ceilMode(true).build());
    assertEquals(Tensor.of(new double[] {4, 5, 7, 8}, 1, 2, 2), max.forward(small).value());
    assertEquals("MaxPool2d(kernel 2, stride 2, ceil mode)", firstLine(max));
    AvgPool2d average = AvgPool2d.of(Pool2dOptions.builder(2).ceilMode(true).build());
    assertEquals(Tensor.of(new double[] {2, 3.5, 6.5, 8}, 1, 2, 2),
        average.forward(small).value());
    Variable image = Variable.constant(Tensors.arange(16).reshape(1, 4, 4));
    Pool2dOptions.Builder padded = Pool2dOptions.builder(3).stride(2).padding(1).ceilMode(true);
    assertEquals(Tensor.of(new double[] {10 / 9.0, 24 / 9.0, 10 / 6.0, 34 / 6.0, 10, 33 / 6.0,
        25 / 6.0, 42 / 6.0, 15 / 4.0}, 1, 3, 3),
        AvgPool2d.of(padded.build()).forward(image).value());
    AvgPool2d uncounted = AvgPool2d.of(padded.countIncludePad(false).build());
    assertEquals(Tensor.of(new double[] {2.5, 4, 5, 8.5, 10, 11, 12.5, 14, 15}, 1, 3, 3),
        uncounted.forward(image).value());
    assertEquals("AvgPool2d(kernel 3, stride 2, padding 1, ceil mode, padding not counted)",
        firstLine(uncounted));
  }

  /** countIncludePad changes averages only, so only AvgPool2d's description mentions it. */
  @Test
  void maxPoolingDescribesNoDivisorSetting() {
    Pool2dOptions uncounted = Pool2dOptions.builder(3).padding(1).countIncludePad(false).build();
    assertEquals("MaxPool2d(kernel 3, stride 3, padding 1)", firstLine(MaxPool2d.of(uncounted)));
    assertEquals(uncounted, MaxPool2d.of(uncounted).options());
    assertEquals("AvgPool2d(kernel 3, stride 3, padding 1, padding not counted)",
        firstLine(AvgPool2d.of(uncounted)));
    Pool2dOptions every = Pool2dOptions.builder(3, 2).stride(1, 2).padding(1, 0).dilation(2, 1)
        .ceilMode(true).countIncludePad(false).build();
    assertEquals("MaxPool2d(kernel (3, 2), stride (1, 2), padding (1, 0), dilation (2, 1), ceil"
        + " mode)", firstLine(MaxPool2d.of(every)));
  }

  /** The layer's line of its tree text, which then counts parameters and names the mode. */
  private static String firstLine(Module layer) {
    return layer.toString().lines().findFirst().orElseThrow();
  }

  @Test
  void flattenAndUnflattenAreInverse() {
    Variable x = Variable.constant(Tensors.randn(Shape.of(2, 3, 4, 5), 1L));
    Variable flat = Flatten.of().forward(x);
    assertEquals(Shape.of(2, 60), flat.shape());
    assertEquals(Shape.of(2, 12, 5), Flatten.of(1, 2).forward(x).shape());
    assertEquals(x.value(), Unflatten.of(1, 3, 4, 5).forward(flat).value());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Unflatten.of(1, 1, 28, 28).forward(flat));
    assertEquals("Unflatten(1, [1, 28, 28]): input [2, 60] has no axis 1 of 784 elements",
        e.getMessage());
  }

  @Test
  void summaryListsEachLayersOutputShapeAndParameters() {
    Sequential cnn = Sequential.of(Unflatten.of(1, 1, 8, 8),
        Conv2d.builder(1, 4, 3).padding(1).seed(1L).build(), BatchNorm2d.of(4),
        Activation.relu(), MaxPool2d.of(2), Flatten.of(), Dropout.of(0.5, 2L),
        Dense.of(64, 10, 3L));
    Summary summary = cnn.summary(Shape.of(1, 64));
    List<Shape> outputs = summary.rows().stream().map(Summary.Row::output).toList();
    assertEquals(List.of(Shape.of(1, 10), Shape.of(1, 1, 8, 8), Shape.of(1, 4, 8, 8),
        Shape.of(1, 4, 8, 8), Shape.of(1, 4, 8, 8), Shape.of(1, 4, 4, 4), Shape.of(1, 64),
        Shape.of(1, 64), Shape.of(1, 10)), outputs);
    assertEquals(List.of(0L, 0L, 40L, 8L, 0L, 0L, 0L, 0L, 650L),
        summary.rows().stream().map(Summary.Row::parameters).toList(),
        "conv 4·(9 + 1), batch norm 2·4, dense 64·10 + 10");
    assertEquals(698, summary.parameters());
    assertEquals(9, summary.buffers(), "running mean and variance of 4 channels and a counter");
    assertTrue(summary.toString().endsWith("input [1, 64]; total: 698 parameters and 9 buffer"
        + " elements; training mode"), summary.toString());
    assertTrue(cnn.isTraining(), "the summary runs in evaluation mode and restores the mode");
    assertEquals(0, ((BatchNorm2d) cnn.layers().get(2)).batchesTracked(),
        "nor does it move the running statistics");
  }

  /**
   * A stride of 2^31 − 1 with padding 2 (the review's case, which threw "fromIndex(8) >
   * toIndex(7)"): one output, PyTorch's [1, 1, 1, 1], the bias plus the four taps that land on the
   * 2 × 2 input (kernel rows and columns 2 and 3). 1e-15: four products of values near 1.
   */
  @Test
  void aHugeStrideWithPaddingGivesOneOutput() {
    Conv2d conv = Conv2d.builder(1, 1, 4).padding(2).stride(Integer.MAX_VALUE).build();
    Tensor x = Tensors.randn(Shape.of(1, 1, 2, 2), 1L);
    Variable y = conv.forward(Variable.parameter(x));
    assertEquals(Shape.of(1, 1, 1, 1), y.shape());
    Tensor w = conv.weight().value();
    double expected = conv.bias().value().get(0);
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 2; c++) {
        expected += x.get(0, 0, r, c) * w.get(0, 0, r + 2, c + 2);
      }
    }
    // The layer may add the four products and the bias in another order: a few ulps of
    // partial sums below 1 (1.1e-16 each; measured equal).
    assertEquals(expected, y.item(), 1e-15);
  }
}
