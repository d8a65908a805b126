package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer keeps to the header limit the readers hold a file to (safetensors' 100 MB): a
 * header over it is refused before anything is written, naming its size, instead of a file that
 * no reader, this one included, would read.
 */
class HeaderLimitTest {
  @TempDir Path folder;

  @Test
  void aHeaderOverTheLimitIsRefusedAndNothingWritten() {
    // One metadata value of the limit's length: 82 bytes of JSON around it (as Python's
    // json.dumps counts the same object), padded with spaces to a multiple of 8.
    Map<String, String> metadata = Map.of("notes", "x".repeat(SafeTensors.MAX_HEADER_BYTES));
    Path file = folder.resolve("huge.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.write(file, Map.of("w", Tensor.vector(1)), metadata));
    assertEquals("checkpoint: the header would take 100000088 bytes, over the 100000000-byte"
        + " limit of safetensors", e.getMessage());
    assertFalse(Files.exists(file), "nothing written");
  }
}
