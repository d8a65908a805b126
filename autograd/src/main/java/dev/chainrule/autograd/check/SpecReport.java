package dev.chainrule.autograd.check;

/**
 * What {@link OpSpec#check(int, long)} (or {@link OpSpec#checkFloat32(int, long)}) found over its
 * random cases: how many checks ran and failed, the first failure, and the worst check by {@link
 * GradCheckReport#significantError()} (for float32, the largest difference from float64 as a
 * share of max(1, |r|)).
 *
 * @param op the spec's name
 * @param cases random cases drawn
 * @param checks checks run (two per case where second order is checked)
 * @param failures checks that did not pass
 * @param firstFailure the first failing case and its report, or empty when all passed
 * @param worst the case with the largest error and its report
 * @param worstError that case's {@link GradCheckReport#significantError()}
 */
public record SpecReport(String op, int cases, int checks, int failures, String firstFailure,
    String worst, double worstError) {

  /**
   * Whether every check passed.
   *
   * @return true when no check failed
   */
  public boolean passed() {
    return failures == 0;
  }

  @Override
  public String toString() {
    return passed()
        ? String.format("%s: %d cases, %d checks, all passed; largest error %.2e at %s", op, cases,
            checks, worstError, worst)
        : String.format("%s: %d of %d checks FAILED (%d cases); first: %s", op, failures, checks,
            cases, firstFailure);
  }

  /** Collects checks as they run. */
  static final class Builder {
    private final String op;
    private int checks;
    private int failures;
    private String firstFailure = "";
    private String worst = "";
    private double worstError = -1;

    Builder(String op) {
      this.op = op;
    }

    void add(String description, GradCheckReport report) {
      add(description, report.passed(), report.significantError(), report);
    }

    void add(String description, Float32Agreement.Result result) {
      add(description + " (float32)", result.passed(), result.error(), result);
    }

    private void add(String description, boolean passed, double error, Object report) {
      checks++;
      if (!passed) {
        if (failures++ == 0) {
          firstFailure = description + ": " + report;
        }
      }
      if (error > worstError || Double.isNaN(error)) {
        worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
        worst = description + ": " + report;
      }
    }

    SpecReport build(int cases) {
      return new SpecReport(op, cases, checks, failures, firstFailure, worst,
          Math.max(0, worstError));
    }
  }
}
