package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Elements to and from little-endian bytes, F64, F32 or I64, through a bounded buffer: a tensor of
 * any size is converted in chunks, never as one byte array of its size.
 */
final class TensorBytes {
  private static final int CHUNK_BYTES = 1 << 16;

  /** The largest whole number float64 holds together with all smaller ones: 2⁵³. */
  static final long EXACT_LIMIT = 1L << 53;

  private TensorBytes() {}

  /**
   * Writes a tensor's elements as {@code type}: F64 exactly, F32 rounded to nearest, I64 as the
   * whole numbers the writer checked they are.
   */
  static void write(OutputStream out, Tensor tensor, FileDType type) throws IOException {
    int width = (int) type.bytes(1);
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    int length = tensor.size();
    double[] wide = type != FileDType.F32 ? tensor.toArray() : null;
    float[] narrow = type == FileDType.F32 ? tensor.toFloatArray() : null;
    for (int done = 0; done < length; ) {
      int count = Math.min(CHUNK_BYTES / width, length - done);
      buffer.clear();
      if (type == FileDType.I64) {
        for (int i = 0; i < count; i++) {
          buffer.putLong((long) wide[done + i]);
        }
      } else if (wide != null) {
        buffer.asDoubleBuffer().put(wide, done, count);
      } else {
        buffer.asFloatBuffer().put(narrow, done, count);
      }
      out.write(buffer.array(), 0, count * width);
      done += count;
    }
  }

  /**
   * Reads {@code count} elements of {@code type} from {@code position}: F64 and I64 as float64, F32
   * as float32.
   *
   * @throws ArithmeticException if an I64 value lies beyond ±2⁵³, where float64 would round it
   */
  static Tensor read(ByteSource source, long position, Shape shape, FileDType type)
      throws IOException {
    int count = shape.size();
    int width = (int) type.bytes(1);
    double[] wide = type != FileDType.F32 ? new double[count] : null;
    float[] narrow = type == FileDType.F32 ? new float[count] : null;
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) count * width))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < count; ) {
      int chunk = Math.min(CHUNK_BYTES / width, count - done);
      buffer.clear().limit(chunk * width);
      source.readFully(position + (long) done * width, buffer);
      buffer.flip();
      if (type == FileDType.I64) {
        for (int i = 0; i < chunk; i++) {
          long value = buffer.getLong();
          if (value > EXACT_LIMIT || value < -EXACT_LIMIT) {
            throw new ArithmeticException("I64 value " + value + " lies beyond ±2^53, where"
                + " float64 no longer holds every whole number");
          }
          wide[done + i] = value;
        }
      } else if (wide != null) {
        buffer.asDoubleBuffer().get(wide, done, chunk);
      } else {
        buffer.asFloatBuffer().get(narrow, done, chunk);
      }
      done += chunk;
    }
    return wide != null ? Tensor.of(wide, shape.dims()) : Tensor.of(narrow, shape.dims());
  }
}
