package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A test row whose features overflow the model gives outputs that are not finite: the launcher
 * refuses them as train does, naming the row, where {@code Metrics.confusion}'s refusal of NaN
 * scores escaped it as an IllegalArgumentException that named no row. Without a Spark context:
 * an infinite feature stands for one that overflowed in scaling (float32, extreme values).
 */
class LaunchReportFiniteOutputsTest {
  private static Problem problem(boolean regression) {
    Tensor features = Tensor.matrix(new double[][] {{0.5, -1}, {1, 0}});
    Tensor testFeatures = Tensor.matrix(new double[][] {{0.5, -1}, {0.25,
        Double.POSITIVE_INFINITY}, {1, 0}});
    Dataset train = regression ? new Dataset(features, Tensor.matrix(new double[][] {{1}, {2}}))
        : new Dataset(features, Tensor.vector(0, 1));
    Dataset test = regression ? new Dataset(testFeatures,
        Tensor.matrix(new double[][] {{1}, {2}, {3}})) : new Dataset(testFeatures,
        Tensor.vector(0, 1, 1));
    return new Problem("train", train, test, regression ? List.of() : List.of("no", "yes"),
        regression, new Problem.Columns(List.of("a", "b"), "y"),
        new Problem.Preparation(null, null, null));
  }

  private static void refused(Problem problem, Sequential model) {
    StringWriter printed = new StringWriter();
    PrintWriter out = new PrintWriter(printed, true);
    LaunchFailure e = assertThrows(LaunchFailure.class,
        () -> LaunchReport.evaluate(problem, model, out, out, false));
    assertEquals("the model's outputs are not finite for 1 row (the first: test row 2, whose"
        + " \"b\" is Infinity after scaling): features that large overflow the model, and its"
        + " answers for them would mean nothing", e.getMessage());
    assertEquals("", printed.toString(), "no score printed from such outputs");
  }

  @Test
  void aClassifiersOverflowingTestRowIsRefusedNamingIt() {
    refused(problem(false), Sequential.of(Dense.of(2, 2, 1L), Activation.logSoftmax()));
  }

  @Test
  void aRegressionsOverflowingTestRowIsRefusedNamingIt() {
    refused(problem(true), Sequential.of(Dense.of(2, 1, 1L)));
  }
}
