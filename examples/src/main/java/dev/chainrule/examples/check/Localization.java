package dev.chainrule.examples.check;

import dev.chainrule.autograd.FaultInjection;
import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.check.GradCheck;
import dev.chainrule.autograd.check.GradCheckReport;
import dev.chainrule.autograd.check.LocalizationReport;
import dev.chainrule.autograd.graph.Graphs;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The demonstration behind {@code gradcheck --localize}: random networks, each checked twice, by
 * the parameter check (which says that a gradient is wrong) and by {@link GradCheck#localize}
 * (which says which op's rule); with an op named, that op's rule is given a mistake
 * ({@link FaultInjection}) wherever it is recorded, so both checks have something to find.
 */
public final class Localization {
  private Localization() {}

  /**
   * One network's checks.
   *
   * @param description the network, its loss and batch
   * @param injected how many of its nodes had the mutated rule
   * @param parameters the parameter check: engine against finite differences
   * @param report what localize found
   */
  public record Network(String description, int injected, GradCheckReport parameters,
      LocalizationReport report) {
    /**
     * Whether localize named a node of the injected op first.
     *
     * @param op the injected op's name
     * @return true when the first wrong node is an {@code op} node
     */
    public boolean namedFirst(String op) {
      return report.culprit().map(n -> n.output().opName().equals(op)).orElse(false);
    }
  }

  /**
   * All networks' checks.
   *
   * @param op the op whose rule was mutated, or empty
   * @param mutation the mistake given to it
   * @param networks each network's checks
   */
  public record Result(Optional<String> op, Mutation mutation, List<Network> networks) {
    /**
     * Networks that recorded the injected op.
     *
     * @return the count
     */
    public int withOp() {
      return (int) networks.stream().filter(n -> n.injected() > 0).count();
    }

    /**
     * Networks whose parameter check found a wrong derivative.
     *
     * @return the count
     */
    public int parameterFailures() {
      return (int) networks.stream()
          .filter(n -> n.parameters().verdict() == GradCheckReport.Verdict.WRONG_DERIVATIVE)
          .count();
    }

    /**
     * Networks in which a check met a value that is not finite: the parameter check's verdict
     * was {@code NOT_FINITE}, or localize listed a node as not finite. Neither is a verdict on a
     * rule, but neither is a pass: the gradient there was never compared, so a wrong rule could
     * hide behind it.
     *
     * @return the count
     */
    public int notFinite() {
      return count(GradCheckReport.Verdict.NOT_FINITE, LocalizationReport.Finding.NOT_FINITE);
    }

    /**
     * Networks in which a check found the function not deterministic (two evaluations at one
     * point differed: a random layer in training mode): the parameter check's verdict was {@code
     * NOT_DETERMINISTIC}, or localize listed a node as not reproducible. As with a value that is
     * not finite, the comparison then says nothing, so it is not a pass either.
     *
     * @return the count
     */
    public int notDeterministic() {
      return count(GradCheckReport.Verdict.NOT_DETERMINISTIC,
          LocalizationReport.Finding.NOT_REPRODUCIBLE);
    }

    /**
     * Networks in which a check could not judge a gradient: the parameter check's verdict was
     * {@code INCONCLUSIVE} (every value within the absolute tolerance, or finite differences that
     * rounding and a rule's mistake explain alike), or localize listed a node as such. Not a
     * verdict on a rule, and not a pass either, for the same reason as a value that is not
     * finite.
     *
     * @return the count
     */
    public int inconclusive() {
      return count(GradCheckReport.Verdict.INCONCLUSIVE, LocalizationReport.Finding.INCONCLUSIVE);
    }

    /** Networks whose parameter check had {@code verdict} or whose localize flagged a node so. */
    private int count(GradCheckReport.Verdict verdict, LocalizationReport.Finding finding) {
      return (int) networks.stream()
          .filter(n -> n.parameters().verdict() == verdict
              || n.report().flagged().stream().anyMatch(node -> node.finding() == finding))
          .count();
    }

    /**
     * Whether a check found a wrong gradient: a parameter check's wrong derivative or a rule
     * localize found wrong.
     *
     * @return true when some check found a wrong gradient
     */
    public boolean wrongFound() {
      return parameterFailures() > 0 || !networks.stream().allMatch(n -> n.report().passed());
    }

    /**
     * Networks in which localize named a node of the injected op first.
     *
     * @return the count (0 without an injected op)
     */
    public int namedFirst() {
      return op.map(name -> (int) networks.stream().filter(n -> n.namedFirst(name)).count())
          .orElse(0);
    }

    /**
     * Whether every gradient of every network was compared and none was found wrong. A value that
     * is not finite, a function that is not deterministic, or a comparison that could not judge
     * (inconclusive) fails the run although none says anything against a rule: the random
     * networks are smooth, finite and deterministic at their random points, with gradients well
     * above the absolute tolerance (the published seed meets no such case), so one means the
     * comparison did not happen, and passing would claim a check that was not made.
     *
     * @return true when every parameter check and every localization passed with finite values
     *     of deterministic functions
     */
    public boolean passed() {
      return !wrongFound() && notFinite() == 0 && notDeterministic() == 0 && inconclusive() == 0;
    }
  }

  /**
   * Checks {@code count} random networks, with {@code op}'s rule mutated when an op is named.
   *
   * @param count how many random networks
   * @param seed the seed of the networks
   * @param op the op whose rule to mutate, or empty for none
   * @param mutation the mistake to give it
   * @return every network's checks
   */
  public static Result run(int count, long seed, Optional<String> op, Mutation mutation) {
    RandomGenerator random = Tensors.seeded(seed);
    List<Network> networks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RandomNetworks.Case c = RandomNetworks.draw(random);
      Supplier<Variable> loss = () -> c.loss().compute(c.model().forward(
          Variable.constant(c.x())), c.target());
      GradCheckReport parameters;
      try (var fault = inject(op, mutation)) {
        parameters = GradCheck.checkParameters(loss, c.model().parameters());
      }
      Variable graph;
      int injected;
      // No creation sites: every node would name the same line, the loss lambda above.
      try (var fault = inject(op, mutation)) {
        graph = loss.get();
        injected = fault.injected().size();
      }
      networks.add(new Network(c.description(), injected, parameters,
          GradCheck.localize(graph)));
    }
    return new Result(op, mutation, networks);
  }

  /**
   * The names of the ops the random networks record, for telling a user which ops
   * {@code --inject} can show.
   *
   * @param count how many random networks
   * @param seed the seed of the networks
   * @return the op names, sorted
   */
  public static SortedSet<String> opsUsed(int count, long seed) {
    RandomGenerator random = Tensors.seeded(seed);
    SortedSet<String> ops = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      RandomNetworks.Case c = RandomNetworks.draw(random);
      Variable loss;
      // Inside a scope that selects nothing, as run records them: layers record their own ops.
      try (var none = inject(Optional.empty(), Mutation.SIGN_ERROR)) {
        loss = c.loss().compute(c.model().forward(Variable.constant(c.x())), c.target());
      }
      Graphs.dataFlowOrder(loss).stream().filter(v -> v.opContext().isPresent())
          .forEach(v -> ops.add(v.opName()));
    }
    return ops;
  }

  /** An injection of the op's mutation, or, without an op, a scope that selects nothing. */
  private static FaultInjection.Injection inject(Optional<String> op, Mutation mutation) {
    return op.map(name -> FaultInjection.inject(name, mutation))
        .orElseGet(() -> FaultInjection.injectAt(Integer.MAX_VALUE, mutation));
  }
}
