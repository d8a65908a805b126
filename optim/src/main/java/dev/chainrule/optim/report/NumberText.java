package dev.chainrule.optim.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A computed value as scripts and spreadsheets read it, with every digit, written as Python writes
 * a float ({@code repr}, and so {@code json.dumps} and pandas' {@code to_csv}): the shortest
 * decimal digits that read back as the same number, the closest to it among equally short ones,
 * plainly from 1e-4 up to 1e16 and scientific outside that ({@code 1e+16}, {@code 2.5e-05}). A
 * float keeps a float's digits: {@code 0.1}, not {@code 0.10000000149011612}.
 *
 * <p>Java's own text switches to its exponent form at 1e7 and below 1e-3: one column of
 * predictions read {@code 9999999.0} then {@code 1.0E7}, and prices in millions all came out in
 * exponent form. Its digits are not always the shortest before JDK 19 (JDK-4511638): Java 17
 * writes 1e23 as {@code 9.999999999999999E22} and 1e16f as {@code 1.00000003E16}, so the digits
 * are searched for here rather than taken from it.
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
    return text(value, Double.toString(value), false);
  }

  /**
   * A float's text, by a float's shortest digits.
   *
   * @param value the number; NaN and the infinities are written as Java writes them
   * @return the shortest digits that read back as {@code value} as a float
   */
  public static String of(float value) {
    return text(value, Float.toString(value), true);
  }

  private static String text(double value, String java, boolean single) {
    if (!Double.isFinite(value) || value == 0) {
      return java;  // NaN, Infinity, 0.0 and -0.0, as Python writes them (nan and inf aside)
    }
    BigDecimal digits = shortest(value, java, single);
    int exponent = digits.precision() - digits.scale() - 1;
    String sign = value < 0 ? "-" : "";
    if (exponent >= LOWEST_PLAIN_EXPONENT && exponent < FIRST_SCIENTIFIC_EXPONENT) {
      String plain = digits.toPlainString();
      return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
    String significand = digits.unscaledValue().toString();
    String mantissa = significand.length() == 1 ? significand
        : significand.charAt(0) + "." + significand.substring(1);
    return String.format(Locale.ROOT, "%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+",
        Math.abs(exponent));
  }

  /**
   * The shortest digits of |value| that read back as it, trailing zeros stripped. A decimal of p
   * significant digits is one of p + 1 as well, so whether some p-digit decimal reads back grows
   * with p: a binary search between 1 and Java's count of digits (whose text reads back) finds
   * the fewest, after one look just below Java's count, which is almost always the fewest. The
   * decimals that read back are an interval around the value, so the nearest p-digit one lies
   * next to it, below or above: the two roundings of p digits toward it are the only candidates.
   */
  private static BigDecimal shortest(double value, String java, boolean single) {
    double magnitude = Math.abs(value);
    BigDecimal exact = new BigDecimal(magnitude);  // a float widens to a double exactly
    int fewest = 0;  // no decimal of this many digits reads back (none has 0)
    int enough = new BigDecimal(java).stripTrailingZeros().precision();
    if (enough > 1 && nearest(exact, magnitude, enough - 1, single) == null) {
      fewest = enough - 1;
    }
    while (enough - fewest > 1) {
      int middle = (fewest + enough) >>> 1;
      if (nearest(exact, magnitude, middle, single) != null) {
        enough = middle;
      } else {
        fewest = middle;
      }
    }
    return nearest(exact, magnitude, enough, single).stripTrailingZeros();
  }

  /** The decimal of {@code digits} digits nearest to the magnitude that reads back, or null. */
  private static BigDecimal nearest(BigDecimal exact, double magnitude, int digits,
      boolean single) {
    BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
    BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
    boolean belowReads = readsBack(below, magnitude, single);
    boolean aboveReads = readsBack(above, magnitude, single);
    if (belowReads && aboveReads) {
      int closer = exact.subtract(below).compareTo(above.subtract(exact));
      return closer < 0 ? below : closer > 0 ? above
          : exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }
    return belowReads ? below : aboveReads ? above : null;
  }

  private static boolean readsBack(BigDecimal decimal, double magnitude, boolean single) {
    // BigDecimal's conversions round correctly, as parsing the decimal's text would.
    return single ? decimal.floatValue() == (float) magnitude
        : decimal.doubleValue() == magnitude;
  }
}
