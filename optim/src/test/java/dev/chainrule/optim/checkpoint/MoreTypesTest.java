package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-number types, BOOL and the 8-bit floats, from bytes made by hand: each read exactly
 * (compared with tolerance 0), the values float64 cannot hold refused, and the conversions into a
 * model named as PyTorch's load_state_dict makes them.
 */
class MoreTypesTest {
  /** One tensor "w" of this type and shape, with the bytes {@code fill} puts. */
  private static byte[] one(String type, int elements, int width, Consumer<ByteBuffer> fill) {
    ByteBuffer data = ByteBuffer.allocate(elements * width).order(ByteOrder.LITTLE_ENDIAN);
    fill.accept(data);
    return file("{\"w\":{\"dtype\":\"" + type + "\",\"shape\":[" + elements + "],"
        + "\"data_offsets\":[0," + elements * width + "]}}", data.array());
  }

  private static void assertRead(byte[] file, double... expected) {
    Tensor t = SafeTensors.fromBytes(file).tensor("w");
    assertEquals(DType.FLOAT64, t.dtype());
    assertEquals(Tensor.vector(expected), t, "exactly");
  }

  @Test
  void signedIntegersAreReadExactlyToTheirExtremes() {
    assertRead(one("I8", 3, 1, b -> b.put((byte) -128).put((byte) 127).put((byte) -1)),
        -128, 127, -1);
    assertRead(one("I16", 3, 2, b -> b.putShort(Short.MIN_VALUE).putShort(Short.MAX_VALUE)
        .putShort((short) -1)), -32768, 32767, -1);
    assertRead(one("I32", 3, 4, b -> b.putInt(Integer.MIN_VALUE).putInt(Integer.MAX_VALUE)
        .putInt(-1)), -2147483648.0, 2147483647.0, -1);
  }

  @Test
  void unsignedIntegersAreReadExactlyToTheirMaxima() {
    assertRead(one("U8", 3, 1, b -> b.put((byte) 0).put((byte) 0xff).put((byte) 0x80)),
        0, 255, 128);
    assertRead(one("U16", 2, 2, b -> b.putShort((short) 0xffff).putShort((short) 0x8000)),
        65535, 32768);
    assertRead(one("U32", 2, 4, b -> b.putInt(0xffff_ffff).putInt(0x8000_0000)),
        4294967295.0, 2147483648.0);
    assertRead(one("U64", 2, 8, b -> b.putLong(0).putLong(1L << 53)), 0, 0x1p53);
  }

  @Test
  void u64BeyondTwoToTheFiftyThirdIsRefusedAsI64Is() {
    // Refused where the tensor is used (InexactIntegersTest), as for I64.
    Checkpoint beyond = SafeTensors.fromBytes(
        one("U64", 2, 8, b -> b.putLong(1).putLong((1L << 53) + 1)));
    CheckpointException e = assertThrows(CheckpointException.class, () -> beyond.tensor("w"));
    assertEquals(CheckpointException.Rule.INEXACT_VALUE, e.rule());
    assertEquals("<bytes>: value float64 cannot hold exactly: tensor \"w\": U64 value"
        + " 9007199254740993 lies beyond 2^53, where float64 no longer holds every whole number",
        e.getMessage());
    Checkpoint maximum = SafeTensors.fromBytes(one("U64", 1, 8, b -> b.putLong(-1)));
    e = assertThrows(CheckpointException.class, () -> maximum.tensor("w"));
    assertTrue(e.getMessage().endsWith("U64 value 18446744073709551615 lies beyond 2^53, where"
        + " float64 no longer holds every whole number"), "unsigned, not -1: " + e.getMessage());
  }

