package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model written where there is room when its own file could not be, and nothing left over. */
class RescueFileTest {
  private static final Map<String, Tensor> MODEL = Map.of("w", Tensor.vector(1, 2));

  @TempDir
  Path dir;

  /**
   * The sentence a failed save's message ends with: where the model went, or why it is lost
   * too, the rescue's own failure kept beside the save's so that neither is hidden.
   */
  @Test
  void rescueSaysWhereTheModelWentOrWhyItIsLost() throws IOException {
    IllegalStateException failure = new IllegalStateException("the save failed");
    String saved = RescueFile.rescue(dir, f -> SafeTensors.write(f, MODEL),
        IOException::getMessage, failure);
    Path file = filesIn(dir).get(0);
    assertEquals("the trained model is saved in " + file + " instead", saved);
    assertEquals(MODEL, SafeTensors.read(file).tensors());
    assertEquals(0, failure.getSuppressed().length);

    Path notAFolder = Files.writeString(dir.resolve("taken"), "x");
    String lost = RescueFile.rescue(notAFolder, f -> SafeTensors.write(f, MODEL),
        e -> "reason given", failure);
    assertEquals("the trained model is lost, as a rescue file in " + notAFolder
        + " could not be written either (reason given)", lost);
    assertEquals(1, failure.getSuppressed().length);
    assertTrue(failure.getSuppressed()[0] instanceof IOException, failure.toString());
    assertEquals(Path.of(System.getProperty("java.io.tmpdir")), RescueFile.temporaryFolder());
  }

  @Test
  void writesANewCheckpointInTheFolder() throws IOException {
    Path file = RescueFile.write(dir, f -> SafeTensors.write(f, MODEL));
    assertEquals(dir, file.getParent());
    String name = file.getFileName().toString();
    assertTrue(name.startsWith(RescueFile.PREFIX) && name.endsWith(".safetensors"), name);
    assertEquals(MODEL, SafeTensors.read(file).tensors());
  }

  /** A regular file for a folder: the file system's failure comes out as itself. */
  @Test
  void aFolderThatCannotTakeTheFileFailsAsTheFileSystemsFailure() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "text");
    IOException e = assertThrows(IOException.class,
        () -> RescueFile.write(notAFolder, f -> SafeTensors.write(f, MODEL)));
    assertTrue(e instanceof FileSystemException, e.toString());
    assertEquals(List.of(notAFolder), filesIn(dir));
  }

  /** A write that fails after the file was made leaves no empty file behind. */
  @Test
  void aFailedWriteRemovesItsFile() throws IOException {
    Path blocker = Files.createDirectory(dir.resolve("blocker"));
    Consumer<Path> intoAFolder = f -> SafeTensors.write(blocker, MODEL); // a folder: IO_ERROR
    IOException e = assertThrows(IOException.class, () -> RescueFile.write(dir, intoAFolder));
    assertTrue(e.getMessage() != null, e.toString());
    assertEquals(List.of(blocker), filesIn(dir), "the rescue's own file is gone");

    IllegalStateException bug = new IllegalStateException("a bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> RescueFile.write(dir, f -> {
      throw bug;
    })));
    assertEquals(List.of(blocker), filesIn(dir));
  }

  /** A broken format rule is a bug to show, not a file-system failure to work around. */
  @Test
  void aFormatRuleIsRethrownAsItIs() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.safetensors"), "plain text, not a model");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> RescueFile.write(dir, f -> SafeTensors.read(text)));
    assertTrue(e.fileSystemFailure().isEmpty(), e.getMessage());
    assertEquals(List.of(text), filesIn(dir));
  }

  private static List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }
}
