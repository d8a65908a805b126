package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every one of the 65,536 F16 and BF16 bit patterns, widened to float32, against two references:
 * the value computed from the format's definition in double arithmetic (bit for bit, and for NaN
 * its sign and payload), and NumPy's (F16) or PyTorch's (BF16) conversion, through a SHA-256 of
 * all 65,536 results. No tolerance: every value of both formats is a float32, so the conversion
 * is exact or wrong.
 */
class HalfFloatsTest {
  private static final int PATTERNS = 1 << 16;

  /**
   * NumPy 1.24's float32 bits of every F16 pattern, little-endian uint32 in pattern order,
   * hashed; NumPy keeps a NaN's sign and payload and does not quiet signaling NaNs, as
   * {@link HalfFloats} does:
   *
   * <pre>/usr/bin/python3 -c "import numpy as np, hashlib; print(hashlib.sha256(np.arange(65536,
   * dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32).view(np.uint32)
   * .astype('&lt;u4').tobytes()).hexdigest())"</pre>
   */
  private static final String NUMPY_F16 =
      "f4fdd084f85448d28c84f20fabf4022ba938e40b7f382d2727dec6f41ac6267a";

  /**
   * PyTorch 1.13's float32 bits of every BF16 pattern, hashed the same way (NumPy has no
   * bfloat16; PyTorch keeps BF16 NaNs as they are):
   *
   * <pre>/usr/bin/python3 -c "import torch, hashlib; print(hashlib.sha256(torch.arange(65536,
   * dtype=torch.int32).to(torch.int16).view(torch.bfloat16).float().view(torch.int32).numpy()
   * .astype('&lt;u4').tobytes()).hexdigest())"</pre>
   */
  private static final String TORCH_BF16 =
      "9207d7eb28680a098c73dbe536d1ff7b94311dc417b9a385e0af6660683e93ca";

  /** F16's definition: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. */
  private static double f16ByDefinition(int bits) {
    return byDefinition(bits, 5, 10);
  }

  /** BF16's definition: 1 sign bit, 8 exponent bits (bias 127), 7 mantissa bits. */
  private static double bf16ByDefinition(int bits) {
    return byDefinition(bits, 8, 7);
  }

  /** (−1)^s × 2^(e − bias) × (1 + m / 2^p), or (−1)^s × 2^(1 − bias) × m / 2^p when e = 0. */
  private static double byDefinition(int bits, int exponentBits, int mantissaBits) {
    int bias = (1 << (exponentBits - 1)) - 1;
    int exponent = (bits >>> mantissaBits) & ((1 << exponentBits) - 1);
    int mantissa = bits & ((1 << mantissaBits) - 1);
    double sign = (bits & 0x8000) != 0 ? -1 : 1;
    if (exponent == (1 << exponentBits) - 1) {
      return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    double fraction = mantissa / Math.pow(2, mantissaBits);
    return sign * (exponent == 0 ? fraction * Math.pow(2, 1 - bias)
        : (1 + fraction) * Math.pow(2, exponent - bias));
  }

  @Test
  void f16AgreesWithItsDefinitionForEveryPattern() {
    checkAgainstDefinition("F16", HalfFloats::f16ToFloatBits, HalfFloatsTest::f16ByDefinition,
        10);
  }

  @Test
  void bf16AgreesWithItsDefinitionForEveryPattern() {
    checkAgainstDefinition("BF16", HalfFloats::bf16ToFloatBits, HalfFloatsTest::bf16ByDefinition,
        7);
  }

  private static void checkAgainstDefinition(String type, IntUnaryOperator convert,
      IntToDoubleFunction definition, int mantissaBits) {
    int nans = 0;
    for (int bits = 0; bits < PATTERNS; bits++) {
      int actual = convert.applyAsInt(bits);
      double expected = definition.applyAsDouble(bits);
      String what = String.format(Locale.ROOT, "%s 0x%04x", type, bits);
      if (Double.isNaN(expected)) {
        nans++;
        assertTrue(Float.isNaN(Float.intBitsToFloat(actual)), what + " is NaN");
        assertEquals(bits >>> 15, actual >>> 31, what + ": a NaN keeps its sign");
        int payload = bits & ((1 << mantissaBits) - 1);
        assertEquals(payload << (23 - mantissaBits), actual & 0x7f_ffff,
            what + ": a NaN keeps its payload, at the top of the mantissa");
        continue;
      }
      // The double is a float32 value (the conversion to float loses nothing) and its bits,
      // −0.0's sign included, are the converted ones.
      assertEquals(expected, (double) (float) expected, what + " is a float32 value");
      if (actual != Float.floatToRawIntBits((float) expected)) {
        fail(String.format(Locale.ROOT, "%s: expected %s (0x%08x), got %s (0x%08x)", what, expected,
            Float.floatToRawIntBits((float) expected), Float.intBitsToFloat(actual), actual));
      }
    }
    // 2 signs × (2^mantissaBits − 1) non-zero mantissas under the all-ones exponent
    assertEquals(2 * ((1 << mantissaBits) - 1), nans, type + ": NaN patterns seen");
  }

  @Test
  void f16AgreesWithNumpyBitForBit() throws NoSuchAlgorithmException {
    assertEquals(NUMPY_F16, sha256(HalfFloats::f16ToFloatBits),
        "float32 bits of every F16 pattern differ from NumPy's (see the command above)");
  }

  @Test
  void bf16AgreesWithPyTorchBitForBit() throws NoSuchAlgorithmException {
    assertEquals(TORCH_BF16, sha256(HalfFloats::bf16ToFloatBits),
        "float32 bits of every BF16 pattern differ from PyTorch's (see the command above)");
  }

  private static String sha256(IntUnaryOperator convert) throws NoSuchAlgorithmException {
    ByteBuffer bytes = ByteBuffer.allocate(4 * PATTERNS).order(ByteOrder.LITTLE_ENDIAN);
    for (int bits = 0; bits < PATTERNS; bits++) {
      bytes.putInt(convert.applyAsInt(bits));
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
  }

  /**
   * The reading path (byte order, the chunks of 32,768 elements) gives the same values: a file
   * of one tensor holding every pattern, read as float32.
   */
  @Test
  void aFileOfEveryPatternReadsAsTheConvertedValues() {
    int[] all = new int[PATTERNS];
    for (int bits = 0; bits < PATTERNS; bits++) {
      all[bits] = bits;
    }
    for (String type : new String[] {"F16", "BF16"}) {
      IntUnaryOperator convert = type.equals("F16") ? HalfFloats::f16ToFloatBits
          : HalfFloats::bf16ToFloatBits;
      Tensor read = SafeTensors.fromBytes(RawFiles.file("{\"all\":{\"dtype\":\"" + type
          + "\",\"shape\":[256,256],\"data_offsets\":[0," + 2 * PATTERNS + "]}}",
          RawFiles.bits16(all))).tensor("all");
      assertEquals(DType.FLOAT32, read.dtype(), type);
      float[] values = read.toFloatArray();
      for (int bits = 0; bits < PATTERNS; bits++) {
        float expected = Float.intBitsToFloat(convert.applyAsInt(bits));
        // NaN as NaN: a float array may not keep a NaN's payload through every copy.
        if (!(Float.isNaN(expected) ? Float.isNaN(values[bits])
            : Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(values[bits]))) {
          fail(String.format(Locale.ROOT, "%s 0x%04x: expected %s, read %s", type, bits, expected,
              values[bits]));
        }
      }
    }
  }
}
