package dev.chainrule.optim.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds safetensors bytes by hand, independently of the writer under test. */
final class RawFiles {
  private RawFiles() {}

  /** A length field, the header text as UTF-8 (unpadded) and the data. */
  static byte[] file(String header, byte[] data) {
    return file(header.getBytes(StandardCharsets.UTF_8), data);
  }

  static byte[] file(byte[] header, byte[] data) {
    return concat(lengthField(header.length), header, data);
  }

  static byte[] lengthField(long length) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
  }

  static byte[] f64(double... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      buffer.putDouble(v);
    }
    return buffer.array();
  }

  static byte[] f32(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  /** 16-bit elements (F16 or BF16) given by their bits, little-endian. */
  static byte[] bits16(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      buffer.putShort((short) v);
    }
    return buffer.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** The length field read back (little-endian). */
  static long headerLength(byte[] file) {
    return ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** The header text, padding included. */
  static String headerText(byte[] file) {
    return new String(file, 8, (int) headerLength(file), StandardCharsets.UTF_8);
  }
}
