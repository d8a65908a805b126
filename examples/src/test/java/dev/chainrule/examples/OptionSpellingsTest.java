package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Option values read as the other options read theirs: --model in any case (as --optimizer),
 * --hidden with spaces around its commas, a hex float refused as what it is, and a --label
 * that differs from a column only in case pointed at that column.
 */
class OptionSpellingsTest {
  @TempDir
  Path dir;

  @Test
  void modelIsReadInAnyCase() throws IOException {
    Path data = SavedDataOptionsTest.images(dir);
    Cli.Result r = Cli.run("fashion-mnist", "--data", data.toString(), "--model", "CNN",
        "--hidden", "4", "--epochs", "1", "--batch-size", "40", "--out", dir.resolve("o")
            .toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("fashion-mnist: conv 16, conv 32, dense 4"), r.out());
  }

  @Test
  void hiddenTakesSpacesAroundItsCommas() {
    Cli.Result r = Cli.run("xor", "--hidden", "8, 4", "--epochs", "1", "--out",
        dir.resolve("o").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("xor: 2-8-4-1 network"), r.out());
  }

  @Test
  void aHexFloatIsNotCalledInfinite() {
    Cli.Result r = Cli.run("xor", "--lr", "0x1p-3");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("error: Invalid value for option '--lr': '0x1p-3' is not a"
        + " decimal number"), r.err());
    Cli.Result inf = Cli.run("xor", "--lr", "Infinity");
    assertTrue(inf.err().startsWith("error: Invalid value for option '--lr': 'Infinity' is not"
        + " a finite number"), inf.err());
  }

  @Test
  void aLabelInTheWrongCaseIsPointedAtTheColumn() throws IOException {
    Path csv = Files.writeString(dir.resolve("f.csv"), "a,y\n1,0\n2,1\n3,0\n4,1\n");
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "Y", "--out",
        dir.resolve("o").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no column named \"Y\" in the header (a, y) (did you"
        + " mean \"y\"?)"), r.err());
  }
}
