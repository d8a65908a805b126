package dev.chainrule.examples.run;

import dev.chainrule.examples.plot.ActivationChart;
import dev.chainrule.examples.plot.ChartFiles;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.examples.plot.CurveChart;
import dev.chainrule.optim.diagnostics.ActivationSnapshot;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.diagnostics.LayerGradients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The gradient-flow pictures of a run: each layer's mean absolute gradient and gradient-to-weight
 * ratio per epoch on log scales ({@code gradients}, {@code gradient-ratio}), and each hidden
 * layer's activations at the start and end of training ({@code activations-hidden-1}, ...).
 */
final class GradientPictures {
  /** Curves a picture can tell apart; deeper networks show this many layers, evenly spaced. */
  private static final int MOST_LAYERS = 10;

  private GradientPictures() {}

  /**
   * Writes the pictures of {@code flow}.
   *
   * @param task the command's name, which starts every title
   * @param flow the run's gradient statistics, after training
   * @param out the folder to write into
   * @param format the pictures' file format
   * @param first the number of the run's first epoch, from 1: above 1 for a resumed run, whose
   *     curves are numbered as its log is and whose activations start from the loaded model
   * @return the files written
   * @throws IOException when a picture cannot be written
   */
  static List<Path> write(String task, GradientFlow flow, Path out, ChartFormat format,
      int first) throws IOException {
    List<Path> written = new ArrayList<>();
    List<LayerGradients> layers = shown(flow.layers());
    if (drawable(layers, LayerGradients::meanAbsoluteGradient)) {
      written.add(ChartFiles.write(CurveChart.of(task + ": mean |gradient| per layer", "epoch",
          "mean |∂loss/∂w| (log scale)", series(layers, LayerGradients::meanAbsoluteGradient),
          CurveChart.Scale.LOG, first), out, "gradients", format));
    }
    if (drawable(layers, LayerGradients::gradientToWeightRatio)) {
      written.add(ChartFiles.write(CurveChart.of(task + ": gradient-to-weight ratio per layer",
          "epoch", "‖∂loss/∂W‖ / ‖W‖ (log scale)",
          series(layers, LayerGradients::gradientToWeightRatio), CurveChart.Scale.LOG, first), out,
          "gradient-ratio", format));
    }
    List<ActivationSnapshot> start = flow.activationsAtStart();
    List<ActivationSnapshot> end = flow.activationsAtEnd();
    for (int i = 0; i < Math.min(start.size(), end.size()); i++) {
      written.add(ChartFiles.write(ActivationChart.of(task, start.get(i), end.get(i), first > 1),
          out,
          "activations-hidden-" + (i + 1), format));
    }
    return written;
  }

  /**
   * Whether {@link #write} writes the {@code gradients} picture for {@code flow}: a warning
   * written before the pictures points at it only then.
   *
   * @param flow the run's gradient statistics, after training
   * @return whether a layer shown has a finite, positive mean gradient
   */
  static boolean drawn(GradientFlow flow) {
    return drawable(shown(flow.layers()), LayerGradients::meanAbsoluteGradient);
  }

  private static Map<String, List<Double>> series(List<LayerGradients> layers,
      Function<LayerGradients, List<Double>> values) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    layers.forEach(layer -> series.put(layer.layer(), values.apply(layer)));
    return series;
  }

  /**
   * Whether a log-scale chart of these values has anything to show: a run that diverged in its
   * first epoch, or whose gradients were all 0 or not finite, has not.
   */
  private static boolean drawable(List<LayerGradients> layers,
      Function<LayerGradients, List<Double>> values) {
    return layers.stream().flatMap(layer -> values.apply(layer).stream())
        .anyMatch(v -> Double.isFinite(v) && v > 0);
  }

  /** All layers, or for deeper networks the first, the last and evenly spaced ones between. */
  private static List<LayerGradients> shown(List<LayerGradients> layers) {
    int n = layers.size();
    if (n <= MOST_LAYERS) {
      return layers;
    }
    return IntStream.range(0, MOST_LAYERS)
        .mapToObj(i -> layers.get((int) Math.round(i * (n - 1.0) / (MOST_LAYERS - 1)))).toList();
  }
}
