package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.AnomalyException.Phase;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Anomaly detection, used as a user uses it. This package stands where user code stands, outside
 * the library's packages, because the creation site an anomaly names is the first frame there.
 */
class AnomalyDetectionTest {
  private static final String HERE = AnomalyDetectionTest.class.getName();

  /** The line it is called from, so an assertion can name the line an op was created on. */
  static int line() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow()
        .getLineNumber();
  }

  @Test
  void aLogOfANegativeNumberFailsInTheForwardPassAtTheUsersLine() {
    Variable x = Variable.parameter(Tensor.vector(-1, 0.5, 2), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> x.mul(2).log());  int line = line();

      assertEquals(Phase.FORWARD, e.phase());
      assertEquals("log", e.opName());
      assertEquals(-1, e.gradientOf());
      assertEquals(1, e.found().nanCount());
      assertEquals(List.of(new AnomalyException.Values(Shape.of(3), 3, 0, 0, -2, 4)), e.inputs());
      assertFalse(e.inputsWereNonFinite());
      StackTraceElement site = e.creationSite().orElseThrow();
      assertEquals(HERE, site.getClassName());
      assertEquals(line, site.getLineNumber());
      assertEquals("anomaly in the forward pass: 'log' produced NaN: output [3] in"
          + " [0.000, 1.386], 1 NaN; input 0: [3] in [-2.000, 4.000]; created at " + site,
          e.getMessage());
      // What a program prints for its users: the same without the line of the program.
      assertEquals(e.getMessage(), e.findings() + "; created at " + site);
    }
  }

  @Test
  void float32ValuesAreCheckedAndDescribedTheSameWay() {
    Variable x = Variable.parameter(Tensor.vector(-1, 0.5, 2).to(DType.FLOAT32), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> x.log());
      assertEquals(new AnomalyException.Values(Shape.of(3), 3, 0, 0, -1, 2), e.inputs().get(0));
      assertEquals(1, e.found().nanCount());
      Variable big = Variable.parameter(Tensor.vector(3e38, 3e38).to(DType.FLOAT32));
      big.mul(1.0);  // elements near float32's maximum are finite: no anomaly
    }
  }

  @Test
  void operationsOnDataAloneAreCheckedToo() {
    Variable data = Variable.constant(Tensor.vector(1, 0));
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> data.reciprocal());
      assertEquals("reciprocal", e.opName());
      assertEquals(1, e.found().infiniteCount());
      assertEquals(HERE, e.creationSite().orElseThrow().getClassName());
    }
  }

  @Test
  void aNaNThatCameInIsReportedAsPassedOn() {
    Variable w = Variable.parameter(Tensor.vector(1, Double.NaN), "w");
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> w.mul(3));
      assertEquals("mul", e.opName(), "x·c multiplies by a constant");
      assertTrue(e.inputsWereNonFinite());
      assertTrue(e.getMessage().contains("input 0: [2] in [1.000, 1.000], 1 NaN; input 1: [] in"
          + " [3.000, 3.000] (the non-finite values came in: 'mul' passed them on; look at where"
          + " its inputs came from)"),
          e.getMessage());
    }
  }

  /**
   * In the backward pass too: e^x is 0 at x = −∞, a finite output, and a rule multiplying g by
   * x passes the −∞ it was given on; the incoming gradient, 1, is finite.
   */
  @Test
  void aNonFiniteInputThatARulePassesOnIsReportedAsCameIn() {
    Op passOn = Op.unary("passOn", (ctx, t) -> t.exp(), (ctx, g) -> g.mul(ctx.input(0)));
    Variable x = Variable.parameter(Tensor.vector(Double.NEGATIVE_INFINITY), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable loss = passOn.apply(x).sum();
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals("passOn", e.opName());
      assertTrue(e.getMessage().contains("(the non-finite values came in: 'passOn' passed them"
          + " on; look at where its inputs came from)"), e.getMessage());
    }
  }

  @Test
  void aGradientThatBecomesInfiniteFailsInTheBackwardPassAtTheLineThatCreatedTheOp() {
    Variable x = Variable.parameter(Tensor.vector(0, 1, 4), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable root = x.sqrt();  int line = line();  // finite values, but √ has slope ∞ at 0
      Variable loss = root.sum();
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);

      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals("sqrt", e.opName());
      assertEquals(0, e.gradientOf());
      assertEquals(1, e.found().infiniteCount());
      assertEquals(line, e.creationSite().orElseThrow().getLineNumber());
      AnomalyException.Values incoming = e.gradOutput().orElseThrow();
      assertEquals(Shape.of(3), incoming.shape());
      assertEquals(1.0, incoming.finiteMin(), 0.0, "sum's gradient is exactly 1");
      assertEquals("anomaly in the backward pass: the backward rule of 'sqrt' returned an"
          + " infinity: gradient for input 0 [3] in [0.2500, 0.5000], 1 infinite; input 0: [3] in"
          + " [0.000, 4.000]; gradient of its output: [3] in [1.000, 1.000]; created at "
          + e.creationSite().orElseThrow(), e.getMessage());
    }
    assertTrue(x.grad() == null, "the failed pass added nothing");
  }

  @Test
  void aBadRuleIsBlamedOnItsOpNotOnTheOpsInsideIt() {
    // The rule divides by x (1/x is the derivative of log), here for a "log" that is really x:
    // its division by 0 happens inside the rule, which is the op the anomaly must name.
    Op wrong = Op.unary("myLog", (ctx, v) -> v.mul(1.0), (ctx, g) -> g.div(ctx.input(0)));
    Variable x = Variable.parameter(Tensor.vector(0, 1));
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> wrong.apply(x).sum().backward());
      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals("myLog", e.opName());
    }
  }

  @Test
  void aGraphRecordedBeforeDetectionStillHasItsGradientsChecked() {
    Variable x = Variable.parameter(Tensor.vector(0, 1));
    Variable loss = x.sqrt().sum();
    try (var anomaly = Autograd.detectAnomaly()) {
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertTrue(e.creationSite().isEmpty());
      assertTrue(e.getMessage().endsWith("created at an unknown line (none was recorded: the op"
          + " ran before anomaly detection was on, or the value is a leaf)"), e.getMessage());
    }
  }

  @Test
  void theGradientBackwardStartsFromIsChecked() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable y = x.mul(2);
      AnomalyException e = assertThrows(AnomalyException.class,
          () -> y.backward(Tensor.vector(1, Double.POSITIVE_INFINITY)));
      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals(-1, e.gradientOf());
      assertTrue(e.getMessage().startsWith("anomaly in the backward pass: the gradient backward"
          + " started from, at 'mul', holds an infinity: [2] in [1.000, 1.000], 1 infinite"),
          e.getMessage());
    }
  }

  @Test
  void finiteValuesPassUnchanged_evenWhenTheirSumOverflows() {
    Variable w = Variable.parameter(Tensor.vector(1e308, 1e308, -3));
    Variable x = Variable.constant(Tensor.vector(1, 1, 2));
    w.mul(x).slice(0, 2, 3).sum().backward();
    Tensor expected = w.grad();
    w.zeroGrad();
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable product = w.mul(x);  // finite elements whose sum is +∞: the check looks closer
      product.slice(0, 2, 3).sum().backward();
    }
    assertEquals(expected, w.grad(), "detection changes no value");
  }

  @Test
  void offByDefault_aNaNPassesSilently() {
    assertFalse(Autograd.isAnomalyDetectionEnabled());
    Variable y = Variable.parameter(Tensor.vector(-1)).log();
    assertTrue(Double.isNaN(y.item()));
  }

  @Test
  void theScopeNestsAndRestores_andLeavesTheOtherSwitchesAlone() {
    try (var noGrad = Autograd.noGrad()) {
      try (var outer = Autograd.detectAnomaly()) {
        assertTrue(Autograd.isAnomalyDetectionEnabled());
        assertFalse(Autograd.isGradEnabled(), "anomaly detection does not turn recording on");
        try (var inner = Autograd.detectAnomaly()) {
          assertTrue(Autograd.isAnomalyDetectionEnabled());
        }
        assertTrue(Autograd.isAnomalyDetectionEnabled(), "the inner scope restores the outer's");
      }
      assertFalse(Autograd.isAnomalyDetectionEnabled());
      assertFalse(Autograd.isGradEnabled());
    }
    assertTrue(Autograd.isGradEnabled());

    // Closed out of order, each scope still restores only its own switch.
    var anomaly = Autograd.detectAnomaly();
    var noGrad = Autograd.noGrad();
    anomaly.close();
    assertFalse(Autograd.isAnomalyDetectionEnabled());
    assertFalse(Autograd.isGradEnabled());
    noGrad.close();
    assertTrue(Autograd.isGradEnabled());
  }

  @Test
  void theScopeBelongsToItsThread() throws Exception {
    boolean[] seenElsewhere = new boolean[2];
    try (var anomaly = Autograd.detectAnomaly()) {
      Thread other = new Thread(() -> {
        seenElsewhere[0] = Autograd.isAnomalyDetectionEnabled();
        seenElsewhere[1] = Double.isNaN(Variable.parameter(Tensor.vector(-1)).log().item());
      });
      other.start();
      other.join();
      assertThrows(AnomalyException.class, () -> Variable.parameter(Tensor.vector(-1)).log());
    }
    assertFalse(seenElsewhere[0], "another thread does not see this thread's scope");
    assertTrue(seenElsewhere[1], "and its NaN passes there, unchecked");
  }

  @Test
  void higherOrderGradientsAreChecked() {
    Variable x = Variable.parameter(Tensor.vector(0, 1));
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable dx = Gradients.of(List.of(x.pow(1.5).sum()), List.of(x), null,
          Gradients.Options.creatingGraph()).get(0);  // 1.5·√x: finite at 0, its slope is not
      AnomalyException e = assertThrows(AnomalyException.class, () -> Gradients.of(dx.sum(), x));
      assertEquals(Phase.BACKWARD, e.phase());
    }
  }

  /**
   * Gradients are checked as rules return them and again where the engine has summed them: two
   * finite gradients of 1e308 reach e^x as +∞, and the sum is named, with the line that made
   * e^x, before exp's rule would pass the infinity on and be blamed for it.
   */
  @Test
  void aGradientThatOverflowsWhenSummedIsReportedAsTheSum() {
    Variable x = Variable.parameter(Tensor.vector(-700), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable u = x.exp();  int line = line();  // e^−700 ≈ 1e−304: ×1e308 twice stays finite
      Variable loss = u.mul(1e308).add(u.mul(1e308)).sum();
      AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
      assertEquals("exp", e.opName());
      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals(1, e.found().infiniteCount());
      assertEquals(line, e.creationSite().orElseThrow().getLineNumber());
      assertTrue(e.getMessage().contains("the gradient of the output of 'exp' [1], a sum of finite"
          + " contributions"), e.getMessage());
      assertNull(x.grad(), "nothing was kept");
    }
  }

  /**
   * Gradients.of checks what it returns as backward checks what it keeps: two finite gradients
   * of 1e308 sum to +∞ at the leaf x, which no rule runs after, and x is named (x is 1e−300:
   * the forward values, 1e8, stay finite).
   */
  @Test
  void aGradientReturnedByGradientsOfThatOverflowsWhenSummedIsNamed() {
    Variable x = Variable.parameter(Tensor.vector(1e-300), "x");
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable loss = x.mul(1e308).add(x.mul(1e308)).sum();
      AnomalyException e = assertThrows(AnomalyException.class, () -> Gradients.of(loss, x));
      assertEquals(Phase.BACKWARD, e.phase());
      assertEquals(1, e.found().infiniteCount());
      assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }
    assertEquals(Double.POSITIVE_INFINITY, Gradients.of(x.mul(1e308).add(x.mul(1e308)).sum(), x)
        .get(0).value().item(), "unchecked without detection");
  }

  /**
   * Under anomaly detection the note on an exception a rule threw names the line that created
   * the op, as PyTorch's anomaly mode does.
   */
  @Test
  void aRuleThatThrowsIsNotedWithTheLineThatCreatedItsOp() {
    Op failing = Op.unary("failingRule", (ctx, v) -> v.copy(), (ctx, g) -> {
      throw new IllegalArgumentException("the rule's own complaint");
    });
    Variable x = Variable.parameter(Tensor.vector(1));
    try (var anomaly = Autograd.detectAnomaly()) {
      Variable y = failing.apply(x);  int line = line();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> y.sum().backward());
      assertEquals(1, e.getSuppressed().length);
      String note = e.getSuppressed()[0].getMessage();
      assertTrue(note.startsWith("in the backward rule of 'failingRule', an op created at "),
          note);
      assertTrue(note.endsWith("AnomalyDetectionTest.java:" + line + ")"), note);
    }
  }
}
