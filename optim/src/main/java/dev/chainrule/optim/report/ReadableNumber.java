package dev.chainrule.optim.report;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A number in a message for people, as both launchers write it: without trailing zeros, as
 * BigDecimal writes it ({@code 0.003}, {@code 0.000001}, {@code 2.5e-7}), except that a whole
 * number is written out unless its exponent form is shorter ({@code 30}, {@code 1000}, {@code
 * 1e9}). The program's {@code train} and the Spark launcher share their data checks, whose
 * messages quote values of the file; one rule keeps the two launchers' words alike. (Figures for
 * scripts, every digit in Python's form, are {@link NumberText}'s.)
 */
public final class ReadableNumber {
  private ReadableNumber() {}

  /**
   * A value the user gave, repeated as written.
   *
   * @param value the number
   * @return its shortest digits, without trailing zeros, in the form the class describes; NaN
   *     and the infinities as Java writes them
   */
  public static String of(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return plain(BigDecimal.valueOf(value));
  }

  /**
   * A computed value, to {@code digits} significant digits: {@code -0.3} where Java writes the
   * sum of three 0.1s as -0.30000000000000004.
   *
   * @param value the number
   * @param digits the significant digits kept, at least 1
   * @return the rounded number without trailing zeros, in the form the class describes
   * @throws IllegalArgumentException when {@code digits} is below 1
   */
  public static String rounded(double value, int digits) {
    // MathContext(0) is unlimited precision: the double's whole binary expansion.
    if (digits < 1) {
      throw new IllegalArgumentException("ReadableNumber.rounded: digits must be at least 1, got "
          + digits);
    }
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return plain(new BigDecimal(value).round(new MathContext(digits)));
  }

  // BigDecimal writes every stripped whole number with trailing zeros in exponent form: 30 was
  // "3e1", 250 "2.5e2", in a divergence's "--lr 3e1". Exponent form only where shorter.
  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    String text = stripped.toString().replace("E+", "e").replace('E', 'e');
    String whole = stripped.toPlainString();
    return stripped.scale() < 0 && whole.length() <= text.length() ? whole : text;
  }
}
