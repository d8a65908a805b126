package dev.chainrule.optim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Names holding U+FFFD (bytes the system's encoding could not decode) are refused by the checks
 * of files read and written, as usage errors naming the option: the path names another file
 * than the one the user gave.
 */
class UndecodableNamesTest {
  @Test
  void readAndWrittenFilesWithUndecodableNamesAreUsageErrors() {
    Path name = Path.of("caf\uFFFD.csv");
    for (Optional<PathRefusal> refusal : java.util.List.of(
        OptionPaths.readableFile("--csv", name),
        OptionPaths.writableFile("--csv", name, "model.safetensors"))) {
      assertTrue(refusal.isPresent(), "refused");
      assertTrue(refusal.get().usage(), "a name of the wrong kind: a usage error");
      assertTrue(refusal.get().message().startsWith("--csv 'caf\uFFFD.csv': the name's bytes are"
          + " not valid in the system's encoding for file names ("), refusal.get().message());
    }
  }

  @Test
  void theWordsNameTheEncodingAndAWayOut() {
    assertEquals(Optional.empty(), OptionPaths.undecodableName("café.csv", "UTF-8"));
    assertEquals(Optional.of("'m\uFFFD.st': the name's bytes are not valid in the system's"
        + " encoding for file names (UTF-8, sun.jnu.encoding), so Java cannot name that file;"
        + " rename the file to a name in UTF-8, or run under a locale whose encoding the name is"
        + " in (e.g. LC_ALL=en_US.ISO-8859-1 for Latin-1 names)"),
        OptionPaths.undecodableName("m\uFFFD.st", "UTF-8"));
  }
}
