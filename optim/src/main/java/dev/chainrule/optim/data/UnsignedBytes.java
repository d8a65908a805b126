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
public record UnsignedBytes(byte[] bytes, int columns, double divisor) {}
