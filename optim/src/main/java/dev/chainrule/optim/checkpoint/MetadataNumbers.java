package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Whole numbers in a checkpoint's metadata, whose values are strings: read as numbers, not
 * compared or parsed as one spelling. A file written or edited by another tool may say "0.0" or
 * " 0" for 0; the Spark launcher's {@code --resume} refused such a step entry as malformed while
 * the program's {@code train --load} took the same file for one at an epoch's end. Both read
 * their whole-number entries here (the step, the epochs completed, the trainer's records'
 * counts), so one file means one thing to both.
 */
public final class MetadataNumbers {
  /**
   * The longest text read: a long's 19 digits with a sign, a fraction of zeros, an exponent and
   * blanks fit many times over. BigDecimal's parsing takes time quadratic in the digits (800,000
   * took seconds), and a damaged header may hold megabytes in one entry.
   */
  private static final int LONGEST = 64;

  /**
   * A decimal number in ASCII, blanks around it ASCII's too. BigDecimal alone also took any
   * script's digits (Character.digit: "١٢" and "１２" were 12), and strip() any Unicode blank.
   * Java's {@code \d} is ASCII's digits without UNICODE_CHARACTER_CLASS.
   */
  private static final Pattern DECIMAL =
      Pattern.compile("[ \\t\\r\\n]*+[+-]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][+-]?+\\d{1,10}+)?+"
          + "[ \\t\\r\\n]*+");

  private MetadataNumbers() {}

  /**
   * An entry's text as a whole number: an ASCII decimal number of any spelling whose value is
   * whole ({@code "3"}, {@code "+3"}, {@code "3.0"}, {@code "3e0"}), ASCII blanks (space, tab,
   * line ends) around it allowed.
   *
   * @param text the entry's value
   * @return the number; empty for text that is no whole number a long holds (a word, a
   *     fraction, a number beyond 2^63 - 1, NaN, digits of another script, text longer than 64
   *     characters), which a caller refuses in its own words, naming the entry and the file
   * @throws NullPointerException if {@code text} is null
   */
  public static OptionalLong whole(String text) {
    checkNotNull(text, "MetadataNumbers.whole: text is null");
    if (text.length() > LONGEST || !DECIMAL.matcher(text).matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(new BigDecimal(text.strip()).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * An entry's text as a whole number an int holds, read as {@link #whole} reads it: the
   * epochs a file had trained, a record's counts.
   *
   * @param text the entry's value
   * @return the number; empty for text {@link #whole} does not read, or a number beyond an int
   * @throws NullPointerException if {@code text} is null
   */
  public static OptionalInt wholeInt(String text) {
    OptionalLong number = whole(text);
    return number.isPresent() && number.getAsLong() == (int) number.getAsLong()
        ? OptionalInt.of((int) number.getAsLong()) : OptionalInt.empty();
  }
}
