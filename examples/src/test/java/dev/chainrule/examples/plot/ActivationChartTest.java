package dev.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.optim.diagnostics.ActivationSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

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
    assertArrayEquals(END.fractions().toArray(),
        chart.getSeriesMap().get(ActivationChart.END).getYData());
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
