package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --load} compares the columns its {@code --label}, {@code --features} and {@code
 * --drop} name in the header with the model's, not their text: {@code --label 2} (or {@code -1})
 * of a header {@code x,y,label} is the model's label "label", and {@code --features '"a,b",c'}
 * its features "a,b" and c. Compared as typed, both were refused as contradicting the file the
 * same command line had just saved. The refusals that remain quote a name holding a comma, which
 * read as two features.
 */
class LoadedColumnSpellingsTest {
  @TempDir
  Path dir;

  /** 60 rows of two features and a label of two classes after {@code header}. */
  private Path file(String name, String header) throws IOException {
    StringBuilder text = new StringBuilder(header).append('\n');
    for (int i = 0; i < 60; i++) {
      boolean b = i % 2 == 1;
      text.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", (b ? 2 : -2) + Math.sin(i),
          Math.cos(3 * i), b ? "b" : "a"));
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private Cli.Result train(Path csv, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--csv", csv.toString(),
        "--epochs", "1", "--out", dir.resolve("o").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aLabelGivenByItsPositionIsTheModelsLabel() throws IOException {
    Path csv = file("base.csv", "x,y,label");
    String saved = dir.resolve("idx.st").toString();
    assertEquals(0, train(csv, "--label", "2", "--save", saved).exitCode());
    for (String label : new String[] {"2", "-1", "label"}) {
      Cli.Result loaded = train(csv, "--label", label, "--load", saved);
      assertEquals(0, loaded.exitCode(), label + ": " + loaded.err());
    }
    Cli.Result other = train(csv, "--label", "0", "--load", saved);
    assertEquals(2, other.exitCode(), other.err());
    assertEquals(List.of("error: --label 0 (the column x) contradicts idx.st, whose label is"
        + " label (see 'chainrule train --help')"), other.err().lines().toList());
  }

  @Test
  void featuresWithACommaInTheirNameAreTheModelsFeatures() throws IOException {
    Path csv = file("commaname.csv", "\"a,b\",c,label");
    String saved = dir.resolve("cn.st").toString();
    assertEquals(0, train(csv, "--label", "label", "--features", "\"a,b\",c", "--save", saved)
        .exitCode());
    Cli.Result same = train(csv, "--label", "label", "--features", "\"a,b\",c", "--load",
        saved);
    assertEquals(0, same.exitCode(), same.err());

    Cli.Result reordered = train(csv, "--features", "c,\"a,b\"", "--load", saved);
    assertEquals(2, reordered.exitCode(), reordered.err());
    assertEquals(List.of("error: --features c,\"a,b\" contradicts cn.st, whose features are"
        + " \"a,b\",c (see 'chainrule train --help')"), reordered.err().lines().toList());

    // A feature left out by its quoted name contradicts the model, as by a plain name: it went
    // through, and the run trained on the column --drop named.
    Cli.Result dropped = train(csv, "--drop", "\"a,b\"", "--load", saved);
    assertEquals(2, dropped.exitCode(), dropped.err());
    assertEquals(List.of("error: --drop contradicts cn.st, whose features are \"a,b\",c (see"
        + " 'chainrule train --help')"), dropped.err().lines().toList());
  }
}
