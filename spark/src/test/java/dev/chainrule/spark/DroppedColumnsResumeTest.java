package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --resume with --drop: the features are the header's less the dropped columns, and the
 * checkpoint records the columns its run dropped, so a file with other features is the option's
 * doing (exit 2, naming both lists) only when the file's --drop would give its features back; a
 * header renamed, swapped or grown under the same --drop is another data set (exit 1, naming the
 * header of --csv). Before the record, a shorter --drop could not be told from a header that
 * gained a column, and the refusal named both (exit 2); such files still are refused so
 * (DropRecordResumeTest).
 */
class DroppedColumnsResumeTest {
  @TempDir
  static Path dir;

  private static Path csv;
  private static Path checkpoint;

  /** The blobs rows with a first column of ids, checkpointed by a run with --drop id. */
  @BeforeAll
  static void run() throws Exception {
    LocalSpark.context();
    Path blobs = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    List<String> lines = Files.readAllLines(blobs);
    List<String> withIds = new ArrayList<>(List.of("id," + lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      withIds.add("p" + i + "," + lines.get(i));
    }
    csv = Files.write(dir.resolve("ids.csv"), withIds);
    checkpoint = dir.resolve("ids.safetensors");
    Outcome first = launch("--csv", csv.toString(), "--label", "class", "--drop", "id",
        "--epochs", "1", "--checkpoint", checkpoint.toString());
    assertEquals(0, first.code(), first.err());
  }

  /** The rows with a header line of {@code header}, resumed with {@code drop}. */
  private static Outcome resumeWithHeader(String name, String header, String drop)
      throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.set(0, header);
    Path other = Files.write(dir.resolve(name), lines);
    return launch("--csv", other.toString(), "--label", "class", "--drop", drop, "--epochs", "2",
        "--resume", checkpoint.toString());
  }

  private static void assertTheData(Outcome refused, String features) {
    assertEquals(1, refused.code(), refused.err());
    assertEquals("error: resume: ids.safetensors holds another model or was trained on other"
        + " data: its features [x1, x2, x3, x4], this run's " + features + " (from the header"
        + " of --csv, less the columns --drop names)", refused.err().strip());
  }

  @Test
  void aRenamedFeatureIsTheDatas() throws IOException {
    assertTheData(resumeWithHeader("renamed.csv", "id,x1,xx,x3,x4,class", "id"),
        "[x1, xx, x3, x4]");
  }

  /** The names moved: the model would read its features from other columns. */
  @Test
  void swappedNamesAreTheDatas() throws IOException {
    assertTheData(resumeWithHeader("swapped.csv", "id,x2,x1,x3,x4,class", "id"),
        "[x2, x1, x3, x4]");
  }

  /** Another --drop, which alone would give the file's features back: the option's, exit 2. */
  private static void assertTheOption(Outcome refused, String file, String features,
      String lists) {
    assertEquals(2, refused.code(), refused.err());
    assertEquals("error: resume: " + file + " holds another model or was trained on other data:"
        + " its features [x1, x2, x3, x4], this run's " + features + " (set by --drop: " + lists
        + ") (see 'chainrule-spark --help')", refused.err().strip());
  }

  /**
   * The file's features and a column more under the same --drop: the header grew, which the
   * record tells from a longer --drop in the file's run (both were named, exit 2).
   */
  @Test
  void anAddedColumnIsTheDatas() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.replaceAll(line -> line + (line.startsWith("id,") ? ",extra" : ",1"));
    Path other = Files.write(dir.resolve("extra.csv"), lines);
    Outcome refused = launch("--csv", other.toString(), "--label", "class", "--drop", "id",
        "--epochs", "2", "--resume", checkpoint.toString());
    assertTheData(refused, "[x1, x2, x3, x4, extra]");
  }

  /**
   * Saved with --drop id,noise, resumed with --drop id: the record says so, and names both
   * lists, exit 2 (the checkpoint could not tell this from a header that gained "noise", and
   * named both causes).
   */
  @Test
  void aShorterDropIsTheOptions() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    // A column "noise" after x1, of varied values.
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", 3);
      lines.set(i, fields[0] + "," + fields[1] + "," + (i == 0 ? "noise" : i % 7 * 0.25) + ","
          + fields[2]);
    }
    Path noisy = Files.write(dir.resolve("noisy.csv"), lines);
    Path saved = dir.resolve("noisy.safetensors");
    Outcome first = launch("--csv", noisy.toString(), "--label", "class", "--drop", "id,noise",
        "--epochs", "1", "--checkpoint", saved.toString());
    assertEquals(0, first.code(), first.err());
    Outcome refused = launch("--csv", noisy.toString(), "--label", "class", "--drop", "id",
        "--epochs", "2", "--resume", saved.toString());
    assertTheOption(refused, "noisy.safetensors", "[x1, noise, x2, x3, x4]",
        "the checkpoint was saved with --drop id,noise; this run has --drop id");
  }

  /**
   * --drop naming a renamed column removes none of the file's features: x4 is not in the
   * header, so no --drop would give the file's features back. Both lists are named, as the run
   * changed its --drop too.
   */
  @Test
  void droppingARenamedColumnIsStillTheDatas() throws IOException {
    Outcome refused = resumeWithHeader("renamed-dropped.csv", "id,x1,x2,x3,z,class", "id,z");
    assertEquals(1, refused.code(), refused.err());
    assertEquals("error: resume: ids.safetensors holds another model or was trained on other"
        + " data: its features [x1, x2, x3, x4], this run's [x1, x2, x3] (from the header of"
        + " --csv, less the columns --drop names; the checkpoint was saved with --drop id; this"
        + " run has --drop id,z)", refused.err().strip());
  }

  /** Every feature of the file in the header, --drop removing x4: the option's, exit 2. */
  @Test
  void droppingOneOfTheFilesFeaturesIsTheOptions() throws IOException {
    Outcome refused = launch("--csv", csv.toString(), "--label", "class", "--drop", "id,x4",
        "--epochs", "2", "--resume", checkpoint.toString());
    assertTheOption(refused, "ids.safetensors", "[x1, x2, x3]",
        "the checkpoint was saved with --drop id; this run has --drop id,x4");
  }

  /** The same header and --drop resume, so the tests above refuse for the header alone. */
  @Test
  void theSameHeaderResumes() {
    Outcome resumed = launch("--csv", csv.toString(), "--label", "class", "--drop", "id",
        "--epochs", "2", "--resume", checkpoint.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertFalse(resumed.err().contains("error"), resumed.err());
    assertTrue(resumed.out().contains("resuming from"), resumed.out());
  }
}
