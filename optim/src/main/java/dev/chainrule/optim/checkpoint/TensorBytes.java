package dev.chainrule.optim.checkpoint;

import com.google.common.base.Verify;
import com.google.common.base.VerifyException;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Elements to and from little-endian bytes through a bounded buffer: a tensor of any size is
 * converted in chunks, never as one byte array of its size. Written as F64, F32 or I64; read from
 * those and from F16 and BF16.
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
    Verify.verify(type == FileDType.F64 || type == FileDType.F32 || type == FileDType.I64,
        "writing %s, which chainrule never writes", type);
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
   * as float32, and F16 and BF16 widened to float32, exactly ({@link HalfFloats}).
   *
   * @throws ArithmeticException if an I64 value lies beyond ±2⁵³, where float64 would round it
   */
  static Tensor read(ByteSource source, long position, Shape shape, FileDType type)
      throws IOException {
    int count = shape.size();
    int width = (int) type.bytes(1);
    boolean narrowed = type.coreType().orElseThrow() == DType.FLOAT32;
    double[] wide = narrowed ? null : new double[count];
    float[] narrow = narrowed ? new float[count] : null;
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) count * width))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < count; ) {
      int chunk = Math.min(CHUNK_BYTES / width, count - done);
      buffer.clear().limit(chunk * width);
      source.readFully(position + (long) done * width, buffer);
      buffer.flip();
      switch (type) {
        case F64 -> buffer.asDoubleBuffer().get(wide, done, chunk);
        case F32 -> buffer.asFloatBuffer().get(narrow, done, chunk);
        case F16 -> {
          for (int i = 0; i < chunk; i++) {
            narrow[done + i] = Float.intBitsToFloat(HalfFloats.f16ToFloatBits(buffer.getShort()));
          }
        }
        case BF16 -> {
          for (int i = 0; i < chunk; i++) {
            narrow[done + i] = Float.intBitsToFloat(HalfFloats.bf16ToFloatBits(buffer.getShort()));
          }
        }
        case I64 -> {
          for (int i = 0; i < chunk; i++) {
            long value = buffer.getLong();
            if (value > EXACT_LIMIT || value < -EXACT_LIMIT) {
              throw new ArithmeticException("I64 value " + value + " lies beyond ±2^53, where"
                  + " float64 no longer holds every whole number");
            }
            wide[done + i] = value;
          }
        }
        default -> throw new VerifyException("the header parser let " + type + " through");
      }
      done += chunk;
    }
    return narrowed ? Tensor.of(narrow, shape.dims()) : Tensor.of(wide, shape.dims());
  }
}
