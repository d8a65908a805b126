package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * "café" written with a composed é and with e and a combining accent (NFC and NFD) were two
   * classes that printed alike, and train said nothing; a --features name typed in the other
   * form than the header's was "no column" in a header that seemed to hold it.
   */
  @Test
  void oneNameInTwoUnicodeFormsIsWarnedOfAndPointedOut() throws IOException {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      labels.append(i).append(',').append(i % 4 == 1 ? "cafe\u0301" : i % 2 == 1 ? "caf\u00E9"
          : "tea").append('\n');
    }
    Cli.Result trained = train(labels.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: classes \"cafe\u0301\" (line 3 of z.csv, U+0065 U+0301) and"
        + " \"caf\u00E9\" (line 5, U+00E9) are one name in different Unicode forms (an"
        + " accent composed with its letter, or written after it) and print alike, but each is a"
        + " class of its own; if one was meant, write the file's labels one way"),
        warnings(trained));

    Path csv = Files.writeString(dir.resolve("h.csv"), "cafe\u0301,b,y\n1,2,p\n3,4,q\n");
    Cli.Result chosen = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--features",
        "caf\u00E9", "--epochs", "1", "--out", dir.resolve("out").toString());
    assertEquals(2, chosen.exitCode(), chosen.out());
    assertTrue(chosen.err().contains("(the header's \"cafe\u0301\" is the name given in another"
        + " Unicode form: U+0065 U+0301 there, U+00E9 as given; copy the name from the file's"
        + " header, or write its accents one way)"), chosen.err());
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
