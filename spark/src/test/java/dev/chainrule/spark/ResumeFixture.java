package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the launcher's resume tests resume from: 60 blobs rows written as a CSV (x1..x4, class),
 * and the checkpoint of a one-epoch launcher run on them.
 *
 * @param csv the rows, {@code blobs.csv}
 * @param checkpoint the first run's checkpoint
 */
record ResumeFixture(Path csv, Path checkpoint) {
  /**
   * Writes the rows into {@code dir} and trains on them for one epoch with {@code options},
   * checkpointing to {@code name}; the run must succeed.
   */
  static ResumeFixture checkpointed(Path dir, String name, String... options) throws IOException {
    LocalSpark.context();
    Path csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    Path checkpoint = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--label", "class",
        "--epochs", "1", "--checkpoint", checkpoint.toString()));
    args.addAll(List.of(options));
    Outcome first = launch(args.toArray(String[]::new));
    assertEquals(0, first.code(), first.err());
    return new ResumeFixture(csv, checkpoint);
  }

  /** A launch on the fixture's rows for two epochs, resuming from its checkpoint. */
  Outcome resume(String... options) {
    return resumeOn(csv, options);
  }

  /** A launch on {@code rows} (labelled "class") for two epochs, resuming from the checkpoint. */
  Outcome resumeOn(Path rows, String... options) {
    List<String> args = new ArrayList<>(List.of("--csv", rows.toString(), "--label", "class",
        "--epochs", "2", "--resume", checkpoint.toString()));
    args.addAll(List.of(options));
    return launch(args.toArray(String[]::new));
  }
}
