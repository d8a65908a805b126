package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Three independent routes to the same gradients: the engine, the hand-derived delta rule, and
 * finite differences. Random networks of 1–4 Dense layers (widths 1–16, some without bias, random
 * smooth activations, softmax and log-softmax among them) with a random loss and reduction,
 * batches of 1–32, hard and soft targets.
 */
class DeltaRuleProperties {
  private static final List<Activation.BuiltIn> HIDDEN = List.of(Activation.identity(),
      Activation.linear(0.7), Activation.sigmoid(), Activation.tanh(), Activation.relu(),
      Activation.leakyRelu(0.05), Activation.elu(1.3), Activation.gelu(), Activation.geluTanh(),
      Activation.softplus(), Activation.softmax(), Activation.logSoftmax());
  /** Finite differences on a scalar loss over up to ~1,100 parameters: compare 3 projections. */
  private static final GradCheck.Options PROJECTED =
      GradCheck.Options.defaults().withFullJacobianLimit(64);
  /**
   * How close to a kink finite differences stop being evidence: the projected steps move a
   * pre-activation by at most about 1e-6 times its inputs' scale, and this leaves a factor of 100.
   */
  private static final double KINK_MARGIN = 1e-4;

  /**
   * A network, a loss that fits its output activation, and a batch with targets; where the
   * targets are class indices, the same targets as one-hot rows written out by hand (else null).
   */
  record Case(Sequential model, Loss.BuiltIn loss, Tensor x, Tensor target, Tensor oneHotByHand,
      String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.randomValue(DeltaRuleProperties::draw);
  }

