package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.f32;
import static dev.chainrule.optim.checkpoint.RawFiles.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.BaseEncoding;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files as the reference implementation writes them, and our files checked byte by byte against
 * the specification, without going through our reader.
 */
class InteropTest {
  /**
   * What safetensors 0.8.0 wrote for {@code safetensors.numpy.save({"weight": float32 [[1.5, -2],
   * [0.25, 3]], "bias": float32 [0.1, -0.2], "step": float64 7.0, "empty": float64 zeros((0, 3))},
   * metadata={"format": "pt"})}: {@code __metadata__} first, then the tensors by descending dtype
   * and then by name, the header padded with spaces to a multiple of 8.
   */
  private static final String REFERENCE_HEX =
      "10010000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c"
      + "22656d707479223a7b226474797065223a22463634222c227368617065223a5b302c335d2c226461"
      + "74615f6f666673657473223a5b302c305d7d2c2273746570223a7b226474797065223a2246363422"
      + "2c227368617065223a5b5d2c22646174615f6f666673657473223a5b302c385d7d2c226269617322"
      + "3a7b226474797065223a22463332222c227368617065223a5b325d2c22646174615f6f6666736574"
      + "73223a5b382c31365d7d2c22776569676874223a7b226474797065223a22463332222c2273686170"
      + "65223a5b322c325d2c22646174615f6f666673657473223a5b31362c33325d7d7d20202020202020"
      + "0000000000001c40cdcccc3dcdcc4cbe0000c03f000000c00000803e00004040";

  /** The same file built by hand from the specification. */
  static byte[] referenceFile() {
    String json = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"empty\":{\"dtype\":\"F64\",\"shape\":[0,3],\"data_offsets\":[0,0]},"
        + "\"step\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
        + "\"bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
        + "\"weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,32]}}";
    String padded = json + " ".repeat(-json.length() & 7);
    return RawFiles.file(padded,
        RawFiles.concat(f64(7.0), f32(0.1f, -0.2f), f32(1.5f, -2f, 0.25f, 3f)));
  }

  @Test
  void handBuiltFileMatchesWhatTheReferenceWrote() {
    assertArrayEquals(BaseEncoding.base16().lowerCase().decode(REFERENCE_HEX), referenceFile());
  }

  @Test
  void readsTheReferenceFile() {
    Checkpoint read = SafeTensors.fromBytes(referenceFile());
    assertEquals(List.of("empty", "step", "bias", "weight"), List.copyOf(read.tensors().keySet()));
    assertEquals(Map.of("format", "pt"), read.metadata());
    assertEquals(Shape.of(0, 3), read.tensor("empty").shape());
    assertEquals(Tensor.scalar(7.0), read.tensor("step"));
    // F32 reads as float32: each value is the float nearest the decimal, not the decimal itself.
    assertEquals(Tensor.of(new float[] {0.1f, -0.2f}, 2), read.tensor("bias"));
    assertEquals(Tensor.matrix(new double[][] {{1.5, -2}, {0.25, 3}}).to(DType.FLOAT32),
        read.tensor("weight"));
  }

  @Test
  void ourFilesFollowTheSpecification() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    tensors.put("b", Tensor.vector(-0.5, 0.25));
    tensors.put("none", Tensor.of(new double[0], 2, 0));
    tensors.put("s", Tensor.scalar(Double.NaN));
    byte[] file = SafeTensors.toBytes(tensors, Map.of("epoch", "3"), DType.FLOAT64);

    long length = RawFiles.headerLength(file);
    assertEquals(0, length % 8, "the header is padded to a multiple of 8");
    String header = RawFiles.headerText(file);
    String json = "{\"__metadata__\":{\"epoch\":\"3\"},"
        + "\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]},"
        + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[48,64]},"
        + "\"none\":{\"dtype\":\"F64\",\"shape\":[2,0],\"data_offsets\":[64,64]},"
        + "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[64,72]}}";
    assertEquals(json, header.stripTrailing());
    assertTrue(header.substring(json.length()).chars().allMatch(c -> c == ' '),
        "padding is spaces (0x20) only");
    assertEquals(8 + length + 72, file.length, "the data ends where the file ends");

    ByteBuffer data = ByteBuffer.wrap(file, (int) (8 + length), 72).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[9];
    data.asDoubleBuffer().get(values);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, -0.5, 0.25, Double.NaN}, values);
  }

  @Test
  void float32FilesDeclareF32AndStoreFourBytesPerValue() {
    byte[] file = SafeTensors.toBytes(Map.of("v", Tensor.vector(1.5, -0.1)), Map.of(),
        DType.FLOAT32);
    long length = RawFiles.headerLength(file);
    assertEquals("{\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        RawFiles.headerText(file).stripTrailing());
    assertArrayEquals(f32(1.5f, -0.1f), Arrays.copyOfRange(file, (int) (8 + length),
        file.length));
  }

  @Test
  void namesAndMetadataAreUtf8WithJsonEscapes() {
    byte[] file = SafeTensors.toBytes(Map.of("π \"q\"\n", Tensor.scalar(1)),
        Map.of("note", "tab\there"), DType.FLOAT64);
    String header = new String(file, 8, (int) RawFiles.headerLength(file), StandardCharsets.UTF_8);
    assertEquals("{\"__metadata__\":{\"note\":\"tab\\there\"},"
        + "\"π \\\"q\\\"\\n\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}",
        header.stripTrailing());
    assertEquals(Tensor.scalar(1), SafeTensors.fromBytes(file).tensor("π \"q\"\n"));
  }
}
