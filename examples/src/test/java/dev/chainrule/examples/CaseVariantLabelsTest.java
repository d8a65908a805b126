package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels yes and Yes were two classes, and train said nothing but its confusion matrix. */
class CaseVariantLabelsTest {
  @TempDir
  Path dir;

  @Test
  void classesDifferingOnlyInCaseAreWarnedOf() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      String label = Math.sin(i) > 0 ? "yes" : "no";
      text.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", Math.sin(i), Math.cos(i),
          i % 5 == 0 ? label.toUpperCase(Locale.ROOT) : label));
    }
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("c.csv"), text).toString(), "--label", "y", "--epochs",
        "1", "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertEquals(List.of("warning: classes \"NO\" (line 2 of c.csv) and \"no\" (line 6);"
        + " \"YES\" (line 17) and \"yes\" (line 3) differ, group by group, only in letter case,"
        + " and each is a class of its own, a row of one predicted as another counted wrong; if"
        + " one class was meant, write the file's labels one way"),
        trained.out().lines().filter(l -> l.startsWith("warning: classes")).toList());
  }
}
