package dev.chainrule.examples.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.knowm.xchart.style.XYStyler;

/**
 * How a curve chart's vertical axis is ranged and labelled, from the range of the values drawn.
 * XChart fits the axis to the data and labels a log axis at every decade, which left some charts
 * without a readable number: gradients within one decade had no label at all, gradients over
 * thirty decades had thirty labels on top of each other, and a loss that moved by a billionth
 * was a fall across the whole chart labelled 7.002561529191942E-1.
 */
final class AxisRanges {
  /**
   * Decades up to which a log axis is labelled at 1, 2, ..., 9 times each power of ten: the two
   * closest labels, 9 and 10, are 0.046 decade apart, some 16 pixels of the about 360 a chart's
   * axis has over one decade, just above a 12-point label's height.
   */
  static final double DIGIT_LABELLED_DECADES = 1;
  /**
   * Decade labels a log axis holds before they are drawn as powers of ten on a linear axis of
   * exponents: XChart labels every decade and draws eight grid lines inside each, so past this
   * many (45 pixels a decade) the lines run together, and past about 25 the labels overlap.
   */
  static final int MOST_DECADES = 8;
  /**
   * The least span of a linear axis, relative to its largest value. XChart fits the axis to the
   * data, so a loss that moved by a billionth (xor --lr 1e-12) was drawn as a fall across the
   * whole chart. With this span a change of 2e-4 of the loss (the last digit of the epoch
   * lines' four decimals, for a loss near 0.5) still slopes, and one of the size the program calls
   * a stalled loss (1e-6 of it) is under a pixel: the flat line it is.
   */
  static final double LEAST_RELATIVE_SPAN = 1e-3;
  /** Relative slack in the tests of whole decades and ticks, for log10's rounding. */
  private static final double SLACK = 1e-9;

  private AxisRanges() {}

  /**
   * A log axis's range and labels.
   *
   * @param min the axis's lower end, or null for the data's least value
   * @param max the axis's upper end, or null for the data's largest value
   * @param decadesOnly whether only powers of ten are labelled (else also 2, ..., 9 times them)
   * @param exponents whether the values are drawn as their base-10 logarithms on a linear axis
   *     labelled "1E-30", "1E-25", ...: for more decades than XChart can label
   */
  record LogAxis(Double min, Double max, boolean decadesOnly, boolean exponents) {}

  /**
   * A linear axis's range and label pattern.
   *
   * @param min the axis's lower end, or null for the data's least value
   * @param max the axis's upper end, or null for the data's largest value
   * @param pattern a {@link DecimalFormat} pattern for the labels, or null for XChart's
   */
  record LinearAxis(Double min, Double max, String pattern) {}

  /**
   * The log axis for values from {@code low} to {@code high}, both above 0: with two labels at
   * least and no more than {@link #MOST_DECADES}.
   */
  static LogAxis log(double low, double high) {
    double bottom = tickAtOrBelow(low);
    double top = tickAtOrAbove(high);
    if (Math.log10(top / bottom) <= DIGIT_LABELLED_DECADES + SLACK) {
      // From a labelled tick to a labelled tick: data inside one decade had no label between.
      return new LogAxis(bottom, top, false, false);
    }
    int first = (int) Math.ceil(Math.log10(low) - SLACK);
    int last = (int) Math.floor(Math.log10(high) + SLACK);
    int decades = last - first + 1;
    if (decades > MOST_DECADES) {
      return new LogAxis(null, null, true, true);
    }
    if (decades >= 2) {
      return new LogAxis(null, null, true, false);
    }
    // Over a decade but one power of ten inside: out to the nearer next one for a second label.
    if (Math.log10(low) - (first - 1) <= last + 1 - Math.log10(high)) {
      return new LogAxis(Math.pow(10, first - 1), null, true, false);
    }
    return new LogAxis(null, Math.pow(10, last + 1), true, false);
  }

  /** The linear axis for values from {@code low} to {@code high}. */
  static LinearAxis linear(double low, double high) {
    double scale = Math.max(Math.abs(low), Math.abs(high));
    double least = LEAST_RELATIVE_SPAN * scale;
    if (scale == 0 || high - low >= least) {
      return new LinearAxis(null, null, null);
    }
    if (high == low) {
      // XChart labels a constant series once, at its value: with its digits, not seventeen.
      return new LinearAxis(null, null, scale < 1e-3 || scale >= 1e6 ? "0.#####E0" : "0.######");
    }
    // Halved apart, not summed: two values near the largest double would sum to infinity.
    double middle = low + (high - low) / 2;
    // Ticks fall on steps of about a tenth of the span: one decimal below its first digit.
    int decimals = (int) Math.ceil(-Math.log10(least)) + 1;
    String pattern = decimals > 10 || scale >= 1e6 ? "0.0000E0"
        : decimals <= 0 ? "0" : "0." + "0".repeat(decimals - 1) + "#";
    return new LinearAxis(Math.max(middle - least / 2, -Double.MAX_VALUE),
        Math.min(middle + least / 2, Double.MAX_VALUE), pattern);
  }

  /** Sets {@code axis} on the chart's styler. */
  static void apply(XYStyler styler, LogAxis axis) {
    styler.setYAxisLogarithmic(!axis.exponents());
    styler.setYAxisLogarithmicDecadeOnly(axis.decadesOnly());
    styler.setYAxisMin(axis.min());
    styler.setYAxisMax(axis.max());
    if (axis.exponents()) {
      styler.setyAxisTickLabelsFormattingFunction(AxisRanges::power);
    }
  }

  /** Sets {@code axis} on the chart's styler. */
  static void apply(XYStyler styler, LinearAxis axis) {
    styler.setYAxisLogarithmic(false);
    styler.setYAxisMin(axis.min());
    styler.setYAxisMax(axis.max());
    styler.setYAxisDecimalPattern(axis.pattern());
  }

  /** The label of an exponent: "1E-30" for −30, "3.2E-26" for −25.5. */
  static String power(Double exponent) {
    long whole = Math.round(exponent);
    if (Math.abs(exponent - whole) < SLACK) {
      return "1E" + whole;
    }
    return new DecimalFormat("0.#E0", DecimalFormatSymbols.getInstance(Locale.ROOT))
        .format(Math.pow(10, exponent));
  }

  /** The largest of 1, 2, ..., 9 times a power of ten at or below {@code value}, above 0. */
  private static double tickAtOrBelow(double value) {
    double decade = Math.pow(10, Math.floor(Math.log10(value)));
    double digit = Math.max(1, Math.floor(value / decade * (1 + SLACK)));
    return digit * decade;
  }

  /** The least of 1, 2, ..., 10 times a power of ten at or above {@code value}, above 0. */
  private static double tickAtOrAbove(double value) {
    double decade = Math.pow(10, Math.floor(Math.log10(value)));
    double digit = Math.min(10, Math.ceil(value / decade * (1 - SLACK)));
    return digit * decade;
  }
}
