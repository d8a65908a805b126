package dev.chainrule.examples.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values that must be numbers, read strictly and refused in words: {@code 'many' is not a
 * whole number}, {@code 'nan' is not a finite number}, {@code '0x1p-3' is not a decimal number}.
 * Java's parsers would accept {@code 1d} or {@code 0x1p3} and name Java types in their errors.
 */
public final class NumberConverters {
  /** NaN and infinities as people and Java spell them: numbers, but not finite ones. */
  private static final Pattern NOT_FINITE =
      Pattern.compile("[+-]?(nan|inf|infinity|∞)", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][+-]?+\\d++)?+");

  private NumberConverters() {}

  /**
   * Registers the converters on {@code cli} and every subcommand added so far.
   *
   * @param cli the program's command line
   */
  public static void register(CommandLine cli) {
    ITypeConverter<Integer> ints = text -> (int) whole(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    ITypeConverter<Long> longs = text -> whole(text, Long.MIN_VALUE, Long.MAX_VALUE);
    ITypeConverter<Double> doubles = NumberConverters::decimal;
    cli.registerConverter(Integer.class, ints).registerConverter(int.class, ints)
        .registerConverter(Long.class, longs).registerConverter(long.class, longs)
        .registerConverter(Double.class, doubles).registerConverter(double.class, doubles);
  }

  private static long whole(String text, long min, long max) {
    if (!WHOLE.matcher(text).matches()) {
      throw new TypeConversionException("'" + text + "' is not a whole number");
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException tooLong) {
      // falls through to the range message
    }
    throw new TypeConversionException("'" + text + "' is out of range ("
        + (text.startsWith("-") ? "at least " + min : "at most " + max) + ")");
  }

  private static double decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      // A hex float (0x1p-3) is finite: "not a finite number" was wrong of it, and of 'abc'.
      throw new TypeConversionException("'" + text + "' is not a "
          + (NOT_FINITE.matcher(text.strip()).matches() ? "finite" : "decimal") + " number");
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw new TypeConversionException("'" + text + "' is too large");
    }
    // 1e-400 is no zero anyone typed: it rounds to 0, which the option's check would then
    // report as "got 0.0".
    if (value == 0 && text.matches(".*[1-9].*[eE].*")) {
      throw new TypeConversionException("'" + text + "' is too small: it rounds to 0 (the"
          + " smallest positive number is " + Double.MIN_VALUE + ")");
    }
    return value;
  }
}
