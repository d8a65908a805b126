package dev.chainrule.optim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that takes new files but lets none be removed or renamed (Linux's append-only
 * attribute, {@code chattr +a}): the program's {@code --save} there trained, then failed to save,
 * and left a probe and a temporary file behind at each attempt, without a word of them. Now the
 * folder check refuses it before any work, naming the folder and the probe it could not delete,
 * and a write that fails there names the temporary file it left. Needs root and a file system
 * with the attribute (ext4 here); aborted elsewhere.
 */
class AppendOnlyFolderTest {
  @TempDir
  Path dir;
  private Path folder;

  @BeforeEach
  void appendOnly() throws IOException, InterruptedException {
    folder = Files.createDirectory(dir.resolve("append-only"));
    Assumptions.assumeTrue(chattr("+a"), "no chattr +a here (not root, or no such attribute)");
  }

  @AfterEach
  void writable() throws IOException, InterruptedException {
    chattr("-a");  // else @TempDir could not delete the folder
  }

  private boolean chattr(String flag) throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;  // no chattr at all
    }
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theFolderCheckRefusesItNamingTheFolderAndTheProbeLeft() throws IOException {
    Path file = folder.resolve("m.st");
    PathRefusal refusal = OptionPaths.writableFile("--save", file, "model.safetensors")
        .orElseThrow(() -> new AssertionError("accepted an append-only folder"));
    assertFalse(refusal.usage(), "the file system's refusal, not the option's");
    List<String> left = names();
    assertEquals(1, left.size(), left.toString());
    assertTrue(left.get(0).matches("\\.chainrule-probe-\\d+\\.tmp"), left.toString());
    assertEquals("--save " + file + ": the folder " + folder + " lets files be created but not"
        + " deleted (operation not permitted), so a file cannot be written there: every write"
        + " renames a temporary file into place; the empty probe " + left.get(0) + " could not be"
        + " deleted and is left in it", refusal.message());
  }

  @Test
  void aWriteThatFailsThereNamesTheTemporaryFileItLeft() throws IOException {
    Path file = folder.resolve("m.st");
    String message = assertThrows(CheckpointException.class, () -> SafeTensors.write(file,
        Map.of("w", Tensor.vector(1, 2)))).getMessage();
    List<String> left = names();
    assertEquals(1, left.size(), left.toString());
    assertTrue(left.get(0).matches("\\.m\\.st\\.[0-9a-f]{16}\\.tmp"), left.toString());
    assertTrue(message.endsWith("; the temporary file " + folder.resolve(left.get(0))
        + " could not be deleted (operation not permitted) and is left there"), message);
  }
}
