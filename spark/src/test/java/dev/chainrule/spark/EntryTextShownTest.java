package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's entry quoted in a refusal is shown as the program's train shows one (optim's
 * PrintableText, which examples' Console.printable is too): an ANSI escape or a line break in it
 * becomes '?'. The launcher printed the entry as it stood, so the terminal obeyed the escape,
 * and only the message's first line, cut at the entry's line break, was shown.
 */
class EntryTextShownTest {
  /** Red text, then a line break: what a terminal would obey, and where a line would end. */
  private static final String CONTROLS = "\u001b[31mthree\nsteps";

  @TempDir
  static Path dir;

  private static ResumeFixture blobs;

  @BeforeAll
  static void run() throws Exception {
    blobs = ResumeFixture.checkpointed(dir, "run.safetensors");
  }

  private static Outcome resumeFrom(Map<String, String> entries, String name) {
    Path edited = EditedCheckpoint.copy(blobs.checkpoint(), dir.resolve(name),
        metadata -> metadata.putAll(entries));
    return new ResumeFixture(blobs.csv(), edited).resume();
  }

  /** The failure's path (exit 1), with the library's own message made printable too. */
  @Test
  void aMalformedEntryIsShownPrintable() {
    Outcome refused = resumeFrom(Map.of(Progress.PREFIX + "step", CONTROLS), "step.safetensors");
    assertEquals(1, refused.code(), refused.err());
    assertEquals("error: step.safetensors: the metadata's \"chainrule.spark.step\" is"
        + " \"?[31mthree?steps\", not a number of the kind it records", refused.err().strip());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metadata.whole(Map.of("k", CONTROLS), "k", "f.safetensors"));
    assertEquals("f.safetensors: the metadata's \"k\" is \"?[31mthree?steps\", not a number of"
        + " the kind it records", e.getMessage());
  }

  /** The usage error's path (exit 2): a contradicted option quoting the file's entry. */
  @Test
  void aContradictedEntryIsShownPrintable() {
    Outcome refused = resumeFrom(Map.of(Progress.PREFIX + "mode", "\u001b[2Jsync\r"),
        "mode.safetensors");
    assertEquals(2, refused.code(), refused.err());
    assertEquals("error: resume: mode.safetensors was written by a run with mode ?[2Jsync?,"
        + " this run has sync; resuming would train on other batches than either run (set by"
        + " the launcher's --mode) (see 'chainrule-spark --help')", refused.err().strip());
  }

  /** The record of --drop, which a resume reads first of the run's entries. */
  @Test
  void aMalformedDropRecordIsShownPrintable() {
    Outcome refused = resumeFrom(Map.of("chainrule.dropped_columns", "[\"id\"\u001b]"),
        "drop.safetensors");
    assertEquals(1, refused.code(), refused.err());
    assertEquals("error: drop.safetensors: the metadata's \"chainrule.dropped_columns\" is"
        + " \"[\"id\"?]\", not a JSON array of the column names --drop left out",
        refused.err().strip());
  }
}
