package dev.chainrule.examples.check;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Gradients;
import dev.chainrule.autograd.OpTable;
import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.OpSpec;
import dev.chainrule.autograd.check.SpecReport;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.TracelessPass;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.reference.DeltaRule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Checks gradients three ways: every op of the op table against finite differences (first and,
 * where supported, second order), and networks with the engine against finite differences and,
 * where the network is made of Dense layers, built-in activations and a built-in loss, against the
 * hand-derived delta rule. {@link #checkNetwork} takes any model and loss, the user's own too.
 */
public final class GradientAudit {
  private GradientAudit() {}

  /**
   * The worst result of one op or one network.
   *
   * @param subject the op's or the network's name
   * @param checks how many gradient checks ran
   * @param relErrorFd the largest error against finite differences (relative, or absolute where
   *     the values are tiny)
   * @param absErrorManual the largest difference between the engine and the delta rule, NaN
   *     where the delta rule does not apply (a user's layer, activation or loss)
   * @param passed whether every check passed
   * @param worst the worst check's report
   */
  public record Finding(String subject, int checks, double relErrorFd, double absErrorManual,
      boolean passed, String worst) {
    /**
     * Whether the delta rule checked this network.
     *
     * @return false where it does not apply
     */
    public boolean checkedByDeltaRule() {
      return !Double.isNaN(absErrorManual);
    }
  }

  /**
   * All findings, and the totals the JSON line reports.
   *
   * @param ops one finding per row of the op table, each against finite differences
   * @param networks one finding per network checked, against finite differences and, where it
   *     applies, the delta rule
   */
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
      return networks.stream().filter(Finding::checkedByDeltaRule)
          .mapToDouble(Finding::absErrorManual).max().orElse(0);
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
    OpTable.entries().forEach(entry -> ops.add(checkOp(entry.spec(), casesPerOp, random)));
    List<Finding> nets = new ArrayList<>();
    for (int i = 0; i < networks; i++) {
      RandomNetworks.Case c = RandomNetworks.draw(random);
      nets.add(checkNetwork(c.model(), c.loss(), c.x(), c.target(), c.description()));
    }
    return new Result(ops, nets);
  }

  /**
   * An op's spec over random cases, first and (where supported) second order.
   *
   * @param spec the op's spec
   * @param cases how many random cases
   * @param random the generator to draw them from
   * @return the op's finding
   */
  public static Finding checkOp(OpSpec spec, int cases, RandomGenerator random) {
    SpecReport report = spec.check(cases, random);
    return new Finding(spec.name(), report.checks(), report.worstError(), 0, report.passed(),
        report.passed() ? report.worst() : report.firstFailure());
  }

  /**
   * A network's parameter gradients for one batch: the engine against finite differences and,
   * where it applies, against the delta rule. Any float64 model and any loss.
   *
   * <p>The model is left as it was: its parameters' values, their gradients ({@link
   * Variable#grad()}: the engine's gradients are taken with {@link Gradients#of}, which leaves
   * them alone), its buffers and its stochastic layers' generators. The check runs the model many
   * times in its own mode, training mode included, where a batch normalization's running
   * statistics moved with every run (an audited model then predicted otherwise in evaluation
   * mode, and saved other statistics); the runs are a {@link TracelessPass}, which puts every
   * buffer back afterwards, gives random layers a generator of its own (a dropout layer in
   * training mode still makes the check {@code NOT_DETERMINISTIC}, as it should) and tells
   * collecting forward hooks ({@link TracelessPass#running()}) to skip the runs.
   *
   * @param model the network, the user's own or built-in
   * @param loss its loss, the user's own or built-in
   * @param x a batch of inputs
   * @param target the batch's targets
   * @param description how reports name the network
   * @return the network's finding
   * @throws IllegalArgumentException for a loss that gives per-sample losses (Reduction.NONE),
   *     or a loss of one's own that gives more than one number
   */
  public static Finding checkNetwork(Module model, Loss loss, Tensor x, Tensor target,
      String description) {
    // Named here, where backward would say only that the output is not a scalar.
    if (loss.reduction() == Reduction.NONE) {
      throw new IllegalArgumentException("gradient audit: the loss " + loss + " gives per-sample"
          + " losses (Reduction.NONE); the audit checks the gradient of one number: use MEAN or"
          + " SUM, or weight the samples' losses in a Loss lambda");
    }
    // A traceless pass stops recording, which the check needs: recording is switched back on
    // inside, and the pass's other promises (buffers put back, its own draws) are kept.
    return TracelessPass.run(model, () -> {
      try (var recording = Autograd.enableGrad()) {
        return audit(model, loss, x, target, description);
      }
    });
  }

  /** {@link #checkNetwork}'s checks, inside the pass that leaves the model as it was. */
  private static Finding audit(Module model, Loss loss, Tensor x, Tensor target,
      String description) {
    List<Variable> parameters = model.parameters();
    Supplier<Variable> f = () -> loss.compute(model.forward(Variable.constant(x)), target);
    Variable value = f.get();
    // A loss of one's own that forgot its mean is named here: the engine would say to "pass a
    // gradient of that shape in gradOutputs", an argument the audit's caller never sees.
    if (value.shape().size() != 1) {
      throw new IllegalArgumentException("gradient audit: the loss " + loss + " gave "
          + value.shape() + " values, not one number; the audit checks the gradient of one"
          + " number: reduce the samples' losses (their mean or sum) in the loss");
    }
    Map<Variable, Tensor> engine = engineGradients(value, parameters);
    Disagreement manual = DeltaRule.supports(model, loss)
        ? deltaRuleError(model, loss, x, target, engine) : null;
    double manualError = manual == null ? Double.NaN : manual.error();
    double scale = 1 + engine.values().stream()
        .mapToDouble(g -> g.abs().max().item()).max().orElse(0);
    GradCheckReport fd = GradCheck.checkParameters(f, parameters);
    // A kink fooling finite differences is no failure; a wrong or a non-finite gradient is.
    boolean fdPassed = fd.passed()
        || fd.verdict() == GradCheckReport.Verdict.FINITE_DIFFERENCE_ARTEFACT;
    boolean manualPassed = manual == null || manualError <= 1e-10 * scale;
    Map<Variable, String> names = new IdentityHashMap<>();
    model.namedParameters().forEach((name, p) -> names.putIfAbsent(p, name));
    // The report names what failed: the finite-difference report alone read "PASSED" where the
    // delta rule was the check that disagreed.
    String worst = fdPassed && !manualPassed
        ? String.format(Locale.ROOT, "parameter %s: the engine's gradient differs from the"
            + " hand-derived delta rule's by up to %.3g (allowed %.3g)",
            names.get(manual.parameter()), manualError, 1e-10 * scale)
        : "parameter " + List.copyOf(model.namedParameters().keySet()).get(fd.input()) + ": " + fd;
    return new Finding(description, manual == null ? 1 : 2, fd.significantError(),
        manualError, fdPassed && manualPassed, worst);
  }

  /**
   * The engine's gradient of each parameter that requires one (a parameter the loss does not
   * use gets zeros), by identity. Taken with {@link Gradients#of}, not backward: backward adds
   * into the parameters' {@code grad()}, and the user's accumulated gradients were lost to the
   * audit's zeroGrad. A parameter that requires none is left to the finite-difference check,
   * which refuses it by name.
   */
  private static Map<Variable, Tensor> engineGradients(Variable output,
      List<Variable> parameters) {
    List<Variable> differentiable = parameters.stream().filter(Variable::requiresGrad).toList();
    Map<Variable, Tensor> gradients = new IdentityHashMap<>();
    if (differentiable.isEmpty() || !output.requiresGrad()) {
      differentiable.forEach(p -> gradients.put(p, Tensors.zeros(p.shape())));
      return gradients;
    }
    List<Variable> values = Gradients.of(List.of(output), differentiable, null,
        Gradients.Options.defaults().withAllowUnused());
    for (int i = 0; i < differentiable.size(); i++) {
      gradients.put(differentiable.get(i), values.get(i).value());
    }
    return gradients;
  }

  /**
   * The parameter where the engine's gradients, already computed, differ most from the rule's,
   * with that difference. The rule's per-layer gradients are summed over the layers that use one
   * parameter, since a tied weight's gradient is the sum of its uses: compared use by use, a
   * correct engine failed.
   */
  private static Disagreement deltaRuleError(Module model, Loss loss, Tensor x, Tensor target,
      Map<Variable, Tensor> engineGradients) {
    DeltaRule.Result manual = DeltaRule.backprop(DeltaRule.layersOf(model), loss, x, target);
    // The same walk as layersOf's, nested Sequentials included: the top level's own layers paired
    // gradients with the wrong layers, or compared none and reported a match.
    List<Dense> denses = DeltaRule.denseLayersOf(model);
    Map<Variable, Tensor> expected = new LinkedHashMap<>();
    for (int l = 0; l < denses.size(); l++) {
      Dense dense = denses.get(l);
      expected.merge(dense.weight(), manual.weightGradients().get(l), Tensor::add);
      if (dense.bias() != null) {
        expected.merge(dense.bias(), manual.biasGradients().get(l), Tensor::add);
      }
    }
    Disagreement worst = null;
    for (Map.Entry<Variable, Tensor> e : expected.entrySet()) {
      Tensor engine = engineGradients.get(e.getKey());
      double error = engine == null ? e.getValue().abs().max().item()
          : maxAbsDifference(e.getValue(), engine);
      if (worst == null || !(error <= worst.error())) {
        worst = new Disagreement(e.getKey(), error);
      }
    }
    return worst;
  }

  /** The parameter whose gradient differs most between the engine and the delta rule. */
  private record Disagreement(Variable parameter, double error) {}

  private static double maxAbsDifference(Tensor a, Tensor b) {
    return a.sub(b).abs().max().item();
  }
}
