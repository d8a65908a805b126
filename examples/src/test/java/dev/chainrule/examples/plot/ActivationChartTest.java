package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.diagnostics.ActivationSnapshot;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ActivationChartTest {
  private static final ActivationSnapshot START = ActivationSnapshot.of("hidden 1",
      Activation.Kind.SIGMOID, Tensor.matrix(new double[][] {{0.4, 0.5}, {0.6, 0.995}}));
  private static final ActivationSnapshot END = ActivationSnapshot.of("hidden 1",
      Activation.Kind.SIGMOID, Tensor.matrix(new double[][] {{0.001, 0.999}, {0.002, 0.5}}));

  @Test
  void startAndEndAreTwoHistogramsAndTheTitleTellsTheSaturation() {
    XYChart chart = ActivationChart.of("digits", START, END);

    assertEquals("digits: hidden 1 (sigmoid) activations, saturated 25% → 75%",
        chart.getTitle());
    assertEquals("sigmoid output", chart.getXAxisTitle());
    assertEquals("share of values", chart.getYAxisTitle());
    assertEquals(List.of(ActivationChart.START, ActivationChart.END),
        List.copyOf(chart.getSeriesMap().keySet()));
    double[] fractions = END.fractions().toArray();
    double[] drawn = chart.getSeriesMap().get(ActivationChart.END).getYData();
    assertArrayEquals(fractions, Arrays.copyOf(drawn, fractions.length));
    assertEquals(fractions[fractions.length - 1], drawn[fractions.length],
        "the closing point holds the top bin's share to its upper edge");
  }

  @Test
  void barsStandOnTheirBinsAndTheTopBinHasItsWidth() {
    // XOR's tanh layer: two of eight values exactly 0, one in the top bin [0.95, 1].
    ActivationSnapshot tanh = ActivationSnapshot.of("hidden 1", Activation.Kind.TANH,
        Tensor.matrix(new double[][] {{0, 0.5}, {-0.5, 0.97}, {0, -0.3}, {0.3, 0.6}}));
    XYSeries series = ActivationChart.of("xor", tanh, tanh).getSeriesMap()
        .get(ActivationChart.START);
    double[] x = series.getXData();
    double[] y = series.getYData();
    assertEquals(ActivationSnapshot.BINS + 1, x.length);
    // Edges of 0.05 computed from the centres: off by a few ulps of 1, far below a bin's width.
    double tolerance = 1e-12;
    assertEquals(-1, x[0], tolerance);
    assertEquals(1, x[x.length - 1], tolerance);
    // Step holds each value from its x to the next: the zeros' bar spans [0, 0.05).
    int zeros = 20;
    assertEquals(0, x[zeros], tolerance);
    assertEquals(0.05, x[zeros + 1], tolerance);
    assertEquals(0.25, y[zeros]);
    assertEquals(0, y[zeros - 1], "nothing in [-0.05, 0)");
    // The top bin [0.95, 1] is drawn across its width, not as a vertical line at its centre.
    assertEquals(0.95, x[x.length - 2], tolerance);
    assertEquals(0.125, y[y.length - 2]);
    assertEquals(0.125, y[y.length - 1]);
  }

  @Test
  void aResumedRunsStartIsTheStartOfThisRun() {
    // The start snapshot of a run resumed from a file is of the loaded, trained model.
    XYChart chart = ActivationChart.of("xor", START, END, true);
    assertEquals(List.of(ActivationChart.START_OF_RUN, ActivationChart.END),
        List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals("start of this run", ActivationChart.START_OF_RUN);
  }

  @Test
  void reluChartsTellTheDeadUnits() {
    ActivationSnapshot relu = ActivationSnapshot.of("hidden 2", Activation.Kind.RELU,
        Tensor.matrix(new double[][] {{0, 1}, {0, 2}}));
    assertEquals("iris: hidden 2 (relu) activations, dead units 50% → 50%",
        ActivationChart.of("iris", relu, relu).getTitle());
  }

  @Test
  void snapshotsMustBeOfOneLayer() {
    ActivationSnapshot other = ActivationSnapshot.of("hidden 2", Activation.Kind.SIGMOID,
        Tensor.matrix(new double[][] {{0.5}}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ActivationChart.of("t", START, other));
    assertEquals("activation chart: snapshots of hidden 1 and hidden 2 are not of one layer",
        e.getMessage());
  }
}
