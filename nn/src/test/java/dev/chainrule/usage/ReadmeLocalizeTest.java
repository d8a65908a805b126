package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.LocalizationReport;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through of {@code GradCheck.localize}, verbatim (a test in examples checks
 * that every README snippet appears in a test): a custom op with a wrong rule inside a small
 * network fails the parameter check, localize names the op and the line of this file that created
 * it, and the fixed rule passes both. It lives outside the library's packages, where a reader's
 * code is, so the creation site is a line of this file.
 */
class ReadmeLocalizeTest {

  private final PrintStream original = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(original);
  }

  @Test
  void localizeNamesTheCustomOpWithTheWrongRuleAndItsLine() throws IOException {
    // x³ by hand, but the rule forgot the 3 of ∂(x³) = 3x²
    Op cube = Op.unary("cube", (ctx, x) -> x.pow(3), (ctx, g) -> g.mul(ctx.input(0).square()));
    Sequential model = Sequential.of(Dense.of(2, 3, 1L),
        Activation.of("cube", h -> cube.apply(h)), Dense.of(3, 1, 2L));
    Tensor x = Tensor.matrix(new double[][] {{0.5, -1}, {1, 2}, {-0.3, 0.8}});
    Tensor y = Tensor.matrix(new double[][] {{1}, {0}, {-1}});
    Supplier<Variable> loss =
        () -> Loss.meanSquaredError().compute(model.forward(Variable.constant(x)), y);

    System.out.println(GradCheck.checkParameters(loss, model.parameters()));

    Variable graph;
    try (var sites = Autograd.recordCreationSites()) {
      graph = loss.get();
    }
    System.out.println(GradCheck.localize(graph));

    System.setOut(original);
    String printed = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.lines().toList();
    assertTrue(lines.get(0).startsWith("WRONG_DERIVATIVE"), printed);

    LocalizationReport report = GradCheck.localize(graph);
    LocalizationReport.Node culprit = report.culprit().orElseThrow();
    assertEquals("cube", culprit.op());
    assertEquals(1, culprit.position(), "after the first layer's linear");
    assertEquals(1, report.wrong().size(), "the nodes after it are checked on their own and pass");
    // The rule gives h², central differences 3h²: a third (up to the check's rtol, 1e-5).
    assertEquals(3, culprit.numerical() / culprit.analytical(), 1e-4);
    StackTraceElement site = culprit.creationSite().orElseThrow();
    assertEquals(ReadmeLocalizeTest.class.getName(), site.getClassName());
    assertEquals(lineOf("Activation.of(\"cube\", h -> cube.apply(h)), Dense"),
        site.getLineNumber(), "the line of the activation's lambda, which applies the op");
    assertTrue(lines.get(2).contains("created at " + site), printed);

    String readme = Files.readString(Path.of("../README.md"));
    assertTrue(readme.contains("\n" + printed), "the README shows what the snippet prints, line"
        + " numbers included:\n" + printed);

    // The fix: the rule with its factor; the same network then passes both checks.
    Sequential fixed = withTheFixedRule(model);
    Supplier<Variable> fixedLoss =
        () -> Loss.meanSquaredError().compute(fixed.forward(Variable.constant(x)), y);
    GradCheckReport check = GradCheck.checkParameters(fixedLoss, fixed.parameters());
    assertTrue(check.passed(), check::toString);
    LocalizationReport after = GradCheck.localize(fixedLoss.get());
    assertTrue(after.passed() && after.flagged().isEmpty(), after::toString);
    assertFalse(GradCheck.checkParameters(loss, model.parameters()).passed(), "still the old rule");
  }

  /** The README's fix, in the network's own layers. */
  private static Sequential withTheFixedRule(Sequential model) {
    Op cube = Op.unary("cube", (ctx, x) -> x.pow(3),
        (ctx, g) -> g.mul(ctx.input(0).square().mul(3)));  // the 3 restored
    return Sequential.of(model.layers().get(0), Activation.of("cube", h -> cube.apply(h)),
        model.layers().get(2));
  }

  /** The line of this file that holds {@code code}. */
  private static int lineOf(String code) throws IOException {
    List<String> lines = Files.readAllLines(
        Path.of("src/test/java/dev/chainrule/usage/ReadmeLocalizeTest.java"));
    return lines.indexOf(lines.stream().filter(l -> l.contains(code)).findFirst().orElseThrow())
        + 1;
  }
}
