package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged files, made from a few valid ones with a fixed seed: each is either read
 * (and then must make sense) or rejected with a {@link CheckpointException}; any other exception,
 * an out-of-memory error included, fails the test and names the mutation.
 */
class CheckpointFuzzTest {
  private static final long SEED = 0x5AFE_7E45L;
  private static final int PER_KIND = 300;

  enum Kind {
    TRUNCATE, FLIP_HEADER_BITS, FLIP_DATA_BIT, LENGTH_FIELD, EDIT_NUMBER, MOVE_OFFSETS,
    EDIT_DTYPE, EDIT_JSON, APPEND
  }

  private static final String[] NUMBERS = {"-1", "0", "1", "7", "8", "16", "2147483647",
      "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999", "1.5",
      "1e3", "-0", "00"};
  private static final String[] DTYPES = {"F64", "F32", "BF16", "F16", "I64", "U8", "BOOL",
      "C64", "f64", "F65", "", "F6\u00e4", "F64 "};
  private static final Pattern OFFSETS = Pattern.compile("\"data_offsets\":\\[(\\d+),(\\d+)]");
  private static final String JSON_BITS = "{}[]\",:-.0123456789 aeE\\\u00e9";

  private final SplittableRandom random = new SplittableRandom(SEED);

  private static List<byte[]> validFiles() {
    Map<String, Tensor> mixed = new LinkedHashMap<>();
    mixed.put("layer1.weight", Tensors.randn(Shape.of(3, 4), 1L));
    mixed.put("layer1.bias", Tensor.vector(0.5, Double.NaN, Double.NEGATIVE_INFINITY));
    mixed.put("step", Tensor.scalar(12));
    mixed.put("empty", Tensors.zeros(2, 0));
    Map<String, Tensor> unicode = Map.of("ü✓", Tensors.randn(Shape.of(5), 2L));
    return List.of(
        SafeTensors.toBytes(mixed, Map.of("epoch", "4", "lr", "0.01"), DType.FLOAT64),
        SafeTensors.toBytes(mixed, Map.of(), DType.FLOAT32),
        SafeTensors.toBytes(unicode, Map.of("note", "ß"), DType.FLOAT64),
        SafeTensors.toBytes(Map.of(), Map.of(), DType.FLOAT64),
        InteropTest.referenceFile());
  }

