package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The refusal of a file's name typed with a trailing separator, in optim itself: the program's
 * and the Spark launcher's tests ran it, optim's none.
 */
class CommandLinePathsTest {
  @Test
  void aNameEndingInASeparatorNamesAFolder() {
    assertEquals(Optional.of("--save m.safetensors/ ends in '/', which names a folder, not a"
        + " file: give the file's name without it"),
        CommandLinePaths.folderSpelling("--save", "m.safetensors/"));
    // Two characters are enough to be a folder's name and its separator.
    assertEquals(Optional.of("--out a/ ends in '/', which names a folder, not a file: give the"
        + " file's name without it"), CommandLinePaths.folderSpelling("--out", "a/"));
  }

  @Test
  void aFilesNameTheRootAndNothingTypedAreNotRefused() {
    assertEquals(Optional.empty(), CommandLinePaths.folderSpelling("--save", "m.safetensors"));
    assertEquals(Optional.empty(), CommandLinePaths.folderSpelling("--save", "a"));
    // The root alone is a folder's name with nothing to drop: the path's own checks refuse it.
    assertEquals(Optional.empty(), CommandLinePaths.folderSpelling("--save", "/"));
    assertEquals(Optional.empty(), CommandLinePaths.folderSpelling("--save", null));
  }
}
