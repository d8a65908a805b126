package dev.chainrule.examples.commands;

import dev.chainrule.autograd.FaultInjection.Mutation;
import dev.chainrule.autograd.OpEntry;
import dev.chainrule.autograd.OpTable;
import dev.chainrule.autograd.check.LocalizationReport;
import dev.chainrule.examples.check.Localization;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.report.JsonLine;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gradcheck --localize [--inject OP [--mutation KIND]]}: the options checked before any
 * work (an op the networks never record would show nothing), then each network's parameter check
 * and localization, the first finding in full, and a summary.
 */
final class LocalizeRun {
  private final CommandSpec spec;
  private final int networks;
  private final long seed;
  private final Optional<String> op;
  private final Mutation mutation;
  private final boolean json;

  LocalizeRun(CommandSpec spec, boolean localize, int networks, long seed, String inject,
      String mutationName, boolean json) {
    Usage.check(localize, spec, "%s needs --localize", inject != null ? "--inject" : "--mutation");
    Usage.check(mutationName == null || inject != null, spec, "--mutation needs --inject");
    Usage.check(!spec.commandLine().getParseResult().hasMatchedOption("--cases"), spec,
        "--cases sets the op table's check, which --localize does not run");
    Usage.check(networks > 0, spec, "--localize needs at least one network, got --networks %d",
        networks);
    this.spec = spec;
    this.networks = networks;
    this.seed = seed;
    Mutation chosen = mutationName == null ? null : parse(mutationName);
    this.op = Optional.ofNullable(inject).map(this::usedName);
    if (chosen == Mutation.TRANSPOSED_PRODUCT) {
      requireProduct(op.orElseThrow());
    }
    this.mutation = chosen != null ? chosen : Mutation.typicalFor(op.orElse(""));
    this.json = json;
  }

  /**
   * A transposed product swaps a gradient's last two axes: a mistake of a product's rule, whose
   * gradient is G·Bᵀ, that an elementwise op's rule cannot make. Given to one ({@code --inject log
   * --mutation transpose}), it ran and reported a rule off by 0.00000, a check of nothing. The
   * products are those whose typical mistake is this one (autograd's {@link
   * Mutation#typicalFor}), so that one list says which they are.
   */
  private void requireProduct(String name) {
    if (Mutation.typicalFor(name) == Mutation.TRANSPOSED_PRODUCT) {
      return;
    }
    String products = String.join(" and ", OpTable.entries().stream().map(OpEntry::name)
        .filter(n -> Mutation.typicalFor(n) == Mutation.TRANSPOSED_PRODUCT).sorted().toList());
    throw Usage.error(spec, "--mutation transpose is the mistake of a product's rule (%s);"
        + " '%s' is not a product: give --mutation sign or factor", products, name);
  }

  private Mutation parse(String name) {
    return switch (name) {
      case "sign" -> Mutation.SIGN_ERROR;
      case "factor" -> Mutation.MISSING_FACTOR;
      case "transpose" -> Mutation.TRANSPOSED_PRODUCT;
      default -> throw Usage.error(spec, "--mutation must be sign, factor or transpose, got '%s'",
          name);
    };
  }

  private static String optionName(Mutation m) {
    return switch (m) {
      case SIGN_ERROR -> "sign";
      case MISSING_FACTOR -> "factor";
      case TRANSPOSED_PRODUCT -> "transpose";
    };
  }

  /**
   * The op's name as the networks record it, read in any case as the program's other words are
   * (--inject MATMUL, logsoftmax). An op the networks never record would show nothing: refused,
   * with the ops they record.
   */
  private String usedName(String typed) {
    SortedSet<String> used = Localization.opsUsed(networks, seed);
    String name = OpTable.entry(typed).isPresent() ? typed : OpTable.entries().stream()
        .map(OpEntry::name).filter(n -> n.equalsIgnoreCase(typed)).findFirst().orElse(typed);
    if (!used.contains(name)) {
      Optional<OpEntry> entry = OpTable.entry(name);
      String why = entry.isEmpty() ? String.format(Locale.ROOT, "no op is named '%s'", name)
          : entry.get().kind() == OpEntry.Kind.COMPOSITE
              ? String.format(Locale.ROOT,
                  "'%s' is made of other ops and has no rule of its own", name)
              : String.format(Locale.ROOT,
                  "none of the %d random networks uses '%s'", networks, name);
      throw Usage.error(spec, "--inject: %s; the networks use %s", why, String.join(", ", used));
    }
    return name;
  }

