package dev.chainrule.examples.commands;

import dev.chainrule.examples.check.GradientAudit;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.examples.cli.Words;
import dev.chainrule.optim.report.JsonLine;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    description = {"Checks gradients three ways: every op against finite differences (first and"
        + " second order), and random networks with the engine against finite differences and"
        + " against the hand-derived delta rule.",
        "Always in float64: finite differences drown in float32's rounding.",
        "With --localize, checks every node of random networks on its own and names the op whose"
            + " rule is wrong;", "--inject OP gives OP's rule a mistake to show it."})
final class GradCheckCommand implements Callable<Integer> {
  @Option(names = "--cases", paramLabel = "N", defaultValue = "10",
      description = "Random cases per op (default: ${DEFAULT-VALUE}).")
  int cases;

  @Option(names = "--networks", paramLabel = "N", defaultValue = "20",
      description = "Random architectures (default: ${DEFAULT-VALUE}).")
  int networks;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the random cases (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--localize", description = "Check each node of the random networks on its"
      + " own (GradCheck.localize) beside the parameter check, instead of the op table and the"
      + " delta rule: which op's rule is wrong; exits 1 when any check finds a wrong gradient"
      + " (default: off).")
  boolean localize;

  @Option(names = "--inject", paramLabel = "OP", description = "With --localize: give OP's"
      + " backward rule a mistake wherever the networks use it, and watch the checks find it"
      + " (a demonstration; exits 1, as any wrong gradient does; default: none).")
  String inject;

  @Option(names = "--mutation", converter = Words.Mutation.class, paramLabel = "KIND",
      description = "The mistake --inject makes:"
      + " sign (gradients negated), factor (halved) or transpose (a transposed product, for"
      + " linear and matmul only); default: transpose for linear and matmul, factor for sqrt,"
      + " pow, erf and erfc, sign otherwise.")
  String mutation;

  @Option(names = "--json", description = "End with one line of JSON results (default: off).")
  boolean json;

  @Option(names = "--verbose", description = "Show stack traces of errors (default: off).")
  boolean verbose;

  @Spec
  CommandSpec spec;

  /** The audit of the last call, for tests. */
  GradientAudit.Result result;

  @Override
  public Integer call() {
    Usage.check(cases > 0, spec, "--cases must be positive, got %d", cases);
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive());
    if (localize || inject != null || mutation != null) {
      // It refuses --networks 0 and below itself, naming --localize.
      return new LocalizeRun(spec, localize, networks, seed, inject, mutation, json)
          .run(console);
    }
    // Without networks the audit would print a heading over no rows and report the delta rule's
    // error as 0.0 and passed, for a comparison that never ran.
    Usage.check(networks > 0, spec, "--networks must be positive, got %d", networks);
    result = GradientAudit.run(cases, networks, seed);
    console.printf("%d ops, %d case%s each (first and second order), against finite"
        + " differences; worst relative error per op:", result.ops().size(), cases,
        cases == 1 ? "" : "s");
    result.ops().stream()
        .sorted(Comparator.comparingDouble(GradientAudit.Finding::relErrorFd).reversed())
        .forEach(f -> console.printf("  %-20s %9.2e  %s", f.subject(), f.relErrorFd(),
            f.passed() ? "ok" : "FAILED: " + f.worst()));
    console.printf("%d random networks: engine vs finite differences (rel) and vs the delta"
        + " rule (abs):", result.networks().size());
    result.networks().forEach(f -> console.printf("  %-60s %9.2e %9s  %s", f.subject(),
        f.relErrorFd(), f.checkedByDeltaRule() ? String.format(Locale.ROOT,
            "%.2e", f.absErrorManual()) : "n/a",
        f.passed() ? "ok" : "FAILED: " + f.worst()));
    result.networks().stream()
        .max(Comparator.comparingDouble(GradientAudit.Finding::relErrorFd))
        .ifPresent(f -> console.println("worst network check: " + f.worst()));
    console.printf("%d checks: %s; max relative error vs finite differences %.2e, max absolute"
        + " difference engine vs delta rule %.2e", result.checks(),
        result.passed() ? "all passed" : "FAILURES", result.maxRelErrorFd(),
        result.maxAbsErrorManual());
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("checks", result.checks());
      report.put("ops_checked", result.ops().size());
      report.put("max_rel_error_fd", result.maxRelErrorFd());
      report.put("max_abs_error_manual", result.maxAbsErrorManual());
      report.put("passed", result.passed());
      console.println(JsonLine.of(report));
    }
    return result.passed() ? 0 : 1;
  }
}
