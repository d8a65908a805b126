package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.data.BuiltInData;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.diagnostics.GradientFlow;
import dev.chainrule.optim.metrics.ConfusionMatrix;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Problems;
import dev.chainrule.optim.model.Validation;
import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's pictures are the charts {@link RunPictures#charts} names before the run, so that the
 * check of the output folder sees every file the run may write; those not drawn are said, with
 * why, and so are charts of an earlier run left beside them.
 */
class RunPicturesDrawTest {
  @TempDir
  Path out;

  private static final History TWO_EPOCHS = new History(List.of(epoch(0), epoch(1)), false, 1);

  private static EpochResult epoch(int epoch) {
    return new EpochResult(epoch, 0.5, 0.75, 0.6, 0.7, 0.1, 0.01, 4);
  }

  /** Draws the run's pictures of an untrained 2-4-K network and returns what it reports. */
  private List<String> drawn(Problem problem, int classes) throws IOException {
    Sequential model = Mlp.of(2, List.of(4), classes, Activation.relu(), 1L);
    GradientFlow flow = GradientFlow.of(model, problem.train().features());
    flow.onTrainingEnd(TWO_EPOCHS);
    Tensor truth = problem.test().labels();
    RunPictures pictures = new RunPictures("t", out, ChartFormat.SVG);
    pictures.draw(problem, model, TWO_EPOCHS, ConfusionMatrix.tally(truth, truth, classes), flow);
    StringWriter text = new StringWriter();
    pictures.report(new Console(new PrintWriter(text), false));
    assertTrue(RunPictures.charts(problem, flow).containsAll(List.of("loss", "accuracy",
        "confusion", "gradients", "gradient-ratio", "activations-hidden-1")));
    return text.toString().lines().toList();
  }

  @Test
  void aClassifierInThePlaneGetsEveryChartItsCheckNamed() throws IOException {
    Problem blobs = BuiltInData.blobs(20, 1, Validation.NONE, null);
    List<String> lines = drawn(blobs, 3);
    // Untrained and never stepped, the flow has no gradient to draw: those two are not written.
    List<String> expected = new ArrayList<>();
    for (String name : List.of("loss", "accuracy", "confusion", "decision-boundary",
        "activations-hidden-1")) {
      expected.add(out.resolve(name + ".svg").toString());
    }
    assertEquals(List.of("pictures: " + String.join(", ", expected)), lines);
    assertTrue(RunPictures.charts(blobs, null).equals(List.of("confusion",
        "decision-boundary")), "an evaluation draws no curves and no gradient charts");
  }

  @Test
  void elevenClassesInThePlaneGetNoBoundaryAndAnEarlierRunsChartsAreNamed()
      throws IOException {
    Files.writeString(out.resolve("gradients.svg"), "<svg/>");
    int classes = 11;
    double[] xy = new double[classes * 4 * 2];
    double[] labels = new double[classes * 4];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = r % classes;
      xy[2 * r] = r;
      xy[2 * r + 1] = labels[r];
    }
    List<String> names = IntStream.range(0, classes).mapToObj(k -> "c" + k).toList();
    Problem many = Problems.classification("t", new Dataset(Tensor.of(xy, labels.length, 2),
        Tensor.vector(labels)), new Problem.Columns(List.of("x", "y"), "k"), names, 0.25, 1,
        "t", null);
    assertTrue(!RunPictures.charts(many, null).contains("decision-boundary"));
    List<String> lines = drawn(many, classes);
    assertEquals("no decision boundary picture: 11 classes, more than the 10 colours it tells"
        + " apart", lines.get(0));
    assertEquals("note: " + out + " also holds charts this run did not draw (from an earlier"
        + " run?): gradients.svg", lines.get(1));
    assertEquals(3, lines.size(), lines.toString());
  }
}
