package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.beforeSpark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name whose bytes the system's encoding could not decode reaches the launcher with U+FFFD in
 * their place: {@code --save m\xe9.st} under a UTF-8 locale saved "m\uFFFD.st", another file
 * than the one named, and {@code --csv caf\xe9.csv} said no such file of a file that exists. The
 * launcher refuses such a name before any work, in train's words, as a usage error.
 */
class LauncherUndecodableNamesTest {
  private static final String USAGE = " (see 'chainrule-spark --help')";

  @TempDir
  static Path dir;

  @Test
  void namesHoldingTheReplacementCharacterAreRefusedBeforeAnyWork() throws Exception {
    Path csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
    for (String option : List.of("--csv", "--save", "--checkpoint", "--resume")) {
      String name = dir.resolve("m\uFFFD.st").toString();
      Outcome run = beforeSpark(Stream.concat(Stream.of("--label", "class", "--epochs", "1"),
          option.equals("--csv") ? Stream.of("--csv", name)
              : Stream.of("--csv", csv.toString(), option, name)).toArray(String[]::new));
      assertEquals(2, run.code(), option + ": " + run.err());
      // The launcher prints U+FFFD as '?', as any character that stands for no text.
      assertEquals("error: " + option + " '" + name.replace('\uFFFD', '?') + "': the name's"
          + " bytes are not valid in the system's encoding for file names (" + encoding
          + ", sun.jnu.encoding), so Java"
          + " cannot name that file; rename the file to a name in " + encoding + ", or run under"
          + " a locale whose encoding the name is in (e.g. LC_ALL=en_US.ISO-8859-1 for Latin-1"
          + " names)" + USAGE, run.err().strip(), option);
      assertEquals("", run.out(), option + ": refused before any work");
    }
    assertFalse(Files.exists(dir.resolve("m\uFFFD.st")), "nothing was written");
  }
}
