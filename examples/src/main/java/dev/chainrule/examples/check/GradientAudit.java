package dev.chainrule.examples.check;

import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.autograd.check.OpCatalogue;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.reference.DeltaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Checks gradients three ways: every op of the catalogue against finite differences (first and,
 * where supported, second order), and random networks with the engine against finite differences
 * and against the hand-derived delta rule.
 */
public final class GradientAudit {
  private GradientAudit() {}

  /** The worst result of one op or one network. */
  public record Finding(String subject, int checks, double relErrorFd, double absErrorManual,
      boolean passed, String worst) {}

  /** All findings, and the totals the JSON line reports. */
  public record Result(List<Finding> ops, List<Finding> networks) {
    /**
     * Gradient checks run in all.
     *
     * @return the count
     */
    public int checks() {
      return ops.stream().mapToInt(Finding::checks).sum()
          + networks.stream().mapToInt(Finding::checks).sum();
    }

    /**
     * The worst relative error against finite differences.
     *
     * @return the largest, 0 when nothing ran
     */
    public double maxRelErrorFd() {
      return java.util.stream.Stream.concat(ops.stream(), networks.stream())
          .mapToDouble(Finding::relErrorFd).max().orElse(0);
    }

    /**
     * The worst absolute difference between the engine and the hand-derived delta rule.
     *
     * @return the largest, 0 when no network ran
     */
    public double maxAbsErrorManual() {
      return networks.stream().mapToDouble(Finding::absErrorManual).max().orElse(0);
    }

    /**
     * Whether every op and every network passed.
     *
     * @return true when all passed
     */
    public boolean passed() {
      return ops.stream().allMatch(Finding::passed) && networks.stream().allMatch(Finding::passed);
    }
  }

  /**
   * Runs {@code casesPerOp} cases of every op and {@code networks} random networks.
   *
   * @param casesPerOp random cases per op of the catalogue
   * @param networks random networks to check three ways
   * @param seed the seed of every random choice
   * @return the findings
   */
  public static Result run(int casesPerOp, int networks, long seed) {
    RandomGenerator random = Tensors.seeded(seed);
    List<Finding> ops = new ArrayList<>();
    for (OpSpec spec : OpCatalogue.builtIns()) {
      ops.add(checkOp(spec, casesPerOp, random));
    }
    List<Finding> nets = new ArrayList<>();
    for (int i = 0; i < networks; i++) {
      nets.add(checkNetwork(RandomNetworks.draw(random)));
    }
    return new Result(ops, nets);
  }

  private static Finding checkOp(OpSpec spec, int cases, RandomGenerator random) {
    double worstError = 0;
    String worst = "";
    boolean passed = true;
    int checks = 0;
    for (int i = 0; i < cases; i++) {
      OpCase c = spec.sample(random);
      List<GradCheckReport> reports = new ArrayList<>(List.of(c.check()));
      if (spec.secondOrder()) {
        reports.add(c.checkSecondOrder());
      }
      for (GradCheckReport report : reports) {
        checks++;
        passed &= report.passed();
        double error = relativeError(report);
        if (error >= worstError) {
          worstError = error;
          worst = c.description() + ": " + report;
        }
      }
    }
    return new Finding(spec.name(), checks, worstError, 0, passed, worst);
  }

  private static Finding checkNetwork(RandomNetworks.Case c) {
    List<Variable> parameters = c.model().parameters();
    c.model().zeroGrad();
    c.loss().compute(c.model().forward(Variable.constant(c.x())), c.target()).backward();
    DeltaRule.Result manual = DeltaRule.backprop(DeltaRule.layersOf(c.model()), c.loss(), c.x(),
        c.target());
    double manualError = 0;
    for (int l = 0; l < manual.weightGradients().size(); l++) {
      manualError = Math.max(manualError, maxAbsDifference(manual.weightGradients().get(l),
          parameters.get(2 * l).grad()));
      manualError = Math.max(manualError, maxAbsDifference(manual.biasGradients().get(l),
          parameters.get(2 * l + 1).grad()));
    }
    List<Tensor> values = parameters.stream().map(Variable::value).toList();
    GradCheckReport fd = GradCheck.check(in -> {
      Variable a = Variable.constant(c.x());
      for (int l = 0; l < in.size() / 2; l++) {
        Activation f = (Activation) c.model().layers().get(2 * l + 1);
        a = f.forward(Variable.dense(a, in.get(2 * l), in.get(2 * l + 1)));
      }
      return c.loss().compute(a, c.target());
    }, values);
    boolean passed = fd.verdict() != GradCheckReport.Verdict.WRONG_DERIVATIVE
        && manualError <= 1e-10 * (1 + maxAbs(parameters));
    String worst = "parameter " + (fd.input() % 2 == 0 ? "W" : "b") + (fd.input() / 2 + 1)
        + " (layer " + (fd.input() / 2 + 1) + "): " + fd;
    return new Finding(c.description(), 2, relativeError(fd), manualError, passed, worst);
  }

  /**
   * The report's relative error where the values are big enough for it to mean something, its
   * absolute error otherwise (|a − n| / max(|a|, |n|) of two numbers near 1e-12 is noise).
   */
  static double relativeError(GradCheckReport report) {
    double scale = Math.max(Math.abs(report.analytical()), Math.abs(report.numerical()));
    return scale >= 1e-6 ? report.relError() : report.absError();
  }

  private static double maxAbsDifference(Tensor a, Tensor b) {
    return a.sub(b).abs().max().item();
  }

  private static double maxAbs(List<Variable> parameters) {
    return parameters.stream().mapToDouble(p -> p.grad().abs().max().item()).max().orElse(0);
  }
}
