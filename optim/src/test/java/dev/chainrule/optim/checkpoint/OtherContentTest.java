package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a file holds, read from its header alone: the metadata of a checkpoint whose data is cut
 * short (a copy under way), and whether a file an output would replace is not a checkpoint (a
 * data file given as --save by mistake), which the launchers refuse to replace.
 */
class OtherContentTest {
  @TempDir Path folder;

  private Path checkpoint(String name) {
    Path file = folder.resolve(name);
    SafeTensors.write(file, Map.of("w", Tensor.vector(1, 2, 3, 4)), Map.of("epoch", "3"));
    return file;
  }

  @Test
  void theHeaderSaysWhatACheckpointCutShortIs() throws IOException {
    Path whole = checkpoint("whole.safetensors");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(folder.resolve("cut.safetensors"),
        Arrays.copyOf(bytes, bytes.length - 8));
    assertEquals(Map.of("epoch", "3"), SafeTensors.headerMetadata(cut));
    assertEquals(CheckpointException.Rule.DATA_END, assertThrows(CheckpointException.class,
        () -> SafeTensors.list(cut)).rule(), "where a listing refuses it");
  }

  @Test
  void onlyAFileThatIsNoCheckpointHoldsOtherContent() throws IOException {
    assertFalse(SafeTensors.holdsOtherContent(checkpoint("model.safetensors")));
    assertFalse(SafeTensors.holdsOtherContent(folder.resolve("none.safetensors")), "nothing");
    assertFalse(SafeTensors.holdsOtherContent(Files.createFile(folder.resolve("empty"))),
        "an empty file loses nothing");
    assertFalse(SafeTensors.holdsOtherContent(folder), "a folder is refused elsewhere");
    assertTrue(SafeTensors.holdsOtherContent(Files.writeString(folder.resolve("data.csv"),
        "x,y\n1,2\n")));
    byte[] bytes = Files.readAllBytes(checkpoint("whole.safetensors"));
    assertTrue(SafeTensors.holdsOtherContent(Files.write(folder.resolve("cut.safetensors"),
        Arrays.copyOf(bytes, bytes.length - 8))), "not readable as a checkpoint: not replaced");
  }
}
