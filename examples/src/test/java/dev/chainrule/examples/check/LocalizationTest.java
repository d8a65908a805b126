package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.LocalizationReport;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dropout;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A value that is not finite fails a localization run: the gradient there was never compared.
 * Before, only wrong derivatives counted, and a run whose checks met an infinity passed.
 */
class LocalizationTest {
  /** A network whose parameter check saw log(0) = −∞: NOT_FINITE, not a wrong derivative. */
  private static Localization.Network notFiniteNetwork() {
    Variable w = Variable.parameter(Tensor.vector(0, 1), "w");
    Supplier<Variable> loss = () -> w.log().sum();
    GradCheckReport parameters = GradCheck.checkParameters(loss, List.of(w));
    return new Localization.Network("log of a zero weight", 0, parameters,
        GradCheck.localize(loss.get()));
  }

  @Test
  void aParameterCheckThatMetAnInfinityFailsTheRun() {
    Localization.Network network = notFiniteNetwork();
    assertEquals(GradCheckReport.Verdict.NOT_FINITE, network.parameters().verdict(),
        network.parameters().toString());
    Localization.Result result = new Localization.Result(Optional.empty(), Mutation.SIGN_ERROR,
        List.of(network));
    assertEquals(0, result.parameterFailures(), "no derivative was found wrong");
    assertFalse(result.wrongFound());
    assertEquals(1, result.notFinite());
    assertFalse(result.passed(), "the gradient was never compared");
  }

  @Test
  void aNodeLocalizeCouldNotCheckForAnInfinityFailsTheRun() {
    // A passing parameter check beside a localization that lists one node as not finite.
    Variable w = Variable.parameter(Tensor.vector(1, 2), "w");
    Supplier<Variable> loss = () -> w.square().sum();
    GradCheckReport parameters = GradCheck.checkParameters(loss, List.of(w));
    assertTrue(parameters.passed(), parameters.toString());
    Variable graph = loss.get();
    LocalizationReport report = new LocalizationReport(2, List.of(new LocalizationReport.Node(0,
        graph, "square", List.of(Shape.of(2)), LocalizationReport.Finding.NOT_FINITE, 0,
        new int[] {0}, Double.NaN, Double.NaN, "output element 0 is Infinity",
        Optional.empty())), false);
    assertTrue(report.passed(), "the report itself makes no claim against the rule");
    Localization.Result result = new Localization.Result(Optional.empty(), Mutation.SIGN_ERROR,
        List.of(new Localization.Network("square", 0, parameters, report)));
    assertEquals(1, result.notFinite());
    assertFalse(result.passed());
  }

  /**
   * A network with Dropout in training mode: the parameter check's central differences compare
   * two random masks, and its verdict says so. Neither check found a wrong rule, and the run
   * does not pass: nothing was compared.
   */
  @Test
  void aNetworkThatIsNotDeterministicFailsTheRun() {
    Variable w = Variable.parameter(Tensor.vector(1, 2, 3, 4), "w");
    Dropout dropout = Dropout.of(0.5, 7);
    Supplier<Variable> loss = () -> dropout.forward(w).square().sum();
    GradCheckReport parameters = GradCheck.checkParameters(loss, List.of(w));
    assertEquals(GradCheckReport.Verdict.NOT_DETERMINISTIC, parameters.verdict(),
        parameters.toString());
    Localization.Result result = new Localization.Result(Optional.empty(), Mutation.SIGN_ERROR,
        List.of(new Localization.Network("dropout", 0, parameters,
            GradCheck.localize(loss.get()))));
    assertEquals(0, result.parameterFailures(), "no derivative was found wrong");
    assertEquals(0, result.notFinite());
    assertEquals(1, result.notDeterministic());
    assertFalse(result.passed(), "the finite differences compared different functions");
  }

  /**
   * A parameter check that judged nothing (every gradient within the absolute tolerance, 1e-6,
   * where a rule off by a factor of 2 passes as a right one) does not pass the run, and no rule
   * is called wrong. The same holds for a node localize could not judge.
   */
  @Test
  void anInconclusiveCheckFailsTheRunWithoutBlamingARule() {
    // 1e-10·w with a rule twice too large: inconclusive, as GradCheckSmallValuesTest shows.
    Op tiny = Op.unary("tiny", (ctx, x) -> x.mul(1e-10), (ctx, g) -> g.mul(2e-10));
    Variable w = Variable.parameter(Tensor.vector(0.5, -1.5), "w");
    Supplier<Variable> loss = () -> tiny.apply(w).sum();
    GradCheckReport parameters = GradCheck.checkParameters(loss, List.of(w));
    assertEquals(GradCheckReport.Verdict.INCONCLUSIVE, parameters.verdict(),
        parameters.toString());
    Localization.Result result = new Localization.Result(Optional.empty(), Mutation.SIGN_ERROR,
        List.of(new Localization.Network("tiny", 0, parameters, GradCheck.localize(loss.get()))));
    assertEquals(0, result.parameterFailures(), "no derivative was found wrong");
    assertEquals(1, result.inconclusive());
    assertFalse(result.passed(), "nothing was judged");

    Variable v = Variable.parameter(Tensor.vector(1, 2), "v");
    Supplier<Variable> fine = () -> v.square().sum();
    LocalizationReport undecided = new LocalizationReport(2, List.of(new LocalizationReport.Node(
        0, fine.get(), "square", List.of(Shape.of(2)), LocalizationReport.Finding.INCONCLUSIVE,
        0, new int[] {0}, 1e-7, 2e-7, "every value within atol", Optional.empty())), false);
    Localization.Result node = new Localization.Result(Optional.empty(), Mutation.SIGN_ERROR,
        List.of(new Localization.Network("square", 0, GradCheck.checkParameters(fine,
            List.of(v)), undecided)));
    assertEquals(1, node.inconclusive());
    assertFalse(node.wrongFound(), "an undecided node is not a wrong rule");
    assertFalse(node.passed());
  }

  /**
   * The published runs, {@code gradcheck --localize} and {@code --inject tanh} at their defaults
   * (20 networks, seed 42), meet no value that is not finite: counting such values as failures
   * changes neither their exit codes nor what the README says of them.
   */
  @Test
  void thePublishedRunsMeetNoValueThatIsNotFinite() {
    Localization.Result clean = Localization.run(20, 42, Optional.empty(), Mutation.SIGN_ERROR);
    assertEquals(0, clean.notFinite());
    assertEquals(0, clean.notDeterministic());
    assertTrue(clean.passed());
    Localization.Result tanh = Localization.run(20, 42, Optional.of("tanh"),
        Mutation.SIGN_ERROR);
    assertEquals(0, tanh.notFinite());
    assertTrue(tanh.wrongFound());
    assertFalse(tanh.passed());
  }
  /**
   * The README's account of {@code gradcheck --localize --inject tanh}: of the 20 networks, each
   * that records tanh fails its parameter check and has localize name a tanh node first; the
   * others, whose rules are all right, pass both.
   */
  @Test
  void anInjectedTanhIsFoundWhereTheNetworksRecordIt() {
    Localization.Result tanh = Localization.run(20, 42, Optional.of("tanh"),
        Mutation.SIGN_ERROR);
    assertEquals(20, tanh.networks().size());
    int withTanh = tanh.withOp();
    assertTrue(withTanh > 0 && withTanh < 20, withTanh + " networks record tanh");
    assertEquals(withTanh, tanh.parameterFailures());
    assertEquals(withTanh, tanh.namedFirst());
    for (Localization.Network network : tanh.networks()) {
      assertEquals(network.injected() > 0, !network.report().passed(), network.description());
    }
  }
}
