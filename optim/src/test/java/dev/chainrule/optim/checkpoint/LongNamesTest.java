package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every name the file system takes can be saved: file systems count a name's bytes (255 on most),
 * and the temporary file's name, cut to 200 characters, was 22 bytes longer than a multibyte
 * target's, so 120 × {@code é} with {@code .sf} (243 bytes) passed the check before the work and
 * failed every save after it.
 */
class LongNamesTest {
  @TempDir Path folder;

  /** Names of 243 to 255 bytes in UTF-8, in characters of one to four bytes. */
  private static final List<String> LONG = List.of("é".repeat(120) + ".sf",
      "é".repeat(127) + "x", "\uD83D\uDE00".repeat(63) + "abc",
      "m".repeat(255 - ".safetensors".length()) + ".safetensors", "日本".repeat(42) + "abc");

  private static int bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Aborts where the file system does not take the name (a limit below 255 bytes). */
  private static void requireTaken(Path file) throws IOException {
    Assumptions.assumeTrue(StandardCharsets.UTF_8.name().equals(
        System.getProperty("sun.jnu.encoding")), "file names in UTF-8");
    try {
      Files.delete(Files.createFile(file));
    } catch (FileSystemException e) {
      Assumptions.abort("this file system refuses " + bytes(file.getFileName().toString())
          + " bytes: " + e.getReason());
    }
  }

  @Test
  void aNameTheFileSystemTakesIsSaved() throws IOException {
    for (String name : LONG) {
      Path file = folder.resolve(name);
      requireTaken(file);
      assertEquals(Optional.empty(), AtomicFile.whyUnwritable(file), name);
      SafeTensors.write(file, Map.of("w", Tensor.scalar(bytes(name))));
      assertEquals(Map.of("w", Tensor.scalar(bytes(name))), SafeTensors.read(file).tensors());
      // Replaced, as a periodic checkpoint is at every save.
      SafeTensors.write(file, Map.of("w", Tensor.scalar(1.0)));
      assertEquals(List.of(name), files(), "the file alone, no temporary file");
      Files.delete(file);
    }
  }

  /**
   * The temporary file's name begins with the target's, cut at a whole character, and is no
   * longer than the target's: wherever the target's fits, it fits.
   */
  @Test
  void theTemporaryFilesNameStartsAsTheTargetsAndIsNoLonger() throws IOException {
    List<String> names = new ArrayList<>(LONG);
    names.add("run.safetensors");
    for (String name : names) {
      Path file = folder.resolve(name);
      requireTaken(file);
      List<String> during = new ArrayList<>();
      AtomicFile.write(file, out -> during.addAll(files()));
      assertEquals(1, during.size(), name + ": " + during);
      String temp = during.get(0);
      assertTrue(temp.matches("\\..+\\.[0-9a-f]{16}\\.tmp"), temp);
      String stem = temp.substring(1, temp.length() - ".0123456789abcdef.tmp".length());
      assertTrue(name.startsWith(stem) && !stem.isEmpty(), temp);
      assertTrue(!Character.isHighSurrogate(stem.charAt(stem.length() - 1)), "whole characters");
      assertTrue(bytes(temp) <= Math.max(bytes(name), FileNames.ALWAYS_FITS),
          bytes(temp) + " bytes: " + temp);
      if (bytes(name) + 22 <= FileNames.ALWAYS_FITS) {
        assertEquals(name, stem, "a short name kept whole");
      }
      Files.delete(file);
    }
  }

  @Test
  void namesAreMeasuredAndCutByBytesAtWholeCharacters() {
    Assumptions.assumeTrue(StandardCharsets.UTF_8.name().equals(
        System.getProperty("sun.jnu.encoding")), "file names in UTF-8");
    assertEquals(243, FileNames.length("é".repeat(120) + ".sf"));
    assertEquals(4, FileNames.length("\uD83D\uDE00"));
    assertEquals("éé", FileNames.prefix("ééé", 5), "not half of the third");
    assertEquals("a\uD83D\uDE00", FileNames.prefix("a\uD83D\uDE00b", 5), "the emoji whole");
    assertEquals("a", FileNames.prefix("a\uD83D\uDE00b", 4), "not half the emoji");
    assertEquals("ééé", FileNames.prefix("ééé", 6));
    assertEquals("", FileNames.prefix("é", 1));
    // A limit of 0 is a name cut to nothing; below 0 is a caller's mistake, named.
    assertEquals("", FileNames.prefix("model", 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileNames.prefix("model", -1));
    assertEquals("file names: a negative length limit, -1", e.getMessage());
    assertEquals("model", FileNames.derivedStem("model", "model", 0), "no tail: kept whole");
    e = assertThrows(IllegalArgumentException.class,
        () -> FileNames.derivedStem("model", "model", -1));
    assertEquals("file names: a negative tail length, -1", e.getMessage());
    assertEquals(FileNames.ALWAYS_FITS, FileNames.derivedLimit("a"));
    assertEquals(250, FileNames.derivedLimit("é".repeat(125)));
  }

  /**
   * A derived name is no longer than its source in UTF-16 units either, which NTFS counts: 243 ×
   * {@code é} with {@code .safetensors} is 255 units (and 498 bytes), and a cut by bytes alone
   * kept 238 of the {@code é}, 6 units too many for a tail of 22.
   */
  @Test
  void derivedStemsFitInBytesAndInUtf16Units() {
    Assumptions.assumeTrue(StandardCharsets.UTF_8.name().equals(
        System.getProperty("sun.jnu.encoding")), "file names in UTF-8");
    String ntfs = "é".repeat(243) + ".safetensors";
    assertEquals("é".repeat(255 - 22), FileNames.derivedStem(ntfs, ntfs, 22), "units bind");
    // 85 × 日 is 255 bytes and 85 units: the bytes bind, at whole characters.
    String cjk = "日".repeat(85);
    assertEquals("日".repeat((255 - 22) / 3), FileNames.derivedStem(cjk, cjk, 22), "bytes bind");
    // An emoji is two units and four bytes: neither count may split it.
    String emoji = "\uD83D\uDE00".repeat(127) + "x";  // 255 units, 509 bytes
    String cut = FileNames.derivedStem(emoji, emoji, 22);
    assertEquals("\uD83D\uDE00".repeat(116), cut, "(255 - 22) / 2 whole emoji");
    // Short names are kept whole up to the length that fits everywhere.
    assertEquals("run.safetensors", FileNames.derivedStem("run.safetensors", "run.safetensors",
        22));
    assertEquals("a".repeat(FileNames.ALWAYS_FITS - 22), FileNames.derivedStem("a", "a".repeat(
        200), 22));
    assertThrows(IllegalArgumentException.class, () -> FileNames.derivedStem("a", "a", -1));
  }
}
