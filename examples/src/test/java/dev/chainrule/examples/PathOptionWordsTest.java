package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A path option's value that Java makes no path of is refused naming the option, in words, not
 * as picocli's "cannot convert ... to interface java.nio.file.Path" with Java's exception.
 */
class PathOptionWordsTest {
  @Test
  void aNameWithANulIsRefusedInWords() {
    Cli.Result run = Cli.run("train", "--csv", "a\u0000b.csv", "--label", "y");
    assertEquals(List.of("error: Invalid value for option '--csv': 'a?b.csv' is no file name:"
        + " Nul character not allowed (see 'chainrule train --help')"),
        run.err().lines().toList());
    assertEquals(2, run.exitCode());
  }
}