  @Test
  void everyMutantIsReadOrRejectedWithACheckpointException() {
    List<byte[]> bases = validFiles();
    Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class); // {read, rejected}
    for (Kind kind : Kind.values()) {
      outcomes.put(kind, new int[2]);
      for (int i = 0; i < PER_KIND; i++) {
        byte[] base = bases.get(random.nextInt(bases.size()));
        if (kind == Kind.FLIP_DATA_BIT && dataLength(base) == 0) {
          base = bases.get(0);
        }
        byte[] mutant = mutate(kind, base);
        String what = kind + " #" + i;
        try {
          Checkpoint read = SafeTensors.fromBytes(mutant);
          outcomes.get(kind)[0]++;
          checkInvariants(what, kind, base, read);
        } catch (CheckpointException e) {
          outcomes.get(kind)[1]++;
          // The rule leads, or follows what the file is instead when its length field says.
          assertTrue(e.getMessage().startsWith("<bytes>: " + e.rule().text() + ": ")
              || e.getMessage().startsWith("<bytes>: not a safetensors file: ")
              && e.getMessage().contains(" (" + e.rule().text() + ": "), what);
        } catch (Throwable t) {
          fail(what + " threw " + t + " on " + describe(mutant), t);
        }
      }
    }
    // Mutations that can never keep a file valid, and one that always does (any bits are a double).
    assertEquals(0, outcomes.get(Kind.TRUNCATE)[0], "a truncated file was read");
    assertEquals(0, outcomes.get(Kind.APPEND)[0], "a file with bytes appended was read");
    assertEquals(0, outcomes.get(Kind.FLIP_DATA_BIT)[1], "a bit flip in the data was rejected");
    // The edits must produce both outcomes, or they test nothing.
    for (Kind kind : List.of(Kind.FLIP_HEADER_BITS, Kind.EDIT_NUMBER, Kind.MOVE_OFFSETS,
        Kind.EDIT_DTYPE,
        Kind.EDIT_JSON, Kind.LENGTH_FIELD)) {
      assertTrue(outcomes.get(kind)[1] > 0, kind + " never rejected");
    }
    assertTrue(outcomes.get(Kind.EDIT_DTYPE)[0] + outcomes.get(Kind.EDIT_JSON)[0] > 0,
        "no header edit kept a file valid");
  }

  private byte[] mutate(Kind kind, byte[] base) {
    int headerLength = (int) RawFiles.headerLength(base);
    byte[] header = Arrays.copyOfRange(base, 8, 8 + headerLength);
    byte[] data = Arrays.copyOfRange(base, 8 + headerLength, base.length);
    String text = new String(header, StandardCharsets.UTF_8);
    return switch (kind) {
      case TRUNCATE -> Arrays.copyOf(base, random.nextInt(base.length));
      case FLIP_HEADER_BITS -> {
        byte[] copy = base.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          copy[8 + random.nextInt(headerLength)] ^= (byte) (1 << random.nextInt(8));
        }
        yield copy;
      }
      case FLIP_DATA_BIT -> {
        byte[] copy = base.clone();
        copy[8 + headerLength + random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
        yield copy;
      }
      case LENGTH_FIELD -> {
        long[] choices = {headerLength + 1 + random.nextInt(16),
            headerLength - 1 - random.nextInt(8),
            0, base.length, base.length - 8, 100_000_001, random.nextLong(), Long.MIN_VALUE};
        yield RawFiles.concat(RawFiles.lengthField(choices[random.nextInt(choices.length)]),
            header, data);
      }
      case EDIT_NUMBER -> rebuild(replaceOne(text, Pattern.compile("\\d+"),
          NUMBERS[random.nextInt(NUMBERS.length)]), data);
      case MOVE_OFFSETS -> rebuild(moveOffsets(text), data);
      case EDIT_DTYPE -> rebuild(replaceOne(text, Pattern.compile("F64|F32"),
          DTYPES[random.nextInt(DTYPES.length)]), data);
      case EDIT_JSON -> RawFiles.file(
          editBytes(text.stripTrailing().getBytes(StandardCharsets.UTF_8)), data);
      case APPEND -> {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        yield RawFiles.concat(base, extra);
      }
    };
  }

  /** Replaces one match of {@code pattern}, chosen at random; the text is unchanged if none. */
  private String replaceOne(String text, Pattern pattern, String replacement) {
    List<int[]> matches = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      matches.add(new int[] {matcher.start(), matcher.end()});
    }
    if (matches.isEmpty()) {
      return text;
    }
    int[] match = matches.get(random.nextInt(matches.size()));
    return text.substring(0, match[0]) + replacement + text.substring(match[1]);
  }

  /**
   * Shifts one tensor's byte range (keeping its size, so the overlap and gap rules are what
   * decide) or swaps the ranges of two tensors (valid when their sizes agree).
   */
  private String moveOffsets(String text) {
    List<MatchResult> ranges = OFFSETS.matcher(text).results().toList();
    if (ranges.isEmpty()) {
      return text;
    }
    int one = random.nextInt(ranges.size());
    int other = random.nextInt(ranges.size());
    String[] replacements = new String[ranges.size()]; // null keeps the original
    if (random.nextBoolean()) {
      long shift = new long[] {-16, -8, -4, -1, 1, 4, 8, 16}[random.nextInt(8)];
      replacements[one] = offsets(Long.parseLong(ranges.get(one).group(1)) + shift,
          Long.parseLong(ranges.get(one).group(2)) + shift);
    } else {
      replacements[one] = ranges.get(other).group();
      replacements[other] = ranges.get(one).group();
    }
    StringBuilder edited = new StringBuilder(text);
    for (int i = ranges.size() - 1; i >= 0; i--) { // from the end, so earlier positions hold
      if (replacements[i] != null) {
        edited.replace(ranges.get(i).start(), ranges.get(i).end(), replacements[i]);
      }
    }
    return edited.toString();
  }

  private static String offsets(long begin, long end) {
    return "\"data_offsets\":[" + begin + "," + end + "]";
  }

  /** Deletes, inserts, duplicates or overwrites a few bytes (which may break the UTF-8). */
  private byte[] editBytes(byte[] header) {
    byte[] bytes = header;
    for (int edits = 1 + random.nextInt(2); edits > 0 && bytes.length > 0; edits--) {
      int at = random.nextInt(bytes.length);
      byte[] piece = switch (random.nextInt(4)) {
        case 0 -> new byte[0];
        case 1 -> String.valueOf(JSON_BITS.charAt(random.nextInt(JSON_BITS.length())))
            .getBytes(StandardCharsets.UTF_8);
        case 2 ->
            Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(40)));
        default -> new byte[] {(byte) random.nextInt(256)};
      };
      int removed = piece.length == 0 || random.nextBoolean() ? 1 : 0;
      bytes = RawFiles.concat(Arrays.copyOf(bytes, at), piece,
          Arrays.copyOfRange(bytes, Math.min(bytes.length, at + removed), bytes.length));
    }
    return bytes;
  }

  /** The header text (trailing spaces trimmed and padded again) with its length, then the data. */
  private static byte[] rebuild(String text, byte[] data) {
    String trimmed = text.stripTrailing();
    return RawFiles.file(trimmed + " ".repeat(-trimmed.length() & 7), data);
  }

  private static void checkInvariants(String what, Kind kind, byte[] base, Checkpoint read) {
    read.tensors().keySet().forEach(name -> assertTrue(!name.isEmpty(), what));
    // Whatever was read survives our own round trip unchanged, each tensor in its own type (the
    // tensors of types chainrule does not read are not read, and so not written).
    Checkpoint again =
        SafeTensors.fromBytes(SafeTensors.toBytes(read.tensors(), read.metadata()));
    assertEquals(new Checkpoint(read.tensors(), read.metadata()), again, what);
    if (kind == Kind.FLIP_DATA_BIT) {
      Checkpoint original = SafeTensors.fromBytes(base);
      assertEquals(original.metadata(), read.metadata(), what);
      assertEquals(List.copyOf(original.tensors().keySet()), List.copyOf(read.tensors().keySet()));
      int changed = 0;
      for (String name : original.tensors().keySet()) {
        Tensor before = original.tensor(name);
        Tensor after = read.tensor(name);
        assertEquals(before.shape(), after.shape(), what);
        changed += before.equals(after) ? 0 : 1;
      }
      assertTrue(changed <= 1, what + ": one flipped bit changed " + changed + " tensors");
    }
  }

  private static long dataLength(byte[] file) {
    return file.length - 8 - RawFiles.headerLength(file);
  }

  private static String describe(byte[] file) {
    String head = new String(file, 0, Math.min(file.length, 200), StandardCharsets.ISO_8859_1);
    return file.length + " bytes starting " + head.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
