package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's anomaly-detection snippet, verbatim (a test in examples checks they stay in sync).
 * It lives outside the library's packages, as the README's reader's code does, so the creation
 * site it prints is a line of this file.
 */
class ReadmeAnomalyTest {

  @Test
  void anomalyDetectionFindsALogOfANegativeNumber() throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Variable w = Variable.parameter(Tensor.matrix(new double[][] {{0.5, -1.5}}), "w");
    Variable b = Variable.parameter(Tensor.vector(0.2), "b");
    Variable x = Variable.constant(Tensor.matrix(new double[][] {{1, 2}, {3, 0}}));
    Variable y = Variable.constant(Tensor.matrix(new double[][] {{1}, {0}}));
    try {
      try (var anomaly = Autograd.detectAnomaly()) {
        Variable p = Variable.linear(x, w, b).tanh();  // meant to be sigmoid: tanh can be negative
        Variable loss = y.mul(p.log()).neg().mean();  // cross-entropy: log of -0.98 is NaN
        loss.backward();
      } catch (AnomalyException e) {
        System.out.println(e.getMessage());
      }
    } finally {
      System.setOut(original);
    }
    int logLine = lineOf("y.mul(p.log())");
    assertEquals("anomaly in the forward pass: 'log' produced NaN: output [2, 1] in"
        + " [-0.06677, -0.06677], 1 NaN; input 0: [2, 1] in [-0.9801, 0.9354]; created at"
        + " dev.chainrule.usage.ReadmeAnomalyTest.anomalyDetectionFindsALogOfANegativeNumber("
        + "ReadmeAnomalyTest.java:" + logLine + ")\n", captured.toString(StandardCharsets.UTF_8));
    assertTrue(Files.readString(Path.of("../README.md")).contains("\n" + captured),
        "the README shows this message as printed, line number included");

    Variable loss = y.mul(Variable.linear(x, w, b).tanh().log()).neg().mean();
    loss.backward();
    assertTrue(Double.isNaN(loss.item()), "without detection the loss is NaN");
    assertTrue(Double.isFinite(w.grad().sum().item()), "while the gradients look fine: the rule of"
        + " log, g/x, is finite at a negative x, so training would go on with nothing said");
  }

  /** The line of this file that holds {@code code}, where the README's op is created. */
  private static int lineOf(String code) throws IOException {
    List<String> lines = Files.readAllLines(
        Path.of("src/test/java/dev/chainrule/usage/ReadmeAnomalyTest.java"));
    return lines.indexOf(lines.stream().filter(l -> l.contains(code)).findFirst().orElseThrow())
        + 1;
  }
}
