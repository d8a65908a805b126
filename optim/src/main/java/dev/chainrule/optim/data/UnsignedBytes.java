package dev.chainrule.optim.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Features as the unsigned bytes a dataset of {@link Dataset#ofUnsignedBytes} keeps them in: rows
 * of {@code columns} bytes, each read as 0..255 and divided by {@code divisor} when converted. What
 * {@link Dataset#unsignedBytes()} hands out, so that code which moves a dataset elsewhere (a
 * Spark shard) carries one byte per feature instead of its converted values, and rebuilds it with
 * {@link Dataset#ofUnsignedBytes}. A value: equal to another of the same bytes (by content),
 * columns and divisor, as a record of an array compared by identity was not (two copies of the
 * same rows differed, and each printed as an array's address).
 *
 * @param bytes the rows one after another; the receiver's own copy
 * @param columns the bytes per row
 * @param divisor what each byte is divided by
 */
public record UnsignedBytes(byte[] bytes, int columns, double divisor) {
  /**
   * Refuses what {@link Dataset#ofUnsignedBytes} refuses, in its words: such values were accepted
   * here and refused only when a shard rebuilt its dataset from them.
   *
   * @param bytes the rows one after another
   * @param columns the bytes per row, positive
   * @param divisor what each byte is divided by, positive and finite
   * @throws IllegalArgumentException naming UnsignedBytes when the bytes are not whole rows of a
   *     positive number of columns, or the divisor is not positive and finite
   */
  public UnsignedBytes {
    UnsignedByteRows.check("UnsignedBytes", bytes, columns, divisor);
  }

  /**
   * Whether {@code other} holds the same bytes (by content), columns and divisor; the divisors
   * are compared as a record compares a double ({@link Double#compare}).
   *
   * @param other the object to compare with
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof UnsignedBytes u && columns == u.columns
        && Double.compare(divisor, u.divisor) == 0 && Arrays.equals(bytes, u.bytes);
  }

  /**
   * A hash of the bytes' content, the columns and the divisor, consistent with {@link #equals}.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(bytes) + columns) + Double.hashCode(divisor);
  }

  /**
   * The sizes and the divisor, e.g. {@code UnsignedBytes[60000 rows of 784 bytes, divisor
   * 255.0]}: not the bytes themselves, which may be tens of megabytes.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "UnsignedBytes[%d rows of %d bytes, divisor %s]",
        bytes.length / columns, columns, divisor);
  }
}
