package dev.chainrule.optim.checkpoint;

import com.google.common.base.Verify;
import com.google.common.base.VerifyException;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.CheckpointException.Rule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Elements to and from little-endian bytes through a bounded buffer: a tensor of any size is
 * converted in chunks, never as one byte array of its size. Written as F64, F32 or I64; read from
 * every type {@link FileDType#coreType()} gives a chainrule type.
 */
final class TensorBytes {
  private static final int CHUNK_BYTES = 1 << 16;

  /** The largest whole number float64 holds together with all smaller ones: 2⁵³. */
  static final long EXACT_LIMIT = 1L << 53;

  private TensorBytes() {}

  /** A value the file's type allows in its bytes but chainrule cannot read as it is. */
  static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Rule rule;

    BadValue(Rule rule, String message) {
      super(message);
      this.rule = rule;
    }

    Rule rule() {
      return rule;
    }
  }

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
   * Reads {@code count} elements of {@code type} from {@code position}, each exactly: F64 as
   * float64, F32 as float32, F16, BF16, F8_E4M3 and F8_E5M2 widened to float32
   * ({@link HalfFloats}, {@link Float8s}), and the whole-number types (I8 to I64, U8 to U64, BOOL)
   * as float64.
   *
   * @throws BadValue if an I64 or U64 value lies beyond ±2⁵³, where float64 would round it, or a
   *     BOOL byte is neither 0 nor 1
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
      if (type == FileDType.F64) {
        buffer.asDoubleBuffer().get(wide, done, chunk);
      } else if (type == FileDType.F32) {
        buffer.asFloatBuffer().get(narrow, done, chunk);
      } else if (narrowed) {
        for (int i = 0; i < chunk; i++) {
          narrow[done + i] = Float.intBitsToFloat(floatBits(type, buffer));
        }
      } else {
        for (int i = 0; i < chunk; i++) {
          wide[done + i] = wholeNumber(type, buffer);
        }
      }
      done += chunk;
    }
    return narrowed ? Tensor.of(narrow, shape.dims()) : Tensor.of(wide, shape.dims());
  }

  /** The next element of a small float type, as the bits of the equal float32. */
  private static int floatBits(FileDType type, ByteBuffer buffer) {
    return switch (type) {
      case F16 -> HalfFloats.f16ToFloatBits(buffer.getShort());
      case BF16 -> HalfFloats.bf16ToFloatBits(buffer.getShort());
      case F8_E4M3 -> Float8s.e4m3ToFloatBits(buffer.get());
      case F8_E5M2 -> Float8s.e5m2ToFloatBits(buffer.get());
      default -> throw new VerifyException(type + " is not read as float32");
    };
  }

  /** The next element of a whole-number type, as float64 (exact, or refused). */
  private static double wholeNumber(FileDType type, ByteBuffer buffer) {
    return switch (type) {
      case I8 -> buffer.get();
      case U8 -> buffer.get() & 0xff;
      case I16 -> buffer.getShort();
      case U16 -> buffer.getShort() & 0xffff;
      case I32 -> buffer.getInt();
      case U32 -> buffer.getInt() & 0xffff_ffffL;
      case I64 -> {
        long value = buffer.getLong();
        if (value > EXACT_LIMIT || value < -EXACT_LIMIT) {
          throw new BadValue(Rule.INEXACT_VALUE, "I64 value " + value + " lies beyond ±2^53,"
              + " where float64 no longer holds every whole number");
        }
        yield value;
      }
      case U64 -> {
        long value = buffer.getLong();  // unsigned: negative as a long means 2⁶³ or more
        if (Long.compareUnsigned(value, EXACT_LIMIT) > 0) {
          throw new BadValue(Rule.INEXACT_VALUE, "U64 value " + Long.toUnsignedString(value)
              + " lies beyond 2^53, where float64 no longer holds every whole number");
        }
        yield value;
      }
      case BOOL -> {
        // A byte other than 0 or 1 is no bool PyTorch or NumPy writes: a damaged file, or not
        // a mask at all.
        int value = buffer.get() & 0xff;
        if (value > 1) {
          throw new BadValue(Rule.INVALID_BOOL, String.format(Locale.ROOT,
              "BOOL byte 0x%02x is neither 0"
              + " (false) nor 1 (true)", value));
        }
        yield value;
      }
      default -> throw new VerifyException(type + " is not read as a whole number");
    };
  }
}
