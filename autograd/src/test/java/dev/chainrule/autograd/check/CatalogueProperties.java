package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Every built-in op, gradient-checked against central differences at first order and, where the
 * spec says so, at second order. Tolerances are GradCheck's defaults (atol 1e-6, rtol 1e-5): with
 * eps = 1e-6 on inputs of size ≤ 3, truncation error is about eps²·f‴ ≈ 1e-12 and rounding error
 * about u·|f|/eps ≈ 1e-9, both far inside them, while a wrong rule (a sign, a factor 1.01, a
 * transpose) is off by far more.
 */
class CatalogueProperties {
  private static final List<OpSpec> SPECS = OpCatalogue.builtIns();
  /** Tries per op on average: the count per op is then 300 ± 17, far above 200. */
  private static final int TRIES_PER_OP = 300;

  record Drawn(OpSpec spec, OpCase opCase) {
    @Override
    public String toString() {
      return opCase.description() + " " + opCase.inputs();
    }
  }

  @Provide
  Arbitrary<Drawn> cases() {
    return Arbitraries.of(SPECS).flatMap(spec ->
        Arbitraries.randomValue(random -> new Drawn(spec, spec.sample(random))));
  }

  @Property(tries = TRIES_PER_OP * 52)
  @StatisticsReport(StatisticsReportMode.OFF)
  void everyOpMatchesFiniteDifferences(@ForAll("cases") Drawn drawn) {
    OpCase c = drawn.opCase();
    Statistics.label("op").collect(drawn.spec().name()).coverage(check -> {
      for (OpSpec spec : SPECS) {
        check.check(spec.name()).count(n -> n >= 200);
      }
    });
    Statistics.label("rank-0 input").collect(c.hasScalarInput())
        .coverage(check -> check.check(true).percentage(p -> p >= 3));
    Statistics.label("broadcasting").collect(c.broadcasts())
        .coverage(check -> check.check(true).percentage(p -> p >= 3));
    GradCheckReport first = c.check();
    assertTrue(first.passed(), () -> c.description() + ": " + first);
    if (drawn.spec().secondOrder()) {
      GradCheckReport second = c.checkSecondOrder();
      assertTrue(second.passed(), () -> c.description() + " (second order): " + second);
    }
  }
}
