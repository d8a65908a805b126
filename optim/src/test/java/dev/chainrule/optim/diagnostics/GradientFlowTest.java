package dev.chainrule.optim.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Unflatten;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.Trainer;
import dev.chainrule.optim.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientFlowTest {
  private static Dataset data(int rows, int features, int classes, long seed) {
    Tensor x = Tensors.randn(Shape.of(rows, features), seed);
    Tensor y = Tensors.rand(Shape.of(rows), seed + 1).mul(classes).map(Math::floor);
    return new Dataset(x, y);
  }

  /** A deep MLP: the classic setting where sigmoid gradients vanish towards the input. */
  private static Sequential deep(Activation activation, Init init, long seed) {
    List<Layer> layers = new ArrayList<>();
    int width = 16;
    for (int i = 0; i < 5; i++) {
      layers.add(Dense.builder(i == 0 ? 8 : width, width).init(init).seed(seed + i).build());
      layers.add(activation);
    }
    layers.add(Dense.builder(width, 3).seed(seed + 9).build());
    return Sequential.of(layers.toArray(Layer[]::new));
  }

  @Test
  void averagesEachLayersGradientStatisticsOverTheEpochsBatches() {
    Sequential model = Sequential.of(Dense.of(4, 6, 1L), Activation.tanh(), Dense.of(6, 3, 2L));
    GradientFlow flow = GradientFlow.of(model, data(10, 4, 3, 5L).features());
    List<double[]> seen = new ArrayList<>();
    // Registered first, so it reads each step's gradients and weights as the flow does.
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onBatchEnd(BatchResult batch) {
        Tensor g = model.parameters().get(0).grad();
        Tensor w = model.parameters().get(0).value();
        seen.add(new double[] {g.abs().mean().item(),
            Math.sqrt(g.square().sum().item()) / Math.sqrt(w.square().sum().item())});
      }
    };
    Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.1).build(model))
        .epochs(2).batchSize(4).seed(3).listener(recorder).listener(flow).build()
        .fit(data(10, 4, 3, 5L));

    List<LayerGradients> layers = flow.layers();
    assertEquals(List.of("layer 1", "layer 2"),
        layers.stream().map(LayerGradients::layer).toList());
    assertEquals(List.of("0.weight", "2.weight"),
        layers.stream().map(LayerGradients::parameter).toList());
    assertEquals(6, seen.size(), "3 batches of 10 rows per epoch, 2 epochs");
    for (int epoch = 0; epoch < 2; epoch++) {
      double absolute = 0;
      double ratio = 0;
      for (int b = 0; b < 3; b++) {
        absolute += seen.get(3 * epoch + b)[0] / 3;
        ratio += seen.get(3 * epoch + b)[1] / 3;
      }
      // The same sums in another order: a few ulps apart at most.
      assertEquals(absolute, layers.get(0).meanAbsoluteGradient().get(epoch), 1e-12);
      assertEquals(ratio, layers.get(0).gradientToWeightRatio().get(epoch), 1e-12);
    }
    assertEquals(2, layers.get(1).meanAbsoluteGradient().size());
  }

  @Test
  void sigmoidGradientsVanishTowardsTheInputWhereReluGradientsDoNot() {
    Dataset train = data(256, 8, 3, 11L);
    double sigmoid = firstToLastLayerGradient(deep(Activation.sigmoid(), Init.glorotUniform(), 1L),
        train);
    double relu = firstToLastLayerGradient(deep(Activation.relu(), Init.heUniform(), 1L), train);
    // Each sigmoid layer scales the backward signal by σ' ≤ 1/4: five of them shrink it by about
    // two orders of magnitude. He-initialised ReLU layers keep it within a small factor.
    assertTrue(sigmoid < 0.05, "sigmoid: layer 1 / layer 6 = " + sigmoid);
    assertTrue(relu > 0.2, "relu: layer 1 / layer 6 = " + relu);
  }

  private static double firstToLastLayerGradient(Sequential model, Dataset train) {
    GradientFlow flow = GradientFlow.of(model, train.features());
    Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.01).build(model))
        .epochs(1).batchSize(32).seed(1).listener(flow).build().fit(train);
    List<LayerGradients> layers = flow.layers();
    assertEquals(6, layers.size());
    return layers.get(0).meanAbsoluteGradient().get(0)
        / layers.get(5).meanAbsoluteGradient().get(0);
  }

  @Test
  void snapshotsHiddenActivationsBeforeAndAfterTraining() {
    Dataset train = data(64, 8, 3, 2L);
    Sequential model = deep(Activation.sigmoid(), Init.glorotUniform(), 4L);
    GradientFlow flow = GradientFlow.of(model, train.features());
    assertEquals(5, flow.activationsAtStart().size(), "five hidden sigmoids, no output one");
    assertEquals(List.of(), flow.activationsAtEnd(), "not before training ends");
    Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.1).build(model))
        .epochs(1).batchSize(16).listener(flow).build().fit(train);

    assertEquals(5, flow.activationsAtEnd().size());
    ActivationSnapshot hidden = flow.activationsAtEnd().get(0);
    assertEquals("hidden 1", hidden.layer());
    assertEquals(Activation.Kind.SIGMOID, hidden.activation());
    // 64 × 16 values counted once each: shares sum to 1 up to rounding.
    assertEquals(1, hidden.fractions().sum().item(), 1e-12);
    assertTrue(model.isTraining(), "the probe leaves the model in the mode it found");
  }

  @Test
  void saturatedSigmoidsAndDeadRelusAreCounted() {
    Tensor sigmoid = Tensor.matrix(new double[][] {{0.005, 0.5}, {0.995, 0.3}});
    ActivationSnapshot s = ActivationSnapshot.of("hidden 1", Activation.Kind.SIGMOID, sigmoid);
    assertEquals(0.5, s.saturated(), 0, "two of four within 0.01 of 0 or 1");
    assertEquals(Double.NaN, s.deadUnits());
    assertEquals(0.0125, s.binCentres().get(0), "40 bins over [0, 1]: ½ · 1/40, exact");
    assertEquals(0.25, s.fractions().get(0), 0, "0.005 falls in the first bin");
    assertEquals(0.25, s.fractions().get(39), 0, "0.995 in the last");

    Tensor tanh = Tensor.matrix(new double[][] {{-0.99, 0.97, 0.985, 0}});
    assertEquals(0.5, ActivationSnapshot.of("h", Activation.Kind.TANH, tanh).saturated(), 0);

    Tensor relu = Tensor.matrix(new double[][] {{0, 1, 0}, {0, 2, 3}});
    ActivationSnapshot r = ActivationSnapshot.of("hidden 2", Activation.Kind.RELU, relu);
    assertEquals(1 / 3.0, r.deadUnits(), "unit 0 is 0 for every input: 1/3 rounded once");
    assertEquals(Double.NaN, r.saturated());
  }

  @Test
  void valuesThatAreNotFiniteAreLeftOutOfTheHistogram() {
    // A network that diverged: its snapshot at the end of training must not fail.
    Tensor values = Tensor.matrix(new double[][] {{Double.NaN, 1}, {3, Double.POSITIVE_INFINITY}});
    ActivationSnapshot s = ActivationSnapshot.of("hidden 1", Activation.Kind.RELU, values);
    assertEquals(1, s.fractions().sum().item(), 1e-12, "the two finite values");
    assertEquals(0.5, s.fractions().get(0), 0, "1 is the lowest finite value");
    assertEquals(0.5, s.fractions().get(ActivationSnapshot.BINS - 1), 0, "3 the highest");
    Tensor none = Tensor.matrix(new double[][] {{Double.NaN, Double.NaN}});
    assertEquals(0, ActivationSnapshot.of("hidden 1", Activation.Kind.SIGMOID, none).fractions()
        .sum().item(), 0, "no finite value, no share");
  }

  @Test
  void aConvolutionalNetworksKernelsAreLayersAndItsChannelsUnits() {
    // Only matrices counted: the convolutions were left out and the last Dense was "layer 1".
    Sequential cnn = Sequential.of(Unflatten.of(1, 1, 4, 4),
        Conv2d.builder(1, 2, 3).padding(1).seed(1).build(), Activation.relu(),
        Conv2d.builder(2, 3, 3).padding(1).seed(2).build(), Activation.relu(), Flatten.of(),
        Dense.of(48, 3, 3L));
    GradientFlow flow = GradientFlow.of(cnn, Tensors.randn(Shape.of(4, 16), 4L));
    assertEquals(List.of("1.weight", "3.weight", "6.weight"),
        flow.layers().stream().map(LayerGradients::parameter).toList());
    // Each ReLU's feature maps: the channels are its units, every position of an image a row.
    assertEquals(2, flow.activationsAtStart().size());
  }

  @Test
  void aCustomModuleHasLayersButNoActivationSnapshots() {
    Module custom = new Module() {
      private final Dense inner = registerModule("inner", Dense.of(2, 2, 1L));

      @Override
      public Variable forward(Variable x) {
        return inner.forward(x).tanh();
      }
    };
    GradientFlow flow = GradientFlow.of(custom, Tensors.zeros(3, 2));
    assertEquals(List.of(), flow.activationsAtStart());
    assertEquals(1, flow.layers().size());
  }

  @Test
  void probeInputsMustBeABatch() {
    Sequential model = Sequential.of(Dense.of(2, 2, 1L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradientFlow.of(model, Tensors.zeros(2)));
    assertEquals("gradient flow: probe inputs must be [N, F] with N at least 1, got [2]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GradientFlow.of(model,
        new Dataset(Tensors.zeros(0, 2), Tensors.zeros(0))));
    assertEquals("gradient flow: the probe data has no samples", e.getMessage());
  }
}
