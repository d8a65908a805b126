package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Whole numbers in a checkpoint's metadata, whose values are strings: read as numbers, not
 * compared or parsed as one spelling. A file written or edited by another tool may say "0.0" or
 * " 0" for 0; the Spark launcher's {@code --resume} refused such a step entry as malformed while
 * the program's {@code train --load} took the same file for one at an epoch's end. Both read
 * their whole-number entries here, so one file means one thing to both.
 */
public final class MetadataNumbers {
  private MetadataNumbers() {}

  /**
   * An entry's text as a whole number: a decimal number of any spelling whose value is whole
   * ({@code "3"}, {@code "+3"}, {@code "3.0"}, {@code "3e0"}), blanks around it allowed.
   *
   * @param text the entry's value
   * @return the number; empty for text that is no whole number a long holds (a word, a
   *     fraction, a number beyond 2^63 - 1, NaN), which a caller refuses in its own words,
   *     naming the entry and the file
   * @throws NullPointerException if {@code text} is null
   */
  public static OptionalLong whole(String text) {
    checkNotNull(text, "MetadataNumbers.whole: text is null");
    try {
      return OptionalLong.of(new BigDecimal(text.strip()).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }
}
