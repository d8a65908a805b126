package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Elements to and from little-endian bytes, F64 or F32, through a bounded buffer: a tensor of any
 * size is converted in chunks, never as one byte array of its size.
 */
final class TensorBytes {
  private static final int CHUNK_BYTES = 1 << 16;

  private TensorBytes() {}

  /** Writes a tensor's elements as {@code dtype}; float64 to F32 rounds each to nearest. */
  static void write(OutputStream out, Tensor tensor, DType dtype) throws IOException {
    int width = dtype.byteSize();
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    int length = tensor.size();
    double[] wide = dtype == DType.FLOAT64 ? tensor.toArray() : null;
    float[] narrow = dtype == DType.FLOAT32 ? tensor.toFloatArray() : null;
    for (int done = 0; done < length; ) {
      int count = Math.min(CHUNK_BYTES / width, length - done);
      if (wide != null) {
        buffer.asDoubleBuffer().put(wide, done, count);
      } else {
        buffer.asFloatBuffer().put(narrow, done, count);
      }
      out.write(buffer.array(), 0, count * width);
      done += count;
    }
  }

  /** Reads {@code count} elements of {@code dtype} from {@code position} as a tensor of that type. */
  static Tensor read(ByteSource source, long position, Shape shape, DType dtype)
      throws IOException {
    int count = shape.size();
    int width = dtype.byteSize();
    double[] wide = dtype == DType.FLOAT64 ? new double[count] : null;
    float[] narrow = dtype == DType.FLOAT32 ? new float[count] : null;
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) count * width))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < count; ) {
      int chunk = Math.min(CHUNK_BYTES / width, count - done);
      buffer.clear().limit(chunk * width);
      source.readFully(position + (long) done * width, buffer);
      buffer.flip();
      if (wide != null) {
        buffer.asDoubleBuffer().get(wide, done, chunk);
      } else {
        buffer.asFloatBuffer().get(narrow, done, chunk);
      }
      done += chunk;
    }
    return wide != null ? Tensor.of(wide, shape.dims()) : Tensor.of(narrow, shape.dims());
  }
}
