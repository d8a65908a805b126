package dev.chainrule.autograd.check;

import java.util.Locale;

/**
 * What {@link OpSpec#check(int, long)} (or {@link OpSpec#checkFloat32(int, long)}) found over its
 * random cases: how many checks ran and failed, the first failure, and the worst check by {@link
 * GradCheckReport#significantError()} (for float32, the largest difference from float64 as a
 * share of max(1, |r|)). A check on which the op or its rule threw is a failure ({@code
 * "threw: "} and the exception's message after the case) with an infinite error.
 *
 * @param op the spec's name
 * @param cases random cases drawn
 * @param checks checks run (two per case where second order is checked)
 * @param failures checks that did not pass
 * @param firstFailure the first failing case and its report, or empty when all passed
 * @param worst the case with the largest error and its report
 * @param worstError that case's {@link GradCheckReport#significantError()}
 * @param noted checks that passed with a note in their detail (only the absolute tolerance
 *     passed the worst comparison, an input's values all within atol were judged against
 *     rounding or found zero up to it, only zeros were compared, float32 inputs were widened)
 * @param firstNote the first such case and its report, or empty when none
 */
public record SpecReport(String op, int cases, int checks, int failures, String firstFailure,
    String worst, double worstError, int noted, String firstNote) {

  /**
   * A null note is none.
   *
   * @param op the spec's name
   * @param cases random cases drawn
   * @param checks checks run
   * @param failures checks that did not pass
   * @param firstFailure the first failing case and its report, or empty when all passed
   * @param worst the case with the largest error and its report
   * @param worstError that case's {@link GradCheckReport#significantError()}
   * @param noted checks that passed with a note in their detail
   * @param firstNote the first such case and its report, or null or empty when none
   */
  public SpecReport {
    firstNote = firstNote == null ? "" : firstNote;
  }

  /**
   * A report without notes.
   *
   * @param op the spec's name
   * @param cases random cases drawn
   * @param checks checks run
   * @param failures checks that did not pass
   * @param firstFailure the first failing case and its report, or empty when all passed
   * @param worst the case with the largest error and its report
   * @param worstError that case's {@link GradCheckReport#significantError()}
   */
  public SpecReport(String op, int cases, int checks, int failures, String firstFailure,
      String worst, double worstError) {
    this(op, cases, checks, failures, firstFailure, worst, worstError, 0, "");
  }

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
    // The notes go first: after the worst case's report, itself a long line, they were missed.
    return passed()
        ? String.format(Locale.ROOT,
            "%s: %d cases, %d checks, all passed%s; largest error %.2e at %s", op,
            cases, checks, noted == 0 ? "" : String.format(Locale.ROOT,
                ", %d of them with a note (the first:"
                + " %s)", noted, firstNote), worstError, worst)
        : String.format(Locale.ROOT,
            "%s: %d of %d checks FAILED (%d cases); first: %s", op, failures, checks,
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
    private int noted;
    private String firstNote = "";

    Builder(String op) {
      this.op = op;
    }

    void add(String description, GradCheckReport report) {
      if (report.passed() && !report.detail().isEmpty() && noted++ == 0) {
        firstNote = description + ": " + report.detail();
      }
      add(description, report.passed(), report.significantError(), report);
    }

    void add(String description, Float32Agreement.Result result) {
      add(description + " (float32)", result.passed(), result.error(), result);
    }

    /**
     * A check on which the op or its rule threw: failed, and the worst, as a NaN error is (no
     * error was measured, and none is smaller than one that could not be).
     */
    void threw(String description, String message) {
      add(description, false, Double.NaN, "threw: " + message);
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
          Math.max(0, worstError), noted, firstNote);
    }
  }
}