  @Test
  void boolIsZeroOrOneAndAnyOtherByteIsRefused() {
    assertRead(one("BOOL", 3, 1, b -> b.put((byte) 1).put((byte) 0).put((byte) 1)), 1, 0, 1);
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(
        one("BOOL", 2, 1, b -> b.put((byte) 1).put((byte) 2))));
    assertEquals(CheckpointException.Rule.INVALID_BOOL, e.rule());
    assertEquals("<bytes>: BOOL byte other than 0 or 1: tensor \"w\": BOOL byte 0x02 is neither"
        + " 0 (false) nor 1 (true)", e.getMessage());
  }

  /** The landmarks of each 8-bit float; all 256 patterns are held in PyTorchMoreTypesTest. */
  @Test
  void float8LandmarksAreExactFloat32s() {
    float[] e4m3 = SafeTensors.fromBytes(one("F8_E4M3", 7, 1, b -> b.put(new byte[] {0x7e,
        0x01, 0x08, (byte) 0x80, 0x38, 0x7f, (byte) 0xff}))).tensor("w").toFloatArray();
    // 448 the largest; 2^-9 the smallest subnormal; 2^-6 the smallest normal; -0; 1; NaN ±.
    assertEquals(List.of(448f, 0x1p-9f, 0x1p-6f, -0f, 1f),
        List.of(e4m3[0], e4m3[1], e4m3[2], e4m3[3], e4m3[4]));
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(e4m3[3]));
    assertTrue(Float.isNaN(e4m3[5]) && Float.floatToRawIntBits(e4m3[5]) > 0, "S.1111.111, +");
    assertTrue(Float.isNaN(e4m3[6]) && Float.floatToRawIntBits(e4m3[6]) < 0, "S.1111.111, -");
    float[] e5m2 = SafeTensors.fromBytes(one("F8_E5M2", 6, 1, b -> b.put(new byte[] {0x7b,
        0x01, 0x7c, (byte) 0xfc, 0x3c, 0x7d}))).tensor("w").toFloatArray();
    // 57344 the largest; 2^-16 the smallest subnormal; ±infinity; 1; NaN.
    assertEquals(List.of(57344f, 0x1p-16f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f),
        List.of(e5m2[0], e5m2[1], e5m2[2], e5m2[3], e5m2[4]));
    assertTrue(Float.isNaN(e5m2[5]));
  }

  /**
   * Into a float32 model, a whole number beyond 2^24 rounds to nearest (as PyTorch's copy_ does),
   * and the report says so with the first such element; small types and BOOL are exact, and the
   * 8-bit floats are exact in either type.
   */
  @Test
  void conversionsIntoAModelAreNamedByTheFilesType(@TempDir Path folder) throws Exception {
    ByteBuffer weight = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(3).putInt(16_777_217);
    Path file = folder.resolve("ints.safetensors");
    Files.write(file, file("{\"0.weight\":{\"dtype\":\"I32\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,8]},\"0.bias\":{\"dtype\":\"U8\",\"shape\":[1],"
        + "\"data_offsets\":[8,9]}}", RawFiles.concat(weight.array(), new byte[] {(byte) 200})));
    Sequential model = Sequential.of(Dense.of(2, 1, 0L)).to(DType.FLOAT32);
    LoadReport report = ModelCheckpoint.load(file, model, null);
    assertEquals(List.of("0.weight: I32 -> float32 (rounded to nearest: 16777217 at element 1"
        + " becomes 16777216; float32 holds every whole number only to 2^24)",
        "0.bias: U8 -> float32 (exact)"), report.converted());
    assertEquals(Tensor.of(new float[] {3, 16_777_216}, 1, 2), model.stateDict().get("0.weight"));

    Files.write(file, file("{\"0.weight\":{\"dtype\":\"F8_E4M3\",\"shape\":[1,2],"
        + "\"data_offsets\":[0,2]},\"0.bias\":{\"dtype\":\"BOOL\",\"shape\":[1],"
        + "\"data_offsets\":[2,3]}}", new byte[] {0x7e, 0x01, 1}));
    Sequential wide = Sequential.of(Dense.of(2, 1, 0L));
    report = ModelCheckpoint.load(file, wide, null);
    assertEquals(List.of("0.weight: F8_E4M3 -> float64 (exact)", "0.bias: BOOL -> float64"
        + " (exact)"), report.converted());
    assertEquals(Tensor.of(new double[] {448, 0x1p-9}, 1, 2), wide.stateDict().get("0.weight"));
    assertEquals(Tensor.vector(1), wide.stateDict().get("0.bias"));
  }
}