  private static Case draw(RandomGenerator r) {
    int depth = r.nextInt(1, 5);
    int[] widths = new int[depth + 1];
    for (int i = 0; i <= depth; i++) {
      widths[i] = r.nextInt(1, 17);
    }
    Loss.Kind kind = Loss.Kind.values()[r.nextInt(Loss.Kind.values().length)];
    Loss.BuiltIn loss = new Loss.BuiltIn(kind, Reduction.values()[r.nextInt(2)]);
    boolean classes = loss.isClassification();
    if (classes || kind == Loss.Kind.BINARY_CROSS_ENTROPY
        || kind == Loss.Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS) {
      widths[depth] = Math.max(2, widths[depth]);
    }
    // Binary cross-entropy after a softmax and the logit losses after any activation take the
    // reference's general output rule (∂J/∂a through f′), not the fused ŷ − y. Categorical
    // cross-entropy and NLL have no such case: the engine takes distributions (log-distributions)
    // only, which among the built-ins only the fused softmax (log-softmax) gives.
    Activation.BuiltIn output = switch (kind) {
      case BINARY_CROSS_ENTROPY -> r.nextBoolean() ? Activation.sigmoid() : Activation.softmax();
      case CATEGORICAL_CROSS_ENTROPY -> Activation.softmax();
      case NEGATIVE_LOG_LIKELIHOOD -> Activation.logSoftmax();
      default -> r.nextBoolean() ? Activation.identity() : HIDDEN.get(r.nextInt(HIDDEN.size()));
    };
    List<Layer> layers = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int l = 0; l < depth; l++) {
      Activation.BuiltIn f = l == depth - 1 ? output : HIDDEN.get(r.nextInt(HIDDEN.size()));
      boolean bias = r.nextInt(4) != 0;
      layers.add(Dense.builder(widths[l], widths[l + 1]).random(r).bias(bias)
          .biasInit((s, in, out, g) -> Tensors.normal(s, 0, 0.1, g)).build());
      layers.add(f);
      text.append(widths[l]).append(bias ? "" : " (no bias)").append(" -").append(f)
          .append("-> ");
    }
    int batch = r.nextInt(1, 33);
    Tensor x = Tensors.randn(Shape.of(batch, widths[0]), r);
    int outputs = widths[depth];
    Tensor oneHotByHand = null;
    String targets = "";
    Tensor target = switch (kind) {
      case BINARY_CROSS_ENTROPY, BINARY_CROSS_ENTROPY_WITH_LOGITS -> {
        Tensor p = Tensors.rand(Shape.of(batch, outputs), r);
        targets = r.nextBoolean() ? ", soft targets" : "";
        yield targets.isEmpty() ? p.gt(0.5) : p;
      }
      case CATEGORICAL_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY, NEGATIVE_LOG_LIKELIHOOD -> {
        Tensor indices = Tensors.rand(Shape.of(batch), r).mul(outputs).map(Math::floor);
        oneHotByHand = oneHotByHand(indices, outputs);
        int form = r.nextInt(3);
        if (form == 2) {
          // Rows of probabilities, not one-hot: what label smoothing or a teacher gives.
          Tensor weights = Tensors.rand(Shape.of(batch, outputs), r).add(0.01);
          oneHotByHand = null;
          targets = ", soft targets";
          yield weights.div(weights.sum(-1, true));
        }
        targets = form == 0 ? ", class indices" : ", one-hot targets";
        yield form == 0 ? indices : oneHotByHand;
      }
      default -> Tensors.randn(Shape.of(batch, outputs), r);
    };
    return new Case(Sequential.of(layers.toArray(Layer[]::new)), loss, x, target,
        target.rank() == 1 ? oneHotByHand : null,
        text + "" + outputs + ", " + loss + ", batch " + batch + targets);
  }

  /**
   * Class indices as one-hot rows, written out here: the engine and the reference both use
   * {@code Tensors.oneHot} for indices, so a wrong one would pass all three routes alike.
   */
  private static Tensor oneHotByHand(Tensor indices, int classes) {
    double[] rows = new double[indices.size() * classes];
    for (int i = 0; i < indices.size(); i++) {
      rows[i * classes + (int) indices.flatGet(i)] = 1;
    }
    return Tensor.of(rows, indices.size(), classes);
  }

  @Property(tries = 200)
  @StatisticsReport(StatisticsReportMode.OFF)
  void engineReferenceAndFiniteDifferencesAgree(@ForAll("cases") Case c) {
    Statistics.label("loss").collect(c.loss().kind()).coverage(check -> {
      for (Loss.Kind kind : Loss.Kind.values()) {
        check.check(kind).count(n -> n >= 5);
      }
    });
    coverage(c);
    List<Variable> parameters = c.model().parameters();
    Variable loss = c.loss().compute(c.model().forward(Variable.constant(c.x())), c.target());
    loss.backward();

    DeltaRule.Result reference =
        DeltaRule.backprop(DeltaRule.layersOf(c.model()), c.loss(), c.x(), c.target());
    assertMatchesEngine(reference, loss, c, "");
    if (c.oneHotByHand() != null) {
      // Index targets against the same targets as one-hot rows made without Tensors.oneHot.
      assertMatchesEngine(DeltaRule.backprop(DeltaRule.layersOf(c.model()), c.loss(), c.x(),
          c.oneHotByHand()), loss, c, " (one-hot rows by hand)");
    }

    List<Tensor> values = parameters.stream().map(Variable::value).toList();
    // Saturated probabilities under a binary cross-entropy make the loss's rounding larger than
    // the default atol can absorb (ProbabilityRounding): the tolerance rises to that floor.
    double floor = ProbabilityRounding.centralDifferenceFloor(c.model(), c.loss(), c.x(),
        c.target(), PROJECTED.eps());
    Statistics.label("rounding floor above atol").collect(floor > PROJECTED.atol());
    GradCheck.Options options = PROJECTED.withTolerances(Math.max(PROJECTED.atol(), floor),
        PROJECTED.rtol());
    GradCheckReport engine = GradCheck.check(in -> lossOf(c, in), values, options);
    assertAgrees(engine, c, "engine");
    GradCheckReport manual = GradCheck.check(in -> referenceOp(c).apply(
        in.toArray(Variable[]::new)), values, options);
    assertAgrees(manual, c, "delta rule");
  }

  /**
   * Holds the draw to the reference's less common branches, each in a few of the 200 cases at
   * least: the Jacobian of a hidden softmax or log-softmax, the unfused output rule of a
   * cross-entropy, soft targets, class indices and layers without bias.
   */
  private static void coverage(Case c) {
    List<Layer> layers = c.model().layers();
    Activation.BuiltIn output = (Activation.BuiltIn) layers.get(layers.size() - 1);
    boolean normalizingHidden = false;
    for (int i = 1; i < layers.size() - 1; i += 2) {
      Activation.Kind kind = ((Activation.BuiltIn) layers.get(i)).kind();
      normalizingHidden |= kind == Activation.Kind.SOFTMAX || kind == Activation.Kind.LOG_SOFTMAX;
    }
    Loss.Kind loss = c.loss().kind();
    boolean unfused = (loss == Loss.Kind.BINARY_CROSS_ENTROPY
        && output.kind() == Activation.Kind.SOFTMAX)
        || ((loss == Loss.Kind.SOFTMAX_CROSS_ENTROPY
        || loss == Loss.Kind.BINARY_CROSS_ENTROPY_WITH_LOGITS)
        && output.kind() != Activation.Kind.IDENTITY);
    cover("hidden softmax or log-softmax", normalizingHidden);
    cover("cross-entropy by the unfused output rule", unfused);
    cover("soft targets", c.description().endsWith("soft targets"));
    cover("class indices", c.oneHotByHand() != null);
    cover("Dense without bias",
        DeltaRule.denseLayersOf(c.model()).stream().anyMatch(d -> d.bias() == null));
  }

  private static void cover(String label, boolean present) {
    Statistics.label(label).collect(present)
        .coverage(check -> check.check(true).count(n -> n >= 3));
  }

  /** The reference's loss and gradients against the engine's, computed already. */
  private static void assertMatchesEngine(DeltaRule.Result reference, Variable loss, Case c,
      String what) {
    // The two compute the same sums in different orders: their rounding differs by ~1e-16 of
    // the largest terms, far inside 1e-10 of the largest gradient entry.
    assertEquals(loss.item(), reference.loss(), 1e-10 * Math.max(1, Math.abs(loss.item())),
        () -> c + what);
    List<Dense> denses = DeltaRule.denseLayersOf(c.model());
    for (int l = 0; l < denses.size(); l++) {
      assertClose(reference.weightGradients().get(l), denses.get(l).weight().grad(), c,
          "W" + l + what);
      if (denses.get(l).bias() != null) {
        assertClose(reference.biasGradients().get(l), denses.get(l).bias().grad(), c,
            "b" + l + what);
      }
    }
  }

  /**
   * Passed, or failed only because a ReLU-like kink lay within the finite-difference step: a
   * random projection moves every parameter at once, so with dozens of ReLU units some
   * pre-activation often crosses zero within eps. GradCheck's re-check at a 100× smaller step
   * tells that apart from a wrong derivative, unless the kink is closer still: a pre-activation
   * 4e-8 from zero (a drawn case) is crossed at every step GradCheck tries, and the differences
   * never settle. Within {@value #KINK_MARGIN} of a kink the finite differences are no witness
   * (the engine was compared with the delta rule to 1e-10 all the same); elsewhere a wrong
   * derivative always fails here.
   */
  private static void assertAgrees(GradCheckReport report, Case c, String what) {
    Statistics.label("finite-difference artefact").collect(
        report.verdict() == GradCheckReport.Verdict.FINITE_DIFFERENCE_ARTEFACT);
    boolean kinkWithinReach = nearestKink(c) < KINK_MARGIN;
    Statistics.label("kink within reach").collect(kinkWithinReach);
    assertTrue(report.verdict() != GradCheckReport.Verdict.WRONG_DERIVATIVE || kinkWithinReach,
        () -> c + ": " + what + " " + report + "; nearest kink " + nearestKink(c));
  }


  /**
   * The smallest |pre-activation| of a unit whose activation has a kink at 0 (ReLU, leaky ReLU,
   * ELU with α ≠ 1, whose slope jumps from α to 1 there) over the batch: how far the nearest kink
   * lies from the point, in the units' own scale.
   */
  private static double nearestKink(Case c) {
    double nearest = Double.POSITIVE_INFINITY;
    Tensor a = c.x();
    for (int l = 0; l < c.model().layers().size() / 2; l++) {
      Dense dense = (Dense) c.model().layers().get(2 * l);
      Activation.BuiltIn f = (Activation.BuiltIn) c.model().layers().get(2 * l + 1);
      Tensor z = dense.forward(Variable.constant(a)).value();
      boolean kink = f.kind() == Activation.Kind.RELU || f.kind() == Activation.Kind.LEAKY_RELU
          || (f.kind() == Activation.Kind.ELU && f.parameter() != 1);
      if (kink) {
        nearest = Math.min(nearest, z.abs().min().item());
      }
      a = f.forward(Variable.constant(z)).value();
    }
    return nearest;
  }

  private static void assertClose(Tensor expected, Tensor actual, Case c, String what) {
    double scale = Math.max(expected.abs().max().item(), 1e-300);
    double gap = expected.sub(actual).abs().max().item();
    assertTrue(gap <= 1e-10 * scale, () -> c + ": " + what + " differs by " + gap + " (scale "
        + scale + ")");
  }

  /**
   * The network's loss with its parameters replaced by the given variables (each layer's weight,
   * then its bias if it has one), via the engine.
   */
  private static Variable lossOf(Case c, List<Variable> parameters) {
    Variable a = Variable.constant(c.x());
    int p = 0;
    List<Dense> denses = DeltaRule.denseLayersOf(c.model());
    for (int l = 0; l < denses.size(); l++) {
      Activation f = (Activation) c.model().layers().get(2 * l + 1);
      Variable weight = parameters.get(p++);
      Variable bias = denses.get(l).bias() == null ? null : parameters.get(p++);
      a = f.forward(Variable.linear(a, weight, bias));
    }
    return c.loss().compute(a, c.target());
  }

  /**
   * The delta rule as an op: forward is its loss, backward its gradients, so GradCheck tests it.
   */
  private static Op referenceOp(Case c) {
    return Op.of("deltaRule", (ctx, in) -> Tensor.scalar(run(c, in).loss()), (ctx, g) -> {
      Tensor[] values = new Tensor[ctx.inputCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ctx.input(i).value();
      }
      DeltaRule.Result result = run(c, values);
      Variable[] grads = new Variable[values.length];
      int p = 0;
      for (int l = 0; l < result.weightGradients().size(); l++) {
        grads[p++] = g.mul(Variable.constant(result.weightGradients().get(l)));
        if (result.biasGradients().get(l) != null) {
          grads[p++] = g.mul(Variable.constant(result.biasGradients().get(l)));
        }
      }
      return grads;
    }).firstOrderOnly();
  }

  private static DeltaRule.Result run(Case c, Tensor[] parameters) {
    List<DeltaRule.Layer> layers = new ArrayList<>();
    List<Dense> denses = DeltaRule.denseLayersOf(c.model());
    int p = 0;
    for (int l = 0; l < denses.size(); l++) {
      Tensor weight = parameters[p++];
      Tensor bias = denses.get(l).bias() == null ? null : parameters[p++];
      layers.add(new DeltaRule.Layer(weight, bias,
          (Activation.BuiltIn) c.model().layers().get(2 * l + 1)));
    }
    return DeltaRule.backprop(layers, c.loss(), c.x(), c.target());
  }
}
