package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.data.DroppedColumns;
import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint records the columns --drop left out ({@link DroppedColumns}, an empty list for
 * a header read whole), so a resume names another --drop as the option it is (exit 2, naming
 * both lists), where a file saved with --drop and resumed without it was blamed on the header
 * (exit 1). A file without the record, as checkpoints were written before it, resumes and is
 * refused as it was.
 */
class DropRecordResumeTest {
  @TempDir
  static Path dir;

  /** The blobs rows with a numeric column "noise" after x1 and "spare" at the end. */
  private static Path csv;
  /** A one-epoch run's checkpoint, with --drop noise,spare. */
  private static Path dropped;
  /** A one-epoch run's checkpoint, without --drop. */
  private static Path whole;

  @BeforeAll
  static void run() throws Exception {
    LocalSpark.context();
    Path blobs = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    List<String> lines = Files.readAllLines(blobs);
    List<String> wider = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", 2);
      // Varied values, so that neither column is constant.
      wider.add(fields[0] + "," + (i == 0 ? "noise" : i % 7 * 0.25) + "," + fields[1] + ","
          + (i == 0 ? "spare" : i % 5 * 0.5));
    }
    csv = Files.write(dir.resolve("wider.csv"), wider);
    dropped = dir.resolve("dropped.safetensors");
    whole = dir.resolve("whole.safetensors");
    for (Path file : List.of(dropped, whole)) {
      List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--label", "class",
          "--epochs", "1", "--checkpoint", file.toString()));
      if (file == dropped) {
        args.addAll(List.of("--drop", "noise,spare"));
      }
      Outcome first = launch(args.toArray(String[]::new));
      assertEquals(0, first.code(), first.err());
    }
  }

  private static Outcome resume(Path file, String... drop) {
    List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--label", "class",
        "--epochs", "2", "--resume", file.toString()));
    args.addAll(List.of(drop));
    return launch(args.toArray(String[]::new));
  }

  private static void assertRefused(Outcome refused, int code, String file, String features,
      String why) {
    assertEquals(code, refused.code(), refused.err());
    assertEquals("error: resume: " + file + " holds another model or was trained on other data:"
        + " its features " + features + " (" + why + ")"
        + (code == 2 ? " (see 'chainrule-spark --help')" : ""), refused.err().strip());
  }

  @Test
  void theCheckpointRecordsWhatDropLeftOut() {
    Map<String, String> withDrop = SafeTensors.read(dropped).metadata();
    assertEquals("[\"noise\",\"spare\"]", withDrop.get(DroppedColumns.METADATA_KEY));
    assertEquals("[]", SafeTensors.read(whole).metadata().get(DroppedColumns.METADATA_KEY));
    assertEquals(List.of("noise", "spare"),
        DroppedColumns.recorded(withDrop, "dropped.safetensors").orElseThrow().names());
  }

  /** It was exit 1, "(from the header of --csv, no --features or --drop given)". */
  @Test
  void savedWithDropResumedWithoutIt() {
    assertRefused(resume(dropped), 2, "dropped.safetensors", "[x1, x2, x3, x4], this run's"
        + " [x1, noise, x2, x3, x4, spare]", "set by --drop: the checkpoint was saved with"
        + " --drop noise,spare; this run has no --drop");
  }

  @Test
  void savedWithoutDropResumedWithIt() {
    assertRefused(resume(whole, "--drop", "noise"), 2, "whole.safetensors", "[x1, noise, x2,"
        + " x3, x4, spare], this run's [x1, x2, x3, x4, spare]", "set by --drop: the checkpoint"
        + " was saved without --drop; this run has --drop noise");
  }

  /** A shorter --drop: "spare" comes back, which the file's --drop left out. */
  @Test
  void aShorterDropNamesBothLists() {
    assertRefused(resume(dropped, "--drop", "noise"), 2, "dropped.safetensors", "[x1, x2, x3,"
        + " x4], this run's [x1, x2, x3, x4, spare]", "set by --drop: the checkpoint was saved"
        + " with --drop noise,spare; this run has --drop noise");
  }

  /** The same columns by the other spelling the reader takes: the same --drop, so it resumes. */
  @Test
  void theSameColumnsQuotedResume() {
    Outcome resumed = resume(dropped, "--drop", "\"noise\",spare");
    assertEquals(0, resumed.code(), resumed.err());
    assertFalse(resumed.err().contains("error"), resumed.err());
  }

  /**
   * Without the record, as files were written before it: the same options resume, and a shorter
   * --drop names both causes, the refusal such a file had.
   */
  @Test
  void aFileWithoutTheRecordIsReadAsBefore() {
    Path old = EditedCheckpoint.copy(dropped, dir.resolve("old.safetensors"),
        metadata -> assertEquals("[\"noise\",\"spare\"]",
            metadata.remove(DroppedColumns.METADATA_KEY)));
    assertNull(SafeTensors.read(old).metadata().get(DroppedColumns.METADATA_KEY));
    Outcome resumed = resume(old, "--drop", "noise,spare");
    assertEquals(0, resumed.code(), resumed.err());
    assertRefused(resume(old, "--drop", "noise"), 2, "old.safetensors", "[x1, x2, x3, x4],"
        + " this run's [x1, x2, x3, x4, spare]", "set by --drop, or from the header of --csv:"
        + " [spare], left out by the file's run with --drop or added to the header");
    assertRefused(resume(old), 1, "old.safetensors", "[x1, x2, x3, x4], this run's [x1, noise,"
        + " x2, x3, x4, spare]", "from the header of --csv, no --features or --drop given");
  }
}
