package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.DType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Elements to and from little-endian bytes, F64 or F32, through a bounded buffer: a tensor of any
 * size is converted in chunks, never as one byte array twice its size.
 */
final class TensorBytes {
  private static final int CHUNK_BYTES = 1 << 16;

  private TensorBytes() {}

  /** Writes {@code values} as {@code dtype}; F32 rounds each value to the nearest float. */
  static void write(OutputStream out, double[] values, DType dtype) throws IOException {
    int width = dtype.byteSize();
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < values.length; ) {
      int count = Math.min(CHUNK_BYTES / width, values.length - done);
      if (dtype == DType.FLOAT64) {
        buffer.asDoubleBuffer().put(values, done, count);
      } else {
        FloatBuffer floats = buffer.asFloatBuffer();
        for (int i = 0; i < count; i++) {
          floats.put(i, (float) values[done + i]);
        }
      }
      out.write(buffer.array(), 0, count * width);
      done += count;
    }
  }

  /** Reads {@code count} elements of {@code dtype} from {@code position}, widened to double. */
  static double[] read(ByteSource source, long position, int count, DType dtype)
      throws IOException {
    int width = dtype.byteSize();
    double[] values = new double[count];
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) count * width))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < count; ) {
      int chunk = Math.min(CHUNK_BYTES / width, count - done);
      buffer.clear().limit(chunk * width);
      source.readFully(position + (long) done * width, buffer);
      buffer.flip();
      if (dtype == DType.FLOAT64) {
        buffer.asDoubleBuffer().get(values, done, chunk);
      } else {
        FloatBuffer floats = buffer.asFloatBuffer();
        for (int i = 0; i < chunk; i++) {
          values[done + i] = floats.get(i);
        }
      }
      done += chunk;
    }
    return values;
  }
}