  int run(Console console) {
    console.printf("%d random networks, each node checked on its own; %s", networks,
        op.map(name -> String.format(Locale.ROOT,
            "the rule of '%s' given %s wherever it is recorded", name,
            mutation.description())).orElse("no rule changed"));
    Localization.Result result = Localization.run(networks, seed, op, mutation);
    Localization.Network first = null;
    for (Localization.Network n : result.networks()) {
      console.printf("  %s: parameter check %s; %s", n.description(),
          n.parameters().passed() ? "passed" : n.parameters().verdict(), summary(n.report()));
      if (first == null && !n.report().flagged().isEmpty()) {
        first = n;
      }
    }
    if (first != null) {
      // Creation sites are not recorded: they would all be the same line of this program.
      console.printf("the first network with a finding (%s), node by node from the inputs:",
          first.description());
      first.report().flagged().forEach(node -> console.println("  " + node));
    }
    int nodes = result.networks().stream().mapToInt(n -> n.report().nodes()).sum();
    console.println(op.map(name -> injectedSummary(name, result)).orElse(String.format(Locale.ROOT, 
        "%d nodes checked: %s%s", nodes, result.passed()
            ? "no wrong rule, and every parameter check passed"
            : result.wrongFound() ? "WRONG RULES FOUND" : "no wrong rule found",
        notCompared(result))));
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("networks", networks);
      report.put("nodes_checked", nodes);
      report.put("injected_op", op.orElse(null));
      report.put("mutation", op.isPresent() ? optionName(mutation) : null);
      report.put("networks_with_op", result.withOp());
      report.put("parameter_check_failures", result.parameterFailures());
      report.put("not_finite", result.notFinite());
      report.put("not_deterministic", result.notDeterministic());
      report.put("inconclusive", result.inconclusive());
      report.put("named_first", result.namedFirst());
      report.put("passed", result.passed());
      console.result(JsonLine.of(report));
    }
    return result.passed() ? 0 : 1;
  }

  /** What the checks made of the injected mistake, and of the networks that missed it. */
  private static String injectedSummary(String name, Localization.Result result) {
    long unseen = result.networks().stream()
        .filter(n -> n.injected() > 0 && n.report().culprit().isEmpty()).count();
    long misnamed = result.withOp() - result.namedFirst() - unseen;
    return String.format(Locale.ROOT,
        "'%s' recorded in %d of %d networks; the parameter check found a wrong"
        + " derivative in %d; localize named a '%s' node first in %d%s%s", name,
        result.withOp(), result.networks().size(), result.parameterFailures(), name,
        result.namedFirst(), unseen == 0 ? "" : String.format(Locale.ROOT,
            ", found no wrong rule in %d (the"
            + " mistake changed no gradient there, or a kink hid it)", unseen),
        misnamed == 0 ? "" : String.format(Locale.ROOT, ", named another op first in %d", misnamed))
        + notCompared(result);
  }

  /** A failure no wrong rule explains: gradients that were never compared. */
  private static String notCompared(Localization.Result result) {
    return (result.notFinite() == 0 ? "" : String.format(Locale.ROOT,
        "; BUT A VALUE WAS NOT FINITE in %d"
        + " networks, whose gradients there were not compared (this fails the run)",
        result.notFinite()))
        + (result.notDeterministic() == 0 ? "" : String.format(Locale.ROOT,
            "; BUT %d networks WERE NOT"
        + " DETERMINISTIC (a random layer in training mode), so their finite differences compare"
        + " different functions (this fails the run)", result.notDeterministic()))
        + (result.inconclusive() == 0 ? "" : String.format(Locale.ROOT,
            "; BUT %d networks' checks WERE"
        + " INCONCLUSIVE (gradients within the absolute tolerance, or rounding no step"
        + " resolved), so nothing was judged there (this fails the run)", result.inconclusive()));
  }

  private static String summary(LocalizationReport report) {
    return report.culprit().map(n -> String.format(Locale.ROOT,
        "localize names #%d %s (%s)", n.position(),
        n.op(), n.finding())).orElse(String.format(Locale.ROOT,
            "localize: %d nodes, nothing wrong%s",
        report.nodes(), report.flagged().isEmpty() ? ""
            : ", " + report.flagged().size() + " finite-difference artefacts or not checked"));
  }
}
