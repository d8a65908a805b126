package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that fails part-way leaves the previous checkpoint intact and no temporary file. */
class AtomicWriteTest {
  private static final Map<String, Tensor> A = Map.of("w", Tensors.randn(Shape.of(8, 8), 1L));
  // Large enough that the stream sees many writes: 400 kB of data behind a 64 kB buffer.
  private static final Map<String, Tensor> B = Map.of("w", Tensors.randn(Shape.of(50_000), 2L),
      "b", Tensors.randn(Shape.of(10), 3L));

  @TempDir Path folder;

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.toList();
    }
  }

  @Test
  void failedSaveKeepsThePreviousCheckpoint() throws IOException {
    Path file = folder.resolve("ckpt.safetensors");
    SafeTensors.write(file, A);
    long total = SafeTensors.toBytes(B, Map.of(), DType.FLOAT64).length;
    // Before the length field, inside the header, inside the data, and one byte short of the end.
    for (long limit : new long[] {0, 5, 20, 100_000, total / 2, total - 1}) {
      CheckpointException e = assertThrows(CheckpointException.class, () ->
          SafeTensors.write(file, B, Map.of(), DType.FLOAT64,
              out -> new FailingOutputStream(out, limit)));
      assertEquals(CheckpointException.Rule.IO_ERROR, e.rule());
      assertEquals(file + ": I/O error: writing failed, any previous file is intact: injected"
          + " failure: no space left on device", e.getMessage());
      assertEquals(A, SafeTensors.read(file).tensors(), "after a failure at byte " + limit);
      assertEquals(List.of(file), files(), "the temporary file is deleted");
    }
    SafeTensors.write(file, B, Map.of(), DType.FLOAT64, out -> new FailingOutputStream(out, total));
    assertEquals(B, SafeTensors.read(file).tensors(), "a limit of exactly the size is no failure");
  }

  @Test
  void failedFirstSaveLeavesNothing() throws IOException {
    Path file = folder.resolve("first.safetensors");
    assertThrows(CheckpointException.class, () -> SafeTensors.write(file, B, Map.of(),
        DType.FLOAT64, out -> new FailingOutputStream(out, 1000)));
    assertEquals(List.of(), files());
  }

  @Test
  void uncheckedExceptionsPassThroughAndStillCleanUp() throws IOException {
    Path file = folder.resolve("ckpt.safetensors");
    SafeTensors.write(file, A);
    IllegalStateException bug = new IllegalStateException("a bug in a stream");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
        SafeTensors.write(file, B, Map.of(), DType.FLOAT64, out -> new FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) {
            throw bug;
          }
        }));
    assertSame(bug, thrown);
    assertEquals(A, SafeTensors.read(file).tensors());
    assertEquals(List.of(file), files());
  }

  @Test
  void writingOverAFolderFailsWithoutHarm() throws IOException {
    Path target = Files.createDirectory(folder.resolve("taken"));
    Files.writeString(target.resolve("inside"), "x");
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> SafeTensors.write(target, A));
    assertEquals(CheckpointException.Rule.IO_ERROR, e.rule());
    assertEquals(List.of(target), files());
    assertEquals("x", Files.readString(target.resolve("inside")));
    // The target is named, not the temporary file beside it that the rename would name.
    assertTrue(e.getMessage().contains("is a folder, not a file"), e.getMessage());
    assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
  }

  /**
   * The library's own save, not only the program's checks: the rename replaced a device or a
   * FIFO (a save to /dev/null, or through a link to it) with a regular file, silently. A FIFO
   * stands in for the device, which only root can make.
   */
  @Test
  void aSpecialFileIsRefusedNotReplaced() throws Exception {
    Path fifo = Fifos.make(folder.resolve("pipe"));
    Path link = Files.createSymbolicLink(folder.resolve("link"), fifo);
    for (Path target : List.of(fifo, link)) {
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> SafeTensors.write(target, A));
      assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
      assertFalse(Files.isRegularFile(fifo), "still a FIFO");
    }
    assertTrue(Files.isSymbolicLink(link));
  }

  /**
   * The check made before any work (a trainer's, for its checkpoint file) names what is in the
   * way, as the write would find it: a folder, a special file, a file where the folder should be.
   */
  @Test
  void theCheckBeforeTheWorkNamesWhatIsInTheWay() throws Exception {
    assertEquals(Optional.of(" is a folder; give a file name"), AtomicFile.whyUnwritable(folder));
    Path file = Files.writeString(folder.resolve("notes.txt"), "x");
    assertEquals(Optional.of(": " + file + " is a file, not a folder"),
        AtomicFile.whyUnwritable(file.resolve("m.safetensors")));
    assertEquals(Optional.empty(), AtomicFile.whyUnwritable(file), "a file is replaced");
    Path fifo = Fifos.make(folder.resolve("pipe"));
    assertEquals(Optional.of(" is not a regular file (a device, a FIFO or a socket); give the"
        + " path of a file to create or replace"), AtomicFile.whyUnwritable(fifo));
    assertEquals("x", Files.readString(file), "nothing written by the checks");
  }

  @Test
  void aMissingFolderIsNamed() {
    Path missing = folder.resolve("not-made");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.write(missing.resolve("m.safetensors"), A));
    assertTrue(e.getMessage().endsWith("no such file or folder (" + missing + ")"),
        e.getMessage());
  }

  @Test
  void failingStreamIsFaithful() throws IOException {
    // The fault injector itself: the first bytes arrive, then the write fails.
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream failing = new FailingOutputStream(sink, 3);
    assertThrows(IOException.class, () -> failing.write(new byte[] {1, 2, 3, 4, 5}, 0, 5));
    assertEquals(3, sink.size());
  }

  /**
   * Saving through a link (latest.safetensors naming one epoch's file) replaces the file it
   * names and leaves the link a link; the rename used to replace the link by a regular file.
   */
  @Test
  void aSaveThroughASymbolicLinkReplacesTheFileItNames() throws IOException {
    Path epoch = Files.writeString(folder.resolve("epoch1.safetensors"), "old");
    Path latest = folder.resolve("latest.safetensors");
    try {
      Files.createSymbolicLink(latest, epoch.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
    }
    AtomicFile.write(latest, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertTrue(Files.isSymbolicLink(latest), "still a link");
    assertEquals("new", Files.readString(epoch), "the file it names was replaced");
  }

  /** A checkpoint private to its owner stays private when saved again. */
  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(folder.resolve("private.safetensors"), "old");
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      Files.setPosixFilePermissions(file, ownerOnly);
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("no POSIX permissions here");
    }
    AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(file));
    assertEquals(ownerOnly, Files.getPosixFilePermissions(file));
  }

  /**
   * A name the file system takes (up to 255 bytes) is written: the temporary file's name, 22
   * characters longer, used to pass the limit for names of 234 characters and more.
   */
  @Test
  void aNameNearTheFileSystemsLimitIsWritten() throws IOException {
    Path file = folder.resolve("m".repeat(255 - ".safetensors".length()) + ".safetensors");
    AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(file));
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(file), left.toList(), "no temporary file left");
    }
  }

  /**
   * The temporary file a save makes, read while it is written, is of the form {@link
   * AtomicFile#isTemporaryName} recognises (the best-weights sweep passes over such files), short
   * names and names cut to fit alike; a finished file's name and near misses are not.
   */
  @Test
  void isTemporaryNameRecognisesTheSavesOwnTemporaryFiles() throws IOException {
    for (String name : List.of("run.safetensors", "é".repeat(120) + ".safetensors")) {
      Path file = folder.resolve(name);
      List<String> during = new ArrayList<>();
      AtomicFile.write(file, out -> files().forEach(p -> during.add(p.getFileName().toString())));
      assertEquals(1, during.size(), during.toString());
      assertTrue(AtomicFile.isTemporaryName(during.get(0)), during.get(0));
      assertFalse(AtomicFile.isTemporaryName(name), name);
      Files.delete(file);
    }
    for (String near : List.of(".run.safetensors.0123456789ABCDEF.tmp",
        ".run.safetensors.0123456789abcde.tmp", "run.safetensors.0123456789abcdef.tmp",
        ".run.safetensors.0123456789abcdef.tmp.bak")) {
      assertFalse(AtomicFile.isTemporaryName(near), near);
    }
  }

  /** Links that name each other lead nowhere: refused as the file system refuses them. */
  @Test
  void aCycleOfLinksIsRefused() throws IOException {
    Path a = folder.resolve("a.safetensors");
    Path b = folder.resolve("b.safetensors");
    try {
      Files.createSymbolicLink(a, b.getFileName());
      Files.createSymbolicLink(b, a.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
    }
    IOException e = assertThrows(IOException.class,
        () -> AtomicFile.write(a, out -> out.write(1)));
    assertTrue(e.getMessage().contains("too many levels of symbolic links"), e.getMessage());
  }

  /**
   * The check made before any work follows links as the write does: a link into a folder that
   * does not exist, or a cycle of links, passed it, and the save failed after the training it
   * was meant to keep (the program then rescued the model to a temporary file).
   */
  @Test
  void theCheckBeforeTheWorkFollowsLinksAsTheWriteDoes() throws IOException {
    Path dangling = folder.resolve("dangling.safetensors");
    Path missing = folder.resolve("gone");
    Path a = folder.resolve("a.safetensors");
    try {
      Files.createSymbolicLink(dangling, missing.resolve("m.safetensors"));
      Files.createSymbolicLink(a, a.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
    }
    assertEquals(java.util.Optional.of(": the folder " + missing + " does not exist (the"
        + " symbolic link leads to " + missing.resolve("m.safetensors") + ")"),
        AtomicFile.whyUnwritable(dangling));
    assertThrows(IOException.class, () -> AtomicFile.write(dangling, out -> out.write(1)),
        "and the write fails, as the check said");
    assertEquals(java.util.Optional.of(": too many levels of symbolic links"),
        AtomicFile.whyUnwritable(a));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AtomicFile.requireWritable("trainer: the checkpoint file", a));
    assertEquals("trainer: the checkpoint file " + a + ": too many levels of symbolic links",
        e.getMessage());
    // A link to a file in a folder that exists is writable, as before.
    Path target = Files.createSymbolicLink(folder.resolve("latest.safetensors"),
        folder.resolve("epoch1.safetensors"));
    assertEquals(java.util.Optional.empty(), AtomicFile.whyUnwritable(target));
  }

  /**
   * A name longer than the file system takes (255 bytes on most) is refused by the check made
   * before any work, which asks the file system about the name without creating anything; it
   * passed, and the save failed after the training.
   */
  @Test
  void aNameTooLongIsRefusedBeforeTheWork() throws IOException {
    Path tooLong = folder.resolve("m".repeat(300) + ".safetensors");
    try {
      Files.delete(Files.createFile(tooLong));
      org.junit.jupiter.api.Assumptions.abort("this file system takes names of 312 bytes");
    } catch (FileSystemException expected) {
      // the file system's limit, which the check must find too
    }
    java.util.Optional<String> why = AtomicFile.whyUnwritable(tooLong);
    assertTrue(why.isPresent() && why.get().contains("name too long"), String.valueOf(why));
    // The target's own name is at fault, and said to be: not the temporary file's.
    assertFalse(why.get().contains("temporary file"), why.get());
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(), left.toList(), "nothing created by the check");
    }
    // A name the file system takes, the longest, passes.
    assertEquals(java.util.Optional.empty(), AtomicFile.whyUnwritable(
        folder.resolve("m".repeat(255 - ".safetensors".length()) + ".safetensors")));
  }
}
