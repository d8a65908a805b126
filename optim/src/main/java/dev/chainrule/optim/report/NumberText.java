package dev.chainrule.optim.report;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A computed value as scripts and spreadsheets read it, with every digit: the shortest digits
 * that read back as the same number (Java's, so a float keeps a float's: {@code 0.1}, not
 * {@code 0.10000000149011612}; Java writes at least two, so Double.MIN_VALUE is {@code 4.9e-324}
 * where Python writes {@code 5e-324}), written as Python writes a float ({@code repr}, and so
 * {@code json.dumps} and pandas' {@code to_csv}): plainly from 1e-4 up to 1e16, scientific
 * outside that ({@code 1e+16}, {@code 2.5e-05}).
 *
 * <p>Java's own text switches to its exponent form at 1e7 and below 1e-3: one column of
 * predictions read {@code 9999999.0} then {@code 1.0E7}, and prices in millions all came out in
 * exponent form. Within [1e-3, 1e7) the two agree character for character, so what printed
 * plainly before prints the same.
 */
public final class NumberText {
  /** The smallest magnitude written plainly, as Python's repr. */
  private static final int LOWEST_PLAIN_EXPONENT = -4;
  /** The decimal exponent from which Python's repr is scientific (1e16). */
  private static final int FIRST_SCIENTIFIC_EXPONENT = 16;

  private NumberText() {}

  /**
   * A double's text.
   *
   * @param value the number; NaN and the infinities are written as Java writes them
   * @return the shortest digits that read back as {@code value}, plainly or in exponent form
   */
  public static String of(double value) {
    return decimal(Double.toString(value));
  }

  /**
   * A float's text, by a float's shortest digits.
   *
   * @param value the number; NaN and the infinities are written as Java writes them
   * @return the shortest digits that read back as {@code value} as a float
   */
  public static String of(float value) {
    return decimal(Float.toString(value));
  }

  /** Java's text of a number, rewritten by Python's rule when Java chose its exponent form. */
  private static String decimal(String java) {
    if (java.indexOf('E') < 0) {
      // Plain already (1e-3 <= |x| < 1e7, zero), or NaN and Infinity: as Python writes these.
      return java;
    }
    // The digits Java chose, exactly: they read back as the number, and none is added.
    BigDecimal digits = new BigDecimal(java).stripTrailingZeros();
    int exponent = digits.precision() - digits.scale() - 1;
    if (exponent >= LOWEST_PLAIN_EXPONENT && exponent < FIRST_SCIENTIFIC_EXPONENT) {
      String plain = digits.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    String significand = digits.unscaledValue().abs().toString();
    String mantissa = significand.length() == 1 ? significand
        : significand.charAt(0) + "." + significand.substring(1);
    return String.format(Locale.ROOT, "%s%se%s%02d", digits.signum() < 0 ? "-" : "", mantissa,
        exponent < 0 ? "-" : "+", Math.abs(exponent));
  }
}
