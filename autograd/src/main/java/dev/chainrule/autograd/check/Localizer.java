package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.OpContext;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.autograd.check.LocalizationReport.Finding;
import dev.chainrule.autograd.check.LocalizationReport.Node;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks every node of a recorded graph on its own: the node's op is run again on fresh leaves
 * holding the values its inputs had (the inputs that needed no gradient stay constants), and
 * {@link GradCheck#check} compares the op's rule with central differences of its forward there,
 * with its kink diagnosis. A wrong rule fails its own node and no other, whatever comes after it.
 */
final class Localizer {
  /**
   * How far a float64 forward run again may stray from what it recorded. The same kernels on the
   * same values give the same bits; this leaves room for a backend that splits a sum differently.
   */
  private static final double SAME_FLOAT64 = 1e-9;

  /**
   * The same for a node recorded in float32 and run again in float64: float32 rounding, and a
   * float32 product's accumulation over hundreds of terms, stay well below 1e-3 of the values.
   */
  private static final double SAME_FLOAT32 = 1e-3;

  /**
   * The check of a user's op that computes in float32 from float64 inputs: a step of 1e-2, whose
   * float32 rounding (2⁻²⁴·|f| / 0.02 ≈ 3e-6 of the values) and truncation (f‴·h²/6, 2e-5 for
   * e^x near 1) stay inside a relative tolerance of 1e-3, where a wrong rule (a sign, a lost
   * factor, one percent) does not.
   */
  private static final GradCheck.Options NARROWING =
      GradCheck.Options.defaults().withEps(1e-2).withTolerances(1e-4, 1e-3);

  private Localizer() {}

  static LocalizationReport localize(Variable output, GradCheck.Options options) {
    checkNotNull(output, "localize: output is null");
    checkNotNull(options, "localize: options are null");
    checkArgument(output.opContext().isPresent(), "localize: the output (%s) was not computed by"
        + " recorded ops: no value it was computed from requires a gradient, or it was computed"
        + " under Autograd.noGrad()", output.opName());
    List<Variable> nodes = new ArrayList<>();
    for (Variable v : Graphs.dataFlowOrder(output)) {
      if (v.isFreed()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "localize: the graph through '%s' was"
            + " freed by a backward pass that did not retain it, and localize checks the values"
            + " each node saw; call localize before backward, or pass"
            + " Gradients.Options.retainingGraph() to backward", v.opName()));
      }
      if (v.opContext().isPresent()) {
        nodes.add(v);
      }
    }
    List<Node> flagged = new ArrayList<>();
    boolean sites = false;
    for (int position = 0; position < nodes.size(); position++) {
      Variable node = nodes.get(position);
      sites |= node.creationSite().isPresent();
      checkNode(position, node, options).ifPresent(flagged::add);
    }
    return new LocalizationReport(nodes.size(), flagged, sites);
  }

  private static Optional<Node> checkNode(int position, Variable node, GradCheck.Options base) {
    OpContext ctx = node.opContext().orElseThrow();
    Op op = ctx.op();
    List<Shape> shapes = new ArrayList<>();
    Variable[] arguments = new Variable[ctx.inputCount()];
    List<Integer> free = new ArrayList<>();
    List<Tensor> values = new ArrayList<>();
    boolean float32 = node.dtype() == DType.FLOAT32;
    for (int i = 0; i < arguments.length; i++) {
      int input = i;
      Tensor value = recorded(() -> ctx.input(input).value());
      shapes.add(value.shape());
      float32 |= value.dtype() == DType.FLOAT32;
      if (ctx.needsGrad(i)) {
        free.add(i);
        values.add(value.to(DType.FLOAT64));
      } else {
        arguments[i] = Variable.constant(value.to(DType.FLOAT64));
      }
    }
    boolean[] narrows = {false}; // whether the op computes in float32 from float64 inputs
    DifferentiableFunction f = xs -> {
      Variable[] in = arguments.clone();
      for (int j = 0; j < free.size(); j++) {
        in[free.get(j)] = xs.get(j);
      }
      Variable y = op.apply(in);
      narrows[0] |= y.dtype() == DType.FLOAT32;
      return y.dtype() == DType.FLOAT64 ? y : y.to(DType.FLOAT64);
    };
    String name = op.tableEntry().isPresent() ? op.toString() : op.name();
    Optional<StackTraceElement> site = ctx.creationSite();
    Tensor recorded = recorded(() -> ctx.output().value()).to(DType.FLOAT64);
    if (recorded.size() == 0 || values.stream().allMatch(v -> v.size() == 0)) {
      // No element of the node's gradients exists, so none can be wrong; GradCheck refuses to
      // compare nothing, which must not read as a rule that failed.
      return Optional.empty();
    }
    Tensor again;
    GradCheckReport report;
    try {
      again = Probe.evaluate("localize", f, values, false);
      // A user's op that narrows to float32 inside (mixed precision) has float32 rounding in
      // every value, which finite differences at the default step read as a wrong rule.
      report = FirstOrderCheck.ofNode(f, values, narrows[0] && op.tableEntry().isEmpty()
          ? NARROWING.withSeed(base.seed() + position) : options(op, base, position));
    } catch (RuntimeException e) {
      return Optional.of(new Node(position, node, name, shapes, Finding.RULE_FAILED, -1,
          new int[0], Double.NaN, Double.NaN, "the rule failed: " + e.getMessage(), site));
    }
    // The same infinities again (a −∞ mask) are no difference; the scale is the finite values'.
    double difference = maxAbs(Probe.change(again, recorded));
    if (Double.isNaN(difference) && sameNaNs(again, recorded)) {
      // NaN again where it was: the rest is compared, for a check that finds a finite
      // comparison wrong reports it whatever NaNs the output holds elsewhere.
      difference = maxAbs(Probe.change(withoutNaN(again), withoutNaN(recorded)));
    }
    // Without the NaNs too: a NaN made the scale NaN, and every node whose output held one
    // "not reproducible" (by up to 0.00), its verdict hidden.
    double scale = 1 + maxAbs(Probe.finite(withoutNaN(recorded)));
    // NaN − NaN is NaN: a forward that gives NaN again is reproducible, and the check's verdict
    // names what is not finite.
    boolean nonFinite = Double.isNaN(difference) && report.verdict() == Verdict.NOT_FINITE;
    float32 |= narrows[0];
    if (!nonFinite && !(difference <= (float32 ? SAME_FLOAT32 : SAME_FLOAT64) * scale)) {
      // A NaN difference is NaNs at other elements than recorded: "by up to NaN" said nothing.
      String how = Double.isNaN(difference)
          ? "differs from the recorded output in where it holds NaN"
          : String.format(Locale.ROOT, "differs from the recorded output by up to %.3g",
              difference);
      return Optional.of(new Node(position, node, name, shapes, Finding.NOT_REPRODUCIBLE, -1,
          new int[0], Double.NaN, Double.NaN, "run again at its recorded inputs its forward "
              + how + ": it is not a function of its inputs alone (random numbers drawn in"
              + " forward?), so its rule cannot be checked", site));
    }
    if (report.passed()) {
      return Optional.empty();
    }
    if (report.verdict() == Verdict.NOT_DETERMINISTIC) {
      // Run again it gave what it recorded, but not the same value twice within the check.
      return Optional.of(new Node(position, node, name, shapes, Finding.NOT_REPRODUCIBLE, -1,
          new int[0], Double.NaN, Double.NaN, "its check found that " + report.detail(), site));
    }
    Finding finding = switch (report.verdict()) {
      case WRONG_DERIVATIVE -> Finding.WRONG_DERIVATIVE;
      case NOT_FINITE -> Finding.NOT_FINITE;
      case FINITE_DIFFERENCE_ARTEFACT -> Finding.KINK;
      case INCONCLUSIVE -> Finding.INCONCLUSIVE;
      case PASSED, NOT_DETERMINISTIC -> throw new AssertionError("handled above");
    };
    return Optional.of(new Node(position, node, name, shapes, finding, free.get(report.input()),
        report.inputIndex(), report.analytical(), report.numerical(), detail(report), site));
  }

  /** How the node was compared and the diagnosis; the worst element's values are the node's. */
  private static String detail(GradCheckReport report) {
    return String.format(Locale.ROOT,
        "%s, %d comparisons, eps %.1g%s", report.method(), report.comparisons(),
        report.eps(), report.detail().isEmpty() ? "" : "; " + report.detail());
  }

  /** Whether the two hold NaN at the same elements. */
  private static boolean sameNaNs(Tensor a, Tensor b) {
    double[] x = a.toArray();
    double[] y = b.toArray();
    for (int k = 0; k < x.length; k++) {
      if (Double.isNaN(x[k]) != Double.isNaN(y[k])) {
        return false;
      }
    }
    return x.length == y.length;
  }

  /** The tensor with its NaNs as 0: the values that can be compared. */
  private static Tensor withoutNaN(Tensor t) {
    return t.map(v -> Double.isNaN(v) ? 0 : v);
  }

  private static double maxAbs(Tensor t) {
    return t.size() == 0 ? 0 : t.abs().max().item();
  }

  /** A value as the node saw it; one changed in place since is refused, by name. */
  private static Tensor recorded(Supplier<Tensor> value) {
    try {
      return value.get();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("localize: " + e.getMessage(), e);
    }
  }

  /**
   * The options for one node: the caller's, unless the op's row declares options of its own (a
   * step or tolerances it needs, as the float32 round trip of {@code to} does); the seed differs
   * per node so that the random projections of different nodes are independent.
   */
  private static GradCheck.Options options(Op op, GradCheck.Options base, int position) {
    GradCheck.Options own = op.tableEntry().map(e -> e.spec().options())
        .filter(o -> !o.equals(GradCheck.Options.defaults())).orElse(base);
    return own.withSeed(base.seed() + position);
  }
}
