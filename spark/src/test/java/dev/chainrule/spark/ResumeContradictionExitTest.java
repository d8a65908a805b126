package dev.chainrule.spark;

import static dev.chainrule.spark.InProcessLaunch.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An option that contradicts --resume's file is a usage error, exit 2, as the same contradiction
 * against train --load's file is (README: 2 for usage errors); it was 1, a failed run. A file that
 * cannot be resumed for what it holds stays exit 1 (RefusedResumeTest).
 */
class ResumeContradictionExitTest {
  @TempDir
  static Path dir;

  private static Path csv;
  private static Path checkpoint;

  @BeforeAll
  static void run() throws Exception {
    LocalSpark.context();
    csv = TestData.csv(dir.resolve("blobs.csv"), TestData.blobs(60, 11), "class");
    checkpoint = dir.resolve("avg.safetensors");
    Outcome first = launch("--csv", csv.toString(), "--label", "class", "--epochs", "1",
        "--mode", "average", "--local-steps", "2", "--partitions", "2", "--checkpoint",
        checkpoint.toString());
    assertEquals(0, first.code(), first.err());
  }

  @Test
  void eachContradictingOptionExitsWithTheUsageCode() {
    String[][] contradictions = {{"--dtype", "float32"}, {"--activation", "tanh"},
        {"--optimizer", "sgd"}, {"--lr", "0.5"}, {"--local-steps", "3"}, {"--partitions", "3"},
        {"--hidden", "8"}};
    for (String[] option : contradictions) {
      Map<String, String> options = new LinkedHashMap<>(Map.of("--mode", "average",
          "--local-steps", "2", "--partitions", "2"));
      options.put(option[0], option[1]);  // the run's own value, or one more option
      List<String> args = new ArrayList<>(List.of("--csv", csv.toString(), "--label", "class",
          "--epochs", "2", "--resume", checkpoint.toString()));
      options.forEach((name, value) -> args.addAll(List.of(name, value)));
      Outcome refused = launch(args.toArray(String[]::new));
      assertEquals(2, refused.code(), option[0] + ": " + refused.err());
      assertTrue(refused.err().contains("resume: avg.safetensors"), refused.err());
    }
  }
}
