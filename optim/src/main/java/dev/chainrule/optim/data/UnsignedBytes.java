package dev.chainrule.optim.data;

/**
 * Features as the unsigned bytes a dataset of {@link Dataset#ofUnsignedBytes} keeps them in: rows
 * of {@code columns} bytes, each read as 0..255 and divided by {@code divisor} when converted. What
 * {@link Dataset#unsignedBytes()} hands out, so that code which moves a dataset elsewhere (a
 * Spark shard) carries one byte per feature instead of its converted values, and rebuilds it with
 * {@link Dataset#ofUnsignedBytes}.
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
}
