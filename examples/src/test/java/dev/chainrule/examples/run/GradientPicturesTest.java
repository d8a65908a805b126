package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensors;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.train.BatchResult;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gradient pictures: drawn only when a layer shown has a gradient to put on a log scale,
 * and for deeper networks of ten layers evenly spaced, the first and the last among them.
 */
class GradientPicturesTest {
  @TempDir
  Path out;

  /** {@link #oneEpoch}'s layer for a first layer whose gradient is exactly 0. */
  private static final int ZERO = -2;

  /** A flow over {@code denses} after one epoch in which only the layer at {@code live} moved. */
  private static GradientFlow oneEpoch(List<Dense> denses, int live) {
    List<Layer> layers = new ArrayList<>();
    for (Dense dense : denses) {
      if (!layers.isEmpty()) {
        layers.add(Activation.tanh());
      }
      layers.add(dense);
    }
    Sequential model = Sequential.of(layers.toArray(Layer[]::new));
    GradientFlow flow = GradientFlow.of(model, Tensors.ones(3, 2));
    if (live >= 0) {
      // A loss of that layer's weight alone: the others get no gradient this epoch.
      denses.get(live).weight().sum().backward();
    } else if (live == ZERO) {
      // A gradient that is there and exactly 0, as dead units give: nothing for a log scale.
      denses.get(0).weight().sum().mul(0.0).backward();
    }
    flow.onBatchEnd(new BatchResult(0, 0, 1, 3, 0.7, -1, 1, 3));
    flow.onEpochEnd(new EpochResult(0, 0.7, 0.5, Double.NaN, Double.NaN, 0.1, 0.01, 3));
    flow.onTrainingEnd(new History(List.of(new EpochResult(0, 0.7, 0.5, Double.NaN,
        Double.NaN, 0.1, 0.01, 3)), false, 0));
    return flow;
  }

  private static List<Dense> denses(int count) {
    List<Dense> denses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      denses.add(Dense.of(2, 2, i));
    }
    return denses;
  }

  @Test
  void aRunWithGradientsGetsBothGradientPicturesAndItsActivations() throws IOException {
    GradientFlow flow = oneEpoch(denses(2), 0);
    assertTrue(GradientPictures.drawn(flow));
    List<Path> written = GradientPictures.write("t", flow, out, ChartFormat.SVG, 1);
    assertEquals(List.of("gradients.svg", "gradient-ratio.svg", "activations-hidden-1.svg"),
        written.stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void aRunWithoutGradientsGetsOnlyItsActivations() throws IOException {
    GradientFlow flow = oneEpoch(denses(2), -1);
    assertFalse(GradientPictures.drawn(flow));
    assertEquals(List.of(out.resolve("activations-hidden-1.svg")),
        GradientPictures.write("t", flow, out, ChartFormat.SVG, 1));
  }

  /**
   * Twelve layers show ten: 0, 1, 2, 4, 5, 6, 7, 9, 10 and 11 (i · 11 / 9 rounded), so a
   * gradient in layer 3 or 8 alone is not on the picture, and one in any other is.
   */
  @Test
  void deeperNetworksShowTenLayersEvenlySpaced() {
    for (int live = 0; live < 12; live++) {
      assertEquals(live != 3 && live != 8, GradientPictures.drawn(oneEpoch(denses(12), live)),
          "layer " + live);
    }
  }

  @Test
  void gradientsOfExactlyZeroAreNothingToDraw() {
    assertFalse(GradientPictures.drawn(oneEpoch(denses(2), ZERO)));
  }
}
