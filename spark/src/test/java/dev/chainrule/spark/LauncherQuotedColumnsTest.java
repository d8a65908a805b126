package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's --drop and --features keep a column name as typed, and the reader finds it as
 * train's does: the exact header name first, then the name inside one pair of double quotes. A
 * header name that really is in quotes ({@code """id"""} names {@code "id"}) was refused as
 * typed when the launcher took the quotes off every name.
 */
class LauncherQuotedColumnsTest {
  @TempDir
  Path dir;

  /** Two text columns, {@code "id"} (quotes and all) and {@code name, full}, then x, z, kind. */
  private Path data() throws Exception {
    StringBuilder text = new StringBuilder("\"\"\"id\"\"\",\"name, full\",x,z,kind\n");
    for (int i = 0; i < 30; i++) {
      text.append("r").append(i).append(",\"bob, ").append(i).append("\",")
          .append(i % 2 * 4 + Math.sin(i)).append(',').append(Math.cos(i)).append(',')
          .append(i % 2 == 0 ? "cat" : "dog").append('\n');
    }
    return Files.writeString(dir.resolve("quoted.csv"), text);
  }

  @Test
  void aNameInQuotesAndANameWithACommaAreDroppedAsTyped() throws Exception {
    String csv = data().toString();
    // The shell's '"id","name, full"': two text columns left out, so the run trains.
    Outcome dropped = launch("--csv", csv, "--label", "kind", "--epochs", "1", "--drop",
        "\"id\",\"name, full\"");
    assertEquals(0, dropped.code(), dropped.err());
    Outcome features = launch("--csv", csv, "--label", "kind", "--epochs", "1", "--features",
        "x,z");
    assertEquals(0, features.code(), features.err());
    Outcome unquoted = launch("--csv", csv, "--label", "kind", "--epochs", "1", "--drop",
        "id,\"name, full\"");
    assertEquals(2, unquoted.code(), unquoted.out());
    assertTrue(unquoted.err().contains("no column named \"id\" in the header (\"id\","
        + " \"name, full\", x, z, kind) (the header's \"id\" has double quotes as part of the name:"
        + " give them too)"), unquoted.err());
  }

  /** The launcher's help says how to give such a name, in train's words (one shared text). */
  @Test
  void theHelpSaysHowToGiveANameWithAComma() {
    Outcome help = launch("--help");
    assertEquals(0, help.code(), help.err());
    String text = help.out().replaceAll("\\s+", " ");
    for (String option : new String[] {"every column but the label)", "(default: none)"}) {
      assertTrue(text.contains(option + "; a name holding a comma goes in double quotes:"
          + " '\"name, full\"'."), text);
    }
  }
}
