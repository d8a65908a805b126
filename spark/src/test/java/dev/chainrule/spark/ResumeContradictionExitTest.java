package dev.chainrule.spark;

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

  private static ResumeFixture averaged;

  @BeforeAll
  static void run() throws Exception {
    averaged = ResumeFixture.checkpointed(dir, "avg.safetensors", "--mode", "average",
        "--local-steps", "2", "--partitions", "2");
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
      List<String> args = new ArrayList<>();
      options.forEach((name, value) -> args.addAll(List.of(name, value)));
      Outcome refused = averaged.resume(args.toArray(String[]::new));
      assertEquals(2, refused.code(), option[0] + ": " + refused.err());
      assertTrue(refused.err().contains("resume: avg.safetensors"), refused.err());
    }
  }
}
