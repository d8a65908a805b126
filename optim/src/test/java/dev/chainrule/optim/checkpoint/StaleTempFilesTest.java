package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save killed before its rename (kill -9) leaves its temporary file, which nothing read or
 * deleted: 20 of 30 killed 5.6 MB checkpoint saves left one each. The next successful save of
 * the same target removes those that have gone unmodified for an hour, and nothing else.
 */
class StaleTempFilesTest {
  @TempDir Path folder;

  private static final byte[] NEW = "new".getBytes(StandardCharsets.US_ASCII);

  private Set<String> names() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  /** A file of {@code name}, last modified {@code age} ago. */
  private Path aged(String name, Duration age) throws IOException {
    Path file = Files.write(folder.resolve(name), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  /** A folder of {@code name}, last modified {@code age} ago: not a file a save made. */
  private void agedFolder(String name, Duration age) throws IOException {
    Path dir = Files.createDirectory(folder.resolve(name));
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
  }

  @Test
  void aSuccessfulSaveRemovesItsTargetsStaleTemporaryFilesOnly() throws IOException {
    Duration old = Duration.ofHours(2);
    aged(".ckpt.st.00000000deadbeef.tmp", old);
    aged(".ckpt.st.0123456789abcdef.tmp", old);
    // Ten minutes: a live save of another process could own it (it is not an hour old).
    aged(".ckpt.st.fedcba9876543210.tmp", Duration.ofMinutes(10));
    // Another target's, a name not of the form (15 digits, capitals, another suffix), a user's.
    aged(".other.st.00000000deadbeef.tmp", old);
    aged(".ckpt.st.0123456789abcde.tmp", old);
    aged(".ckpt.st.0123456789ABCDEF.tmp", old);
    aged(".ckpt.st.0123456789abcdef.tmp.bak", old);
    aged("ckpt.st.0123456789abcdef.tmp", old);
    // A folder of such a name, as old: not a file a save made.
    agedFolder(".ckpt.st.1111111111111111.tmp", old);

    AtomicFile.write(folder.resolve("ckpt.st"), out -> out.write(NEW));

    assertEquals(Set.of("ckpt.st", ".ckpt.st.fedcba9876543210.tmp",
        ".other.st.00000000deadbeef.tmp", ".ckpt.st.0123456789abcde.tmp",
        ".ckpt.st.0123456789ABCDEF.tmp", ".ckpt.st.0123456789abcdef.tmp.bak",
        "ckpt.st.0123456789abcdef.tmp", ".ckpt.st.1111111111111111.tmp"), names());
  }

  /** What the sweep counts is what it deleted: not a live save's file, nor a folder. */
  @Test
  void theSweepCountsTheFilesItDeleted() throws IOException {
    Duration old = Duration.ofHours(2);
    aged(".ckpt.st.00000000deadbeef.tmp", old);
    aged(".ckpt.st.0123456789abcdef.tmp", old);
    aged(".ckpt.st.fedcba9876543210.tmp", Duration.ofMinutes(10));
    agedFolder(".ckpt.st.1111111111111111.tmp", old);
    assertEquals(2, StaleTempFiles.remove(folder, ".ckpt.st.", Instant.now()));
    assertEquals(Set.of(".ckpt.st.fedcba9876543210.tmp", ".ckpt.st.1111111111111111.tmp"),
        names());
  }

  @Test
  void aFailedSaveRemovesNone() throws IOException {
    aged(".ckpt.st.00000000deadbeef.tmp", Duration.ofHours(2));
    assertThrows(IOException.class, () -> AtomicFile.write(folder.resolve("ckpt.st"), out -> {
      throw new IOException("injected: no space left on device");
    }));
    assertEquals(Set.of(".ckpt.st.00000000deadbeef.tmp"), names());
  }

  /** A name cut to fit (the temporary file's stem is shorter than the target's) is matched too. */
  @Test
  void aLongNamesCutTemporaryFilesAreFound() throws IOException {
    String name = "m".repeat(240) + ".safetensors";
    List<String> seen = new ArrayList<>();
    // The name a killed save of this target leaves: the one its temporary file has mid-save.
    AtomicFile.write(folder.resolve(name), out -> seen.addAll(names()));
    assertEquals(1, seen.stream().filter(AtomicFile::isTemporaryName).count(), seen.toString());
    String temp = seen.stream().filter(AtomicFile::isTemporaryName).findFirst().orElseThrow();
    assertTrue(temp.length() <= name.length(), temp);
    aged(temp, Duration.ofHours(2));
    AtomicFile.write(folder.resolve(name), out -> out.write(NEW));
    assertEquals(Set.of(name), names());
  }

  /**
   * A save stalled past the hour whose file another process's save removes fails at its rename,
   * leaving its target as it was: it never replaces the target with part of a file.
   */
  @Test
  void aStalledSaveWhoseFileWasRemovedFailsAndKeepsItsTarget() throws IOException {
    Path target = Files.write(folder.resolve("ckpt.st"), "old".getBytes(StandardCharsets.US_ASCII));
    assertThrows(NoSuchFileException.class, () -> AtomicFile.write(target, out -> {
      out.write(NEW);
      out.flush();
      for (String name : names()) {
        if (AtomicFile.isTemporaryName(name)) {
          Files.setLastModifiedTime(folder.resolve(name),
              FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }
      }
      assertEquals(1, StaleTempFiles.remove(folder, ".ckpt.st.", Instant.now()));
    }));
    assertArrayEquals("old".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(target));
    assertEquals(Set.of("ckpt.st"), names());
  }
}
