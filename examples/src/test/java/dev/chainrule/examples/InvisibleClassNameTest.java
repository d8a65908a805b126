package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label holding a zero-width space (ye\u200Bs beside yes, copied from a web page) made a class
 * of its own that printed as yes in the confusion matrix, and train said nothing of it.
 */
class InvisibleClassNameTest {
  @TempDir
  Path dir;

  private Cli.Result train(String labels) throws IOException {
    Path csv = Files.writeString(dir.resolve("z.csv"), "a,y\n" + labels);
    return Cli.run("train", "--csv", csv.toString(), "--label", "y", "--epochs", "1", "--out",
        dir.resolve("out").toString());
  }

  private static List<String> warnings(Cli.Result result) {
    return result.out().lines().filter(l -> l.startsWith("warning: class")).toList();
  }

  @Test
  void aClassNameWithAnInvisibleCharacterIsWarnedOfWithItsLineAndCodePoint() throws IOException {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      // Rows 0, 1: yes; 2 (line 4) onwards every third: ye\u200Bs; \uFEFF in a field from 30.
      String label = i % 3 == 2 ? "ye\u200Bs" : i >= 30 ? "may\uFEFFbe" : i % 2 == 0 ? "yes"
          : "no";
      labels.append(i).append(',').append(label).append('\n');
    }
    Cli.Result trained = train(labels.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: classes \"may<U+FEFF>be\" (line 32 of z.csv) holds an"
        + " invisible character, U+FEFF, and prints as \"maybe\"; \"ye<U+200B>s\" (line 4) holds"
        + " an invisible character, U+200B, and prints as class \"yes\": an invisible character"
        + " makes a class of its own; if it was not meant, remove it from the file's labels"),
        warnings(trained));
  }

  @Test
  void visibleClassNamesAreNotWarnedOf() throws IOException {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      labels.append(i).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
    }
    Cli.Result trained = train(labels.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of(), warnings(trained));
  }
}
