package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.RawFiles.concat;
import static dev.chainrule.optim.checkpoint.RawFiles.f64;
import static dev.chainrule.optim.checkpoint.RawFiles.file;
import static dev.chainrule.optim.checkpoint.RawFiles.lengthField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.CheckpointException.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per rule a file can break. The messages are part of the API (a user reads them to find
 * what is wrong with a file), so they are compared word for word, except the part quoted from the
 * JSON parser.
 */
class ValidationMessagesTest {
  private static final byte[] TWO = f64(1, 2);

  private static void assertRejected(Rule rule, String details, byte[] bytes) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(bytes));
    assertEquals("<bytes>: " + rule.text() + ": " + details, e.getMessage());
    assertEquals(rule, e.rule());
  }

  /** A file of another kind: what it is first, then the rule it breaks. */
  private static void assertNotSafetensors(Rule rule, String what, String details,
      byte[] bytes) {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(bytes));
    assertEquals("<bytes>: not a safetensors file: " + what + " (" + rule.text() + ": " + details
        + ")", e.getMessage());
    assertEquals(rule, e.rule());
  }

  /** A header with one tensor entry whose JSON body is given. */
  private static byte[] entry(String body, byte[] data) {
    return file("{\"w\":{" + body + "}}", data);
  }

  @Test
  void messagesNameTheFile(@TempDir Path folder) throws IOException {
    Path path = folder.resolve("broken.safetensors");
    Files.write(path, new byte[3]);
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.read(path));
    assertEquals(path + ": file shorter than the 8-byte header length: it has 3 bytes",
        e.getMessage());
  }

  @Test
  void fileShorterThanTheLengthField() {
    assertRejected(Rule.FILE_TOO_SHORT, "it has 0 bytes", new byte[0]);
    assertRejected(Rule.FILE_TOO_SHORT, "it has 7 bytes", new byte[7]);
  }

  @Test
  void headerLengthOverTheLimit() {
    assertRejected(Rule.HEADER_TOO_LARGE, "100000001 bytes declared",
        concat(lengthField(100_000_001), new byte[16]));
    assertNotSafetensors(Rule.HEADER_TOO_LARGE, "it begins with the bytes ff ff ff ff ff ff ff"
        + " ff", "18446744073709551615 bytes declared", concat(lengthField(-1), new byte[16]));
  }

  /** A text file (a CSV given to --load or inspect) is named as such, not only by the rule. */
  @Test
  void aLengthFieldOfTextSaysTheFileIsText() {
    byte[] csv = "name,age\nRex,3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertNotSafetensors(Rule.HEADER_TOO_LARGE, "it begins with the text \"name,age\"",
        "7306915763740041582 bytes declared", csv);
    // A space is text; DEL (0x7f) is not, and the first bytes are shown instead.
    byte[] spaced = "ID Name,Age\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertNotSafetensors(Rule.HEADER_TOO_LARGE, "it begins with the text \"ID Name,\"",
        "3199083375006598217 bytes declared", spaced);
    byte[] del = concat("~~~~\u007f~~~".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        new byte[16]);
    assertNotSafetensors(Rule.HEADER_TOO_LARGE, "it begins with the bytes 7e 7e 7e 7e 7f 7e 7e"
        + " 7e", "9114861781892628094 bytes declared", del);
    byte[] small = "\t\r\n\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertRejected(Rule.HEADER_BEYOND_FILE, "658697 bytes declared, 0 after the length field",
        small);
    // A binary file of another kind (a PNG image) shows its first bytes.
    byte[] png = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        new byte[16]);
    assertNotSafetensors(Rule.HEADER_TOO_LARGE, "it begins with the bytes 89 50 4e 47 0d 0a 1a"
        + " 0a", "727905341920923785 bytes declared", png);
  }

  /** torch.save's files, a zip archive or (before PyTorch 1.6) a pickle, say what they are. */
  @Test
  void torchSaveFilesAreNamedAsSuch() {
    byte[] zip = concat(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 8}, new byte[64]);
    assertNotSafetensors(Rule.HEADER_TOO_LARGE, "it is a zip archive, as torch.save writes (save"
        + " the state_dict with safetensors.torch.save_file instead)",
        "576460752370748240 bytes declared", zip);
    for (int protocol : new int[] {2, 5}) {
      byte[] pickle = concat(new byte[] {(byte) 0x80, (byte) protocol, 'c', 'c', 'o', 'l', 'l',
          'e'}, new byte[64]);
      assertTrue(assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(pickle))
          .getMessage().startsWith("<bytes>: not a safetensors file: it is a Python pickle, as"
              + " torch.save wrote before PyTorch 1.6 (save the state_dict with"
              + " safetensors.torch.save_file instead) (header length over"), "protocol "
          + protocol);
    }
    for (int other : new int[] {1, 6}) {
      byte[] bytes = concat(new byte[] {(byte) 0x80, (byte) other, 'c', 'c', 'o', 'l', 'l', 'e'},
          new byte[64]);
      assertTrue(!assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(bytes))
          .getMessage().contains("pickle"), "no pickle protocol " + other);
    }
  }

  @Test
  void headerLengthBeyondTheFile() {
    assertRejected(Rule.HEADER_BEYOND_FILE, "100 bytes declared, 20 after the length field",
        concat(lengthField(100), new byte[20]));
  }

  @Test
  void headerMustBeginWithABrace() {
    assertRejected(Rule.HEADER_START, "the header is empty", file("", new byte[0]));
    assertRejected(Rule.HEADER_START, "its first byte is 0x20", file(" {}", new byte[0]));
    assertRejected(Rule.HEADER_START, "its first byte is 0xef", file("\uFEFF{}", new byte[0]));
  }

  @Test
  void invalidUtf8() {
    byte[] header = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}; // 0xC3 starts a 2-byte sequence
    assertRejected(Rule.INVALID_UTF8, "malformed byte sequence at header byte 2",
        file(header, new byte[0]));
    byte[] overlong = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
    assertRejected(Rule.INVALID_UTF8, "malformed byte sequence at header byte 2",
        file(overlong, new byte[0]));
  }

  @Test
  void invalidJson() {
    for (String header : new String[] {"{\"w\":", "{\"w\" 1}", "{'w':{}}", "{\"__metadata__\":{},}",
        "{} x", "{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}\u0000"}) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> SafeTensors.fromBytes(file(header, new byte[0])), header);
      assertTrue(e.getMessage().startsWith("<bytes>: header is not valid JSON: "), e.getMessage());
      assertEquals(Rule.INVALID_JSON, e.rule());
    }
    assertRejected(Rule.INVALID_JSON, "more JSON follows the header object",
        file("{} {}", new byte[0]));
  }

  /**
   * Jackson's messages advise its programmer to enable a parser feature; the user of a file
   * cannot, and the file would still be no safetensors file: the message says what is wrong.
   */
  @Test
  void invalidJsonIsSaidWithoutJacksonsAdvice() {
    for (String token : new String[] {"NaN", "Infinity", "-Infinity"}) {
      CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.fromBytes(
          file("{\"__metadata__\":{\"k\":" + token + "}}", new byte[0])), token);
      assertTrue(e.getMessage().contains(token.replace("-", "") + " is not a JSON number"),
          e.getMessage());
      assertEquals(Rule.INVALID_JSON, e.rule());
    }
    for (String header : new String[] {"{\"__metadata__\":{\"k\":NaN}}", "{'w':{}}",
        "{/* c */}", "{\"w\":01}", "{\"w\":\"a\u0001\"}", "{\"__metadata__\":{}", "{} oops"}) {
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> SafeTensors.fromBytes(file(header, new byte[0])), header);
      for (String advice : new String[] {"JsonReadFeature", "Feature", "enable", "ALLOW_",
          "REDACTED", "Source", "was expecting ("}) {
        assertFalse(e.getMessage().contains(advice), e.getMessage());
      }
      assertTrue(e.getMessage().startsWith("<bytes>: header is not valid JSON: "), e.getMessage());
    }
  }

  @Test
  void paddingWithSpacesIsAllowed() {
    SafeTensors.fromBytes(file("{}      ", new byte[0]));
  }

  @Test
  void duplicateKeys() {
    String w = "\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}";
    assertRejected(Rule.DUPLICATE_KEY, "\"w\" appears twice at the top level",
        file("{" + w + "," + w + "}", f64(1)));
    assertRejected(Rule.DUPLICATE_KEY, "tensor \"w\" has field \"dtype\" twice",
        entry("\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]", f64(1)));
    assertRejected(Rule.DUPLICATE_KEY, "metadata key \"k\" appears twice",
        file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0]));
    assertRejected(Rule.DUPLICATE_KEY, "\"__metadata__\" appears twice at the top level",
        file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0]));
  }

  @Test
  void emptyName() {
    assertRejected(Rule.EMPTY_NAME, "a tensor is named \"\"",
        file("{\"\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", f64(1)));
  }

  @Test
  void entryNotAnObject() {
    assertRejected(Rule.ENTRY_NOT_OBJECT, "tensor \"w\" maps to an array",
        file("{\"w\":[1,2]}", new byte[0]));
    assertRejected(Rule.ENTRY_NOT_OBJECT, "tensor \"w\" maps to the string \"F64\"",
        file("{\"w\":\"F64\"}", new byte[0]));
  }

  @Test
  void missingAndExtraFields() {
    assertRejected(Rule.MISSING_FIELD, "tensor \"w\" has no \"data_offsets\"",
        entry("\"dtype\":\"F64\",\"shape\":[2]", TWO));
    assertRejected(Rule.MISSING_FIELD, "tensor \"w\" has no \"dtype\"", entry("", new byte[0]));
    assertRejected(Rule.EXTRA_FIELD,
        "tensor \"w\" has field \"offsets\" (allowed: dtype, shape, data_offsets)",
        entry("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16],\"offsets\":[0,16]", TWO));
  }

  @Test
  void wrongTypes() {
    assertRejected(Rule.WRONG_TYPE, "tensor \"w\": dtype is 64, not a string",
        entry("\"dtype\":64,\"shape\":[2],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.WRONG_TYPE, "tensor \"w\": shape is the string \"2\", not an array",
        entry("\"dtype\":\"F64\",\"shape\":\"2\",\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.WRONG_TYPE, "tensor \"w\": data_offsets is an object, not an array",
        entry("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":{\"begin\":0}", TWO));
  }

  @Test
  void unknownDtype() {
    assertRejected(Rule.UNKNOWN_DTYPE,
        "tensor \"w\" has dtype \"f64\", which safetensors does not define",
        entry("\"dtype\":\"f64\",\"shape\":[2],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.UNKNOWN_DTYPE,
        "tensor \"w\" has dtype \"F128\", which safetensors does not define",
        entry("\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]", TWO));
  }

  /**
   * Every type the format defines but chainrule does not read: the file is read, the tensor
   * listed as unreadable, and asking for it names the types chainrule reads.
   */
  @Test
  void unsupportedDtype() {
    List<String> unread = List.of("F4", "F6_E2M3", "F6_E3M2", "F8_E8M0", "F8_E4M3FNUZ",
        "F8_E5M2FNUZ", "C64");
    assertEquals(unread, Arrays.stream(FileDType.values()).filter(t -> t.coreType().isEmpty())
        .map(Enum::name).toList(), "every type the format defines and chainrule does not read");
    for (String type : unread) {
      // 4 elements fill whole bytes in every type (F6: 24 bits).
      long bytes = FileDType.valueOf(type).bytes(4);
      Checkpoint read = SafeTensors.fromBytes(entry("\"dtype\":\"" + type + "\",\"shape\":[4],"
          + "\"data_offsets\":[0," + bytes + "]", new byte[(int) bytes]));
      assertEquals(List.of(), List.copyOf(read.tensors().keySet()), type);
      CheckpointException e = assertThrows(CheckpointException.class, () -> read.tensor("w"));
      assertEquals(Rule.UNSUPPORTED_DTYPE, e.rule());
      assertEquals("<bytes>: unsupported dtype: tensor \"w\" has dtype " + type + " (shape"
          + " [4]); chainrule reads BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32,"
          + " F32, F64, I64 and U64 only", e.getMessage());
    }
  }

  /**
   * PyTorch's counters are I64: read as float64, which holds whole numbers exactly to 2^53; a
   * value beyond is refused where the tensor is used.
   */
  @Test
  void int64IsReadAsFloat64WithinTwoToTheFiftyThird() {
    byte[] two = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(5).putLong(-(1L << 53)).array();
    Checkpoint read = SafeTensors.fromBytes(
        entry("\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]", two));
    assertEquals(dev.chainrule.core.Tensor.vector(5, -Math.pow(2, 53)), read.tensor("w"));
    byte[] beyond = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(1).putLong((1L << 53) + 1).array();
    // Refused where it is used, not on reading: the rest of a file loads (InexactIntegersTest).
    Checkpoint inexact = SafeTensors.fromBytes(
        entry("\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]", beyond));
    CheckpointException e = assertThrows(CheckpointException.class, () -> inexact.tensor("w"));
    assertEquals("<bytes>: " + Rule.INEXACT_VALUE.text() + ": tensor \"w\": I64 value"
        + " 9007199254740993 lies beyond ±2^53, where float64 no longer holds every whole number",
        e.getMessage());
    assertEquals(Rule.INEXACT_VALUE, e.rule());
  }

  @Test
  void shapeDimensionsMustBeNonNegativeIntegers() {
    assertRejected(Rule.INVALID_SHAPE, "tensor \"w\": shape element 1 is -2",
        entry("\"dtype\":\"F64\",\"shape\":[1,-2],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.INVALID_SHAPE, "tensor \"w\": shape element 0 is 2.0",
        entry("\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.INVALID_SHAPE, "tensor \"w\": shape element 0 is the string \"2\"",
        entry("\"dtype\":\"F64\",\"shape\":[\"2\"],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.INVALID_SHAPE, "tensor \"w\": shape element 0 is null",
        entry("\"dtype\":\"F64\",\"shape\":[null],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.INVALID_SHAPE, "tensor \"w\": shape element 0 is an array",
        entry("\"dtype\":\"F64\",\"shape\":[[2]],\"data_offsets\":[0,16]", TWO));
  }

  @Test
  void tensorsLargerThanChainruleHolds() {
    assertRejected(Rule.TENSOR_TOO_LARGE, "tensor \"w\": dimension 2147483648 exceeds 2^31 - 1",
        entry("\"dtype\":\"F64\",\"shape\":[2147483648],\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.TENSOR_TOO_LARGE,
        "tensor \"w\": dimension 123456789012345678901234567890 exceeds 2^31 - 1",
        entry("\"dtype\":\"F64\",\"shape\":[123456789012345678901234567890],"
            + "\"data_offsets\":[0,16]", TWO));
    assertRejected(Rule.TENSOR_TOO_LARGE, "tensor \"w\" has more than 2^31 - 3 elements, the"
        + " most a Java array holds",
        entry("\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,16]", TWO));
    // 2^31 - 2 and 2^31 - 1 elements fit an int but no array: a 2 GB file of U8 passed the
    // header and ended in "OutOfMemoryError: Requested array size exceeds VM limit". Refused
    // from the header, before the (here missing) bytes are looked at.
    for (long count : new long[] {2147483646L, 2147483647L}) {
      assertRejected(Rule.TENSOR_TOO_LARGE, "tensor \"w\" has more than 2^31 - 3 elements, the"
          + " most a Java array holds", entry("\"dtype\":\"U8\",\"shape\":[" + count
              + "],\"data_offsets\":[0," + count + "]", TWO));
    }
    // The longest array is a tensor: its header passes, and the missing bytes are what fails.
    assertRejected(Rule.DATA_END, "the tensors take 2147483645 bytes, the file has 16 after the"
        + " header (is it truncated?)", entry("\"dtype\":\"U8\",\"shape\":[2147483645],"
            + "\"data_offsets\":[0,2147483645]", TWO));
  }

  @Test
  void zeroSizeTensorsOfAnyShapeAreFine() {
    Checkpoint read = SafeTensors.fromBytes(
        entry("\"dtype\":\"F64\",\"shape\":[65536,65536,0],\"data_offsets\":[0,0]", new byte[0]));
    assertEquals(0, read.tensor("w").size());
  }

  @Test
  void offsetsMustBeBeginAndEnd() {
    String prefix = "\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":";
    assertRejected(Rule.INVALID_OFFSETS, "tensor \"w\" has 1 data_offsets",
        entry(prefix + "[16]", TWO));
    assertRejected(Rule.INVALID_OFFSETS, "tensor \"w\" has more than two data_offsets",
        entry(prefix + "[0,16,32]", TWO));
    assertRejected(Rule.INVALID_OFFSETS, "tensor \"w\": data_offsets element 0 is -1",
        entry(prefix + "[-1,15]", TWO));
    assertRejected(Rule.INVALID_OFFSETS, "tensor \"w\": data_offsets element 1 is 16.5",
        entry(prefix + "[0,16.5]", TWO));
    assertRejected(Rule.INVALID_OFFSETS,
        "tensor \"w\": data_offsets element 1 is 99999999999999999999",
        entry(prefix + "[0,99999999999999999999]", TWO));
    assertRejected(Rule.INVALID_OFFSETS, "tensor \"w\": begin 16 > end 0",
        entry(prefix + "[16,0]", TWO));
  }

  @Test
  void shapeAndDtypeMustMatchTheByteRange() {
    assertRejected(Rule.SIZE_MISMATCH,
        "tensor \"w\": shape [2] of F64 needs 16 bytes, data_offsets [0, 8] hold 8",
        entry("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]", f64(1)));
    assertRejected(Rule.SIZE_MISMATCH,
        "tensor \"w\": shape [] of F32 needs 4 bytes, data_offsets [0, 8] hold 8",
        entry("\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,8]", f64(1)));
  }

  @Test
  void rangesMustNotOverlap() {
    assertRejected(Rule.OVERLAP, "tensor \"b\" at [8, 24] overlaps tensor \"a\" at [0, 16]",
        file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", f64(1, 2, 3)));
    assertRejected(Rule.OVERLAP, "tensor \"z\" at [8, 8] overlaps tensor \"a\" at [0, 16]",
        file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"z\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[8,8]}}", f64(1, 2)));
  }

  @Test
  void rangesMustLeaveNoGap() {
    assertRejected(Rule.GAP, "bytes [8, 16) of the data section belong to no tensor",
        file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}", f64(1, 2, 3)));
    assertRejected(Rule.GAP, "bytes [0, 8) of the data section belong to no tensor",
        entry("\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]", TWO));
  }

  @Test
  void dataMustEndWhereTheFileEnds() {
    String oneValue = "\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]";
    assertRejected(Rule.DATA_END,
        "the tensors take 8 bytes, the file has 9 after the header (bytes appended?)",
        entry(oneValue, concat(f64(1), new byte[1])));
    assertRejected(Rule.DATA_END,
        "the tensors take 8 bytes, the file has 7 after the header (is it truncated?)",
        entry(oneValue, new byte[7]));
    assertRejected(Rule.DATA_END,
        "the tensors take 0 bytes, the file has 3 after the header (bytes appended?)",
        file("{}", new byte[3]));
  }

  /** The reference reader takes __metadata__ as optional, and null as its absence. */
  @Test
  void nullMetadataReadsAsNone() {
    assertEquals(Map.of(), SafeTensors.fromBytes(file("{\"__metadata__\":null}", new byte[0]))
        .metadata());
  }

  @Test
  void metadataMustMapStringsToStrings() {
    assertRejected(Rule.METADATA_NOT_OBJECT, "it is the string \"x\"",
        file("{\"__metadata__\":\"x\"}", new byte[0]));
    assertRejected(Rule.METADATA_NOT_STRING, "key \"epoch\" maps to 3",
        file("{\"__metadata__\":{\"epoch\":3}}", new byte[0]));
    assertRejected(Rule.METADATA_NOT_STRING, "key \"nested\" maps to an object",
        file("{\"__metadata__\":{\"nested\":{}}}", new byte[0]));
  }
}
