package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict with a binary model (one sigmoid output, {@code xor --save}): each row's class is the
 * second when p ≥ 0.5, its probability p or 1 − p, and the accuracy counts the rows whose label
 * is that class, all against the saved model's own forward pass on the same rows. No test had
 * predicted with a binary model, only with classifiers of K outputs and regressions.
 */
class PredictBinaryTest {
  @TempDir
  Path dir;

  /** The four corners, points between them, and two rows labelled against XOR. */
  private static final double[][] ROWS = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0},
      {0.2, 0.9, 1}, {0.8, 0.3, 1}, {0.5, 0.5, 0}, {0.9, 0.9, 1}, {0.1, 0.05, 1}};

  @Test
  void classesAndProbabilitiesAreTheModelsOwn() throws IOException {
    Path model = dir.resolve("xor.safetensors");
    Cli.Result trained = Cli.run("xor", "--epochs", "200", "--save", model.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    ModelCheckpoint.DescribedModel loaded = ModelCheckpoint.loadDescribed(model);
    assertEquals(Task.BINARY, loaded.description().task());
    List<String> features = loaded.description().features();
    String label = loaded.description().label();
    List<String> classes = loaded.description().classes();

    StringBuilder csv = new StringBuilder(String.join(",", features) + "," + label + "\n");
    double[] inputs = new double[ROWS.length * 2];
    for (int i = 0; i < ROWS.length; i++) {
      csv.append(ROWS[i][0]).append(',').append(ROWS[i][1]).append(',')
          .append(classes.get((int) ROWS[i][2])).append('\n');
      inputs[2 * i] = ROWS[i][0];
      inputs[2 * i + 1] = ROWS[i][1];
    }
    Path data = Files.writeString(dir.resolve("points.csv"), csv);
    Cli.Result predicted = Cli.run("predict", "--load", model.toString(), "--csv",
        data.toString(), "--json");
    assertEquals(0, predicted.exitCode(), predicted.err());

    // The same network on the same rows, so the same numbers: compared exactly.
    double[] p = loaded.model().forward(Variable.constant(Tensor.of(inputs, ROWS.length, 2)))
        .value().toArray();
    List<String> lines = predicted.lines();
    assertEquals(ROWS.length + 1, lines.size(), predicted.out());
    int correct = 0;
    boolean bothClasses = false;
    for (int i = 0; i < ROWS.length; i++) {
      Map<String, Object> row = new Cli.Result(0, lines.get(i), "").json();
      int expected = p[i] >= 0.5 ? 1 : 0;
      String where = "row " + i + ", p = " + p[i] + ": " + row;
      assertEquals(classes.get(expected), row.get("predicted"), where);
      assertEquals(expected == 1 ? p[i] : 1 - p[i], (Double) row.get("probability"), 0, where);
      correct += expected == (int) ROWS[i][2] ? 1 : 0;
      bothClasses |= expected != (p[0] >= 0.5 ? 1 : 0);
    }
    assertTrue(bothClasses, "the rows are predicted as both classes");
    assertTrue(correct < ROWS.length, "some rows are labelled against the model");
    Map<String, Object> summary = predicted.json();
    assertEquals((double) ROWS.length, summary.get("scored"), summary.toString());
    assertEquals((double) correct, summary.get("correct"), summary.toString());
    // A mean of 0s and 1s: a whole-number sum and one division, so 1e-15 is rounding only.
    assertEquals((double) correct / ROWS.length, (Double) summary.get("accuracy"), 1e-15,
        summary.toString());
  }
}
