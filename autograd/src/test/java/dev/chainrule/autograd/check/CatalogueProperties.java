package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpEntry;
import dev.chainrule.autograd.OpTable;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of the op table, gradient-checked against central differences at first order and,
 * where its spec says so, at second order: one test per row, 300 random cases each (or
 * {@code -Dcatalogue.cases=N}; the mutation profile runs 30, enough for a wrong rule),
 * through the same {@link OpSpec#check} users run on their own ops. The rows come from the table
 * itself, so a new row is checked without touching this class.
 *
 * <p>Tolerances are GradCheck's defaults (atol 1e-6, rtol 1e-5): with eps = 1e-6 on inputs of
 * size ≤ 3, truncation error is about eps²·f‴ ≈ 1e-12 and rounding error about u·|f|/eps ≈ 1e-9,
 * both far inside them, while a wrong rule (a sign, a factor 1.01, a transpose) is off by far
 * more.
 *
 * <p>The cases are new on every run, as jqwik's would be; a failure names the seed, and
 * {@code -Dcatalogue.seed=N} replays it.
 */
class CatalogueProperties {
  private static final int CASES = Integer.getInteger("catalogue.cases", 300);
  static final long SEED = Long.getLong("catalogue.seed", new SplittableRandom().nextLong());

  /** Each row's cases: a stream of its own from the run's seed. */
  static long seedOf(OpEntry entry) {
    return SEED ^ entry.name().hashCode();
  }

  @TestFactory
  Stream<DynamicTest> everyOpMatchesFiniteDifferences() {
    return OpTable.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
      SpecReport report = entry.spec().check(CASES, seedOf(entry));
      assertEquals(CASES, report.cases());
      assertEquals(entry.supportsHigherOrder() ? 2 * CASES : CASES, report.checks());
      assertTrue(report.passed(), () -> report + " (-Dcatalogue.seed=" + SEED + ")");
    }));
  }

  /**
   * The samplers reach the corners where rules go wrong: rank-0 inputs, and inputs of different
   * shapes (broadcasting), each in at least 3 % of all cases.
   */
  @Test
  void casesCoverScalarsAndBroadcasting() {
    SplittableRandom random = new SplittableRandom(SEED);
    int total = 0;
    int scalars = 0;
    int broadcasts = 0;
    for (OpEntry entry : OpTable.entries()) {
      for (int i = 0; i < 100; i++) {
        OpCase c = entry.spec().sample(random);
        total++;
        scalars += c.hasScalarInput() ? 1 : 0;
        broadcasts += c.broadcasts() ? 1 : 0;
      }
    }
    assertTrue(scalars >= 0.03 * total, scalars + " of " + total + " cases have a rank-0 input");
    assertTrue(broadcasts >= 0.03 * total, broadcasts + " of " + total + " cases broadcast");
  }
}
