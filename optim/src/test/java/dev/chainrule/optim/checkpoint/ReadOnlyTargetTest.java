package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file this user may not write is refused, before the work and at the save, and left as it
 * was: the atomic rename replaces a file whatever its own permissions say, so a read-only
 * checkpoint (mode 0444, by a user who is not root) was replaced by {@code --save} and by a
 * trainer's periodic save without a word.
 */
class ReadOnlyTargetTest {
  private static final String READ_ONLY = "the file is read-only (not writable by this user);"
      + " make it writable to replace it, or give another file";

  @TempDir Path folder;

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aReadOnlyFileIsRefusedBeforeTheWorkAndAtTheSave() throws Exception {
    Path file = folder.resolve("kept.safetensors");
    SafeTensors.write(file, Map.of("w", Tensor.scalar(1.0)));
    byte[] before = Files.readAllBytes(file);
    try (ReadOnlyFiles.Undo undo = ReadOnlyFiles.make(file)) {
      assertEquals(Optional.of(": " + READ_ONLY), AtomicFile.whyUnwritable(file));
      IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
          () -> AtomicFile.requireWritable("trainer: the checkpoint file", file));
      assertEquals("trainer: the checkpoint file " + file + ": " + READ_ONLY, early.getMessage());

      CheckpointException late = assertThrows(CheckpointException.class,
          () -> SafeTensors.write(file, Map.of("w", Tensor.scalar(2.0))));
      assertEquals(CheckpointException.Rule.IO_ERROR, late.rule());
      assertEquals(file + ": I/O error: writing failed, any previous file is intact: "
          + READ_ONLY, late.getMessage());
    }
    assertArrayEquals(before, Files.readAllBytes(file), "the file as it was");
    assertEquals(List.of("kept.safetensors"), files(), "no temporary file left");
  }

  /** Through a symbolic link, the file it leads to is the one judged, and the message says so. */
  @Test
  void aLinkToAReadOnlyFileIsRefused() throws Exception {
    Path file = folder.resolve("epoch1.safetensors");
    SafeTensors.write(file, Map.of("w", Tensor.scalar(1.0)));
    Path link;
    try {
      link = Files.createSymbolicLink(folder.resolve("latest.safetensors"), file.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
      return;
    }
    try (ReadOnlyFiles.Undo undo = ReadOnlyFiles.make(file)) {
      assertEquals(Optional.of(": " + READ_ONLY + " (the symbolic link leads to " + file + ")"),
          AtomicFile.whyUnwritable(link));
    }
    // Writable again, the link passes, as before.
    assertEquals(Optional.empty(), AtomicFile.whyUnwritable(link));
  }
}
