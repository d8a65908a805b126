package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.spark.InProcessLaunch.Outcome;
import java.nio.file.Files;
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

  /**
   * Shards a run did not choose, Spark's default parallelism (the tests' local[2,3]: 2), were
   * blamed on --partitions, which the user never gave: the refusal says where they came from
   * and which --partitions gives the file's.
   */
  @Test
  void shardsFromTheDefaultParallelismAreNamedAsSuch() throws Exception {
    ResumeFixture three = ResumeFixture.checkpointed(Files.createDirectories(dir.resolve("p3")),
        "avg3.safetensors", "--mode", "average", "--local-steps", "2", "--partitions", "3");
    Outcome refused = three.resume("--mode", "average", "--local-steps", "2");
    assertEquals(2, refused.code(), refused.err());
    assertEquals("error: resume: avg3.safetensors was written by a run with shards 3, this run"
        + " has 2; resuming would train on other batches than either run (this run's shards"
        + " follow Spark's default parallelism under --master local[2,3], as no --partitions was"
        + " given: give --partitions 3) (see 'chainrule-spark --help')", refused.err().strip());

    // Given, the option is named as before.
    Outcome given = three.resume("--mode", "average", "--local-steps", "2", "--partitions", "2");
    assertEquals(2, given.code(), given.err());
    assertTrue(given.err().contains("this run has 2; resuming would train on other batches than"
        + " either run (set by the launcher's --partitions)"), given.err());
  }

  /**
   * The launcher's own --save file was refused as "not a checkpoint of Spark training: the
   * metadata has no chainrule.spark.mode", which did not say what it was or what to give: it
   * is a saved model, which the program's train --load trains further. Still the run's failure
   * (exit 1), as a file that cannot be resumed for what it holds.
   */
  @Test
  void aSavedModelIsNamedAsOne() {
    Path saved = dir.resolve("saved.safetensors");
    Outcome save = InProcessLaunch.launch("--csv", averaged.csv().toString(), "--label",
        "class", "--epochs", "1", "--save", saved.toString());
    assertEquals(0, save.code(), save.err());
    Outcome refused = InProcessLaunch.launch("--csv", averaged.csv().toString(), "--label",
        "class", "--epochs", "2", "--resume", saved.toString());
    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("resume: saved.safetensors is a saved model, not the"
        + " checkpoint of a Spark run (its metadata has no \"chainrule.spark.mode\"): resume"
        + " from the file the run's checkpoints went to (the launcher's --checkpoint), or train"
        + " the model further with the program's train --load"), refused.err());
  }
}
